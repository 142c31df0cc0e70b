"""PostgreSQL enforces the permission rule itself, with forced row-level security: a member who bypasses
tasktrack and writes SQL as their own login role is held to the same rule as the services apply."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, select, text
from sqlalchemy.exc import DBAPIError

from tasktrack.errors import UserError
from tasktrack.models import Task
from tasktrack.services.access import Access, MemberService, grant, may_change_function
from tasktrack.services.base import unit_of_work
from tasktrack.services.ledger import Ledger
from tasktrack.store import chain
from tests.conftest import BACKEND
from tests.test_permissions import BOSS, LI, NOBODY, WANG, OpenAs, ensure_role, members, office, open_as, url_as

pytestmark = pytest.mark.skipif(BACKEND != "postgresql", reason="row-level security is PostgreSQL's")
__all__ = ["office", "open_as"]  # the fixtures, shared with the service-level tests

RLS_TABLES = (
    "plan",
    "unit",
    "indicator",
    "indicatorreading",
    "responsibility",
    "member",
    "task",
    "milestone",
    "evidence",
    "progressreport",
    "change",
    "reportissue",
    "remindersent",
    "request",
    "duty",
    "dutyremindersent",
)


@pytest.fixture
def sql_as(db_path: Path) -> Iterator:  # type: ignore[type-arg]
    """sql_as(role): a raw connection as that login role, in a transaction that commits on success."""
    engines = []

    def connect(role: str, *, autocommit: bool = True) -> Connection:
        """Autocommit: each statement its own transaction; else the caller commits (or it rolls back)."""
        engine = create_engine(url_as(db_path, role), isolation_level="AUTOCOMMIT" if autocommit else None)
        engines.append(engine)
        return engine.connect()

    yield connect
    for engine in engines:
        engine.dispose()


def run(conn: Connection, sql: str, **params: object) -> int:
    return conn.execute(text(sql), params).rowcount


# A change row as one writes it by hand: the database sets its id, time, db_user and hash.
LOG = (
    "INSERT INTO change (actor, command_id, entity, entity_id, field, new) "
    "SELECT 'by hand', 'raw-sql', :entity, id, :field, :new FROM {table} WHERE {where}"
)


def log(conn: Connection, table: str, where: str, field: str, new: object = None, entity: str | None = None) -> int:
    """Log a raw write to the rows of `table` matching `where`, as tasktrack would (entity, id, field)."""
    sql = LOG.format(table=table, where=where)
    return run(conn, sql, entity=entity or table, field=field, new=None if new is None else str(new))


def value(ledger: Ledger, sql: str, **params: object) -> object:
    with ledger.ctx.engine.connect() as conn:  # the superuser: sees the truth
        return conn.execute(text(sql), params).scalar()


def test_the_tables_force_row_level_security_and_the_app_role_does_not_own_them(
    ledger: Ledger, open_as: OpenAs
) -> None:
    open_as(WANG)
    with ledger.ctx.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) "
                "FROM pg_class c WHERE c.relname = ANY(:names) AND c.relkind = 'r'"
            ),
            {"names": list(RLS_TABLES)},
        ).all()
    assert {r[0] for r in rows} == set(RLS_TABLES)
    assert all(r[1] and r[2] for r in rows)
    assert WANG not in {r[3] for r in rows}
    from sqlmodel import SQLModel

    assert set(RLS_TABLES) == {t.name for t in SQLModel.metadata.sorted_tables}  # every table, none left out


def test_a_member_cannot_number_circulars_or_forge_the_reminder_sent_log(
    ledger: Ledger, office: dict[str, Ledger], sql_as
) -> None:  # type: ignore[no-untyped-def]
    """A member's rows here would take the coordinator's next issue number, or make `remind --send`
    believe a reminder went out (and so send nothing): refused by the database."""
    boss = office["boss"]
    with ledger.ctx.engine.begin() as conn:  # one row of each, by the tables' owner (no change row needed)
        conn.execute(text(
            "INSERT INTO reportissue (kind, scope, issue_no, as_of, actor, created_at) "
            "VALUES ('weekly', 'plan=*;unit=*', 1, '2022-01-03', 'boss', now())"
        ))  # fmt: skip
        conn.execute(text(
            "INSERT INTO remindersent (milestone_id, recipient, stage, level, as_of, message_id, actor, sent_at) "
            "SELECT id, 'kjj@example.invalid', 'overdue-w0', 'overdue', '2022-01-03', '<m1@x>', 'boss', now() "
            "FROM milestone WHERE code = '1-M1'"
        ))  # fmt: skip
    with sql_as(WANG) as conn:
        for sql in (
            "INSERT INTO reportissue (kind, scope, issue_no, as_of, actor, created_at) "
            "VALUES ('weekly', 'plan=*;unit=*', 2, '2022-01-10', '王五', now())",
            "INSERT INTO remindersent (milestone_id, recipient, stage, level, as_of, message_id, actor, sent_at) "
            "SELECT id, 'czj@example.invalid', 'overdue-w0', 'overdue', '2022-01-10', '<f@x>', '王五', now() "
            "FROM milestone",
        ):
            with pytest.raises(DBAPIError, match="row-level security"):
                run(conn, sql)
        for table in ("reportissue", "remindersent"):
            assert run(conn, f"UPDATE {table} SET as_of = '2030-01-01'") == 0
            assert run(conn, f"DELETE FROM {table}") == 0
    assert value(boss, "SELECT count(*) FROM reportissue WHERE as_of = '2022-01-03'") == 1
    assert value(boss, "SELECT count(*) FROM remindersent WHERE as_of = '2022-01-03'") == 1


def test_a_member_writes_their_units_milestone_through_tasktrack_and_the_database_agrees(
    office: dict[str, Ledger], sql_as
) -> None:  # type: ignore[no-untyped-def]
    wang = office["wang"]
    assert wang.milestones.record_actual("1-M1", 12).actual == 12
    assert value(wang, "SELECT db_user FROM change ORDER BY id DESC LIMIT 1") == WANG
    with sql_as(WANG, autocommit=False) as conn:  # and by hand: RLS lets through what the rule allows,
        assert run(conn, "UPDATE milestone SET actual = 13 WHERE code = '1-M1'") == 1
        assert log(conn, "milestone", "code = '1-M1'", "actual", 13) == 1  # logged as tasktrack logs it
        conn.commit()
    assert value(wang, "SELECT actual FROM milestone WHERE code = '1-M1'") == 13


def test_another_units_milestone_is_refused_by_tasktrack_and_by_the_database(
    office: dict[str, Ledger], sql_as
) -> None:  # type: ignore[no-untyped-def]
    wang, boss = office["wang"], office["boss"]
    with pytest.raises(UserError, match="区财政局 neither leads nor co-owns task 2-4"):
        wang.milestones.record_actual("2-M3", 300)
    with sql_as(WANG) as conn:
        assert run(conn, "UPDATE milestone SET actual = 300 WHERE code = '2-M3'") == 0  # filtered out
        assert run(conn, "DELETE FROM progressreport") == 0
        with pytest.raises(DBAPIError, match="row-level security"):
            run(
                conn,
                "INSERT INTO evidence (milestone_id, author, created_at, text, is_demo) "
                "SELECT id, 'x', now(), '伪造', false FROM milestone WHERE code = '2-M3'",
            )
        with pytest.raises(DBAPIError, match="row-level security"):  # nor moved onto one's own task
            run(
                conn,
                "UPDATE milestone SET task_id = (SELECT id FROM task WHERE code = '2-4' AND depth = 2) "
                "WHERE code = '1-M1'",
            )
    assert value(boss, "SELECT actual FROM milestone WHERE code = '2-M3'") is None
    assert value(boss, "SELECT count(*) FROM evidence") == 0


def test_a_member_cannot_make_themselves_a_coordinator_or_reassign_tasks(
    office: dict[str, Ledger], sql_as
) -> None:  # type: ignore[no-untyped-def]
    boss = office["boss"]
    with sql_as(WANG) as conn:
        assert (
            run(conn, "UPDATE member SET role = 'coordinator', unit_id = NULL WHERE account = :a", a=WANG)
            == 0
        )
        assert run(conn, "DELETE FROM member") == 0
        assert run(conn, "DELETE FROM responsibility") == 0
        assert run(conn, "UPDATE unit SET contact = '王五'") == 0
        for sql in (
            f"INSERT INTO member (account, role, created_at) VALUES ('{WANG}', 'coordinator', now())",
            "INSERT INTO responsibility (task_id, unit_id, role, is_demo) "
            "SELECT t.id, u.id, 'co', false FROM task t, unit u WHERE t.code = '2-4' AND u.short_name = '区财政局'",
            "INSERT INTO unit (name, is_demo, version) VALUES ('伪造单位', false, 1)",
            "INSERT INTO task (plan_id, code, title, depth, position, status, version) "
            "SELECT id, '99', '新工程', 1, 99, 'not_started', 1 FROM plan WHERE key = 'kaizhou-7p'",
        ):
            with pytest.raises(DBAPIError, match="row-level security"):
                run(conn, sql)
    assert value(boss, "SELECT count(*) FROM member WHERE role = 'coordinator'") == 1
    assert value(boss, "SELECT count(*) FROM unit") == 3


def test_the_change_log_takes_only_rows_in_ones_own_name_at_the_databases_time(
    office: dict[str, Ledger], sql_as
) -> None:  # type: ignore[no-untyped-def]
    insert = (
        "INSERT INTO change (at, actor, os_user, db_user, command_id, entity, entity_id, field, prev_hash, hash) "
        "VALUES ('2020-01-01 00:00:00+00', '王五', 'wangwu', :db_user, 'x', 'milestone', 1, 'note', 'f', 'f')"
    )
    with sql_as(WANG) as conn:
        with pytest.raises(DBAPIError, match="db_user is set by the database"):
            run(conn, insert, db_user=LI)
        for db_user in (WANG, None):  # one's own name, or none given: the database writes it
            assert run(conn, insert, db_user=db_user) == 1
        for sql in ("UPDATE change SET actor = '李四'", "DELETE FROM change"):  # never granted
            with pytest.raises(DBAPIError, match="permission denied"):
                run(conn, sql)
    boss = office["boss"]
    assert value(boss, "SELECT count(*) FROM change WHERE db_user = :u", u=LI) == 0
    with boss.ctx.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT db_user, at > now() - interval '1 hour', hash <> 'f' FROM change WHERE command_id = 'x'"
            )
        ).all()
        assert [tuple(r) for r in rows] == [(WANG, True, True)] * 2  # the forged time and hash were not kept
        assert chain.verify(conn).ok  # and the rows are links of the chain like any other


def test_closed_milestones_and_accepted_evidence_are_the_coordinators(
    office: dict[str, Ledger], sql_as
) -> None:  # type: ignore[no-untyped-def]
    wang, boss = office["wang"], office["boss"]
    wang.evidence.add("1-M1", text="认定名单")
    boss.milestones.set_status("1-M1", "closed")
    with sql_as(WANG) as conn:
        assert run(conn, "UPDATE milestone SET status = 'in_progress' WHERE code = '1-M1'") == 0
        assert run(conn, "UPDATE evidence SET text = '改过'") == 0
        with pytest.raises(DBAPIError, match="row-level security"):
            run(conn, "UPDATE milestone SET status = 'closed' WHERE code = '1-M2'")
    assert value(boss, "SELECT status FROM milestone WHERE code = '1-M1'") == "closed"
    assert value(boss, "SELECT status FROM milestone WHERE code = '1-M2'") == "not_started"


def test_a_coordinator_role_may_change_anything(office: dict[str, Ledger], sql_as) -> None:  # type: ignore[no-untyped-def]
    with sql_as(BOSS, autocommit=False) as conn:  # (each write logged, as every non-owner's must be)
        assert run(conn, "UPDATE milestone SET actual = 1") == 29
        assert log(conn, "milestone", "true", "actual", 1) == 29
        assert run(conn, "UPDATE unit SET contact = '联络员'") == 3
        assert log(conn, "unit", "true", "contact", "联络员") == 3
        assert run(conn, "UPDATE member SET created_at = now()") == 3
        assert log(conn, "member", "true", "created_at") == 3
        assert run(conn, "UPDATE task SET parent_id = NULL WHERE code = '1-3'") == 1  # moving a task
        assert log(conn, "task", "code = '1-3'", "parent_id") == 1
        conn.commit()
    assert value(office["boss"], "SELECT count(*) FROM milestone WHERE actual = 1") == 29


def test_open_mode_allows_everyone(ledger: Ledger, open_as: OpenAs, sql_as) -> None:  # type: ignore[no-untyped-def]
    open_as(NOBODY)  # the role, with its grants
    with sql_as(NOBODY, autocommit=False) as conn:
        assert run(conn, "UPDATE milestone SET actual = 1") == 29
        assert log(conn, "milestone", "true", "actual", 1) == 29
        assert run(conn, "INSERT INTO unit (name, is_demo, version) VALUES ('开州区统计局', false, 1)") == 1
        assert log(conn, "unit", "name = '开州区统计局'", "created") == 1
        conn.commit()


def test_the_database_and_the_services_apply_the_same_rule_to_every_task(office: dict[str, Ledger]) -> None:
    """tasktrack_may_change() in SQL and Access in Python, for every task and account: no drift."""
    for who in ("wang", "li", "nobody", "boss"):
        lg = office[who]
        with unit_of_work(lg.ctx, "probe") as uow:
            ids = uow.session.execute(select(Task.id).order_by(Task.id)).scalars().all()
            in_sql = {
                tid: uow.session.execute(text("SELECT tasktrack_may_change(:t)"), {"t": tid}).scalar()
                for tid in ids
            }
            in_python = {}
            for tid in ids:
                try:
                    Access(lg.ctx).require_task(uow, tid)
                    in_python[tid] = True
                except UserError:
                    in_python[tid] = False
        assert in_sql == in_python, who
        allowed = sum(in_sql.values())
        expected = {"boss": len(ids), "nobody": 0}.get(who)
        assert allowed == expected if expected is not None else 0 < allowed < len(ids), who


def test_the_policy_generated_from_the_owner_definition_is_the_rule_the_services_apply(
    ledger: Ledger, office: dict[str, Ledger]
) -> None:
    """access.may_change_function() (tasktrack.store.owners' task_owner, as a migration installs it)
    allows exactly what Access allows, for every task and account, inherited leads and co-units included."""
    with ledger.ctx.engine.begin() as conn:
        schema = conn.exec_driver_sql("SELECT current_schema()").scalar()
        conn.exec_driver_sql(may_change_function('"' + str(schema).replace('"', '""') + '"'))
        body = conn.exec_driver_sql(
            "SELECT prosrc FROM pg_proc WHERE proname = 'tasktrack_may_change'"
        ).scalar()
    assert "task_owner" in str(body)
    test_the_database_and_the_services_apply_the_same_rule_to_every_task(office)


def test_grant_refuses_roles_that_row_level_security_would_not_bind(ledger: Ledger) -> None:
    with pytest.raises(UserError, match="superuser"):
        grant(ledger.ctx, "postgres")
    with pytest.raises(UserError, match="there is no PostgreSQL role"):
        grant(ledger.ctx, "tt_no_such_role_at_all")


def test_a_member_must_be_a_login_role_or_it_could_never_act(ledger: Ledger) -> None:
    with pytest.raises(UserError, match="there is no PostgreSQL role tt_no_such_role_at_all"):
        MemberService(ledger.ctx).add("tt_no_such_role_at_all", coordinator=True)
    assert MemberService(ledger.ctx).is_open()


def test_cli_grant_lets_a_new_role_read_and_holds_it_to_the_rule(cli, db_path: Path, ledger: Ledger) -> None:  # type: ignore[no-untyped-def]
    ensure_role(ledger, "tt_zhao")
    ensure_role(ledger, BOSS)
    assert cli("member", "grant", "tt_zhao").code == 0
    MemberService(ledger.ctx).add(BOSS, coordinator=True)
    zhao = url_as(db_path, "tt_zhao")
    assert cli("plan", "list", db=zhao).code == 0
    r = cli("milestone", "progress", "1-M1", "5", db=zhao)
    assert r.code == 2 and "账号 tt_zhao 不属于任何单位" in r.err


# -- issue 17's gaps: each as a member's raw SQL, refused by the database ----------------------------------

TASK = "(SELECT t.id FROM task t JOIN plan p ON p.id = t.plan_id WHERE p.key = 'kaizhou-7p' AND t.code = '{}')"
MILESTONE = "(SELECT m.id FROM milestone m WHERE m.code = '{}')"
UNIT = "(SELECT u.id FROM unit u WHERE u.short_name = '{}')"


def test_evidence_names_a_milestone_of_its_own_task_and_one_the_member_may_change(
    office: dict[str, Ledger], sql_as
) -> None:  # type: ignore[no-untyped-def]
    """王五 leads 1-3, not 2-4: evidence 'on task 1-3' pointing at 2-4's milestone 2-M3 is not theirs to add,
    and nobody's (a milestone of another task); evidence on 1-3's own milestone is."""
    wang, boss = office["wang"], office["boss"]
    mine = wang.evidence.add("kaizhou-7p:1-3", text="工作方案", on_task=True).id
    insert = (
        "INSERT INTO evidence (task_id, milestone_id, author, created_at, text, is_demo) "
        "VALUES ({task}, {milestone}, '王五', now(), '借道佐证', false)"
    )
    with sql_as(WANG) as conn:
        for sql in (
            insert.format(task=TASK.format("1-3"), milestone=MILESTONE.format("2-M3")),
            f"UPDATE evidence SET milestone_id = {MILESTONE.format('2-M3')} WHERE id = {mine}",
        ):
            with pytest.raises(DBAPIError, match="row-level security"):
                run(conn, sql)
    with sql_as(BOSS) as conn:  # a coordinator may add evidence anywhere, but not on two tasks at once
        with pytest.raises(DBAPIError, match="row-level security"):
            run(conn, insert.format(task=TASK.format("1-3"), milestone=MILESTONE.format("2-M3")))
    with sql_as(WANG) as conn:  # (from 0010 a member's evidence names its own unit: without one, refused)
        with pytest.raises(DBAPIError, match="row-level security"):
            run(conn, insert.format(task=TASK.format("1-3"), milestone=MILESTONE.format("1-M1")))
    own = insert.replace("(task_id,", "(unit_id, task_id,").replace("VALUES (", f"VALUES ({UNIT.format('区财政局')}, ")
    with sql_as(WANG, autocommit=False) as conn:  # the milestone of one's own task, in its unit's name, is fine
        assert run(conn, own.format(task=TASK.format("1-3"), milestone=MILESTONE.format("1-M1"))) == 1
        assert log(conn, "evidence", "text = '借道佐证'", "created") == 1
        conn.commit()
    assert value(boss, "SELECT count(*) FROM evidence WHERE milestone_id = " + MILESTONE.format("2-M3")) == 0
    assert value(boss, "SELECT count(*) FROM evidence") == 2


def test_a_members_progress_report_is_in_the_name_of_its_own_unit(
    office: dict[str, Ledger], sql_as
) -> None:  # type: ignore[no-untyped-def]
    """2-5 is led by 区发改委 and co-owned by 区财政局 (王五's): 王五 reports on it as 区财政局 only."""
    wang, boss = office["wang"], office["boss"]
    for unit, message in (
        ("区发改委", "may not file a progress report for 区发改委: the account is a member of 区财政局"),
    ):
        with pytest.raises(UserError, match=message):
            wang.progress.add("kaizhou-7p:2-5", unit=unit, period="2021-12", progress="代报")
    insert = (
        "INSERT INTO progressreport (task_id, milestone_id, unit_id, period, progress, author, created_at, is_demo) "
        "VALUES ({task}, {milestone}, {unit}, '2021-12', '代报', '王五', now(), false)"
    )
    task = TASK.format("2-5")
    with sql_as(WANG) as conn:
        for unit in (UNIT.format("区发改委"), "NULL", UNIT.format("区科技局")):
            with pytest.raises(DBAPIError, match="row-level security"):
                run(conn, insert.format(task=task, milestone="NULL", unit=unit))
        with pytest.raises(DBAPIError, match="row-level security"):  # nor on another task's milestone
            run(conn, insert.format(task=task, milestone=MILESTONE.format("2-M3"), unit=UNIT.format("区财政局")))
    assert value(boss, "SELECT count(*) FROM progressreport") == 0
    assert wang.progress.add("kaizhou-7p:2-5", unit="区财政局", period="2021-12", progress="推进中").id
    assert boss.progress.add("kaizhou-7p:2-5", unit="区发改委", period="2021-12", progress="推进中").id
    with sql_as(WANG, autocommit=False) as conn:
        assert run(conn, insert.format(task=task, milestone="NULL", unit=UNIT.format("区财政局"))) == 1
        assert log(conn, "progressreport", "progress = '代报'", "created", entity="progress") == 1
        conn.commit()
    assert value(boss, "SELECT count(*) FROM progressreport") == 3


def test_a_member_cannot_move_its_own_task_or_milestone_in_the_plans_structure(
    office: dict[str, Ledger], sql_as
) -> None:  # type: ignore[no-untyped-def]
    """Row security alone let 王五 make their task 1-3 a programme or take it to another plan (the new row
    is still theirs); the plan's structure is the coordinators'."""
    boss = office["boss"]
    other_plan = "(SELECT id FROM plan WHERE key <> 'kaizhou-7p' ORDER BY id LIMIT 1)"
    before = value(boss, f"SELECT plan_id::text || '/' || parent_id::text FROM task WHERE id = {TASK.format('1-3')}")
    with sql_as(WANG) as conn:
        for sql in (
            f"UPDATE task SET parent_id = NULL WHERE id = {TASK.format('1-3')}",
            f"UPDATE task SET plan_id = {other_plan} WHERE id = {TASK.format('1-3')}",
            f"UPDATE milestone SET plan_id = {other_plan} WHERE code = '1-M1'",
        ):
            with pytest.raises(DBAPIError, match="only a coordinator may move it"):
                run(conn, sql)
        for sql in (  # a new sub-task or milestone of one's own task, filed under another plan
            "INSERT INTO task (plan_id, parent_id, code, title, depth, position, status, version) "
            f"VALUES ({other_plan}, {TASK.format('1-3')}, '1-3-9', '借道', 3, 9, 'not_started', 1)",
            "INSERT INTO milestone (plan_id, task_id, code, metric, year, due, comparison, kind, cumulative, "
            f"aspirational, status, position, version) VALUES ({other_plan}, {TASK.format('1-3')}, '1-M99', "
            "'借道', 2022, '2022-12-31', '>=', 'increment', false, false, 'not_started', 99, 1)",
        ):
            with pytest.raises(DBAPIError, match="is not its task's plan"):
                run(conn, sql)
    after = value(boss, f"SELECT plan_id::text || '/' || parent_id::text FROM task WHERE id = {TASK.format('1-3')}")
    assert after == before
    assert value(boss, "SELECT count(*) FROM task WHERE code = '1-3-9'") == 0


def test_a_write_without_its_change_row_is_refused_at_commit(
    ledger: Ledger, office: dict[str, Ledger], sql_as
) -> None:  # type: ignore[no-untyped-def]
    """Row security allows 王五 to change 1-M1; the change log must say so, in the same transaction."""
    wang, boss = office["wang"], office["boss"]
    ev = wang.evidence.add("1-M1", text="认定名单").id
    update = "UPDATE milestone SET actual = 99, note = '私改' WHERE code = '1-M1'"
    attempts: list[list[str]] = [
        [update],  # no change row at all
        [update, LOG.format(table="milestone", where="code = '1-M1'")],  # the right row, only as 'note'...
        [f"DELETE FROM evidence WHERE id = {ev}"],
        [
            "INSERT INTO evidence (milestone_id, unit_id, author, created_at, text, is_demo) "
            f"VALUES ({MILESTONE.format('1-M1')}, {UNIT.format('区财政局')}, '王五', now(), '无记录', false)"
        ],
    ]
    for statements in attempts:
        with sql_as(WANG, autocommit=False) as conn:
            for sql in statements:
                run(conn, sql, entity="milestone", field="note", new="私改")
            with pytest.raises(DBAPIError, match="has no change-log row in this transaction"):
                conn.commit()  # accepted statement by statement, refused at COMMIT
    with sql_as(WANG) as conn:  # a change row of an earlier transaction does not count for a later write
        assert log(conn, "milestone", "code = '1-M1'", "actual", 99) == 1
    with sql_as(WANG, autocommit=False) as conn:
        run(conn, update)
        with pytest.raises(DBAPIError, match=r"field actual\)"):
            conn.commit()
    assert value(boss, "SELECT actual FROM milestone WHERE code = '1-M1'") is None
    assert value(boss, f"SELECT count(*) FROM evidence WHERE id = {ev}") == 1
    assert value(boss, "SELECT count(*) FROM evidence WHERE text = '无记录'") == 0
    with sql_as(WANG, autocommit=False) as conn:  # every changed column logged: accepted
        run(conn, update)
        assert log(conn, "milestone", "code = '1-M1'", "actual", 99) == 1
        assert log(conn, "milestone", "code = '1-M1'", "note", "私改") == 1
        conn.commit()
    assert value(boss, "SELECT actual FROM milestone WHERE code = '1-M1'") == 99
    with ledger.ctx.engine.begin() as conn:  # the tables' owner (here a superuser) is not bound
        assert conn.execute(text("UPDATE milestone SET actual = 100 WHERE code = '1-M1'")).rowcount == 1


def test_tasktrack_itself_logs_every_write_so_its_commands_pass_for_members_and_coordinators(
    office: dict[str, Ledger],
) -> None:
    """The same use cases as the services' tests, as two non-owner logins the commit check binds."""
    wang, boss = office["wang"], office["boss"]
    wang.milestones.record_actual("1-M1", 12, note="截至12月")
    wang.milestones.edit("1-M1", {"note": "按月调度"})
    wang.milestones.set_status("1-M2", "in_progress")
    wang.evidence.add("1-M1", text="认定名单")
    wang.evidence.add("kaizhou-7p:1-3", text="工作方案", on_task=True)
    report = wang.progress.add("kaizhou-7p:2-5", unit="区财政局", period="2021-12", progress="推进中")
    wang.progress.remove(report.id, reason="报错期间")
    wang.tasks.add("kaizhou-7p", "1-3-1", "科技型企业入库培育", parent="1-3")
    wang.milestones.add("kaizhou-7p:1-3-1", "1-M9", "新增入库企业", 2022, target=20)
    wang.tasks.edit("kaizhou-7p:1-3", {"note": "重点督办"})
    wang.undo.undo()
    boss.units.add("开州区统计局", short_name="区统计局")
    boss.units.edit("区统计局", {"contact": "吴婷"})
    boss.tasks.assign("kaizhou-7p:1-3", co=["区统计局"])
    boss.tasks.assign("kaizhou-7p:1-3", remove=["区统计局"])
    boss.indicators.record("kaizhou-14fyp:专栏2-3", "2021", 256)
    boss.milestones.set_status("1-M1", "closed", note="未达标（12家），按实际销号")  # 12 of ≥50: said in words
    boss.undo.undo()
    members(boss).add(LI, unit="区财政局")
    members(boss).remove(LI, unit="区财政局")
    with boss.ctx.engine.connect() as conn:
        assert chain.verify(conn).ok
    assert boss.milestones.get("1-M1").status == "in_progress"
    assert wang.tasks.get("kaizhou-7p:1-3").note is None  # (wang's undo took the note back)


# -- the guard: every table in the model, a member's raw write outside its rights refused -------------------

OTHER_PLAN = "(SELECT id FROM plan WHERE key <> 'kaizhou-7p' ORDER BY id LIMIT 1)"
# Per table: statements 王五 (区财政局: 1-3, co-owner of 2-5) may not run. Each is refused outright, or
# touches no row (row security hides what is not theirs to change); none changes anything.
OUTSIDE_RIGHTS: dict[str, tuple[str, ...]] = {
    "plan": (
        "INSERT INTO plan (key, title, version) VALUES ('forged', '伪造规划', 1)",
        "UPDATE plan SET title = '改'",
        "DELETE FROM plan",
    ),
    "unit": (
        "INSERT INTO unit (name, is_demo, version) VALUES ('伪造单位', false, 1)",
        "UPDATE unit SET contact = '王五'",
        "DELETE FROM unit",
    ),
    "task": (
        "INSERT INTO task (plan_id, code, title, depth, position, status, version) "
        "SELECT id, '99', '新工程', 1, 99, 'not_started', 1 FROM plan WHERE key = 'kaizhou-7p'",
        f"UPDATE task SET note = '改' WHERE id = {TASK.format('2-4')}",
        f"UPDATE task SET parent_id = NULL WHERE id = {TASK.format('1-3')}",
        f"UPDATE task SET plan_id = {OTHER_PLAN} WHERE id = {TASK.format('1-3')}",
        f"DELETE FROM task WHERE id = {TASK.format('2-4')}",
    ),
    "responsibility": (
        "INSERT INTO responsibility (task_id, unit_id, role, is_demo) "
        f"VALUES ({TASK.format('2-4')}, {UNIT.format('区财政局')}, 'co', false)",
        "UPDATE responsibility SET role = 'co'",
        "DELETE FROM responsibility",
    ),
    "milestone": (
        "INSERT INTO milestone (plan_id, task_id, code, metric, year, due, comparison, kind, cumulative, "
        f"aspirational, status, position, version) SELECT plan_id, id, '2-M99', '伪造', 2022, '2022-12-31', "
        f"'>=', 'increment', false, false, 'not_started', 99, 1 FROM task WHERE id = {TASK.format('2-4')}",
        "UPDATE milestone SET actual = 300 WHERE code = '2-M3'",
        f"UPDATE milestone SET task_id = {TASK.format('2-4')} WHERE code = '1-M1'",
        f"UPDATE milestone SET plan_id = {OTHER_PLAN} WHERE code = '1-M1'",
        "UPDATE milestone SET status = 'closed' WHERE code = '1-M2'",
        "DELETE FROM milestone WHERE code = '2-M3'",
    ),
    "indicator": (
        "INSERT INTO indicator (plan_id, code, name, attribute, cumulative, position, version) "
        "SELECT id, 'X-1', '伪造指标', 'expected', false, 9, 1 FROM plan WHERE key = 'kaizhou-7p'",
        "UPDATE indicator SET target_value = 1",
        "DELETE FROM indicator",
    ),
    "indicatorreading": (
        "INSERT INTO indicatorreading (indicator_id, period, value, actor, recorded_at, is_demo, version) "
        "SELECT id, '2030', 1, '王五', now(), false, 1 FROM indicator",
        "UPDATE indicatorreading SET value = 1",
        "DELETE FROM indicatorreading",
    ),
    "evidence": (
        "INSERT INTO evidence (milestone_id, author, created_at, text, is_demo) "
        f"VALUES ({MILESTONE.format('2-M3')}, '王五', now(), '伪造', false)",
        "INSERT INTO evidence (task_id, milestone_id, author, created_at, text, is_demo) "
        f"VALUES ({TASK.format('1-3')}, {MILESTONE.format('2-M3')}, '王五', now(), '借道', false)",
        "UPDATE evidence SET text = '改'",
        "DELETE FROM evidence",
    ),
    "progressreport": (
        "INSERT INTO progressreport (task_id, unit_id, period, progress, author, created_at, is_demo) "
        f"VALUES ({TASK.format('2-4')}, {UNIT.format('区财政局')}, '2021-12', '伪造', '王五', now(), false)",
        "INSERT INTO progressreport (task_id, unit_id, period, progress, author, created_at, is_demo) "
        f"VALUES ({TASK.format('2-5')}, {UNIT.format('区发改委')}, '2021-12', '代报', '王五', now(), false)",
        "UPDATE progressreport SET progress = '改'",
        "DELETE FROM progressreport",
    ),
    "member": (
        f"INSERT INTO member (account, role, created_at) VALUES ('{WANG}', 'coordinator', now())",
        "UPDATE member SET role = 'coordinator', unit_id = NULL",
        "DELETE FROM member",
    ),
    "change": (
        "INSERT INTO change (actor, command_id, entity, entity_id, field, db_user) "
        f"VALUES ('李四', 'x', 'milestone', 1, 'note', '{LI}')",
        "UPDATE change SET actor = '李四'",
        "DELETE FROM change",
    ),
    "reportissue": (
        "INSERT INTO reportissue (kind, scope, issue_no, as_of, actor, created_at) "
        "VALUES ('weekly', 'plan=*;unit=*', 2, '2022-01-10', '王五', now())",
        "UPDATE reportissue SET as_of = '2030-01-01'",
        "DELETE FROM reportissue",
    ),
    "request": (  # decided by a member, or about another unit's milestone
        "INSERT INTO request (kind, milestone_id, reason, state, requested_by, requested_account, requested_at) "
        "SELECT 'due', id, '自批', 'approved', '王五', 'tt_wang', now() FROM milestone WHERE code = '1-M1'",
        "INSERT INTO request (kind, milestone_id, reason, state, requested_by, requested_account, requested_at) "
        f"VALUES ('target', {MILESTONE.format('2-M3')}, '代报', 'pending', '王五', 'tt_wang', now())",
        "UPDATE request SET state = 'approved', decided_by = '王五'",
        "DELETE FROM request",
    ),
    "remindersent": (
        "INSERT INTO remindersent (milestone_id, recipient, stage, level, as_of, message_id, actor, sent_at) "
        "SELECT id, 'czj@example.invalid', 'overdue-w0', 'overdue', '2022-01-10', '<f@x>', '王五', now() "
        "FROM milestone",
        "UPDATE remindersent SET as_of = '2030-01-01'",
        "DELETE FROM remindersent",
    ),
    "duty": (  # duties are set by coordinators: a member may not set, ease or drop one
        "INSERT INTO duty (unit_id, phrase, cadence, what, starts, version) "
        f"VALUES ({UNIT.format('区财政局')}, '每季度末报送进展', 'quarterly', '报送进展', '2021-01-01', 1)",
        "UPDATE duty SET day = 28",
        "DELETE FROM duty",
    ),
    "dutyremindersent": (
        "INSERT INTO dutyremindersent (duty_id, unit_id, period, stage, recipient, as_of, message_id, actor, sent_at) "
        f"SELECT id, {UNIT.format('区财政局')}, '2021-12', 'overdue-w0', 'czj@example.invalid', '2022-01-10', '<f@x>', "
        "'王五', now() FROM duty",
        "UPDATE dutyremindersent SET stage = 'soon-3'",
        "DELETE FROM dutyremindersent",
    ),
}


def test_the_guard_lists_every_table_in_the_model() -> None:
    from sqlmodel import SQLModel

    assert set(OUTSIDE_RIGHTS) == {t.name for t in SQLModel.metadata.sorted_tables} == set(RLS_TABLES)


def _fingerprint(ledger: Ledger, table: str) -> tuple[int, str]:
    with ledger.ctx.engine.connect() as conn:  # the superuser: every row as it is
        return tuple(conn.execute(text(f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM {table} t")).one())  # type: ignore[return-value]


@pytest.fixture
def filled(ledger: Ledger, office: dict[str, Ledger]) -> dict[str, Ledger]:
    """The office with a row in every table for the member's writes to aim at."""
    boss, li = office["boss"], office["li"]
    boss.indicators.record("kaizhou-14fyp:专栏2-3", "2021", 256)
    li.evidence.add("2-M3", text="名单")
    li.progress.add("kaizhou-7p:2-4", unit="区科技局", period="2021-12", progress="推进中")
    with ledger.ctx.engine.begin() as conn:  # the tables' owner, as the migration's role would
        conn.execute(text(
            "INSERT INTO reportissue (kind, scope, issue_no, as_of, actor, created_at) "
            "VALUES ('weekly', 'plan=*;unit=*', 1, '2022-01-03', 'boss', now())"
        ))  # fmt: skip
        conn.execute(text(
            "INSERT INTO remindersent (milestone_id, recipient, stage, level, as_of, message_id, actor, sent_at) "
            "SELECT id, 'kjj@example.invalid', 'overdue-w0', 'overdue', '2022-01-03', '<m1@x>', 'boss', now() "
            "FROM milestone WHERE code = '2-M3'"
        ))  # fmt: skip
        conn.execute(text(
            "INSERT INTO request (kind, milestone_id, reason, state, requested_by, requested_account, requested_at) "
            "SELECT 'due', id, '申请延期', 'pending', '李四', 'tt_li', now() FROM milestone WHERE code = '2-M3'"
        ))  # fmt: skip
    boss.duties.add("每月25日前报送进展", plan="kaizhou-7p")
    with ledger.ctx.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO dutyremindersent (duty_id, unit_id, period, stage, recipient, as_of, message_id, actor, sent_at) "
            "SELECT d.id, u.id, '2021-12', 'overdue-w0', 'kjj@example.invalid', '2022-01-03', '<d1@x>', 'boss', now() "
            "FROM duty d, unit u WHERE u.short_name = '区科技局'"
        ))  # fmt: skip
    return office


@pytest.mark.parametrize("table", sorted(OUTSIDE_RIGHTS))
def test_a_members_raw_write_outside_its_rights_is_refused_on_every_table(
    table: str, filled: dict[str, Ledger], sql_as
) -> None:  # type: ignore[no-untyped-def]
    boss = filled["boss"]
    assert _fingerprint(boss, table)[0] > 0, "the table needs a row for the attempts to aim at"
    before = {t: _fingerprint(boss, t) for t in OUTSIDE_RIGHTS}
    with sql_as(WANG) as conn:
        for sql in OUTSIDE_RIGHTS[table]:
            try:
                touched = run(conn, sql)
            except DBAPIError as exc:
                assert re.search(
                    "row-level security|permission denied|only a coordinator|is set by the database", str(exc)
                ), str(exc)
            else:
                assert touched == 0, sql
    assert {t: _fingerprint(boss, t) for t in OUTSIDE_RIGHTS} == before


def test_0006_downgrades_to_the_rules_before_it_and_upgrades_to_the_same_definitions(
    ledger: Ledger, office: dict[str, Ledger], sql_as
) -> None:  # type: ignore[no-untyped-def]
    from tasktrack.store.schema import downgrade, upgrade

    definitions = (
        "SELECT md5(string_agg(pg_get_functiondef(p.oid), '' ORDER BY p.proname)) FROM pg_proc p "
        "WHERE p.proname LIKE 'tasktrack%'",
        "SELECT md5(string_agg(tablename || policyname || coalesce(qual, '') || coalesce(with_check, ''), '' "
        "ORDER BY tablename, policyname)) FROM pg_policies",
        "SELECT md5(string_agg(tgrelid::regclass::text || tgname, '' ORDER BY tgrelid::regclass::text, tgname)) FROM pg_trigger "
        "WHERE NOT tgisinternal",
    )
    at_head = [value(ledger, sql) for sql in definitions]
    engine = ledger.ctx.engine
    downgrade(engine, "0005")
    with sql_as(WANG) as conn:  # 0005's rules: an unlogged write and a move went through
        assert run(conn, "UPDATE milestone SET actual = 7 WHERE code = '1-M1'") == 1
        assert run(conn, f"UPDATE task SET parent_id = NULL WHERE id = {TASK.format('1-3')}") == 1
    assert value(ledger, "SELECT count(*) FROM pg_proc WHERE proname = 'tasktrack_task_owners'") == 0
    upgrade(engine)
    assert [value(ledger, sql) for sql in definitions] == at_head
    with sql_as(WANG) as conn:
        with pytest.raises(DBAPIError, match="has no change-log row"):
            run(conn, "UPDATE milestone SET actual = 8 WHERE code = '1-M1'")
    assert value(ledger, "SELECT actual FROM milestone WHERE code = '1-M1'") == 7

"""PostgreSQL enforces the permission rule itself, with forced row-level security: a member who bypasses
tasktrack and writes SQL as their own login role is held to the same rule as the services apply."""

from __future__ import annotations

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
from tests.test_permissions import BOSS, LI, NOBODY, WANG, OpenAs, ensure_role, office, open_as, url_as

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
)


@pytest.fixture
def sql_as(db_path: Path) -> Iterator:  # type: ignore[type-arg]
    """sql_as(role): a raw connection as that login role, in a transaction that commits on success."""
    engines = []

    def connect(role: str) -> Connection:
        engine = create_engine(url_as(db_path, role), isolation_level="AUTOCOMMIT")
        engines.append(engine)
        return engine.connect()

    yield connect
    for engine in engines:
        engine.dispose()


def run(conn: Connection, sql: str, **params: object) -> int:
    return conn.execute(text(sql), params).rowcount


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
    office: dict[str, Ledger], sql_as
) -> None:  # type: ignore[no-untyped-def]
    """A member's rows here would take the coordinator's next issue number, or make `remind --send`
    believe a reminder went out (and so send nothing): refused by the database."""
    boss = office["boss"]
    with boss.ctx.engine.begin() as conn:  # one row of each, written by the coordinator's session
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
    with sql_as(WANG) as conn:  # and by hand: RLS lets through what the rule allows
        assert run(conn, "UPDATE milestone SET actual = 13 WHERE code = '1-M1'") == 1
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
    with sql_as(BOSS) as conn:
        assert run(conn, "UPDATE milestone SET actual = 1") == 29
        assert run(conn, "UPDATE unit SET contact = '联络员'") == 3
        assert run(conn, "UPDATE member SET created_at = now()") == 3


def test_open_mode_allows_everyone(ledger: Ledger, open_as: OpenAs, sql_as) -> None:  # type: ignore[no-untyped-def]
    open_as(NOBODY)  # the role, with its grants
    with sql_as(NOBODY) as conn:
        assert run(conn, "UPDATE milestone SET actual = 1") == 29
        assert run(conn, "INSERT INTO unit (name, is_demo, version) VALUES ('开州区统计局', false, 1)") == 1


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
    assert r.code == 2 and "account tt_zhao is not a member of any unit" in r.err

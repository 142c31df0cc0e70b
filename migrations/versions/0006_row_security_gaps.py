"""PostgreSQL row security closes the gaps issue 17 found: a member's raw SQL is held to what tasktrack does.

- Evidence and progress reports name a task and, optionally, one of its milestones: the milestone must be
  a milestone of that task, and the session may change that milestone's task (before, a member could
  attach evidence to another unit's milestone through its own task's id).
- A member's progress report is filed in the name of one of the member's own units, and that unit leads
  or co-owns the task (as tasktrack.services.reports_in checks); a coordinator's may name any unit.
- Plan-wide structure is the coordinators': a member may not move a task to another parent or plan, nor
  a milestone to another plan, and a new sub-task or milestone lies in its task's plan. So a changed task
  no longer needs its parent to be the member's too (0004 asked that, which refused a member's edit of its
  own task under another unit's programme).
- Every write to a ledger table by a session that does not own the tables (nor is a superuser) needs a
  change row in the same transaction describing it: the row's entity and id, and for an UPDATE every
  column it changed (but `version`) as the change's field. A deferred constraint trigger checks it at
  COMMIT, where tasktrack's units of work have always logged what they wrote. "The same transaction" is
  the change row's xmin: its inserting transaction, the top-level one (a change row written inside a
  savepoint does not count; tasktrack uses none). The owner, who could drop the trigger anyway, is not
  bound, as the change log's own trigger lets it state the time.

SQLite has no roles: there tasktrack.services.access is the rule, and this migration changes nothing.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The change log's entity for each table, the column holding its id there, and whether an UPDATE needs a
# change row per changed column ("fields") or one for the entity at all ("row": a task's assignments are
# logged on the task, field 'lead' or 'co').
LOGGED = (
    ("plan", "plan", "id", "fields"),
    ("unit", "unit", "id", "fields"),
    ("task", "task", "id", "fields"),
    ("responsibility", "task", "task_id", "row"),
    ("milestone", "milestone", "id", "fields"),
    ("indicator", "indicator", "id", "fields"),
    ("indicatorreading", "reading", "id", "fields"),
    ("evidence", "evidence", "id", "fields"),
    ("progressreport", "progress", "id", "fields"),
    ("member", "member", "id", "fields"),
    ("reportissue", "report", "id", "fields"),
    ("remindersent", "reminder", "id", "fields"),
)

FUNCTIONS = """
CREATE FUNCTION tasktrack_task_owners(p_task integer) RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    WITH RECURSIVE chain(id, parent_id, depth) AS (
        SELECT t.id, t.parent_id, 0 FROM task t WHERE t.id = p_task
        UNION ALL
        SELECT t.id, t.parent_id, c.depth + 1 FROM task t JOIN chain c ON t.id = c.parent_id
        WHERE c.depth < 16
    )
    SELECT r.unit_id FROM responsibility r JOIN chain c ON c.id = r.task_id WHERE r.role = 'co'
    UNION ALL
    (SELECT r.unit_id FROM responsibility r JOIN chain c ON c.id = r.task_id
     WHERE r.role = 'lead' ORDER BY c.depth LIMIT 1)
$$;
CREATE OR REPLACE FUNCTION tasktrack_may_change(p_task integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    SELECT tasktrack_is_coordinator()
        OR EXISTS (SELECT 1 FROM member m WHERE m.account = session_user::text AND m.role = 'member'
                   AND m.unit_id IN (SELECT tasktrack_task_owners(p_task)))
$$;
CREATE FUNCTION tasktrack_may_change_item(p_task integer, p_milestone integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    SELECT CASE WHEN p_milestone IS NULL THEN tasktrack_may_change(p_task)
    ELSE coalesce((SELECT (p_task IS NULL OR m.task_id = p_task) AND tasktrack_may_change(m.task_id)
                   FROM milestone m WHERE m.id = p_milestone), false)
    END
$$;
CREATE FUNCTION tasktrack_may_report_for(p_task integer, p_unit integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    SELECT tasktrack_is_coordinator()
        OR EXISTS (SELECT 1 FROM member m WHERE m.account = session_user::text AND m.role = 'member'
                   AND m.unit_id = p_unit AND p_unit IN (SELECT tasktrack_task_owners(p_task)))
$$;
CREATE FUNCTION tasktrack_owns_ledger() RETURNS boolean
LANGUAGE sql STABLE SET search_path = {schema}, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = session_user AND (r.rolsuper
        OR pg_has_role(session_user, (SELECT t.relowner FROM pg_class t WHERE t.oid = 'change'::regclass),
                       'MEMBER')))
$$;
CREATE FUNCTION tasktrack_plan_structure() RETURNS trigger
LANGUAGE plpgsql SET search_path = {schema}, pg_temp AS $$
DECLARE
    moved text;
    plan_of_task integer;
BEGIN
    IF tasktrack_is_coordinator() OR EXISTS (
        SELECT 1 FROM pg_roles r WHERE r.rolname = session_user AND (r.rolsuper OR r.rolbypassrls)
    ) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.plan_id IS DISTINCT FROM OLD.plan_id THEN
            moved := 'plan_id';
        ELSIF TG_TABLE_NAME = 'task' THEN
            IF NEW.parent_id IS DISTINCT FROM OLD.parent_id THEN
                moved := 'parent_id';
            END IF;
        END IF;
    END IF;
    IF moved IS NOT NULL THEN
        RAISE EXCEPTION '% %: only a coordinator may move it (%), the plan''s structure is theirs',
            TG_TABLE_NAME, OLD.id, moved USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_TABLE_NAME = 'task' THEN
        SELECT t.plan_id INTO plan_of_task FROM task t WHERE t.id = NEW.parent_id;
    ELSE
        SELECT t.plan_id INTO plan_of_task FROM task t WHERE t.id = NEW.task_id;
    END IF;
    IF FOUND AND plan_of_task IS DISTINCT FROM NEW.plan_id THEN
        RAISE EXCEPTION '% %: its plan_id % is not its task''s plan %; only a coordinator may do that',
            TG_TABLE_NAME, NEW.id, NEW.plan_id, plan_of_task USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE FUNCTION tasktrack_require_logged() RETURNS trigger
LANGUAGE plpgsql SET search_path = {schema}, pg_temp AS $$
DECLARE
    v_entity text := TG_ARGV[0];
    v_row jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    v_id bigint := (v_row ->> TG_ARGV[1])::bigint;
    v_old jsonb;
    v_fields text[];
    v_missing text;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        v_old := to_jsonb(OLD);
        IF v_old = v_row THEN
            RETURN NULL;  -- nothing written
        END IF;
        IF TG_ARGV[2] = 'fields' THEN
            SELECT array_agg(n.key ORDER BY n.key) INTO v_fields FROM jsonb_each(v_row) n
            WHERE n.key <> 'version' AND n.value IS DISTINCT FROM v_old -> n.key;
        ELSIF (v_old ->> TG_ARGV[1])::bigint IS DISTINCT FROM v_id THEN
            v_fields := NULL;  -- moved to another entity: both must be logged
            IF NOT EXISTS (SELECT 1 FROM change c WHERE c.entity = v_entity
                           AND c.entity_id = (v_old ->> TG_ARGV[1])::bigint
                           AND c.xmin = pg_current_xact_id()::xid) THEN
                v_id := (v_old ->> TG_ARGV[1])::bigint;
                v_missing := '(any)';
            END IF;
        END IF;
    END IF;
    IF v_missing IS NULL AND v_fields IS NULL THEN
        IF NOT EXISTS (SELECT 1 FROM change c WHERE c.entity = v_entity AND c.entity_id = v_id
                       AND c.xmin = pg_current_xact_id()::xid) THEN
            v_missing := '(any)';
        END IF;
    ELSIF v_missing IS NULL THEN
        SELECT f INTO v_missing FROM unnest(v_fields) f WHERE NOT EXISTS (
            SELECT 1 FROM change c WHERE c.entity = v_entity AND c.entity_id = v_id AND c.field = f
                AND c.xmin = pg_current_xact_id()::xid
        ) LIMIT 1;
    END IF;
    IF v_missing IS NOT NULL THEN
        RAISE EXCEPTION '% of % % (%) has no change-log row in this transaction (entity %, id %, field %): '
            'write through tasktrack, or log the change as you make it',
            TG_OP, TG_TABLE_NAME, v_id, session_user, v_entity, v_id, v_missing
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END
$$;
"""
MILESTONE_TASK = "(SELECT m.task_id FROM milestone m WHERE m.id = {table}.milestone_id)"
# (table, who may touch an existing row, who may write a changed row[, a new one]): 0004's, then 0006's.
POLICIES_0004 = (
    (
        "evidence",
        f"tasktrack_may_change(coalesce(task_id, {MILESTONE_TASK.format(table='evidence')})) "
        "AND (accepted_by IS NULL OR tasktrack_is_coordinator())",
        f"tasktrack_may_change(coalesce(task_id, {MILESTONE_TASK.format(table='evidence')})) "
        "AND (accepted_by IS NULL OR tasktrack_is_coordinator())",
    ),
    ("progressreport", "tasktrack_may_change(task_id)", "tasktrack_may_change(task_id)"),
    (
        "task",
        "tasktrack_may_change(id)",
        "tasktrack_may_change(id) AND (parent_id IS NULL OR tasktrack_may_change(parent_id))",
        "tasktrack_may_change(parent_id)",
    ),
)
POLICIES_0006 = (
    (
        "evidence",
        "(tasktrack_is_coordinator() OR tasktrack_may_change_item(task_id, milestone_id)) "
        "AND (accepted_by IS NULL OR tasktrack_is_coordinator())",
        "tasktrack_may_change_item(task_id, milestone_id) AND (accepted_by IS NULL OR tasktrack_is_coordinator())",
    ),
    (
        "progressreport",
        "tasktrack_may_change(task_id)",
        "tasktrack_may_change_item(task_id, milestone_id) AND tasktrack_may_report_for(task_id, unit_id)",
    ),
    # 0004 asked a changed task's parent to be the session's too, which refused a member's edit of its own
    # sub-task under another unit's programme; a member cannot move a task now (the trigger), so the task
    # alone decides. A new one still needs its parent (a programme: a coordinator).
    ("task", "tasktrack_may_change(id)", "tasktrack_may_change(id)", "tasktrack_may_change(parent_id)"),
)
DROP = (
    "DROP FUNCTION IF EXISTS tasktrack_require_logged()",
    "DROP FUNCTION IF EXISTS tasktrack_plan_structure()",
    "DROP FUNCTION IF EXISTS tasktrack_owns_ledger()",
    "DROP FUNCTION IF EXISTS tasktrack_may_report_for(integer, integer)",
    "DROP FUNCTION IF EXISTS tasktrack_may_change_item(integer, integer)",
)


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    op.execute(FUNCTIONS.format(schema=_schema()))
    _policies(POLICIES_0006)
    for table in ("task", "milestone"):
        op.execute(
            f"CREATE TRIGGER tasktrack_plan_structure BEFORE INSERT OR UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION tasktrack_plan_structure()"
        )
    for table, entity, id_column, mode in LOGGED:
        op.execute(
            f"CREATE CONSTRAINT TRIGGER tasktrack_logged AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NOT tasktrack_owns_ledger()) "
            f"EXECUTE FUNCTION tasktrack_require_logged('{entity}', '{id_column}', '{mode}')"
        )


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for table, _, _, _ in LOGGED:
        op.execute(f"DROP TRIGGER IF EXISTS tasktrack_logged ON {table}")
    for table in ("task", "milestone"):
        op.execute(f"DROP TRIGGER IF EXISTS tasktrack_plan_structure ON {table}")
    _policies(POLICIES_0004)
    for statement in DROP:
        op.execute(statement)
    # tasktrack_may_change() as 0004 wrote it, which did not use tasktrack_task_owners()
    op.execute(_functions_0004().format(schema=_schema()).replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"))
    op.execute("DROP FUNCTION IF EXISTS tasktrack_task_owners(integer)")


def _schema() -> str:
    schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar()
    return '"' + schema.replace('"', '""') + '"'


def _policies(policies: tuple[tuple[str, ...], ...]) -> None:
    for table, using, check, *insert_check in policies:
        op.execute(f"ALTER POLICY tasktrack_insert ON {table} WITH CHECK ({(insert_check or [check])[0]})")
        op.execute(f"ALTER POLICY tasktrack_update ON {table} USING ({using}) WITH CHECK ({check})")
        op.execute(f"ALTER POLICY tasktrack_delete ON {table} USING ({using})")


def _functions_0004() -> str:
    spec = importlib.util.spec_from_file_location(
        "tasktrack_migration_0004", Path(__file__).with_name("0004_members_and_identity.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.FUNCTIONS)

"""The ledger sheet (台账) both ways: its rows for export, and an edited sheet applied back in one unit of work.

Applying is all or nothing: every row is tried, every unknown code, unknown unit or refused change is collected
with its row and column, and if there is any, nothing is written. An empty cell changes nothing; none or 无
clears, as on the CLI (the actual value, the lead unit, the co-units); any other word is what it says. Each exported
row carries what it was exported at (importers.ledger_sheet.RowVersion), so that a row that would undo a change
made since the export is refused, naming who made it and when, unless the person asks to overwrite it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select

from tasktrack import present
from tasktrack.domain.kinds import Role, Status
from tasktrack.domain.periods import ShownReports
from tasktrack.domain.vocab import STATUS_ZH
from tasktrack.errors import Conflict, UserError, Words
from tasktrack.importers.ledger_sheet import LedgerRow, LedgerSheet, RowVersion
from tasktrack.importers.planfile import ImportErrors, at
from tasktrack.models import Change, Evidence, Milestone, Plan, ProgressReport, Responsibility, Task, saved_id
from tasktrack.services.access import Access
from tasktrack.services.base import Context, UnitOfWork, actor_words, encode, reading, unit_of_work
from tasktrack.services.milestones import MilestoneService
from tasktrack.services.reports_in import ProgressService
from tasktrack.services.tasks import TaskService
from tasktrack.services.views import MilestoneFilter
from tasktrack.store import refs, staging

PROGRESS_KEYS = ("progress", "problems", "next_steps")
STAGE_ROWS = 200  # sheets of this many rows are staged (store.staging): the write lock is held a moment
STAGE_TRIES = 2  # stagings tried while other writers keep changing the ledger, before applying directly


@dataclass(frozen=True)
class FieldChange:
    """One field a row changes (or would, on a dry run), as the change log records it."""

    row: int  # the sheet's row
    code: str  # the milestone's code
    entity: str  # milestone, task (its units), progress (a new report), evidence (accepted on closing)
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class ImportResult:
    source: str
    rows: int
    milestones: int  # milestones whose own fields changed
    tasks: int  # tasks whose units changed
    reports: int  # progress reports added
    changes: int  # rows added to the change log
    ignored: tuple[str, ...]
    dry_run: bool
    unversioned: int = 0  # rows with no row version: not checked for changes made since the export
    overwritten: tuple[str, ...] = ()  # codes of stale rows applied anyway, as asked
    diff: tuple[FieldChange, ...] = ()  # on a dry run: every field that would change, row by row


def units_version(task_id: int, lookup: Callable[[int], tuple[int | None, int]]) -> tuple[int, list[int]]:
    """The version of a task's units (RowVersion.units) and the tasks it sums: the task's own version plus
    those of the tasks it inherits lead and co-units from, so that a change to any of them changes it.
    `lookup(id)` gives a task's parent id and version."""
    total, chain = 0, []
    node: int | None = task_id
    while node is not None and node not in chain:
        chain.append(node)
        parent, version = lookup(node)
        total += version
        node = parent
    return total, chain


class _Rollback(Exception):
    """Ends a dry run: everything was applied and checked, now undo it."""


@dataclass
class _Run:
    """One import's running state: errors, which row claimed each task's units, what changed."""

    sheet: LedgerSheet
    plan: str | None  # --plan as given
    plan_id: int | None
    errors: list[tuple[int, str | Words]] = field(default_factory=list)
    claims: dict[tuple[int, str], tuple[int, Any]] = field(default_factory=dict)
    milestones: set[int] = field(default_factory=set)
    tasks: set[int] = field(default_factory=set)
    reports: int = 0
    overwrite: frozenset[str] = frozenset()  # --overwrite: codes whose stale rows are applied anyway
    overwrite_all: bool = False  # --overwrite-stale
    named: set[str] = field(default_factory=set)  # the --overwrite codes some row matched
    overwritten: dict[str, None] = field(default_factory=dict)  # codes, in order
    task_versions: dict[int, tuple[int | None, int]] = field(default_factory=dict)  # before any row
    spans: list[tuple[int, str, int, int]] = field(default_factory=list)  # row, code, changes from, to
    seen_milestones: set[int] = field(default_factory=set)  # what the rows read (and may have changed)
    seen_tasks: set[int] = field(default_factory=set)  # their tasks and the tasks those inherit from
    # milestone id → (its actual, its status) before a row of this sheet carried a fact to it over its link
    carried: dict[int, tuple[str | None, str]] = field(default_factory=dict)

    def overwrites(self, row: LedgerRow, m: Milestone, plan_key: str) -> bool:
        """Whether the person asked to apply this row even if it is stale."""
        names = {row.code, m.code, f"{plan_key}:{m.code}"} & self.overwrite
        self.named |= names
        return self.overwrite_all or bool(names)

    def err(self, row: LedgerRow, key: str, message: object) -> None:
        """`message`: Words, or an error raised with words (refused by a service: its words are kept)."""
        self.errors.append((row.row, at(self.sheet.where(row.row, key), message)))

    def stale(self, row: LedgerRow, m: Milestone, key: str, message: Words, asked: bool) -> bool:
        """A row that would change what someone changed since the export: True (go ahead) if the person
        asked to overwrite it, else False with the row refused for `message`."""
        if asked:
            self.overwritten[m.code] = None
            return True
        self.err(row, key, message)
        return False


def status_word(status: Status, lang: str) -> str:
    """How the exported 台账 writes a status (and import ledger reads it back)."""
    return STATUS_ZH[status] if lang == "zh" else status.value


class LedgerSheetService:
    @staticmethod
    def status_words(lang: str) -> list[str]:
        """Every status as the exported 台账 writes it: its 状态 column's drop-down list."""
        return [status_word(s, lang) for s in Status]

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._seen: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())
        self.milestones = MilestoneService(ctx)
        self.tasks = TaskService(ctx)
        self.progress = ProgressService(ctx)

    # -- export ---------------------------------------------------------------------------------
    def export(self, plan: str | None = None) -> list[dict[str, Any]]:
        """Every milestone (of one plan) as a ledger row keyed by column (see importers.ledger_sheet)."""
        return list(self.export_rows(plan))

    def export_rows(self, plan: str | None = None) -> Iterator[dict[str, Any]]:
        """export()'s rows as they are made, a plan at a time: the whole ledger is its plans' rows one
        after the other (rows are in plan order), so a city's million rows never sit in memory at once."""
        # Task versions first: a change made while the rest is read then makes the rows look older (refused
        # on import, safe), never newer than the units they show.
        with reading(self.ctx) as conn:
            task_rows = conn.execute(select(Task.id, Task.parent_id, Task.version))
            tasks = {r.id: (r.parent_id, r.version) for r in task_rows}
            every = conn.execute(select(Plan.id).order_by(Plan.id)).scalars() if plan is None else []
            plans = [plan] if plan is not None else [f"#{i}" for i in every]
        n = 0
        for ref in plans:
            for record in self._export_plan(ref, tasks):
                n += 1
                record["no"] = n
                yield record

    def _export_plan(self, plan: str, tasks: dict[int, tuple[int | None, int]]) -> Iterator[dict[str, Any]]:
        from tasktrack.services.evidence import EvidenceService

        lang = self.ctx.lang
        rows = self.milestones.list(MilestoneFilter(plan=plan))
        reports = self.progress.list(plan=plan, latest=False)
        evidence: dict[int, list[str]] = {}
        for e in EvidenceService(self.ctx).list(plan=plan):
            if e.milestone_id is not None:
                bits = [b for b in (e.text, e.doc_no, e.file_name) if b]
                evidence.setdefault(e.milestone_id, []).append("，".join(bits))
        shown_reports = ShownReports(reports, self.ctx.today)
        for m in rows:
            shown = shown_reports.of(m.id, m.task_id)
            units = units_version(m.task_id, tasks.__getitem__)[0]
            version = RowVersion(m.version, units, shown.id if shown else 0)
            yield {
                "no": 0,  # numbered by export_rows across plans
                "plan": m.plan,
                "code": m.code,
                "programme": f"{m.programme_code} {m.programme_title}",
                "task": f"{m.task_code} {m.task_title}",
                "metric": m.metric,
                "goal": present.target(m, lang),
                "due": m.due,
                "lead": m.lead.label if m.lead else None,
                "co": ("、" if lang == "zh" else ", ").join(u.label for u in m.co) or None,
                "status": status_word(Status(m.status), lang),
                "actual": m.actual,
                "judged": m.derived.reason,
                **{k: getattr(shown, k) if shown else None for k in PROGRESS_KEYS},
                "evidence": "；".join(evidence.get(m.id, [])) or None,
                "version": version.text(),
            }

    # -- import ---------------------------------------------------------------------------------
    def apply(
        self,
        sheet: LedgerSheet,
        *,
        plan: str | None = None,
        dry_run: bool = False,
        overwrite: Collection[str] = (),
        overwrite_stale: bool = False,
    ) -> ImportResult:
        """Apply every row in one unit of work; raise ImportErrors (nothing written) if any row is refused.

        A sheet of STAGE_ROWS rows or more on a SQLite file is checked and applied on a private copy (store.
        staging), the ledger free meanwhile, and swapped in by one short write transaction; a dry run is
        only staged. If the ledger changes before the swap, staging is tried again, then the rows are
        applied directly (holding the write lock as long as that takes). See apply_here for the rules.
        """
        kw: dict[str, Any] = dict(plan=plan, dry_run=dry_run, overwrite=overwrite, overwrite_stale=overwrite_stale)
        if len(sheet.rows) < STAGE_ROWS or staging.ledger_file(self.ctx.engine) is None:
            return self.apply_here(sheet, **kw)
        for _ in range(STAGE_TRIES):
            try:
                with staging.Stage(self.ctx.engine) as stage:
                    assert stage.engine is not None  # made when the stage is entered
                    ctx = replace(self.ctx, engine=stage.engine, files_dir=self.ctx.evidence_dir())
                    staged = LedgerSheetService(ctx)
                    result = staged.apply_here(sheet, **kw)
                    if dry_run or stage.swap(staged.conflicts):
                        return result
            except staging.CannotStage:  # e.g. no room for the copy: apply directly
                break
        return self.apply_here(sheet, **kw)

    def apply_here(
        self,
        sheet: LedgerSheet,
        *,
        plan: str | None = None,
        dry_run: bool = False,
        overwrite: Collection[str] = (),
        overwrite_stale: bool = False,
    ) -> ImportResult:
        """Apply every row in one unit of work on this service's ledger, as apply() says.

        A row whose version (RowVersion) is not the ledger's is refused where it would change something
        changed since the export: the milestone's fields (its milestone version), the task's units (its
        units version) or the progress report shown (a newer one was filed); the refusal names who and when.
        Unless its code is in `overwrite`, or `overwrite_stale` is set: then it is applied and its change-log
        reason says it overwrote. A row without a version is not checked (ImportResult.unversioned).
        """
        result: ImportResult | None = None
        try:
            with unit_of_work(self.ctx, f"import ledger {sheet.source}") as uow:
                conn = uow.session.connection()
                run = _Run(sheet, plan, refs.plan_id(conn, plan) if plan else None, list(sheet.errors))
                run.overwrite, run.overwrite_all = frozenset(overwrite), overwrite_stale
                versions = conn.execute(select(Task.id, Task.parent_id, Task.version))
                run.task_versions = {r.id: (r.parent_id, r.version) for r in versions}
                for row in sheet.rows:
                    self._row(uow, run, row)
                for name in sorted(run.overwrite - run.named):
                    run.errors.append((0, Words("ledger.overwrite_unknown", code=name, source=sheet.source)))
                if run.errors:  # the sheet's and the database's, row by row
                    run.errors.sort(key=lambda e: e[0])
                    raise ImportErrors(sheet.source, [text for _, text in run.errors])
                result = ImportResult(
                    sheet.source,
                    len(sheet.rows),
                    len(run.milestones),
                    len(run.tasks),
                    run.reports,
                    uow.changes,
                    sheet.ignored,
                    dry_run,
                    sheet.unversioned,
                    tuple(run.overwritten),
                    self._diff(uow, run) if dry_run else (),
                )
                self._seen = (frozenset(run.seen_milestones), frozenset(run.seen_tasks))
                if dry_run:
                    raise _Rollback
        except _Rollback:
            pass
        assert result is not None
        return result

    def conflicts(self, conn: Any, logged: list[tuple[str, int]]) -> bool:
        """Whether changes logged while the import was staged touch what its rows read: one of their
        milestones, a progress report or evidence of those milestones or their tasks; any other kind of
        change (a task's units, a unit, a member, a plan) is taken to touch it, to be safe."""
        milestones, tasks = self._seen
        for entity, entity_id in logged:
            if entity == "milestone":
                if entity_id in milestones:
                    return True
            elif entity in ("progress", "evidence"):
                table = ProgressReport if entity == "progress" else Evidence
                found = conn.execute(
                    select(table.milestone_id, table.task_id).where(table.id == entity_id)
                ).first()
                if found is None or found.milestone_id in milestones or found.task_id in tasks:
                    return True
            else:
                return True
        return False

    def _row(self, uow: UnitOfWork, run: _Run, row: LedgerRow) -> None:
        found = self._milestone(uow, run, row)
        if found is None:
            return
        m, plan_key = found
        run.seen_milestones.add(saved_id(m))
        run.seen_tasks.update(units_version(m.task_id, run.task_versions.__getitem__)[1])
        reason = f"{run.sheet.source} row {row.row}"
        asked = run.overwrites(row, m, plan_key)
        stale = self._stale(uow, m, row)
        first = uow.changes
        since = f", overwriting changes made since its version {row.version.milestone}" if row.version else ""
        before = self._before_carry(uow, m)
        steps = [self._due, self._actual, self._status]
        if saved_id(m) in run.carried:  # the fact its linked row set: this row's cells as exported are no edit
            if self._carried_cells(run, row, m):
                steps = [self._due]
                stale = None
        for step in steps:
            try:
                step(uow, m, row, reason + since if stale and asked else reason)
            except UserError as exc:
                run.err(row, step.__name__.lstrip("_"), exc)
        if m.link_id is not None and before is not None and uow.changes > first:
            run.carried.setdefault(m.link_id, before)
        if uow.changes > first:  # a stale row that changes nothing reverts nothing
            run.milestones.add(saved_id(m))
            if stale is not None:
                run.stale(row, m, "version", stale, asked)
        task = uow.session.get(Task, m.task_id)
        assert task is not None
        self._units(uow, run, row, m, task, reason, asked)
        self._progress(uow, run, row, m, asked)
        run.spans.append((row.row, m.code, first, uow.changes))

    def _before_carry(self, uow: UnitOfWork, m: Milestone) -> tuple[str | None, str] | None:
        """The actual and status of the milestone linked to `m` (None when none), before this row."""
        if m.link_id is None:
            return None
        other = uow.session.get(Milestone, m.link_id)
        return (encode(other.actual), other.status) if other is not None else None

    def _carried_cells(self, run: _Run, row: LedgerRow, m: Milestone) -> bool:
        """Whether a row whose milestone took its linked row's fact in this import says, in its actual and
        status cells, what the milestone held before (unchanged since the export): True, and those cells are
        not applied. A different value is an error: the two rows of one linked target disagree."""
        actual, status = run.carried[saved_id(m)]
        same_actual = (row.actual is None and "actual" not in row.cleared) or encode(row.actual) == actual
        same_status = row.status is None or row.status.value == status
        if same_actual and same_status:
            return True
        agrees = encode(row.actual) == encode(m.actual) and (row.status is None or row.status.value == m.status)
        if not agrees:
            run.err(row, "actual", Words("err.imp.linked_differs", code=m.code))
        return agrees

    def _stale(self, uow: UnitOfWork, m: Milestone, row: LedgerRow) -> Words | None:
        """Why the row's milestone fields are stale (who changed the milestone since the export, and when)."""
        if row.version is None:
            return None
        try:
            uow.check_version(m, "milestone", row.version.milestone)
        except Conflict as exc:
            old, now = row.version.milestone, m.version
            key = "ledger.stale" if old < now else "ledger.ahead"
            return Words(
                key,
                code=m.code,
                who=exc.changed_by,
                when=self._when(exc.changed_at),
                old=old,
                now=now,
            )
        return None

    def _stale_units(
        self, uow: UnitOfWork, run: _Run, row: LedgerRow, m: Milestone, task: Task
    ) -> Words | None:
        """Why the row's units are stale (who changed its task or a task it inherits from, and when)."""
        if row.version is None or row.version.units is None:
            return None
        total, chain = units_version(saved_id(task), run.task_versions.__getitem__)
        if total == row.version.units:
            return None
        who, when = uow.last_change("task", chain)
        return Words(
            "ledger.stale_units", code=m.code, task=task.code, who=actor_words(who), when=self._when(when)
        )

    def _when(self, at: object) -> str | Words:
        return present.stamp(at) if isinstance(at, datetime) else Words("tui.unknown_time")

    def _diff(self, uow: UnitOfWork, run: _Run) -> tuple[FieldChange, ...]:
        """What each row changed, from this command's change log rows (the n-th logged is the n-th change)."""
        uow.session.flush()
        logged = list(
            uow.session.execute(
                select(Change).where(Change.command_id == uow.command_id).order_by(Change.id)
            ).scalars()
        )
        if len(logged) != uow.changes:  # pragma: no cover - every change goes through UnitOfWork.log
            raise RuntimeError(f"{uow.changes} changes made but {len(logged)} logged")
        return tuple(
            FieldChange(n, code, c.entity, c.field, c.old, c.new)
            for n, code, start, end in run.spans
            for c in logged[start:end]
            if not (c.entity == "progress" and c.field not in (*PROGRESS_KEYS, "period", "value"))
        )

    def _milestone(self, uow: UnitOfWork, run: _Run, row: LedgerRow) -> tuple[Milestone, str] | None:
        """The row's milestone, by code only (a number in 编号 is a code, never an id)."""
        conn = uow.session.connection()
        plan_ref, code = row.plan, row.code
        if ":" in code and plan_ref is None:
            plan_ref, code = (p.strip() for p in code.split(":", 1))
        plan_id = run.plan_id
        if plan_ref is not None:
            try:
                row_plan = refs.plan_id(conn, plan_ref)
            except UserError as exc:
                run.err(row, "plan", exc)
                return None
            if plan_id is not None and row_plan != plan_id:
                run.err(row, "plan", Words("err.imp.row_plan", plan=plan_ref))
                return None
            plan_id = row_plan
        stmt = select(Milestone.id, Plan.key).join(Plan, Plan.id == Milestone.plan_id)
        stmt = stmt.where(Milestone.code == code)
        if plan_id is not None:
            stmt = stmt.where(Milestone.plan_id == plan_id)
        found = list(conn.execute(stmt))
        if len(found) != 1:
            scope = plan_ref or run.plan
            if found:
                why = Words("err.imp.several_plans", code=code, plans=", ".join(r.key for r in found))
            elif scope:
                why = Words("err.imp.no_milestone_in", code=repr(code), plan=scope)
            else:
                why = Words("err.imp.no_milestone", code=repr(code))
            run.err(row, "code", why)
            return None
        try:
            return self.milestones.load_in(uow, int(found[0].id)), str(found[0].key)
        except UserError as exc:
            run.err(row, "code", exc)
            return None

    def _due(self, uow: UnitOfWork, m: Milestone, row: LedgerRow, reason: str) -> None:
        if row.due is None:
            return
        due, _, _ = self.milestones.parse_due(row.due, m.year, m.aspirational)
        if due != m.due:  # the same day written another way (2021-12-31 for 2021年底) changes nothing
            self.milestones.edit_in(uow, m, {"due": row.due}, reason=reason)

    def _actual(self, uow: UnitOfWork, m: Milestone, row: LedgerRow, reason: str) -> None:
        """A number records it, none / 无 clears it (both through record_actual_in); an empty cell: nothing."""
        if (row.actual is None and "actual" not in row.cleared) or encode(row.actual) == encode(m.actual):
            return
        self.milestones.record_actual_in(uow, m, row.actual, note=reason)

    def _status(self, uow: UnitOfWork, m: Milestone, row: LedgerRow, reason: str) -> None:
        if row.status is None or row.status.value == m.status:
            return
        self.milestones.apply_status(uow, m, row.status, note=reason, on=None, acknowledged=False)

    def _units(
        self, uow: UnitOfWork, run: _Run, row: LedgerRow, m: Milestone, task: Task, reason: str, asked: bool
    ) -> None:
        """牵头单位 and 配合单位 belong to the milestone's task; every row of one task must agree."""
        conn = uow.session.connection()
        lead = self._unit_id(conn, run, row, "lead", row.lead) if row.lead else None
        co = [self._unit_id(conn, run, row, "co", name) for name in row.co or ()]
        if None in co or (row.lead and lead is None):
            return
        no_lead = "lead" in row.cleared  # none / 无: no lead unit, as `task assign --clear-lead`
        claimed = co if row.co is not None else None  # () from none / 无: exactly no co-units
        if not (
            self._claim(run, row, task, "lead", "none" if no_lead else lead)
            and self._claim(run, row, task, "co", claimed)
        ):
            return
        view = self.tasks.view_in(conn, saved_id(task))
        new_lead = str(lead) if lead is not None and (view.lead is None or view.lead.id != lead) else None
        clear_lead = no_lead and view.lead is not None
        own: dict[int, str] = {}  # the task's own assignments: a unit inherited from a parent is changed there
        if no_lead or row.co is not None:
            own = {
                r.unit_id: r.role
                for r in uow.session.execute(
                    select(Responsibility).where(Responsibility.task_id == task.id)
                ).scalars()
            }
        if no_lead and view.lead is not None and own.get(view.lead.id) != Role.LEAD:
            run.err(row, "lead", Words("err.imp.parent_lead", unit=view.lead.label))
            return
        add: list[str] = []
        remove: list[str] = []
        if row.co is not None:
            changes = self._co_changes(run, row, task, view, own, co, None if clear_lead else lead)
            if changes is None:
                return
            add, remove = changes
        if new_lead or clear_lead or add or remove:
            stale = self._stale_units(uow, run, row, m, task)
            if stale is not None:
                if not run.stale(row, m, "lead" if new_lead else "co", stale, asked):
                    return
                reason += ", overwriting unit changes made since the export"
            self.tasks.assign_in(
                uow, task, lead=new_lead, co=add, remove=remove, clear_lead=clear_lead, reason=reason
            )
            run.tasks.add(saved_id(task))

    def _co_changes(
        self,
        run: _Run,
        row: LedgerRow,
        task: Task,
        view: Any,
        own: dict[int, str],
        co: list[Any],
        lead: int | None,
    ) -> tuple[list[str], list[str]] | None:
        """The co-units to add and to remove so that the task has exactly those the cell lists (the lead
        aside); None, with an error, when that would mean removing one inherited from a parent task (one
        not among the task's `own` assignments)."""
        the_lead = lead if lead is not None else (view.lead.id if view.lead else None)
        wanted = {u for u in co if u != the_lead}
        current = {u.id: u.label for u in view.co}
        for gone in sorted(set(current) - wanted):
            if own.get(gone) != Role.CO:
                run.err(row, "co", Words("err.imp.parent_co", unit=current[gone]))
                return None
        return [str(u) for u in sorted(wanted - set(current))], [
            str(u) for u in sorted(set(current) - wanted)
        ]

    def _unit_id(self, conn: Any, run: _Run, row: LedgerRow, key: str, name: str) -> int | None:
        from tasktrack.services.units import check_in_office

        try:
            uid = refs.unit_id(conn, name)
            check_in_office(conn, uid)  # checked here too so the refusal names its row and column
            return uid
        except UserError as exc:
            run.err(row, key, exc)
            return None

    def _claim(self, run: _Run, row: LedgerRow, task: Task, key: str, value: Any) -> bool:
        if value is None:
            return True
        wanted = frozenset(value) if isinstance(value, list) else value
        first = run.claims.setdefault((saved_id(task), key), (row.row, wanted))
        if first[1] != wanted:
            run.err(row, key, Words("err.imp.units_disagree", row=first[0], task=task.code))
            return False
        return True

    def _progress(self, uow: UnitOfWork, run: _Run, row: LedgerRow, m: Milestone, asked: bool) -> None:
        """进展情况 / 存在问题 / 下步打算: a progress report for this month, unless the sheet shows the current one."""
        given = {k: v for k in PROGRESS_KEYS if (v := getattr(row, k))}
        if not given:  # empty cells change nothing, here as everywhere
            return
        reports = list(
            uow.session.execute(
                select(ProgressReport).where(
                    (ProgressReport.milestone_id == m.id)
                    | ((ProgressReport.task_id == m.task_id) & ProgressReport.milestone_id.is_(None))
                )
            ).scalars()
        )
        shown = ShownReports(reports, self.ctx.today).of(saved_id(m), m.task_id)
        if shown is not None and all(getattr(shown, k) == v for k, v in given.items()):
            return
        exported = row.version.report if row.version else None
        if shown is not None and exported is not None and shown.id != exported:  # a newer report since
            stale = Words(
                "ledger.stale_report",
                code=m.code,
                who=shown.author,
                when=self._when(shown.created_at),
            )
            if not run.stale(row, m, "progress", stale, asked):
                return
        lead = self.tasks.view_in(uow.session.connection(), m.task_id).lead
        # A member's report is its own unit's (Access.reporting_unit); a coordinator files it for the lead.
        member = not Access(self.ctx).standing(uow).may_change_everything
        try:
            self.progress.add_in(
                uow,
                saved_id(m),
                unit=None if member or lead is None else f"#{lead.id}",
                period=f"{self.ctx.today:%Y-%m}",
                on_milestone=True,
                **given,
            )
        except UserError as exc:
            run.err(row, "progress", exc)
            return
        run.reports += 1

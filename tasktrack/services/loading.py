"""Loading a plan file into the ledger: all-or-nothing, every change in the change log, never over a plan
already there unless asked to update it (then through services.plan_update)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from tasktrack.domain.kinds import Status
from tasktrack.errors import UserError, Words
from tasktrack.importers.planfile import Listed, PlanFile, PlanRec, TaskRec, read_plan_file
from tasktrack.models import (
    Change,
    IndicatorReading,
    Milestone,
    Plan,
    ProgressReport,
    Responsibility,
    Task,
    Unit,
    saved_id,
)
from tasktrack.services.access import Access
from tasktrack.services.base import Context, UnitOfWork, reading, unit_of_work
from tasktrack.services.plan_update import PlanDiff, PlanUpdate, parent_plan
from tasktrack.store import refs

DEMO_REASON = "演示数据 (demo layer)"


def bundled_seed_dir() -> Path:
    from importlib import resources

    return Path(str(resources.files("tasktrack._seed")))


@dataclass
class LoadResult:
    source: str
    layer: str
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    diffs: list[PlanDiff] = field(default_factory=list)  # plans already in the ledger, updated (--update)
    dry_run: bool = False  # nothing was written: what loading would do

    def bump(self, what: str, kind: str = "created") -> None:
        counts = self.created if kind == "created" else self.updated
        counts[what] = counts.get(what, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


class PlanExists(UserError):
    """A plan of the file is in the ledger already and the person did not ask to update it."""

    def __init__(self, message: str | Words, *, key: str, file_key: str) -> None:
        super().__init__(message)
        self.key, self.file_key = key, file_key


class _DryRun(Exception):
    """Raised inside the unit of work of a dry run, so that everything it wrote is rolled back."""


class Loader:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def load(
        self, path: Path, *, update: bool = False, dry_run: bool = False, again: str | None = None
    ) -> LoadResult:
        """Load one file. A plan of it already in the ledger (same key or document number) is refused unless
        `update`; then it is updated from the file (see services.plan_update), and loading the same file
        again changes nothing. `dry_run` does it all and rolls it back. `again`: the command to suggest
        for updating (default: `tasktrack seed load PATH --update`)."""
        parsed = read_plan_file(path)
        result = LoadResult(source=path.name, layer=parsed.layer, dry_run=dry_run)
        hint = again or f"tasktrack seed load {path} --update"
        try:
            with unit_of_work(self.ctx, f"seed load {path.name}") as uow:
                self.load_in(
                    uow,
                    parsed,
                    result,
                    reason=f"seed {path.name}",
                    update=update or dry_run,
                    dry_run=dry_run,
                    again=hint,
                )
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        return result

    def check(self, path: Path, *, again: str | None = None) -> None:
        """Refuse (PlanExists) as load() would without `update`, writing nothing: for checking every file
        of a command before loading the first."""
        parsed = read_plan_file(path)
        with reading(self.ctx) as conn:
            for rec in parsed.plans:
                hit = _in_ledger(conn, rec, path.name)
                if hit is not None:
                    raise self._exists(rec, hit, path.name, again or f"tasktrack seed load {path} --update")

    def load_in(
        self,
        uow: UnitOfWork,
        parsed: PlanFile,
        result: LoadResult,
        reason: str,
        *,
        update: bool = False,
        dry_run: bool = False,
        again: str = "tasktrack seed load FILE --update",
    ) -> None:
        Access(self.ctx).require_coordinator(uow, "plan files", verb="load")
        conn = uow.session.connection()
        taken: list[tuple[PlanRec, Plan, str]] = []
        for rec in parsed.plans:
            hit = _in_ledger(conn, rec, result.source)
            if hit is None:
                continue
            if not update:
                raise self._exists(rec, hit, result.source, again)
            if any(row.id == hit[0] for _, row, _ in taken):
                raise UserError("load.same_plan_twice", source=result.source, plan=hit[1])
            taken.append((rec, uow.lock(Plan, hit[0]), hit[2]))
        new = [rec for rec in parsed.plans if all(rec is not r for r, _, _ in taken)]
        from tasktrack.services import bulk

        fresh = PlanFile(layer=parsed.layer, plans=new)
        if bulk.applies(uow, fresh):  # new plans on SQLite: the same rows and change log, with executemany
            bulk.BulkPlans(uow, result, reason).load(new)
        else:
            for plan in new:
                self._plan(uow, plan, result, reason)
        if taken:
            self._update(uow, taken, result, reason, dry_run=dry_run)
        for plan in new:
            self._link_parent(uow, plan, reason)
        if parsed.demo is not None:
            DemoLoader(self.ctx, uow, result).load(parsed.demo)

    def _exists(
        self, rec: PlanRec, hit: tuple[int, str, str, str | None, str], source: str, again: str
    ) -> PlanExists:
        _, key, by, doc_no, title = hit
        by_key = f"load.by_{by}"
        message = Words(
            "load.exists",
            source=source,
            plan=key,
            doc_no=doc_no or "—",
            title=title,
            by=Words(by_key),
            command=again,
        )
        return PlanExists(message, key=key, file_key=rec.key)

    def _update(
        self,
        uow: UnitOfWork,
        taken: list[tuple[PlanRec, Plan, str]],
        result: LoadResult,
        reason: str,
        *,
        dry_run: bool,
    ) -> None:
        """Plans already in the ledger: diff each against the file, then apply every diff. A diff with a
        conflict (a new item coded as another of the ledger) is refused, whole; a dry run only shows it."""
        kept = _fields_changed_by_people(uow)
        updates = []
        for rec, row, by in taken:
            update = PlanUpdate(
                self.ctx,
                uow,
                row,
                rec,
                kept=kept,
                reason=reason,
                source=result.source,
                owners=lambda u, task, r: self._owners(u, task, r, result, reason),
            )
            diff = PlanDiff(plan=row.key, matched_by=by, steps=update.diff())
            result.diffs.append(diff)
            updates.append(update)
            for step in diff.steps:
                if step.action == "add":
                    result.bump(f"{step.entity}s")
            for entity, _ in {(s.entity, s.code) for s in diff.steps if s.action == "change"}:
                result.bump(f"{entity}s", "updated")
        clashes = [s for d in result.diffs for s in d.steps if s.action == "conflict"]
        if clashes and dry_run:
            return
        if clashes:
            items = Listed([_clash(s) for s in clashes], most=3, more="err.imp.more_short")
            raise UserError("load.conflicts", source=result.source, n=len(clashes), items=items)
        for update in updates:
            update.apply()

    def _plan(self, uow: UnitOfWork, rec: PlanRec, result: LoadResult, reason: str) -> None:
        """A plan new to the ledger, with all its tasks, milestones and indicators (PlanService.create_in)."""
        from tasktrack.services.plans import PlanService

        PlanService(self.ctx).create_in(
            uow,
            rec,
            reason=reason,
            owners=lambda u, task, r: self._owners(u, task, r, result, reason),
            made=result.bump,
        )

    def _link_parent(self, uow: UnitOfWork, rec: PlanRec, reason: str) -> None:
        from tasktrack.services.plans import PlanService

        row = uow.session.execute(select(Plan).where(Plan.key == rec.key)).scalar_one()
        parent_id = parent_plan(uow, rec)
        if parent_id != row.parent_id:
            PlanService(self.ctx).edit_in(uow, row.id, {"parent_id": parent_id}, reason=reason)

    def _owners(self, uow: UnitOfWork, task: Task, rec: TaskRec, result: LoadResult, reason: str) -> None:
        """Units the document names for a task: created if new, assigned only while the task has no
        owners yet (a coordinator's later assignment is never undone by reloading)."""
        from tasktrack.services.tasks import TaskService
        from tasktrack.services.units import UnitService

        if uow.session.execute(select(Responsibility.id).where(Responsibility.task_id == task.id)).first():
            return
        for name in filter(None, [rec.lead, *rec.co]):
            known = select(Unit.id).where((Unit.name == name) | (Unit.short_name == name))
            if uow.session.execute(known).first() is None:
                UnitService(self.ctx).add_in(uow, name, reason=reason)
                result.bump("units")
        TaskService(self.ctx).assign_in(uow, task, lead=rec.lead, co=list(rec.co), remove=[], reason=reason)
        result.bump("assignments")


def _clash(step: Any) -> Words:
    """A new item of a file coded as another item of the ledger: 任务 1-3 (new ≠ old)."""
    entity = f"tui.entity.{step.entity}"
    return Words("err.imp.clash", entity=Words(entity), code=step.code, new=step.new, old=step.old)


def _in_ledger(
    conn: Any, rec: PlanRec, source: str
) -> tuple[int, str, str, str | None, str] | None:
    """The plan of the ledger that `rec` is (same key, or same document number): its id, key, how it
    matched (key | doc_no | both), document number and title; None for a plan new to the ledger."""
    cols = select(Plan.id, Plan.key, Plan.doc_no, Plan.title, Plan.short_title)
    by_key = conn.execute(cols.where(Plan.key == rec.key)).first()
    by_doc = conn.execute(cols.where(Plan.doc_no == rec.doc_no)).first() if rec.doc_no else None
    if by_key is not None and by_doc is not None and by_key.id != by_doc.id:
        raise UserError("load.two_plans", source=source, file_key=rec.key, plan=by_key.key, other=by_doc.key)
    hit, by = (by_doc, "doc_no") if by_doc is not None else (by_key, "key")
    if by_key is not None and by_doc is not None:
        by = "both"
    if hit is None:
        return None
    return hit.id, hit.key, by, hit.doc_no, hit.short_title or hit.title


def _fields_changed_by_people(uow: UnitOfWork) -> set[tuple[str, int, str]]:
    """(entity, id, field) of plan facts whose latest change was not made by loading a seed."""
    latest = (
        select(func.max(Change.id))
        .where(Change.entity.in_(("plan", "task", "milestone", "indicator")))
        .group_by(Change.entity, Change.entity_id, Change.field)
    )
    rows = uow.session.execute(
        select(Change.entity, Change.entity_id, Change.field, Change.command).where(Change.id.in_(latest))
    )
    # An undo puts back what was there before; it is nobody's edit of the plan's facts.
    return {(e, i, f) for e, i, f, command in rows if not (command or "").startswith(("seed load", "undo"))}


class DemoLoader:
    """The demonstration layer: fictional units, assignments and progress, each marked as demo."""

    def __init__(self, ctx: Context, uow: UnitOfWork, result: LoadResult) -> None:
        self.ctx, self.uow, self.result = ctx, uow, result

    def conn(self) -> Any:
        return self.uow.session.connection()

    def load(self, demo: Any) -> None:
        from tasktrack.services.units import UnitService

        for u in demo.units:
            exists = self.uow.session.execute(select(Unit.id).where(Unit.name == u["name"])).scalar()
            if exists is None:
                UnitService(self.ctx).add_in(
                    self.uow,
                    u["name"],
                    short_name=u.get("short_name"),
                    contact=u.get("contact"),
                    email=u.get("email"),
                    phone=u.get("phone"),
                    demo=True,
                    reason=DEMO_REASON,
                )
                self.result.bump("units")
        for a in demo.assignments:
            self._assign(a)
        for m in demo.milestone_updates:
            self._milestone(m)
        for p in demo.progress_reports:
            self._report(p)
        for r in demo.indicator_readings:
            self._reading(r)

    def _assign(self, a: dict[str, Any]) -> None:
        from tasktrack.services.tasks import TaskService

        task = self.uow.lock(Task, refs.task_id(self.conn(), f"{a['plan']}:{a['task']}"))
        assert task is not None
        before = self.uow.changes
        TaskService(self.ctx).assign_in(
            self.uow,
            task,
            lead=a.get("lead"),
            co=list(a.get("co") or []),
            remove=[],
            reason=DEMO_REASON,
            demo=True,
        )
        if self.uow.changes > before:
            self.result.bump("assignments")

    def _milestone(self, m: dict[str, Any]) -> None:
        from tasktrack.services.evidence import EvidenceService
        from tasktrack.services.milestones import MilestoneService

        row = self.uow.lock(Milestone, refs.milestone_id(self.conn(), f"{m['plan']}:{m['milestone']}"))
        assert row is not None
        tracked = select(Change.id).where(
            Change.entity == "milestone", Change.entity_id == row.id, Change.field.in_(("status", "actual"))
        )
        if self.uow.session.execute(tracked.limit(1)).first():
            return  # already tracked, by the demo or by a person (even back to where it started): leave it
        on = m.get("as_of") if isinstance(m.get("as_of"), date) else None
        service = MilestoneService(self.ctx)
        status = Status(m.get("status") or Status.IN_PROGRESS)
        # The status first: the actual then goes through the one rule of record_actual_in (an event takes
        # no value; a value on a milestone not started starts it) with nothing left for it to start.
        service.apply_status(self.uow, row, status, note=m.get("note") or DEMO_REASON, on=on)
        if m.get("actual") is not None:
            service.record_actual_in(self.uow, row, m["actual"], note=DEMO_REASON)
        ev = m.get("evidence")
        if ev:
            EvidenceService(self.ctx).add_in(
                self.uow, saved_id(row), text=ev.get("text"), doc_no=ev.get("doc_no"), demo=True, reason=DEMO_REASON
            )
        self.result.bump("milestone updates")

    def _report(self, p: dict[str, Any]) -> None:
        from tasktrack.services.reports_in import ProgressService, check_report_period

        item = f"{p['plan']}:{p['milestone']}" if p.get("milestone") else f"{p['plan']}:{p['task']}"
        conn = self.conn()
        task_id = refs.task_id(conn, f"{p['plan']}:{p['task']}")
        unit_id = refs.unit_id(conn, p["unit"]) if p.get("unit") else None
        dup = select(ProgressReport.id).where(
            ProgressReport.task_id == task_id,
            ProgressReport.unit_id == unit_id,
            ProgressReport.period == check_report_period(str(p["period"])),
            ProgressReport.is_demo.is_(True),
        )
        if self.uow.session.execute(dup).first():
            return
        ProgressService(self.ctx).add_in(
            self.uow,
            item,
            unit=p.get("unit"),
            period=str(p["period"]),
            progress=p.get("progress"),
            problems=p.get("problems"),
            next_steps=p.get("next_steps"),
            value=p.get("value"),
            on_milestone=bool(p.get("milestone")),
            demo=True,
        )
        self.result.bump("progress reports")

    def _reading(self, r: dict[str, Any]) -> None:
        from tasktrack.services.indicators import IndicatorService, check_period

        iid = refs.indicator_id(self.conn(), f"{r['plan']}:{r['indicator']}")
        exists = select(IndicatorReading.id).where(
            IndicatorReading.indicator_id == iid, IndicatorReading.period == check_period(str(r["period"]))
        )
        if self.uow.session.execute(exists).first():
            return
        IndicatorService(self.ctx).record_in(
            self.uow, iid, str(r["period"]), r["value"], note=r.get("note"), demo=True, reason=DEMO_REASON
        )
        self.result.bump("indicator readings")

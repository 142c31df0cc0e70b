"""Loading a plan file into the ledger: idempotent, all-or-nothing, every change in the change log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from tasktrack.domain.kinds import Status
from tasktrack.errors import UserError
from tasktrack.importers.planfile import (
    IndicatorRec,
    MilestoneRec,
    PlanFile,
    PlanRec,
    TaskRec,
    read_plan_file,
)
from tasktrack.models import (
    MILESTONE_STATED,
    Change,
    Indicator,
    IndicatorReading,
    Milestone,
    Plan,
    ProgressReport,
    Responsibility,
    Task,
    Unit,
)
from tasktrack.services.access import Access
from tasktrack.services.base import Context, UnitOfWork, unit_of_work
from tasktrack.store import refs

MILESTONE_FACTS = (*MILESTONE_STATED, "position")
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

    def bump(self, what: str, kind: str = "created") -> None:
        counts = self.created if kind == "created" else self.updated
        counts[what] = counts.get(what, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


class Loader:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.kept: set[tuple[str, int, str]] = set()

    def _refresh(self, uow: UnitOfWork, row: Any, entity: str, values: dict[str, Any], reason: str) -> bool:
        """Update a row from the file, except fields a person changed since a seed last wrote them:
        an approved extension of a due date must survive reloading the plan."""
        mine = {k: v for k, v in values.items() if (entity, row.id, k) not in self.kept}
        return bool(uow.update(row, entity, mine, reason))

    def load(self, path: Path) -> LoadResult:
        """Load one file; running it again changes nothing."""
        parsed = read_plan_file(path)
        result = LoadResult(source=path.name, layer=parsed.layer)
        with unit_of_work(self.ctx, f"seed load {path.name}") as uow:
            self.load_in(uow, parsed, result, reason=f"seed {path.name}")
        return result

    def load_in(self, uow: UnitOfWork, parsed: PlanFile, result: LoadResult, reason: str) -> None:
        Access(self.ctx).require_coordinator(uow, "plan files", verb="load")
        self.kept = _fields_changed_by_people(uow)
        from tasktrack.services import bulk

        if bulk.applies(uow, parsed):  # new plans on SQLite: the same rows and change log, with executemany
            bulk.BulkPlans(uow, result, reason).load(parsed.plans)
        else:
            for plan in parsed.plans:
                self._plan(uow, plan, result, reason)
        for plan in parsed.plans:
            self._link_parent(uow, plan, reason)
        if parsed.demo is not None:
            DemoLoader(self.ctx, uow, result).load(parsed.demo)

    def _plan(self, uow: UnitOfWork, rec: PlanRec, result: LoadResult, reason: str) -> None:
        s = uow.session
        row = s.execute(select(Plan).where(Plan.key == rec.key)).scalar_one_or_none()
        if row is None and rec.doc_no:
            row = s.execute(select(Plan).where(Plan.doc_no == rec.doc_no)).scalar_one_or_none()
        values = dict(
            key=rec.key,
            doc_no=rec.doc_no,
            title=rec.title,
            short_title=rec.short_title,
            issuer=rec.issuer,
            issued=rec.issued,
            period_start=rec.period_start,
            period_end=rec.period_end,
            source=rec.source,
            quote=rec.quote,
        )
        if row is None:
            row = Plan(**values)
            uow.created(row, "plan", list(values), reason)
            result.bump("plans")
        elif self._refresh(uow, row, "plan", values, reason):
            result.bump("plans", "updated")
        assert row.id is not None
        position = [0]
        for task in rec.tasks:
            self._task(uow, row.id, None, 1, task, result, reason, position)
        for i, ind in enumerate(rec.indicators, 1):
            self._indicator(uow, row.id, i, ind, result, reason)

    def _link_parent(self, uow: UnitOfWork, rec: PlanRec, reason: str) -> None:
        row = uow.session.execute(select(Plan).where(Plan.key == rec.key)).scalar_one()
        parent_id = None
        if rec.parent:
            parent = uow.session.execute(
                select(Plan.id).where((Plan.doc_no == rec.parent) | (Plan.key == rec.parent))
            ).scalar()
            if parent is None:
                raise UserError(
                    f"plan {rec.key}: parent plan {rec.parent!r} is not in the ledger; load it first"
                )
            parent_id = parent
        self._refresh(uow, row, "plan", {"parent_id": parent_id}, reason)

    def _task(
        self,
        uow: UnitOfWork,
        plan_id: int,
        parent_id: int | None,
        depth: int,
        rec: TaskRec,
        result: LoadResult,
        reason: str,
        position: list[int],
    ) -> None:
        position[0] += 1
        s = uow.session
        row = s.execute(
            select(Task).where(Task.plan_id == plan_id, Task.code == rec.code)
        ).scalar_one_or_none()
        values = dict(
            parent_id=parent_id,
            depth=depth,
            title=rec.title,
            text=rec.text,
            quote=rec.quote,
            note=rec.note,
            position=position[0],
        )
        if row is None:
            row = Task(plan_id=plan_id, code=rec.code, **values)
            uow.created(row, "task", ["parent_id", "title", "text", "quote", "note"], reason)
            result.bump("tasks")
        elif self._refresh(uow, row, "task", values, reason):
            result.bump("tasks", "updated")
        assert row.id is not None
        if rec.lead or rec.co:
            self._owners(uow, row, rec, result, reason)
        for m in rec.milestones:
            position[0] += 1
            self._milestone(uow, plan_id, row.id, m, position[0], result, reason)
        for child in rec.tasks:
            self._task(uow, plan_id, row.id, depth + 1, child, result, reason, position)

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

    def _milestone(
        self,
        uow: UnitOfWork,
        plan_id: int,
        task_id: int,
        rec: MilestoneRec,
        position: int,
        result: LoadResult,
        reason: str,
    ) -> None:
        values = {name: getattr(rec, name) for name in MILESTONE_FACTS if hasattr(rec, name)}
        values.update(task_id=task_id, position=position)
        row = uow.session.execute(
            select(Milestone).where(Milestone.plan_id == plan_id, Milestone.code == rec.code)
        ).scalar_one_or_none()
        if row is None:  # status and actual belong to the people tracking it, never to a seed
            row = Milestone(plan_id=plan_id, code=rec.code, **values)
            uow.created(row, "milestone", list(MILESTONE_STATED), reason)
            result.bump("milestones")
        elif self._refresh(uow, row, "milestone", values, reason):
            result.bump("milestones", "updated")

    def _indicator(
        self, uow: UnitOfWork, plan_id: int, position: int, rec: IndicatorRec, result: LoadResult, reason: str
    ) -> None:
        values = {k: v for k, v in vars(rec).items() if k != "code"}
        values["position"] = position
        row = uow.session.execute(
            select(Indicator).where(Indicator.plan_id == plan_id, Indicator.code == rec.code)
        ).scalar_one_or_none()
        if row is None:
            row = Indicator(plan_id=plan_id, code=rec.code, **values)
            uow.created(row, "indicator", [k for k in values if k != "position"], reason)
            result.bump("indicators")
        elif self._refresh(uow, row, "indicator", values, reason):
            result.bump("indicators", "updated")


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
        from tasktrack.services.milestones import MilestoneService, to_float

        row = self.uow.lock(Milestone, refs.milestone_id(self.conn(), f"{m['plan']}:{m['milestone']}"))
        assert row is not None
        tracked = select(Change.id).where(
            Change.entity == "milestone", Change.entity_id == row.id, Change.field.in_(("status", "actual"))
        )
        if self.uow.session.execute(tracked.limit(1)).first():
            return  # already tracked, by the demo or by a person (even back to where it started): leave it
        on = m.get("as_of") if isinstance(m.get("as_of"), date) else None
        if m.get("actual") is not None:
            self.uow.update(row, "milestone", {"actual": to_float(m["actual"], "actual")}, DEMO_REASON)
        ev = m.get("evidence")
        if ev:
            EvidenceService(self.ctx).add_in(
                self.uow, row.id, text=ev.get("text"), doc_no=ev.get("doc_no"), demo=True, reason=DEMO_REASON
            )
        status = Status(m.get("status") or Status.IN_PROGRESS)
        MilestoneService(self.ctx).apply_status(
            self.uow, row, status, note=m.get("note") or DEMO_REASON, on=on
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

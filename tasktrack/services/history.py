"""The change log read back: who changed what, when, from what to what, and why."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol, TypeVar

from sqlalchemy import Integer, and_, or_, select, text

from tasktrack.models import (
    Change,
    Evidence,
    Indicator,
    IndicatorReading,
    Milestone,
    ProgressReport,
    Request,
    Task,
    Unit,
)
from tasktrack.services.base import Context, account_column, reading
from tasktrack.services.views import ChangeView
from tasktrack.store import chain, owners, refs


class _Identified(Protocol):
    @property
    def id(self) -> int: ...


_Row = TypeVar("_Row", bound=_Identified)


@dataclass
class HistoryFilter:
    milestone: str | None = None
    task: str | None = None
    unit: str | None = None  # changes to items the unit leads or co-owns, and to the unit itself
    plan: str | None = None  # changes to the plan, its tasks, milestones, indicators and what is on them
    actor: str | None = None  # the name shown (--as)
    account: str | None = None  # the verified account (OS account, or PostgreSQL login)
    entity: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int | None = 200


LABELS: dict[str, tuple[Any, Any]] = {
    "milestone": (Milestone.id, Milestone.code),
    "task": (Task.id, Task.code),
    "unit": (Unit.id, Unit.name),
    "indicator": (Indicator.id, Indicator.code),
}


# Entities labelled by the milestone they are about: (their id column, their milestone column).
BY_MILESTONE: dict[str, tuple[Any, Any]] = {
    "request": (Request.id, Request.milestone_id),
    "evidence": (Evidence.id, Evidence.milestone_id),
}


class HistoryService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def list(self, f: HistoryFilter | None = None) -> list[ChangeView]:
        """Newest first."""
        f = f or HistoryFilter()
        with reading(self.ctx) as conn:
            stmt = select(Change.__table__)
            conds = self._conditions(conn, f)
            if conds:
                stmt = stmt.where(*conds)
            stmt = stmt.order_by(Change.id.desc())
            if f.limit:
                stmt = stmt.limit(f.limit)
            rows = list(conn.execute(stmt))
            labels = self._labels(conn, rows)
        return [
            ChangeView(
                id=r.id,
                at=r.at,
                actor=r.actor,
                os_user=r.os_user,
                db_user=r.db_user,
                command=r.command,
                command_id=r.command_id,
                entity=r.entity,
                entity_id=r.entity_id,
                label=labels.get((r.entity, r.entity_id)),
                field=r.field,
                old=r.old,
                new=r.new,
                reason=r.reason,
            )
            for r in rows
        ]

    def stated_days(self) -> dict[str, date]:
        """Per command id, the day the command was made for (--as-of), from its STATED row."""
        from tasktrack.services.base import STATED_ENTITY, STATED_FIELD
        from tasktrack.services.as_it_stood import stated_days

        with reading(self.ctx) as conn:
            rows = conn.execute(
                select(Change.command_id, Change.new).where(
                    Change.entity == STATED_ENTITY, Change.field == STATED_FIELD
                )
            )
            return stated_days(rows)

    def effective_until(self, changes: builtins.list[ChangeView], day: date) -> builtins.list[ChangeView]:
        """`changes` that take effect by the end of `day` in a rebuild (see created_days), in their order."""
        from tasktrack.services.as_it_stood import SEED_LOAD, effective_day

        stated = self.stated_days()
        completed = {
            (c.command_id, c.entity_id): date.fromisoformat(c.new[:10])
            for c in changes
            if c.entity == "milestone" and c.field == "completed_on" and c.new and (c.command or "").startswith(SEED_LOAD)
        }
        proofs: dict[tuple[str, int], date] = {}  # a seed load's evidence dates from its milestone's completion
        if any(c.entity == "evidence" and (c.command or "").startswith(SEED_LOAD) for c in changes):
            with reading(self.ctx) as conn:
                proofs = self._seed_completions(conn)
        by_entity = {"milestone": completed, "evidence": proofs}  # as created_days dates each entity's rows
        return [c for c in changes if effective_day(c, by_entity.get(c.entity, {}), stated) <= day]

    def as_it_stood(self, f: HistoryFilter, day: date) -> builtins.list[ChangeView]:
        """list(f) as the ledger stood at the end of `day`: only the changes that took effect by then
        (effective_until), newest first, at most f.limit of them."""
        changes = self.effective_until(self.list(replace(f, limit=None)), day)
        return changes[: f.limit] if f.limit else changes

    def on_record(self, rows: Iterable[_Row], entity: str, day: date) -> builtins.list[_Row]:
        """`rows` of `entity` (evidence, progress, request: each with its id) that were on the record at the
        end of `day`: their creation took effect by then (created_days; a row whose creation is not logged
        counts as there)."""
        added = self.created_days(entity)
        return [r for r in rows if added.get(r.id, day) <= day]

    def created_days(self, entity: str) -> dict[int, date]:
        """Per row of `entity` (evidence, progress, ...), the day its creation takes effect in a rebuild
        (services.as_it_stood.effective_day: the command's stated day, else the day it was logged; a seed
        load's from the start)."""
        from tasktrack.services.as_it_stood import effective_day

        stated = self.stated_days()
        with reading(self.ctx) as conn:
            rows = list(
                conn.execute(
                    select(Change.entity_id, Change.at, Change.command, Change.command_id).where(
                        Change.entity == entity, Change.field == "created"
                    )
                )
            )
            completed: dict[tuple[str, int], date] = {}
            if entity == "evidence":  # a seed load's proof of a completion it records dates from that completion
                completed = self._seed_completions(conn)
        return {r.entity_id: effective_day(r, completed, stated) for r in rows}

    def _seed_completions(self, conn: Any) -> dict[tuple[str, int], date]:
        """(seed-load command, evidence id) → the completed_on that command set on the evidence's milestone."""
        from tasktrack.services.as_it_stood import SEED_LOAD

        done = {
            (r.command_id, r.entity_id): date.fromisoformat(r.new[:10])
            for r in conn.execute(
                select(Change.command_id, Change.entity_id, Change.new).where(
                    Change.entity == "milestone", Change.field == "completed_on", Change.command.startswith(SEED_LOAD)
                )
            )
            if r.new
        }
        out = {}
        for cid, eid, mid in conn.execute(
            select(Change.command_id, Change.entity_id, Evidence.milestone_id)
            .join(Evidence, Evidence.id == Change.entity_id)
            .where(Change.entity == "evidence", Change.field == "created", Change.command.startswith(SEED_LOAD))
        ):
            if (cid, mid) in done:
                out[(cid, eid)] = done[(cid, mid)]
        return out

    def chain_head(self) -> tuple[int, str | None]:
        """The change log's newest row and its hash: what an issued circular prints, so that a later
        rewrite of the history before it shows (`tasktrack db check --head HASH`)."""
        with reading(self.ctx) as conn:
            return chain.head_of(conn)

    def _conditions(self, conn: Any, f: HistoryFilter) -> builtins.list[Any]:
        from tasktrack.services.base import STATED_ENTITY, STATED_FIELD

        # A command's stated day (--as-of) is about the command, not a change to anything: not listed
        # unless asked for by entity (it stays in the log, chained, and dates the command in a rebuild).
        conds: list[Any] = [] if f.entity == STATED_ENTITY else [or_(Change.entity != STATED_ENTITY, Change.field != STATED_FIELD)]
        if f.actor:
            conds.append(Change.actor == f.actor)
        if f.account:
            conds.append(account_column() == f.account)
        if f.entity:
            conds.append(Change.entity == f.entity)
        if f.since:  # days as the user sees them: local midnight, compared in UTC as stored
            conds.append(Change.at >= _local_midnight(f.since))
        if f.until:
            conds.append(Change.at < _local_midnight(f.until + timedelta(days=1)))
        if f.milestone:
            conds.append(
                self._about_milestones(
                    select(Milestone.id).where(Milestone.id == refs.milestone_id(conn, f.milestone))
                )
            )
        if f.task:
            tid = refs.task_id(conn, f.task)
            conds.append(
                or_(
                    and_(Change.entity == "task", Change.entity_id == tid),
                    self._about_milestones(select(Milestone.id).where(Milestone.task_id == tid)),
                    _evidence_or_reports(Evidence.task_id == tid, ProgressReport.task_id == tid),
                )
            )
        if f.unit:
            conds.append(self._about_unit(conn, f.unit))
        if f.plan:
            conds.append(self._about_plan(refs.plan_id(conn, f.plan)))
        return conds

    def _about_plan(self, pid: int) -> Any:
        """Changes to the plan itself, its tasks, its milestones (and their requests), evidence and progress
        reports on its tasks or milestones, its indicators and their readings: found by the plan's ids in
        SQL, so a district's plan reads as fast from a city's change log as from its own."""
        tasks = select(Task.id).where(Task.plan_id == pid)
        indicators = select(Indicator.id).where(Indicator.plan_id == pid)
        readings = select(IndicatorReading.id).where(IndicatorReading.indicator_id.in_(indicators))
        return or_(
            and_(Change.entity == "plan", Change.entity_id == pid),
            and_(Change.entity == "task", Change.entity_id.in_(tasks)),
            self._about_milestones(select(Milestone.id).where(Milestone.plan_id == pid)),
            _evidence_or_reports(Evidence.task_id.in_(tasks), ProgressReport.task_id.in_(tasks)),
            and_(Change.entity == "indicator", Change.entity_id.in_(indicators)),
            and_(Change.entity == "reading", Change.entity_id.in_(readings)),
        )

    def _about_milestones(self, ids: Any) -> Any:
        return or_(
            and_(Change.entity == "milestone", Change.entity_id.in_(ids)),
            and_(Change.entity == "request", Change.entity_id.in_(select(Request.id).where(Request.milestone_id.in_(ids)))),
            _evidence_or_reports(Evidence.milestone_id.in_(ids), ProgressReport.milestone_id.in_(ids)),
        )

    def _about_unit(self, conn: Any, unit: str) -> Any:
        """Changes to the unit itself, to the tasks it owns (leads or co-owns: tasktrack.store.owners)
        and their milestones, to assignments naming it (now or before), and to its progress reports."""
        uid = refs.unit_id(conn, unit)
        tasks = (
            text(owners.owner_cte() + "SELECT task_id FROM task_owner WHERE unit_id = :history_unit")
            .bindparams(history_unit=uid)
            .columns(task_id=Integer)
        )
        owned = select(Milestone.id).where(Milestone.task_id.in_(tasks))
        names = [n for n in conn.execute(select(Unit.name, Unit.short_name).where(Unit.id == uid)).one() if n]
        return or_(
            and_(Change.entity == "unit", Change.entity_id == uid),
            and_(Change.entity == "task", Change.entity_id.in_(tasks)),
            and_(
                Change.entity == "task",
                Change.field.in_(("lead", "co")),
                or_(Change.old.in_(names), Change.new.in_(names)),
            ),
            self._about_milestones(owned),
            and_(
                Change.entity == "progress",
                Change.entity_id.in_(select(ProgressReport.id).where(ProgressReport.unit_id == uid)),
            ),
        )

    def _labels(self, conn: Any, rows: builtins.list[Any]) -> dict[tuple[str, int], str]:
        wanted: dict[str, set[int]] = {}
        for r in rows:
            wanted.setdefault(r.entity, set()).add(r.entity_id)
        out: dict[tuple[str, int], str] = {}
        for entity, (id_col, label_col) in LABELS.items():
            if entity in wanted:
                for i, label in conn.execute(select(id_col, label_col).where(id_col.in_(wanted[entity]))):
                    out[(entity, i)] = label
        if "reading" in wanted:
            for i, code, period in conn.execute(
                select(IndicatorReading.id, Indicator.code, IndicatorReading.period)
                .join(Indicator, Indicator.id == IndicatorReading.indicator_id)
                .where(IndicatorReading.id.in_(wanted["reading"]))
            ):
                out[("reading", i)] = f"{code} {period}"
        for entity, (id_col, milestone_col) in BY_MILESTONE.items():
            if entity in wanted:
                for i, code in conn.execute(
                    select(id_col, Milestone.code)
                    .join(Milestone, Milestone.id == milestone_col)
                    .where(id_col.in_(wanted[entity]))
                ):
                    out[(entity, i)] = code
        return out


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def _evidence_or_reports(evidence_cond: Any, report_cond: Any) -> Any:
    return or_(
        and_(Change.entity == "evidence", Change.entity_id.in_(select(Evidence.id).where(evidence_cond))),
        and_(Change.entity == "progress", Change.entity_id.in_(select(ProgressReport.id).where(report_cond))),
    )

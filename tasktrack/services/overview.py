"""Summaries every front end shows: what needs attention per unit, counts per unit and per programme."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from tasktrack.services.views import MilestoneFilter, MilestoneView, UnitRef

if TYPE_CHECKING:
    from tasktrack.services.milestone_reads import DueItem
    from tasktrack.services.source import MilestoneReading, ReadingContext

# How offices count: 已完成 / 按序时 (incl. ahead) / 滞后 / 未启动 / 逾期; cancelled and pending data aside.
BUCKETS = ("done", "on_schedule", "behind", "not_started", "overdue")


def bucket(m: MilestoneView) -> str | None:
    """The circular's category of a milestone on its as-of date (None: cancelled or awaiting data)."""
    s = m.derived.schedule
    if s == "ahead":
        return "on_schedule"
    if s == "done_unmet":  # completed, so counted 已完成; its colour and words say the target was missed
        return "done"
    if s in BUCKETS:
        return s
    return None


@dataclass(frozen=True)
class Counts:
    """Counts per bucket, with shares to one decimal as circulars print them."""

    total: int = 0
    by: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, milestones: Iterable[MilestoneView]) -> Counts:
        c: Counter[str] = Counter()
        total = 0
        for m in milestones:
            b = bucket(m)
            total += 1
            if b:
                c[b] += 1
        return cls(total=total, by={k: c.get(k, 0) for k in BUCKETS})

    def share(self, key: str) -> float:
        """Percentage of all milestones, rounded half-up to one decimal."""
        if not self.total:
            return 0.0
        return float(f"{self.by.get(key, 0) * 100 / self.total + 1e-9:.1f}")


@dataclass(frozen=True)
class UnitGroup:
    """A lead unit's items that need attention (unit None: no lead unit assigned)."""

    unit: UnitRef | None
    overdue: tuple[MilestoneView, ...]
    due_soon: tuple[MilestoneView, ...]


@dataclass(frozen=True)
class DueGroup:
    """A lead unit's overdue and due-soon items as reminders name them (unit None: no lead unit)."""

    unit: UnitRef | None
    overdue: tuple[DueItem, ...]
    due_soon: tuple[DueItem, ...]


@dataclass(frozen=True)
class UnitSummary:
    unit: UnitRef | None
    counts: Counts


@dataclass(frozen=True)
class ProgrammeSummary:
    plan: str
    code: str
    title: str
    counts: Counts


def _group_key(u: UnitRef | None) -> tuple[int, int]:
    return (1, 0) if u is None else (0, u.id)  # units in id order, unassigned last


class OverviewService:
    def __init__(self, ctx: ReadingContext, milestones: MilestoneReading) -> None:
        """`milestones`: where to read them (the Ledger's MilestoneService, or a light Reader's)."""
        self.ctx = ctx
        self.milestones = milestones

    def attention(
        self,
        as_of: date | None = None,
        within_days: int | None = None,
        *,
        plan: str | None = None,
        unit: str | None = None,
    ) -> list[UnitGroup]:
        """Overdue and due-soon milestones grouped by lead unit; the unassigned form their own group."""
        as_of = as_of or self.ctx.today
        within = self.ctx.settings.due_soon_days if within_days is None else within_days
        rows = self.milestones.list(
            MilestoneFilter(plan=plan, unit=unit, overdue=True, due_within=within), as_of
        )
        groups: dict[int | None, tuple[UnitRef | None, list[MilestoneView], list[MilestoneView]]] = {}
        for m in sorted(rows, key=lambda m: (m.due, m.id)):
            key = m.lead.id if m.lead else None
            entry = groups.setdefault(key, (m.lead, [], []))
            (entry[1] if m.derived.overdue else entry[2]).append(m)
        ordered = sorted(groups.values(), key=lambda g: _group_key(g[0]))
        return [UnitGroup(u, tuple(o), tuple(d)) for u, o, d in ordered]

    def due(
        self,
        as_of: date | None = None,
        within_days: int | None = None,
        *,
        plan: str | None = None,
        unit: str | None = None,
    ) -> list[DueGroup]:
        """What attention() lists, grouped the same way, as reminders need it: due dates, no 序时 judgement."""
        as_of = as_of or self.ctx.today
        within = self.ctx.settings.due_soon_days if within_days is None else within_days
        f = MilestoneFilter(plan=plan, unit=unit, overdue=True, due_within=within)
        groups: dict[int | None, tuple[UnitRef | None, list[DueItem], list[DueItem]]] = {}
        for m in self.milestones.reads().due(f, as_of):  # soonest first; all unfinished, so
            entry = groups.setdefault(m.lead.id if m.lead else None, (m.lead, [], []))
            (entry[1] if m.days_left < 0 else entry[2]).append(m)  # overdue is: due before as_of
        ordered = sorted(groups.values(), key=lambda g: _group_key(g[0]))
        return [DueGroup(u, tuple(o), tuple(d)) for u, o, d in ordered]

    def by_unit(self, as_of: date | None = None, *, plan: str | None = None) -> list[UnitSummary]:
        """Each lead unit's milestones counted by bucket (unassigned last)."""
        rows = self.milestones.list(MilestoneFilter(plan=plan), as_of or self.ctx.today)
        per: dict[int | None, tuple[UnitRef | None, list[MilestoneView]]] = {}
        for m in rows:
            per.setdefault(m.lead.id if m.lead else None, (m.lead, []))[1].append(m)
        ordered = sorted(per.values(), key=lambda g: _group_key(g[0]))
        return [UnitSummary(u, Counts.of(ms)) for u, ms in ordered]

    def by_programme(
        self,
        as_of: date | None = None,
        *,
        plan: str | None = None,
        milestones: list[MilestoneView] | None = None,
    ) -> list[ProgrammeSummary]:
        """Counts per programme (top-level task), in document order."""
        rows = (
            milestones
            if milestones is not None
            else self.milestones.list(MilestoneFilter(plan=plan), as_of or self.ctx.today)
        )
        per: dict[tuple[str, str], tuple[str, list[MilestoneView]]] = {}
        for m in rows:
            per.setdefault((m.plan, m.programme_code), (m.programme_title, []))[1].append(m)
        return [ProgrammeSummary(p, code, title, Counts.of(ms)) for (p, code), (title, ms) in per.items()]

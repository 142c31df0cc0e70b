"""Updating a plan already in the ledger from a plan file (`seed load FILE --update`).

The file's tasks, milestones and indicators are matched to the ledger's by code, then (for a draft whose
outline is numbered differently, as `import plan` writes it) by their quote, the document's own words: a
match is updated, never duplicated. What the file does not state is left as it is and reported so: a row
or field not in the file, the plan's key and short title (commands and cron lines name the plan by its
key), a field a person changed since a seed wrote it, and where a matched row sits in the tree (a
milestone's task decides who answers for it). Every change goes through the use cases the CLI uses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from sqlalchemy import select

from tasktrack.errors import UserError, Words
from tasktrack.importers.planfile import IndicatorRec, MilestoneRec, PlanRec, TaskRec
from tasktrack.models import MILESTONE_STATED, Indicator, Milestone, Plan, Responsibility, Task
from tasktrack.services.base import Context, UnitOfWork, encode

TASK_FIELDS = ("title", "text", "quote", "note")
MILESTONE_FIELDS = tuple(f for f in MILESTONE_STATED if f not in ("task_id", "due", "due_text"))
PLAN_FIELDS = ("doc_no", "title", "issuer", "issued", "period_start", "period_end", "source", "quote")
INDICATOR_FIELDS = ("name", "unit", "attribute", "cumulative", "baseline_year", "baseline_value",
                    "target_year", "target_value", "quote")  # fmt: skip


@dataclass(frozen=True)
class Step:
    """One line of the diff: a row added, a field changed, or something left as the ledger has it."""

    action: str  # add | change | keep | conflict (new in the file, with a code the ledger uses for another)
    entity: str  # plan | task | milestone | indicator
    code: str  # as the ledger names the row (the file's code for a row added)
    field: str | None = None  # None: the row as a whole
    old: Any = None  # the ledger's value
    new: Any = None  # the file's value
    why: str | None = (
        None  # for keep: not_in_file | key | short_title | by_people | code | placement | owners
    )


@dataclass
class PlanDiff:
    """What loading a file does to one plan already in the ledger."""

    plan: str  # the ledger's key, kept
    matched_by: str  # key | doc_no | both
    steps: list[Step] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(s.action == action for s in self.steps)


class Coded(Protocol):
    """A row or a file's record: what matching reads of it."""

    @property
    def code(self) -> str: ...

    @property
    def quote(self) -> str | None: ...


R = TypeVar("R", bound=Coded)
F = TypeVar("F", bound=Coded)


def _norm(text: str | None) -> str:
    """A quote as compared: full- and half-width forms alike (NFKC), whitespace ignored."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def match(
    items: Sequence[F],
    rows: Sequence[R],
    *,
    same: Callable[[F, R], bool],
    closer: Callable[[F, R], bool],
    ambiguous: Callable[[F, list[R]], UserError],
) -> dict[int, tuple[R, str]]:
    """Pair the file's items with the ledger's rows, keyed by id(item). A code alone does not make two the
    same: a draft numbers its outline its own way, and its 二(三)-M1 may be the ledger's 二(三)-M2. So:
    1. the same code and the same quote (or no quote on one side);
    2. the same quote, among rows still free (`same` must hold too: a recurring milestone has one quote
       for every year); several such rows: those `closer` to the item (same metric or title); still
       several: refused;
    3. the same code and `closer` (a corrected quote of the same target);
    4. a quote that contains the row's or is contained in it, with `same` and `closer`: one such row.
    An item left over whose code the ledger uses is a conflict (see conflicts())."""
    by_code = {r.code: r for r in rows}
    found: dict[int, tuple[R, str]] = {}
    taken: set[int] = set()

    def claim(item: F, row: R, by: str) -> None:
        found[id(item)] = (row, by)
        taken.add(id(row))

    for item in items:
        row = by_code.get(item.code)
        if row is not None and (
            not _norm(item.quote) or not _norm(row.quote) or _norm(item.quote) == _norm(row.quote)
        ):
            claim(item, row, "code")
    for item in items:
        quote = _norm(item.quote)
        if id(item) in found or not quote:
            continue
        free = [r for r in rows if id(r) not in taken and _norm(r.quote) == quote and same(item, r)]
        if len(free) > 1:
            free = [r for r in free if closer(item, r)] or free
        if len(free) > 1:
            raise ambiguous(item, free)
        if free:
            claim(item, free[0], "quote")
    for item in items:
        row = by_code.get(item.code)
        if id(item) not in found and row is not None and id(row) not in taken and closer(item, row):
            claim(item, row, "code")
    for item in items:  # 4. a quote cut longer or shorter around the same words, and closer: one such row
        quote = _norm(item.quote)
        if id(item) in found or not quote:
            continue
        free = [
            r
            for r in rows
            if id(r) not in taken
            and _norm(r.quote)
            and (quote in _norm(r.quote) or _norm(r.quote) in quote)
            and same(item, r)
            and closer(item, r)
        ]
        if len(free) == 1:
            claim(item, free[0], "quote")
    return found


def conflicts(items: Sequence[F], rows: Sequence[R], found: dict[int, tuple[R, str]]) -> list[tuple[F, R]]:
    """Items matched to no row whose code a row of the ledger has (for another target): adding them would
    reuse a code that commands, spreadsheets and cron lines already mean something else by."""
    by_code = {r.code: r for r in rows}
    return [(i, by_code[i.code]) for i in items if id(i) not in found and i.code in by_code]


class PlanUpdate:
    """Diff one plan file record against its plan in the ledger, then apply the diff (unless dry)."""

    def __init__(
        self,
        ctx: Context,
        uow: UnitOfWork,
        plan: Plan,
        rec: PlanRec,
        *,
        kept: set[tuple[str, int, str]],
        reason: str,
        source: str,
        owners: Callable[[UnitOfWork, Task, TaskRec], None],
    ) -> None:
        assert plan.id is not None
        self.ctx, self.uow, self.row, self.rec, self.pid = ctx, uow, plan, rec, plan.id
        self.kept, self.reason, self.source, self.owners = kept, reason, source, owners
        self.steps: list[Step] = []
        self.actions: list[Callable[[], object]] = []
        self.task_ids: dict[int, int] = {}  # id(TaskRec) -> the ledger task it is (known once applied)
        self.clashes: set[int] = set()  # id() of new items whose code the ledger uses for another

    # -- the diff ---------------------------------------------------------------------------------
    def diff(self) -> list[Step]:
        s, pid = self.uow.session, self.pid
        tasks = list(
            s.execute(select(Task).where(Task.plan_id == pid).order_by(Task.position, Task.id)).scalars()
        )
        miles = list(
            s.execute(
                select(Milestone).where(Milestone.plan_id == pid).order_by(Milestone.position)
            ).scalars()
        )
        inds = list(
            s.execute(select(Indicator).where(Indicator.plan_id == pid).order_by(Indicator.id)).scalars()
        )
        walked = _walk(self.rec.tasks)
        file_ms = [(m, task) for task, _ in walked for m in task.milestones]
        tmatch = match(
            [task for task, _ in walked],
            tasks,
            same=lambda f, r: True,
            closer=lambda f, r: f.title == r.title,
            ambiguous=self._ambiguous("task"),
        )
        mmatch = match(
            [m for m, _ in file_ms],
            miles,
            same=lambda f, r: f.year == r.year,
            closer=lambda f, r: f.metric == r.metric,
            ambiguous=self._ambiguous("milestone"),
        )
        imatch = match(
            self.rec.indicators,
            inds,
            same=lambda f, r: True,
            closer=lambda f, r: f.name == r.name,
            ambiguous=self._ambiguous("indicator"),
        )
        code_of = {r.id: r.code for r in tasks}
        for what, items, rows, found in (
            ("task", [task for task, _ in walked], tasks, tmatch),
            ("milestone", [m for m, _ in file_ms], miles, mmatch),
            ("indicator", self.rec.indicators, inds, imatch),
        ):
            for item, row in conflicts(items, rows, found):
                self.clashes.add(id(item))
                self.steps.append(Step("conflict", what, item.code, "code", _label(row), _label(item)))
        self._plan()
        for task, parent in walked:
            self._task(task, parent, tmatch, code_of)
        for m, task in file_ms:
            self._milestone(m, task, mmatch, tmatch, code_of)
        for i, ind in enumerate(self.rec.indicators, 1):
            self._indicator(ind, len(inds) + i, imatch)
        matched = {id(r) for r, _ in (*tmatch.values(), *mmatch.values(), *imatch.values())}
        for entity, rows in (("task", tasks), ("milestone", miles), ("indicator", inds)):
            for r in rows:
                if id(r) not in matched:
                    self.steps.append(Step("keep", entity, r.code, why="not_in_file"))
        return self.steps

    def _ambiguous(self, entity: str) -> Callable[[Any, list[Any]], UserError]:
        entity_key = f"tui.entity.{entity}"

        def refuse(item: Any, rows: list[Any]) -> UserError:
            return UserError(
                "load.ambiguous",
                source=self.source,
                entity=Words(entity_key),
                code=item.code,
                codes=", ".join(r.code for r in rows),
            )

        return refuse

    def _fields(self, entity: str, row: Any, code: str, stated: dict[str, Any]) -> dict[str, Any]:
        """The fields to change: stated in the file, different, and not changed by a person since."""
        changes: dict[str, Any] = {}
        for name, new in stated.items():
            old = getattr(row, name)
            if encode(old) == encode(new):
                continue
            if new is None or new == "":
                self.steps.append(Step("keep", entity, code, name, old, None, "not_in_file"))
            elif (entity, row.id, name) in self.kept:
                self.steps.append(Step("keep", entity, code, name, old, new, "by_people"))
            else:
                self.steps.append(Step("change", entity, code, name, old, new))
                changes[name] = new
        return changes

    def _plan(self) -> None:
        from tasktrack.services.plans import PlanService

        row, rec = self.row, self.rec
        if rec.key != row.key:
            self.steps.append(Step("keep", "plan", row.key, "key", row.key, rec.key, "key"))
        if rec.short_title != row.short_title:
            self.steps.append(Step("keep", "plan", row.key, "short_title", row.short_title, rec.short_title,
                                   "short_title" if rec.short_title else "not_in_file"))  # fmt: skip
        stated = {name: getattr(rec, name) for name in PLAN_FIELDS}
        changes = self._fields("plan", row, row.key, stated)
        parent = parent_plan(self.uow, rec)
        if parent != row.parent_id:
            keys = {pid: key for pid, key in self.uow.session.execute(select(Plan.id, Plan.key))}
            old, new = (
                keys.get(row.parent_id) if row.parent_id else None,
                keys.get(parent) if parent else None,
            )
            if parent is None:
                self.steps.append(Step("keep", "plan", row.key, "parent", old, None, "not_in_file"))
            elif ("plan", row.id, "parent_id") in self.kept:
                self.steps.append(Step("keep", "plan", row.key, "parent", old, new, "by_people"))
            else:
                self.steps.append(Step("change", "plan", row.key, "parent", old, new))
                changes["parent_id"] = parent
        if changes:
            self.actions.append(
                lambda: PlanService(self.ctx).edit_in(self.uow, self.pid, changes, reason=self.reason)
            )

    def _task(
        self,
        rec: TaskRec,
        parent: TaskRec | None,
        found: dict[int, tuple[Task, str]],
        code_of: dict[int, str],
    ) -> None:
        from tasktrack.services.tasks import TaskService

        service = TaskService(self.ctx)
        hit = found.get(id(rec))
        if hit is None and id(rec) in self.clashes:
            return
        if hit is None:
            self.steps.append(Step("add", "task", rec.code, new=rec.title))

            def add() -> None:
                tid = service.add_in(
                    self.uow,
                    self.pid,
                    rec.code,
                    rec.title,
                    parent=self.task_ids[id(parent)] if parent is not None else None,
                    text=rec.text,
                    quote=rec.quote,
                    note=rec.note,
                    reason=self.reason,
                )
                self.task_ids[id(rec)] = tid
                if rec.lead or rec.co:
                    self.owners(self.uow, self.uow.lock(Task, tid), rec)

            self.actions.append(add)
            return
        row, by = hit
        assert row.id is not None
        self.task_ids[id(rec)] = tid = row.id
        if by == "quote" and rec.code != row.code:
            self.steps.append(Step("keep", "task", row.code, "code", row.code, rec.code, "code"))
        want: int | None = None  # the parent the file gives, as a ledger task (-1: one the file adds)
        if parent is not None:
            want = found[id(parent)][0].id if id(parent) in found else -1
        if want != row.parent_id:
            old = code_of.get(row.parent_id) if row.parent_id else None
            self.steps.append(Step("keep", "task", row.code, "parent", old, parent.code if parent else None,
                                   "placement"))  # fmt: skip
        changes = self._fields("task", row, row.code, {name: getattr(rec, name) for name in TASK_FIELDS})
        if changes:
            self.actions.append(lambda: service.edit_in(self.uow, tid, changes, reason=self.reason))
        if rec.lead or rec.co:
            owned = self.uow.session.execute(select(Responsibility.id).where(Responsibility.task_id == tid))
            names = ", ".join(filter(None, [rec.lead, *rec.co]))
            if owned.first():
                self.steps.append(Step("keep", "task", row.code, "owners", None, names, "owners"))
            else:
                self.steps.append(Step("change", "task", row.code, "owners", None, names))
                self.actions.append(lambda: self.owners(self.uow, row, rec))

    def _milestone(
        self,
        rec: MilestoneRec,
        task: TaskRec,
        found: dict[int, tuple[Milestone, str]],
        tasks: dict[int, tuple[Task, str]],
        code_of: dict[int, str],
    ) -> None:
        from tasktrack.services.milestones import MilestoneService

        service = MilestoneService(self.ctx)
        due = (
            rec.due_text or rec.due
        )  # the document's words when it has them: they are read again the same way
        hit = found.get(id(rec))
        if hit is None and id(rec) in self.clashes:
            return
        if hit is None:
            self.steps.append(Step("add", "milestone", rec.code, new=rec.metric))
            self.actions.append(
                lambda: service.add_in(
                    self.uow,
                    self.task_ids[id(task)],
                    rec.code,
                    rec.metric,
                    rec.year,
                    due=due,
                    target=rec.target,
                    unit=rec.unit,
                    comparison=rec.comparison,
                    kind=rec.kind,
                    cumulative=rec.cumulative,
                    baseline_year=rec.baseline_year,
                    baseline_value=rec.baseline_value,
                    baseline_quote=rec.baseline_quote,
                    quote=rec.quote,
                    note=rec.note,
                    aspirational=rec.aspirational,
                    reason=self.reason,
                )
            )
            return
        row, by = hit
        assert row.id is not None
        mid = row.id
        if by == "quote" and rec.code != row.code:
            self.steps.append(Step("keep", "milestone", row.code, "code", row.code, rec.code, "code"))
        home = tasks.get(id(task))
        if home is None or home[0].id != row.task_id:
            self.steps.append(Step("keep", "milestone", row.code, "task", code_of.get(row.task_id), task.code,
                                   "placement"))  # fmt: skip
        changes = self._fields(
            "milestone", row, row.code, {name: getattr(rec, name) for name in MILESTONE_FIELDS}
        )
        if encode(row.due) != encode(rec.due) or (row.due_text or None) != (rec.due_text or None):
            old = row.due_text or row.due
            if ("milestone", row.id, "due") in self.kept or ("milestone", row.id, "due_text") in self.kept:
                self.steps.append(Step("keep", "milestone", row.code, "due", old, due, "by_people"))
            else:
                self.steps.append(Step("change", "milestone", row.code, "due", old, due))
                changes["due"] = due
        if changes:
            self.actions.append(
                lambda: service.edit_in(self.uow, service.load_in(self.uow, mid), changes, reason=self.reason)
            )

    def _indicator(self, rec: IndicatorRec, position: int, found: dict[int, tuple[Indicator, str]]) -> None:
        from tasktrack.services.indicators import IndicatorService

        service = IndicatorService(self.ctx)
        stated = {name: getattr(rec, name) for name in INDICATOR_FIELDS}
        hit = found.get(id(rec))
        if hit is None and id(rec) in self.clashes:
            return
        if hit is None:
            self.steps.append(Step("add", "indicator", rec.code, new=rec.name))
            self.actions.append(
                lambda: service.add_in(
                    self.uow, self.pid, rec.code, {**stated, "position": position}, reason=self.reason
                )
            )
            return
        row, by = hit
        assert row.id is not None
        iid = row.id
        if by == "quote" and rec.code != row.code:
            self.steps.append(Step("keep", "indicator", row.code, "code", row.code, rec.code, "code"))
        changes = self._fields("indicator", row, row.code, stated)
        if changes:
            self.actions.append(lambda: service.edit_in(self.uow, iid, changes, reason=self.reason))

    # -- applying it ------------------------------------------------------------------------------
    def apply(self) -> None:
        """Make the changes, in the file's order (a new task before its milestones and sub-tasks)."""
        for action in self.actions:
            action()


def _label(x: Any) -> str:
    """What a task, milestone or indicator is, in a few words: its title, metric or name."""
    return str(getattr(x, "metric", None) or getattr(x, "title", None) or getattr(x, "name", ""))


def _walk(tasks: list[TaskRec], parent: TaskRec | None = None) -> list[tuple[TaskRec, TaskRec | None]]:
    out: list[tuple[TaskRec, TaskRec | None]] = []
    for task in tasks:
        out.append((task, parent))
        out.extend(_walk(task.tasks, task))
    return out


def parent_plan(uow: UnitOfWork, rec: PlanRec) -> int | None:
    """The ledger plan the file's `parent` names (by document number or key); None when it names none."""
    if not rec.parent:
        return None
    found = uow.session.execute(
        select(Plan.id).where((Plan.doc_no == rec.parent) | (Plan.key == rec.parent))
    ).scalar()
    if found is None:
        raise UserError("err.svc2.parent_missing", plan=rec.key, parent=repr(rec.parent))
    return int(found)

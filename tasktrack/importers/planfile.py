"""Read a plan file (YAML, format tasktrack/1) into plain records, listing every error with its place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from tasktrack.domain.dates import DateError, parse_date, parse_deadline
from tasktrack.domain.kinds import Attribute, Comparison, MeasureKind, Status
from tasktrack.domain.numbers import NumberError, parse_number
from tasktrack.errors import UserError, Words, say
from tasktrack.i18n import t

FORMAT = "tasktrack/1"


@dataclass
class MilestoneRec:
    code: str
    metric: str
    year: int
    due: date
    due_text: str | None
    target: float | None
    unit: str | None
    comparison: str
    kind: str
    cumulative: bool
    aspirational: bool
    baseline_year: int | None
    baseline_value: float | None
    baseline_quote: str | None
    quote: str | None
    note: str | None


@dataclass
class TaskRec:
    code: str
    title: str
    text: str | None
    quote: str | None
    note: str | None
    tasks: list[TaskRec] = field(default_factory=list)
    milestones: list[MilestoneRec] = field(default_factory=list)
    lead: str | None = None  # 牵头单位 as the plan names it (drafts from `import plan`)
    co: list[str] = field(default_factory=list)  # 配合单位


@dataclass
class IndicatorRec:
    code: str
    name: str
    unit: str | None
    attribute: str
    cumulative: bool
    baseline_year: int | None
    baseline_value: float | None
    target_year: int | None
    target_value: float | None
    quote: str | None


@dataclass
class PlanRec:
    key: str
    doc_no: str | None
    title: str
    short_title: str | None
    issuer: str | None
    issued: date | None
    period_start: int | None
    period_end: int | None
    parent: str | None
    source: str | None
    quote: str | None
    indicators: list[IndicatorRec] = field(default_factory=list)
    tasks: list[TaskRec] = field(default_factory=list)


@dataclass
class DemoRec:
    units: list[dict[str, Any]] = field(default_factory=list)
    assignments: list[dict[str, Any]] = field(default_factory=list)
    milestone_updates: list[dict[str, Any]] = field(default_factory=list)
    progress_reports: list[dict[str, Any]] = field(default_factory=list)
    indicator_readings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class PlanFile:
    layer: str  # plan | demo
    plans: list[PlanRec] = field(default_factory=list)
    demo: DemoRec | None = None


class Listed(Words):
    """Problems one after another, each written in the reader's language: the first `most`, then how many
    more there are."""

    def __init__(self, items: Sequence[str | Words], most: int = 5, more: str = "err.imp.more") -> None:
        super().__init__("err.imp.listed", items=tuple(items), most=most, more=more)
        self.items, self.most, self.more = tuple(items), most, more

    def __call__(self, lang: str) -> str:
        text = t("err.imp.sep", lang).join(say(item, lang) for item in self.items[: self.most])
        if len(self.items) > self.most:
            text += t(self.more, lang, n=len(self.items) - self.most)
        return text


def at(where: str | Words, reason: object) -> Words:
    """A problem and its place ("plans[0].title: is required", "row 7, 状态: ..."), in words."""
    return Words("err.imp.at", where=where, reason=reason)


class ImportErrors(UserError):
    """Every problem in a file, each with its place; nothing is loaded when there is one.

    `problems` are the problems in words (written in the reader's language where shown: the CLI's
    --verbose lines); `errors` are the same as English lines, as str(exc) is."""

    def __init__(self, source: str, errors: Sequence[str | Words]) -> None:
        self.problems = list(errors)
        self.errors = [str(e) for e in self.problems]
        key = "err.imp.errors" if len(self.problems) > 1 else "err.imp.error"
        super().__init__(key, source=source, n=len(self.problems), shown=Listed(self.problems))


class _Reader:
    """Walks the parsed YAML, converting values and collecting errors instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[str | Words] = []

    def err(self, where: str | Words, message: object) -> None:
        """`message`: Words, or an error raised with words (a DateError, a NumberError)."""
        self.errors.append(at(where, message))

    def text(self, d: dict[str, Any], key: str, where: str, *, required: bool = False) -> str | None:
        value = d.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.err(f"{where}.{key}", Words("err.imp.required"))
            return None
        if isinstance(value, bool | list | dict):
            self.err(f"{where}.{key}", Words("err.imp.text", kind=type(value).__name__))
            return None
        return str(value).strip() if key not in ("text",) else str(value).rstrip()

    def number(self, d: dict[str, Any], key: str, where: str, what: str | None = None) -> float | None:
        """A number by the rule every entry path shares (NaN, inf and "" refused, as the CLI refuses them),
        with the CLI's message for that value, naming the value as `what` (default: the key)."""
        value = d.get(key)
        if value is None:
            return None
        try:
            return parse_number(value, what or key)
        except NumberError as exc:
            self.err(f"{where}.{key}", exc)
            return None

    def integer(self, d: dict[str, Any], key: str, where: str, *, required: bool = False) -> int | None:
        value = d.get(key)
        if value is None:
            if required:
                self.err(f"{where}.{key}", Words("err.imp.required"))
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.err(f"{where}.{key}", Words("err.imp.whole", value=repr(value)))
            return None
        return value

    def flag(self, d: dict[str, Any], key: str, where: str) -> bool:
        value = d.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.err(f"{where}.{key}", Words("err.imp.flag", value=repr(value)))
            return False
        return value

    def choice(self, d: dict[str, Any], key: str, where: str, enum: type[StrEnum], default: str) -> str:
        value = d.get(key)
        if value is None:
            return default
        try:
            return enum(str(value)).value
        except ValueError:
            self.err(f"{where}.{key}", Words("err.imp.one_of", value=repr(value), choices=", ".join(e.value for e in enum)))
            return default

    def items(self, d: dict[str, Any], key: str, where: str) -> list[tuple[str, dict[str, Any]]]:
        place = f"{where}.{key}" if where else key
        value = d.get(key) or []
        if not isinstance(value, list):
            self.err(place, Words("err.imp.list"))
            return []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.err(f"{place}[{i}]", Words("err.imp.mapping"))
                continue
            out.append((f"{place}[{i}]", item))
        return out

    def confidence(self, d: dict[str, Any], where: str) -> None:
        """A drafted item's confidence (0–1): checked, then ignored — it guides review, not loading."""
        value = self.number(d, "confidence", where)
        if value is not None and not 0 <= value <= 1:
            self.err(f"{where}.confidence", Words("err.imp.confidence", value=repr(d.get("confidence"))))

    def names(self, d: dict[str, Any], key: str, where: str) -> list[str]:
        """A list of unit names (co: [区财政局, 区教委])."""
        value = d.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.err(f"{where}.{key}", Words("err.imp.names"))
            return []
        return [v.strip() for v in value]

    def pair(self, d: dict[str, Any], key: str, where: str) -> tuple[int | None, float | None]:
        value = d.get(key)
        if value is None:
            return None, None
        if not isinstance(value, dict):
            self.err(f"{where}.{key}", Words("err.imp.pair"))
            return None, None
        return self.integer(value, "year", f"{where}.{key}"), self.number(value, "value", f"{where}.{key}", key)


def read_plan_file(path: Path) -> PlanFile:
    """Parse and check a plan file; raise ImportErrors listing every problem."""
    import yaml

    try:
        raw = _parse(path.read_text(encoding="utf-8"), yaml)
    except FileNotFoundError:
        raise UserError("err.imp.no_file", path=path) from None
    except UnicodeDecodeError:
        raise UserError("err.imp.not_utf8", path=path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or Words("err.imp.yaml_invalid")
        if mark:
            raise UserError(
                "err.imp.yaml_at", path=path, line=mark.line + 1, column=mark.column + 1, problem=problem
            ) from None
        raise UserError("err.imp.yaml", path=path, problem=problem) from None
    return parse_plan_data(raw, str(path))


def _parse(text: str, yaml: Any) -> Any:
    """YAML, with libyaml's parser when PyYAML has it. A file written as JSON (which YAML reads too; how
    big ledgers are exported) is read with the json module, many times faster."""
    if text.lstrip().startswith("{"):
        import json

        try:
            return json.loads(text)
        except ValueError:
            pass  # a YAML flow mapping, not JSON
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def parse_plan_data(raw: Any, source: str) -> PlanFile:
    r = _Reader()
    if not isinstance(raw, dict):
        raise ImportErrors(source, [at(Words("err.imp.top"), Words("err.imp.top_mapping"))])
    if raw.get("format") != FORMAT:
        r.err("format", Words("err.imp.format", want=repr(FORMAT), value=repr(raw.get("format"))))
    layer = raw.get("layer", "plan")
    if layer not in ("plan", "demo"):
        r.err("layer", Words("err.imp.layer", value=repr(layer)))
    result = PlanFile(layer=layer)
    for where, p in r.items(raw, "plans", ""):
        result.plans.append(_plan(r, p, where))
    if layer == "demo":
        result.demo = DemoRec(
            **{
                k: [item for _, item in r.items(raw, k, "")]
                for k in (
                    "units",
                    "assignments",
                    "milestone_updates",
                    "progress_reports",
                    "indicator_readings",
                )
            }
        )
        _check_demo(r, result.demo)
    _check_codes(r, result.plans)
    if r.errors:
        raise ImportErrors(source, r.errors)
    return result


def _plan(r: _Reader, p: dict[str, Any], where: str) -> PlanRec:
    start = end = None
    period = p.get("period")
    if period is not None:
        parts = str(period).replace("—", "-").replace("–", "-").split("-")
        if len(parts) == 2 and all(x.strip().isdigit() for x in parts):
            start, end = int(parts[0]), int(parts[1])
        else:
            r.err(f"{where}.period", Words("err.imp.period", value=repr(period)))
    issued = p.get("issued")
    if issued is not None and not isinstance(issued, date):
        try:
            issued = parse_date(str(issued)).value
        except DateError as exc:
            r.err(f"{where}.issued", exc)
            issued = None
    plan = PlanRec(
        key=r.text(p, "key", where, required=True) or "",
        doc_no=r.text(p, "doc_no", where),
        title=r.text(p, "title", where, required=True) or "",
        short_title=r.text(p, "short_title", where),
        issuer=r.text(p, "issuer", where),
        issued=issued,
        period_start=start,
        period_end=end,
        parent=r.text(p, "parent", where),
        source=r.text(p, "source", where),
        quote=r.text(p, "quote", where),
    )
    for w, i in r.items(p, "indicators", where):
        by, bv = r.pair(i, "baseline", w)
        ty, tv = r.pair(i, "target", w)
        attribute = {"预期性": "expected", "约束性": "binding"}.get(
            str(i.get("attribute")), i.get("attribute")
        )
        plan.indicators.append(
            IndicatorRec(
                code=r.text(i, "code", w, required=True) or "",
                name=r.text(i, "name", w, required=True) or "",
                unit=r.text(i, "unit", w),
                attribute=r.choice({"attribute": attribute}, "attribute", w, Attribute, "expected"),
                cumulative=r.flag(i, "cumulative", w),
                baseline_year=by,
                baseline_value=bv,
                target_year=ty,
                target_value=tv,
                quote=r.text(i, "quote", w),
            )
        )
        r.confidence(i, w)
        _check_yearly(r, i, w)
    plan.tasks = [_task(r, t, w) for w, t in r.items(p, "tasks", where)]
    return plan


def _task(r: _Reader, t: dict[str, Any], where: str) -> TaskRec:
    task = TaskRec(
        code=r.text(t, "code", where, required=True) or "",
        title=r.text(t, "title", where, required=True) or "",
        text=r.text(t, "text", where),
        quote=r.text(t, "quote", where),
        note=r.text(t, "note", where),
        lead=r.text(t, "lead", where),
        co=r.names(t, "co", where),
    )
    if task.lead and task.lead in task.co:
        r.err(f"{where}.co", Words("err.imp.lead_in_co", unit=repr(task.lead)))
    r.confidence(t, where)
    task.tasks = [_task(r, c, w) for w, c in r.items(t, "tasks", where)]
    for w, m in r.items(t, "milestones", where):
        task.milestones.extend(_milestones(r, m, w))
    return task


def _milestones(r: _Reader, m: dict[str, Any], where: str) -> list[MilestoneRec]:
    every = m.get("every_year")
    if every is not None:
        if not (
            isinstance(every, list)
            and len(every) == 2
            and all(isinstance(y, int) for y in every)
            and every[0] <= every[1]
        ):
            r.err(f"{where}.every_year", Words("err.imp.every_year"))
            return []
        years = list(range(every[0], every[1] + 1))
    else:
        years = [r.integer(m, "year", where, required=True) or 0]
    code = r.text(m, "code", where, required=True) or ""
    r.confidence(m, where)
    kind = r.choice(m, "kind", where, MeasureKind, "increment")
    comparison = r.choice(m, "comparison", where, Comparison, ">=")
    target = r.number(m, "target", where)
    if kind != "event" and m.get("target") is None:
        r.err(f"{where}.target", Words("err.imp.target_required", kind=kind))
    by, bv = r.pair(m, "baseline", where)
    # Read once, whatever the number of years, so that each mistake is reported once.
    common: dict[str, Any] = dict(
        metric=r.text(m, "metric", where, required=True) or "",
        target=target,
        unit=r.text(m, "unit", where),
        comparison=comparison,
        kind=kind,
        cumulative=r.flag(m, "cumulative", where),
        baseline_year=by,
        baseline_value=bv,
        baseline_quote=r.text(m, "baseline_quote", where),
        quote=r.text(m, "quote", where),
        note=r.text(m, "note", where),
    )
    aspirational_flag = r.flag(m, "aspirational", where)
    out = []
    for i, year in enumerate(years):
        errors_before = len(r.errors)
        due, due_text, aspirational = _due(r, m, where, year)
        if i and len(r.errors) > errors_before:  # the same bad due date, again for another year
            del r.errors[errors_before:]
        out.append(
            MilestoneRec(
                code=f"{code}-{year}" if every is not None else code,
                year=year,
                due=due,
                due_text=due_text,
                aspirational=aspirational or aspirational_flag,
                **common,
            )
        )
    return out


def _due(r: _Reader, m: dict[str, Any], where: str, year: int) -> tuple[date, str | None, bool]:
    raw = m.get("due")
    if raw is None or not year:
        return date(year or 1, 12, 31), None, False
    if isinstance(raw, date):
        return raw, None, False
    try:
        parsed = parse_deadline(str(raw), year=year)
    except DateError as exc:
        r.err(f"{where}.due", exc)
        return date(year, 12, 31), None, False
    return parsed.value, str(raw), parsed.aspirational


def _check_yearly(r: _Reader, i: dict[str, Any], where: str) -> None:
    """An indicator's yearly columns ({2021: 1.6, 2022: 1.7}): checked, not loaded yet."""
    yearly = i.get("yearly")
    if yearly is None:
        return
    if not isinstance(yearly, dict) or not all(
        isinstance(y, int) and not isinstance(v, bool) and isinstance(v, int | float)
        for y, v in yearly.items()
    ):
        r.err(f"{where}.yearly", Words("err.imp.yearly"))


# task, milestone, indicator as a person reads them (任务, 节点, 指标)
_KINDS = {
    "task": Words("hist.entity.task"),
    "milestone": Words("hist.entity.milestone"),
    "indicator": Words("hist.entity.indicator"),
}


def _check_codes(r: _Reader, plans: list[PlanRec]) -> None:
    keys: set[str] = set()
    for i, plan in enumerate(plans):
        if plan.key in keys:
            r.err(f"plans[{i}].key", Words("err.imp.twice", value=repr(plan.key)))
        keys.add(plan.key)
        seen: dict[str, set[str]] = {"task": set(), "milestone": set(), "indicator": set()}

        def see(kind: str, code: str, plan_key: str = plan.key, seen: dict[str, set[str]] = seen) -> None:
            if code in seen[kind]:
                r.err(Words("err.imp.plan_place", plan=plan_key), Words("err.imp.code_twice", kind=_KINDS[kind], code=repr(code)))
            seen[kind].add(code)

        for ind in plan.indicators:
            see("indicator", ind.code)
        stack = [(t, 1) for t in plan.tasks]
        while stack:
            task, depth = stack.pop()
            see("task", task.code)
            if depth > 3:
                r.err(Words("err.imp.task_place", plan=plan.key, task=task.code), Words("err.imp.too_deep", n=3))
            for m in task.milestones:
                see("milestone", m.code)
            stack.extend((c, depth + 1) for c in task.tasks)


def _check_demo(r: _Reader, demo: DemoRec) -> None:
    for i, u in enumerate(demo.milestone_updates):
        status = u.get("status")
        if status is not None and status not in {s.value for s in Status}:
            r.err(
                f"milestone_updates[{i}].status",
                Words("err.imp.one_of", value=repr(status), choices=", ".join(s.value for s in Status)),
            )
        for key in ("plan", "milestone"):
            if not u.get(key):
                r.err(f"milestone_updates[{i}].{key}", Words("err.imp.required"))
    for i, a in enumerate(demo.assignments):
        for key in ("plan", "task"):
            if not a.get(key):
                r.err(f"assignments[{i}].{key}", Words("err.imp.required"))
    for i, u in enumerate(demo.units):
        if not u.get("name"):
            r.err(f"units[{i}].name", Words("err.imp.required"))

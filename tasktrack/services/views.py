"""Read models the services return: plain frozen data, never session-bound rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any, Protocol

from tasktrack.domain.progress import Assessment


def jsonable(value: Any) -> Any:
    """Turn a view (or list of views) into JSON-ready data: dates as ISO strings."""
    if value is None or isinstance(value, str | int | float):
        return value
    if hasattr(value, "__dataclass_fields__"):  # field by field: asdict() would deep-copy it all first
        names = _FIELDS.get(type(value))
        if names is None:
            names = _FIELDS.setdefault(type(value), tuple(f.name for f in fields(value)))
        return {k: jsonable(getattr(value, k)) for k in names}
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


_FIELDS: dict[type, tuple[str, ...]] = {}


def dumps(data: Any) -> str:
    """Views, lists and dicts of them as indented JSON text: what json.dumps(jsonable(data),
    ensure_ascii=False, indent=2) writes, at several times its speed (orjson; a city's circular is tens
    of megabytes). The one difference: a float json writes with an exponent is written '1e16', '1e-05' as
    '1e-5' (the same number). Views go through jsonable's field order, dates through isoformat()."""
    import orjson

    options = (
        orjson.OPT_INDENT_2
        | orjson.OPT_NON_STR_KEYS
        | orjson.OPT_PASSTHROUGH_DATACLASS  # to _json_default: a view's fields may be worked out lazily
        | orjson.OPT_PASSTHROUGH_DATETIME  # to _json_default: isoformat() as jsonable writes them
    )
    try:
        return orjson.dumps(data, default=_json_default, option=options).decode()
    except orjson.JSONEncodeError:  # e.g. a lone surrogate, which orjson refuses to encode: as json does
        import json

        return json.dumps(jsonable(data), ensure_ascii=False, indent=2)


def _json_default(value: Any) -> Any:
    """What dumps() hands back to Python, one level at a time (orjson encodes what it returns)."""
    if hasattr(value, "__dataclass_fields__"):
        names = _FIELDS.get(type(value))
        if names is None:
            names = _FIELDS.setdefault(type(value), tuple(f.name for f in fields(value)))
        return {k: getattr(value, k) for k in names}
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple):  # a NamedTuple: a list, as json writes it
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON data")


@dataclass(frozen=True)
class UnitRef:
    id: int
    name: str
    short_name: str | None
    is_demo: bool

    @property
    def label(self) -> str:
        return self.short_name or self.name


def unique_units(units: Iterable[UnitRef]) -> tuple[UnitRef, ...]:
    """Units in first-seen order, each once (a co-unit may be assigned on a task and its parent)."""
    seen: dict[int, UnitRef] = {}
    for u in units:
        seen.setdefault(u.id, u)
    return tuple(seen.values())


class Assigned(Protocol):
    """A unit assigned to a task, as tasktrack.store.owners reads it (its Owner rows)."""

    @property
    def unit_id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def short_name(self) -> str | None: ...
    @property
    def is_demo(self) -> bool: ...


def unit_ref(o: Assigned) -> UnitRef:
    return UnitRef(o.unit_id, o.name, o.short_name, o.is_demo)


def co_units(owned: Iterable[Assigned], lead_id: int | None) -> tuple[UnitRef, ...]:
    """A task's co-units (配合单位) as every view shows them: its own and inherited, nearest first, each
    once, and not its lead unit (a unit leading a task and co-owning it up the chain is its lead)."""
    return tuple(u for u in unique_units(map(unit_ref, owned)) if u.id != lead_id)


@dataclass(frozen=True)
class UnitView:
    id: int
    name: str
    short_name: str | None
    contact: str | None
    email: str | None
    phone: str | None
    is_demo: bool
    version: int
    retired_on: date | None = None


@dataclass(frozen=True)
class PlanView:
    id: int
    key: str
    doc_no: str | None
    title: str
    short_title: str | None
    issuer: str | None
    issued: date | None
    period_start: int | None
    period_end: int | None
    parent_key: str | None
    source: str | None
    quote: str | None
    tasks: int = 0
    milestones: int = 0
    indicators: int = 0


@dataclass(frozen=True)
class Derived:
    """What the rules say about a milestone on the as-of date (never stored)."""

    as_of: date
    overdue: bool
    due_soon: bool
    days_left: int
    schedule: str
    rag: str
    reason: str
    expected: float
    progress: float | None
    met: bool | None

    @classmethod
    def of(cls, a: Assessment, as_of: date, lang: str) -> Derived:
        return cls(
            as_of=as_of,
            overdue=a.overdue,
            due_soon=a.due_soon,
            days_left=a.days_left,
            reason=a.explain(lang),
            **judged(a),
        )


def judged(a: Assessment) -> dict[str, Any]:
    """A Derived's judgement fields (all but the reason, which is worded per language)."""
    return {  # _value_: the value without Enum's `.value` descriptor, a call per milestone of a list
        "schedule": a.schedule._value_,
        "rag": a.rag._value_,
        "expected": round(a.expected, 4),
        "progress": None if a.progress is None else round(a.progress, 4),
        "met": a.met,
    }


@dataclass(frozen=True)
class MilestoneView:
    id: int
    plan: str
    code: str
    task_id: int
    task_code: str
    task_title: str
    programme_code: str
    programme_title: str
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
    actual: float | None
    status: str
    completed_on: date | None
    quote: str | None
    note: str | None
    lead: UnitRef | None
    co: tuple[UnitRef, ...]
    version: int
    derived: Derived


@dataclass(frozen=True)
class TaskView:
    id: int
    plan: str
    code: str
    parent_code: str | None
    depth: int
    title: str
    text: str | None
    quote: str | None
    note: str | None
    status: str
    lead: UnitRef | None
    co: tuple[UnitRef, ...]
    lead_inherited_from: str | None
    milestones: int
    version: int
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvidenceView:
    id: int
    milestone_id: int | None
    task_id: int | None
    author: str
    created_at: datetime
    text: str | None
    doc_no: str | None
    file_name: str | None
    file_sha256: str | None
    file_size: int | None
    accepted_by: str | None
    accepted_at: datetime | None
    is_demo: bool
    rejected_by: str | None = None  # 审核: refused by a coordinator, with the reason
    reject_reason: str | None = None
    unit: UnitRef | None = None  # the unit it is filed for (the filer's own)


@dataclass(frozen=True)
class ReadingView:
    period: str
    value: float
    note: str | None
    actor: str
    recorded_at: datetime
    is_demo: bool


@dataclass(frozen=True)
class IndicatorView:
    id: int
    plan: str
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
    latest: ReadingView | None
    expected: float  # 序时进度 of the indicator's period on the as-of date
    progress: float | None  # share of baseline → target achieved by the latest reading
    readings: tuple[ReadingView, ...] = ()
    version: int = 1
    owner: UnitRef | None = None  # the unit responsible for its data (0014)
    data_due: str | None = None  # when a reading is due, as written: 每季度末, or a date
    reading_due: tuple[str, date] | None = None  # the period whose reading is owed next, and its deadline
    rag: str = "grey"  # against 序时进度, by the milestones' colour rule
    rag_reason: str = ""


@dataclass(frozen=True)
class ChangeView:
    id: int
    at: datetime
    actor: str  # the name shown (--as), not an identity
    os_user: str | None
    command: str | None
    command_id: str
    entity: str
    entity_id: int
    label: str | None
    field: str
    old: str | None
    new: str | None
    reason: str | None
    db_user: str | None = None

    @property
    def account(self) -> str | None:
        """The verified identity that made the change: the PostgreSQL login, else the OS account."""
        return self.db_user or self.os_user


@dataclass(frozen=True)
class ProgressView:
    id: int
    task_id: int
    task_code: str
    milestone_id: int | None
    milestone_code: str | None
    unit: UnitRef | None
    period: str
    progress: str | None
    problems: str | None
    next_steps: str | None
    value: float | None
    author: str
    created_at: datetime
    is_demo: bool


@dataclass
class MilestoneFilter:
    """Which milestones a query returns; every field optional, all given ones must hold."""

    plan: str | None = None
    programme: str | None = None  # code of a top-level task
    task: str | None = None  # code of a task: it and its descendants
    unit: str | None = None  # lead or co-unit, by name, short name or id
    unassigned: bool = False  # only those with no lead unit
    statuses: list[str] = field(default_factory=list)
    year: int | None = None
    overdue: bool = False  # overdue on the as-of date
    due_within: int | None = None  # due in 0..N days from the as-of date, not finished
    text: str | None = None
    code: str | None = None
    limit: int | None = None
    offset: int = 0

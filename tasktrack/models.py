"""The ledger's tables (SQLModel). Created and changed only through the Alembic migrations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Index,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    text,
)
from sqlmodel import Field, SQLModel

# Stable constraint names so migrations (and batch rebuilds on SQLite) can address them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata = MetaData(naming_convention=NAMING)

STATUSES = "'not_started','in_progress','done','blocked','cancelled','closed'"


def _text(nullable: bool = True) -> Column[str]:  # long user text: no length limit on any backend
    return Column(Text, nullable=nullable)


def _stamp(nullable: bool = False) -> Column[datetime]:
    return Column(DateTime(timezone=True), nullable=nullable)


class Plan(SQLModel, table=True):
    """A plan document (规划 / 行动方案)."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64, unique=True)
    doc_no: str | None = Field(default=None, max_length=128, unique=True)
    title: str = Field(sa_column=_text(False))
    short_title: str | None = Field(default=None, max_length=200)
    issuer: str | None = Field(default=None, max_length=200)
    issued: date | None = None
    period_start: int | None = None
    period_end: int | None = None
    parent_id: int | None = Field(default=None, foreign_key="plan.id", ondelete="RESTRICT")
    source: str | None = Field(default=None, max_length=255)
    quote: str | None = Field(default=None, sa_column=_text())
    version: int = 1


class Unit(SQLModel, table=True):
    """A responsible unit (单位) with its contact person (联络员)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    short_name: str | None = Field(default=None, max_length=100, unique=True)
    contact: str | None = Field(default=None, max_length=100)
    email: str | None = Field(default=None, max_length=255)
    phone: str | None = Field(default=None, max_length=64)
    is_demo: bool = False
    version: int = 1
    retired_on: date | None = None  # 撤销/撤并: no new duties from this day; its record stays


class Task(SQLModel, table=True):
    """A node of a plan's tree: programme (工程) → task (重点任务) → sub-task (具体措施)."""

    __table_args__ = (
        UniqueConstraint("plan_id", "code"),
        CheckConstraint(f"status IN ({STATUSES})", name="status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="RESTRICT")
    parent_id: int | None = Field(default=None, foreign_key="task.id", index=True, ondelete="RESTRICT")
    depth: int = 1  # 1 programme, 2 task, 3 sub-task
    code: str = Field(max_length=64)
    title: str = Field(sa_column=_text(False))
    text: str | None = Field(default=None, sa_column=_text())
    quote: str | None = Field(default=None, sa_column=_text())
    note: str | None = Field(default=None, sa_column=_text())
    position: int = 0
    status: str = Field(default="not_started", max_length=16)
    version: int = 1


class Responsibility(SQLModel, table=True):
    """A unit's role on a task: lead (牵头, at most one) or co (配合, any number)."""

    __table_args__ = (
        UniqueConstraint("task_id", "unit_id"),
        CheckConstraint("role IN ('lead','co')", name="role"),
        Index(
            "uq_responsibility_one_lead",
            "task_id",
            unique=True,
            sqlite_where=text("role = 'lead'"),
            postgresql_where=text("role = 'lead'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True, ondelete="RESTRICT")
    unit_id: int = Field(foreign_key="unit.id", index=True, ondelete="RESTRICT")
    role: str = Field(max_length=8)
    is_demo: bool = False


class Milestone(SQLModel, table=True):
    """A dated target of a task (年度目标 / 节点)."""

    __table_args__ = (
        UniqueConstraint("plan_id", "code"),
        CheckConstraint(f"status IN ({STATUSES})", name="status"),
        CheckConstraint("comparison IN ('>=','>','=','<=')", name="comparison"),
        CheckConstraint("kind IN ('increment','stock','ratio','growth','event')", name="kind"),
        Index("ix_milestone_status_due", "status", "due"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="RESTRICT")
    task_id: int = Field(foreign_key="task.id", index=True, ondelete="RESTRICT")
    code: str = Field(max_length=64)
    metric: str = Field(sa_column=_text(False))
    year: int = Field(index=True)
    due: date = Field(index=True)
    due_text: str | None = Field(default=None, max_length=64)
    target: float | None = None
    unit: str | None = Field(default=None, max_length=32)
    comparison: str = Field(default=">=", max_length=2)
    kind: str = Field(default="increment", max_length=16)
    cumulative: bool = False
    aspirational: bool = False
    baseline_year: int | None = None
    baseline_value: float | None = None
    baseline_quote: str | None = Field(default=None, sa_column=_text())
    actual: float | None = None
    status: str = Field(default="not_started", max_length=16)
    completed_on: date | None = None
    quote: str | None = Field(default=None, sa_column=_text())
    note: str | None = Field(default=None, sa_column=_text())
    position: int = 0
    version: int = 1
    # 0014: the same commitment in another plan (each names the other), and the indicator it feeds
    link_id: int | None = Field(default=None, foreign_key="milestone.id", ondelete="RESTRICT")
    feeds_id: int | None = Field(default=None, foreign_key="indicator.id", ondelete="RESTRICT")


# A milestone's fields by what they say. The target as a document states it (what, when, how much, against
# which baseline): loaded from plan files, edited by people, replayed from the change log.
MILESTONE_TARGET = (
    "metric",
    "year",
    "due",
    "due_text",
    "target",
    "unit",
    "comparison",
    "kind",
    "cumulative",
    "aspirational",
    "baseline_year",
    "baseline_value",
)
# What a plan file states of a milestone beyond its code, and the change log records when one is loaded.
MILESTONE_STATED = ("task_id", *MILESTONE_TARGET, "baseline_quote", "quote", "note")


class Indicator(SQLModel, table=True):
    """A plan-level indicator (指标) with baseline and target."""

    __table_args__ = (
        UniqueConstraint("plan_id", "code"),
        CheckConstraint("attribute IN ('expected','binding')", name="attribute"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="RESTRICT")
    code: str = Field(max_length=64)
    name: str = Field(sa_column=_text(False))
    unit: str | None = Field(default=None, max_length=32)
    attribute: str = Field(default="expected", max_length=16)
    cumulative: bool = False
    baseline_year: int | None = None
    baseline_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    quote: str | None = Field(default=None, sa_column=_text())
    position: int = 0
    version: int = 1
    # 0014: the unit responsible for its data, and when a reading is due (每季度末, or a date), as written
    owner_id: int | None = Field(default=None, foreign_key="unit.id", ondelete="RESTRICT")
    data_due: str | None = Field(default=None, max_length=64)


class IndicatorReading(SQLModel, table=True):
    """An actual value of an indicator for a period (a year, usually)."""

    __table_args__ = (UniqueConstraint("indicator_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True, ondelete="RESTRICT")
    period: str = Field(max_length=16)
    value: float
    note: str | None = Field(default=None, sa_column=_text())
    actor: str = Field(max_length=100)
    recorded_at: datetime = Field(sa_column=_stamp())
    is_demo: bool = False
    version: int = 1


class Evidence(SQLModel, table=True):
    """Proof of progress (佐证材料): a note, a document number, a content-addressed file."""

    id: int | None = Field(default=None, primary_key=True)
    milestone_id: int | None = Field(
        default=None, foreign_key="milestone.id", index=True, ondelete="RESTRICT"
    )
    task_id: int | None = Field(default=None, foreign_key="task.id", index=True, ondelete="RESTRICT")
    author: str = Field(max_length=100)
    created_at: datetime = Field(sa_column=_stamp())
    text: str | None = Field(default=None, sa_column=_text())
    doc_no: str | None = Field(default=None, max_length=128)
    file_name: str | None = Field(default=None, max_length=255)
    file_sha256: str | None = Field(default=None, max_length=64, index=True)
    file_size: int | None = None
    accepted_by: str | None = Field(default=None, max_length=100)
    accepted_at: datetime | None = Field(default=None, sa_column=_stamp(True))
    is_demo: bool = False
    # 审核: a coordinator refused this item (with the reason); the unit adds better evidence
    rejected_by: str | None = Field(default=None, max_length=100)
    rejected_at: datetime | None = Field(default=None, sa_column=_stamp(True))
    reject_reason: str | None = Field(default=None, sa_column=_text())
    # the unit it is filed for: the filer's own (Access.reporting_unit); None for the office's own evidence
    unit_id: int | None = Field(default=None, foreign_key="unit.id", ondelete="RESTRICT")


class ProgressReport(SQLModel, table=True):
    """A unit's periodic progress report (进展报送) on a task or milestone."""

    __table_args__ = (Index("ix_progressreport_task_period", "task_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", ondelete="RESTRICT")
    milestone_id: int | None = Field(
        default=None, foreign_key="milestone.id", index=True, ondelete="RESTRICT"
    )
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True, ondelete="RESTRICT")
    period: str = Field(max_length=16)
    progress: str | None = Field(default=None, sa_column=_text())
    problems: str | None = Field(default=None, sa_column=_text())
    next_steps: str | None = Field(default=None, sa_column=_text())
    value: float | None = None
    author: str = Field(max_length=100)
    created_at: datetime = Field(sa_column=_stamp())
    is_demo: bool = False


class Change(SQLModel, table=True):
    """One field of one entity changed by one command: the append-only accountability record.

    Who: `actor` is the name shown (claimed with `--as`, else the OS account); `os_user` is the OS
    account of the process, from its uid (not $USER, which anyone can set); `db_user` is PostgreSQL's
    `session_user`, the role the server authenticated (NULL on SQLite; on PostgreSQL the database sets it,
    and `at`, itself).

    Tamper-evidence: `hash` is a SHA-256 over the row and `prev_hash`, the hash of the row before it (see
    tasktrack.store.chain); no two rows may follow the same one."""

    __table_args__ = (
        Index("ix_change_entity", "entity", "entity_id"),
        Index("ix_change_at", "at"),
        Index("ix_change_prev_hash", "prev_hash", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=_stamp())
    actor: str = Field(max_length=100, index=True)
    os_user: str | None = Field(default=None, max_length=100)
    db_user: str | None = Field(default=None, max_length=100)
    command_id: str = Field(max_length=36, index=True)
    command: str | None = Field(default=None, max_length=100)
    entity: str = Field(max_length=32)
    entity_id: int
    field: str = Field(max_length=64)
    old: str | None = Field(default=None, sa_column=_text())
    new: str | None = Field(default=None, sa_column=_text())
    reason: str | None = Field(default=None, sa_column=_text())
    prev_hash: str | None = Field(default=None, max_length=64)
    hash: str | None = Field(default=None, max_length=64)


class ReportIssue(SQLModel, table=True):
    """A circular as issued: its series (kind, scope), number (第N期), as-of date and, from 0013, its frozen content."""

    __table_args__ = (UniqueConstraint("kind", "scope", "issue_no"),)  # one live issue per date: the service

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    scope: str = Field(max_length=200)  # the plan and unit the report was limited to
    issue_no: int
    as_of: date
    since: date | None = None
    actor: str = Field(max_length=100)
    created_at: datetime = Field(sa_column=_stamp())
    chain_head_id: int | None = None  # the change log's newest row when the circular was made, and
    chain_head: str | None = Field(default=None, max_length=64)  # its hash, as the circular prints it
    # Frozen when issued: the data (JSON), the laid-out document (JSON), the output as issued in `format`
    # (text, or base64 for binary formats) and the SHA-256 of its bytes. None on issues remembered before 0013.
    figures: str | None = Field(default=None, sa_column=_text())
    document: str | None = Field(default=None, sa_column=_text())
    format: str | None = Field(default=None, max_length=8)
    rendered: str | None = Field(default=None, sa_column=_text())
    content_sha256: str | None = Field(default=None, max_length=64)
    voided_at: datetime | None = Field(default=None, sa_column=_stamp(nullable=True))
    voided_by: str | None = Field(default=None, max_length=100)
    void_reason: str | None = Field(default=None, sa_column=_text())


class ReminderSent(SQLModel, table=True):
    """One item of one reminder (催办) e-mailed to one recipient at one escalation stage: the sent-log."""

    __table_args__ = (Index("ix_remindersent_milestone_stage", "milestone_id", "stage"),)

    id: int | None = Field(default=None, primary_key=True)
    milestone_id: int = Field(foreign_key="milestone.id", ondelete="RESTRICT")
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True, ondelete="RESTRICT")
    recipient: str = Field(max_length=255)
    stage: str = Field(max_length=32)  # soon-7, soon-3, overdue-w0, overdue-w1, ...
    level: str = Field(max_length=16)  # due_soon | overdue | overdue_30
    as_of: date
    message_id: str = Field(max_length=255)
    actor: str = Field(max_length=100)
    sent_at: datetime = Field(sa_column=_stamp())


class Member(SQLModel, table=True):
    """Who may change what. While this table is empty everyone may change everything (open mode); once
    it has a row, a coordinator (协调人) may change everything, a member of a unit only the items of tasks
    the unit leads or co-owns, and any other account nothing. `account` is the identity the backend
    verifies, never a claimed `--as` name: the OS account of the process on SQLite, the session user
    (the login role) on PostgreSQL."""

    __table_args__ = (
        UniqueConstraint("account", "unit_id"),
        CheckConstraint("role IN ('coordinator','member')", name="role"),
        CheckConstraint("role = 'coordinator' OR unit_id IS NOT NULL", name="unit"),
    )

    id: int | None = Field(default=None, primary_key=True)
    account: str = Field(max_length=100, index=True)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True, ondelete="RESTRICT")
    role: str = Field(max_length=16)
    created_at: datetime = Field(sa_column=_stamp())


class _Stored(Protocol):
    @property
    def id(self) -> int | None: ...


def saved_id(row: _Stored) -> int:
    """The id of a row that is in the database (read back, or added and flushed). SQLModel types every `id`
    as `int | None` because a row made in Python has none until it is flushed."""
    if row.id is None:
        raise RuntimeError(f"{type(row).__name__} has no id: it was never flushed")
    return row.id


def table_of(model: type[SQLModel]) -> Table:
    """The table a table model is mapped to (its `__table__`, which SQLModel sets on table=True classes)."""
    table = inspect(model).local_table
    assert isinstance(table, Table)
    return table


REQUEST_KINDS = "'due','target','closure'"
REQUEST_STATES = "'pending','approved','rejected','returned'"


class Request(SQLModel, table=True):
    """What a unit asks the coordinating office for, pending until a coordinator decides: a 延期申请
    (kind due), a 调整申请 (kind target) or a 申请销号 (kind closure). `proposed` is the change asked for
    (JSON: field → value, applied through MilestoneService.edit_in when approved); `old` what it replaces."""

    __table_args__ = (
        CheckConstraint(f"kind IN ({REQUEST_KINDS})", name="kind"),
        CheckConstraint(f"state IN ({REQUEST_STATES})", name="state"),
        Index("ix_request_state_id", "state", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    milestone_id: int = Field(foreign_key="milestone.id", index=True, ondelete="RESTRICT")
    unit_id: int | None = Field(default=None, foreign_key="unit.id", ondelete="RESTRICT")
    proposed: str | None = Field(default=None, sa_column=_text())
    old: str | None = Field(default=None, sa_column=_text())
    reason: str = Field(sa_column=_text(False))
    doc_no: str | None = Field(default=None, max_length=128)
    state: str = Field(default="pending", max_length=16)
    requested_by: str = Field(max_length=100)
    requested_account: str = Field(max_length=100)
    requested_at: datetime = Field(sa_column=_stamp())
    decided_by: str | None = Field(default=None, max_length=100)
    decided_account: str | None = Field(default=None, max_length=100)
    decided_at: datetime | None = Field(default=None, sa_column=_stamp(True))
    decision_note: str | None = Field(default=None, sa_column=_text())


DUTY_CADENCES = "'monthly','quarterly'"


class Duty(SQLModel, table=True):
    """A recurring reporting duty (报送要求) of a plan's lead units or of one unit: 每月25日前报送进展.
    `phrase` is the duty as written; `cadence`, `day` and `what` are what domain.duties read from it.
    Filings are progress reports of the unit for each period from `starts` on."""

    __table_args__ = (
        CheckConstraint(f"cadence IN ({DUTY_CADENCES})", name="cadence"),
        CheckConstraint("plan_id IS NOT NULL OR unit_id IS NOT NULL", name="scope"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int | None = Field(default=None, foreign_key="plan.id", index=True, ondelete="RESTRICT")
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True, ondelete="RESTRICT")
    phrase: str = Field(sa_column=_text(False))
    cadence: str = Field(max_length=16)
    day: int | None = None
    what: str = Field(sa_column=_text(False))
    starts: date
    version: int = 1


class DutyReminderSent(SQLModel, table=True):
    """One period of one duty reminded (报送提醒) to one unit at one stage, e-mailed: the duties' sent-log."""

    __table_args__ = (Index("ix_dutyremindersent_duty_unit", "duty_id", "unit_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    duty_id: int = Field(foreign_key="duty.id", ondelete="RESTRICT")
    unit_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT")
    period: str = Field(max_length=16)
    stage: str = Field(max_length=32)  # soon-7, soon-3 before the deadline; overdue-w0, -w1 ... after it
    recipient: str = Field(max_length=255)
    as_of: date
    message_id: str = Field(max_length=255)
    actor: str = Field(max_length=100)
    sent_at: datetime = Field(sa_column=_stamp())

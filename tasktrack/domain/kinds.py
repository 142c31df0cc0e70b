"""The closed vocabularies of a plan: statuses, roles, comparisons, measure kinds, attributes."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """A milestone's or task's stored status. Everything else (overdue, RAG) is derived."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"
    CANCELLED = "cancelled"
    CLOSED = "closed"  # 销号: done, with evidence the coordinator accepted

    @property
    def is_finished(self) -> bool:
        """Done, closed or cancelled: nothing is owed any more."""
        return self in FINISHED

    @property
    def is_achieved(self) -> bool:
        return self in ACHIEVED


# As sets, for the rules that judge every milestone of a list: `status in FINISHED` costs a hash, where the
# properties above cost an enum descriptor call each.
FINISHED = frozenset({Status.DONE, Status.CLOSED, Status.CANCELLED})
ACHIEVED = frozenset({Status.DONE, Status.CLOSED})


class Role(StrEnum):
    LEAD = "lead"  # 牵头
    CO = "co"  # 配合


class Comparison(StrEnum):
    GE = ">="
    GT = ">"
    EQ = "="
    LE = "<="

    def holds(self, actual: float, target: float) -> bool:
        if self is Comparison.GE:
            return actual >= target
        if self is Comparison.GT:
            return actual > target
        if self is Comparison.LE:
            return actual <= target
        return abs(actual - target) < 1e-9


class MeasureKind(StrEnum):
    INCREMENT = "increment"  # 新增: added within the calendar year
    STOCK = "stock"  # 达到 / 【累计】: level reached by the due date
    RATIO = "ratio"  # 比重 / 占比 for a year
    GROWTH = "growth"  # 年均增长
    EVENT = "event"  # 创建 / 建成 / 实现零的突破: done or not


class Attribute(StrEnum):
    EXPECTED = "expected"  # 预期性
    BINDING = "binding"  # 约束性


class Schedule(StrEnum):
    """How a milestone stands against 序时进度 on a date (derived, never stored)."""

    DONE = "done"
    DONE_UNMET = "done_unmet"  # 已完成（未达标）: completed below its target, never green
    AHEAD = "ahead"  # 超序时
    ON_SCHEDULE = "on_schedule"  # 按序时
    BEHIND = "behind"  # 慢序时 / 滞后
    NOT_STARTED = "not_started"  # 未启动
    OVERDUE = "overdue"  # 逾期
    CANCELLED = "cancelled"
    PENDING_DATA = "pending_data"  # 数据待发布


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"  # cancelled, or nothing to judge yet

"""Turning what a user types (an id, a key, a code, a name) into row ids, or a clear refusal.

The ledger's services call these on their SQLAlchemy connections; the light reader calls the same
functions (tasktrack.store.rawsql) on its sqlite3 connection: one set of answers and refusals.
"""

from __future__ import annotations

from tasktrack.store.rawsql import indicator_id, milestone_id, plan_id, task_by_code, task_id, unit_id

__all__ = ["indicator_id", "milestone_id", "plan_id", "task_by_code", "task_id", "unit_id"]

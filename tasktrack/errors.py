"""Errors a user can fix: each carries one line saying what was wrong and how to fix it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime


class UserError(Exception):
    """Bad input or a refused operation. The CLI prints the message on one line and exits with 2."""

    exit_code = 2


class NotFound(UserError):
    """No such plan, task, milestone, unit, indicator or evidence."""


class Conflict(UserError):
    """The row changed since the user read it (optimistic concurrency) or breaks a uniqueness rule."""

    def __init__(self, message: str, *, changed_by: str | None = None, changed_at: datetime | None = None) -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at


class Unavailable(UserError):
    """Something the machine must provide is missing (a font, a library): install it and run again."""

    exit_code = 1

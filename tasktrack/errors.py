"""Errors a user can fix: each carries one line saying what was wrong and how to fix it.

The line is catalogue words (`tasktrack.i18n.MESSAGES`): an error is raised with a key and its
parameters, `UserError("err.plan.none", key="x")`, and written in a language only where it is shown
(`said(exc, lang)`: the CLI's stderr, a TUI notification, an import report). `str(exc)` is the English
line, for logs and for callers with no language. A parameter that is itself an error or `Words` is
written in the same language. A first argument that is not a key is shown as it is (text that is
already written, such as a database's own message); `tests/test_strings.py` keeps raise sites on keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime


class Words:
    """Something to tell a person: a catalogue key and its parameters, written out only when shown."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key, self.params = key, params

    def __call__(self, lang: str) -> str:
        from tasktrack.i18n import MESSAGES, t

        if self.key not in MESSAGES:  # already-written text (see the module's docstring)
            return self.key
        return t(self.key, lang, **{name: said(value, lang) for name, value in self.params.items()})

    def __str__(self) -> str:
        return self("en")

    def __repr__(self) -> str:
        return f"Words({self.key!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Words) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash(self.key)


def said(value: object, lang: str) -> object:
    """`value` as a person reads it in `lang`: Words and errors raised with words are written in that
    language; anything else (numbers, names, dates) is returned unchanged for the message to format."""
    if isinstance(value, Words):
        return value(lang)
    words = getattr(value, "words", None)
    if isinstance(value, BaseException) and isinstance(words, Words):
        return words(lang)
    return value


def say(value: object, lang: str) -> str:
    """`said` as text: the line to print for an error, Words or anything else."""
    return str(said(value, lang))


class Said:
    """Mixin of an exception raised with catalogue words: `words` keeps them, str() is the English line."""

    words: Words

    def _say(self, message: str | Words, params: dict[str, object]) -> str:
        self.words = message if isinstance(message, Words) else Words(message, **params)
        return self.words("en")


class UserError(Said, Exception):
    """Bad input or a refused operation. The CLI prints the message on one line and exits with 2."""

    exit_code = 2

    def __init__(self, message: str | Words, /, **params: object) -> None:
        super().__init__(self._say(message, params))


class NotFound(UserError):
    """No such plan, task, milestone, unit, indicator or evidence."""


class Conflict(UserError):
    """The row changed since the user read it (optimistic concurrency) or breaks a uniqueness rule."""

    def __init__(
        self,
        message: str | Words,
        /,
        *,
        changed_by: str | None = None,
        changed_at: datetime | None = None,
        **params: object,
    ) -> None:
        super().__init__(message, **params)
        self.changed_by = changed_by
        self.changed_at = changed_at


class Unavailable(UserError):
    """Something the machine must provide is missing (a font, a library): install it and run again."""

    exit_code = 1

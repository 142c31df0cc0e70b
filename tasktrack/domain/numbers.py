"""Reading a number a person wrote (a target, a baseline, an actual value): one rule for every entry path."""

from __future__ import annotations

import math
from typing import Any

__all__ = ["NumberError", "parse_number"]


class NumberError(ValueError):
    """A value that is not a finite number; the message says what was wrong and how to write it."""


def parse_number(value: Any, what: str) -> float | None:
    """`value` as a float: a number, or text such as 56, 1.55, 1,000 or 12%. None (nothing given) stays None.

    Empty text, NaN and infinities are refused, never read as "no value": an empty cell or option does not
    clear a target, and SQLite would store NaN as NULL (a milestone silently turned into an event).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise NumberError(_message(what, value))
    try:
        number = float(str(value).replace(",", "").rstrip("%"))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise NumberError(_message(what, value))
    return number


def _message(what: str, value: Any) -> str:
    # str() first: YAML's .nan (a float) and the text "nan" an option gives read the same to a person.
    return f"{what} must be a number, not {str(value)!r}; write e.g. 56 or 1.55"

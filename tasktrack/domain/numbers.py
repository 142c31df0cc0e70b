"""Numbers as people type them and files hold them: one rule for every path into the ledger.

The CLI, the TUI, a plan file and a returned 台账 spreadsheet all read a target, an actual value or a
reading through parse_number() / parse_value(), so the same input gets the same answer and the same
one-line message everywhere:

- a finite number, negative ones included (growth rates fall), written as offices write them:
  `1,234`, `1.55%`, full-width `５６`, `+3`, `-5`; at most 10^15 in size (a larger figure is a typo);
- NaN, infinity and anything else that is not a number are refused;
- an empty text is refused too: it never clears a value;
- `none` (or `无`, `null`) clears, where clearing means something (parse_value; Python's None too).
"""

from __future__ import annotations

import math
import re
import unicodedata

from tasktrack.errors import UserError, Words

__all__ = ["CLEAR_WORDS", "LIMIT", "SYMBOL", "NumberError", "clears", "number", "parse_number", "parse_value"]

CLEAR_WORDS = frozenset({"none", "null", "无"})
LIMIT = 1e15
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")


SYMBOL = {">=": "≥", ">": ">", "=": "=", "<=": "≤"}  # a comparison as a target is written: ≥50家


def number(value: float | None) -> str:
    """A number as offices write it: 50 not 50.0; 1.55 stays 1.55; thousands separated."""
    if value is None:
        return ""
    if value == int(value) and abs(value) < LIMIT:
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


class NumberError(UserError, ValueError):
    """The value is not a number the ledger takes; the message is the one line to show (a UserError for
    the CLI, a ValueError for a TUI form that stays open)."""


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    if len(text) > 40:
        text = text[:40] + "…"
    return repr(text)


def parse_number(value: object, what: str | Words) -> float:
    """`value` (a number or its text) as a float, or NumberError saying what to write instead."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise NumberError("err.dom.number.not_number", what=what, value=_shown(value))
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).replace(",", "").replace(" ", "").strip()
        if not text:
            raise NumberError("err.dom.number.empty", what=what)
        if not _NUMBER.fullmatch(text):
            raise NumberError("err.dom.number.not_number", what=what, value=_shown(value))
        number = float(text.rstrip("%"))
    elif isinstance(value, float) and not math.isfinite(value):  # YAML's .nan and .inf: as the text 'nan'
        raise NumberError("err.dom.number.not_number", what=what, value=repr(str(value)))
    else:
        try:
            number = float(value)
        except OverflowError:  # an int too large for a float
            number = math.inf
    if not math.isfinite(number) or abs(number) >= LIMIT:
        raise NumberError("err.dom.number.too_big", what=what, value=_shown(value))
    return number


def parse_value(value: object, what: str | Words) -> float | None:
    """parse_number(), or None (no value) for None itself and for the words none, null and 无."""
    if value is None or clears(value):
        return None
    return parse_number(value, what)


def clears(value: object) -> bool:
    """Whether `value` is one of the words that clear a value: none, null or 无 (any case, any width)."""
    return isinstance(value, str) and unicodedata.normalize("NFKC", value).strip().lower() in CLEAR_WORDS

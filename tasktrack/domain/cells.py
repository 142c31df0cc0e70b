"""Spreadsheet cells that stay text: formula triggers (= + - @ ...) neutralized on export, undone on import."""

from __future__ import annotations

import re

__all__ = ["is_formula_like", "neutralize", "unneutralize"]

# What makes Excel, WPS or LibreOffice read a typed (or CSV) cell as a formula: = + - @ at the start, also
# after leading spaces, and a leading tab or CR (OWASP "CSV injection"); LF too, as CR is written as LF.
# Full-width ＝＋－＠ as well: a Chinese input method types them and some spreadsheets fold them to ASCII.
_TRIGGER = re.compile(r"^(?:[\t\r\n]|[ \u3000\xa0]*[=+\-@\uff1d\uff0b\uff0d\uff20])")


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could take `text` for a formula, or when it is already neutralized text
    (a quote before such text), so that neutralize/unneutralize round-trip every string exactly."""
    while text.startswith("'"):
        text = text[1:]
        if not text:
            return False
    return _TRIGGER.match(text) is not None


def neutralize(text: str) -> str:
    """`text` as a CSV cell a spreadsheet shows as text: a single quote before a formula trigger (OWASP)."""
    return "'" + text if is_formula_like(text) else text


def unneutralize(text: str) -> str:
    """The inverse of neutralize(): drop the one quote it added; any other text is returned unchanged."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text

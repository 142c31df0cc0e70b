"""Printing: aligned CJK tables and detail blocks to stdout, stable JSON for scripts, errors to stderr."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from tasktrack.i18n import t

# tasktrack.domain.text (and wcwidth under it) is imported where it is used: `--help` and commands that
# print JSON never pay for measuring CJK cell widths.


def terminal_width() -> int | None:
    """The width to fit tables to on a terminal; None when piped (print everything)."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size((100, 24)).columns


def emit_json(data: Any) -> None:
    from tasktrack.domain.text import json_safe
    from tasktrack.services.views import dumps

    sys.stdout.write(json_safe(dumps(data)) + "\n")


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    lang: str,
    aligns: Sequence[str] | None = None,
    *,
    text: Collection[int] = (),
) -> None:
    """A table fitted to the terminal. `text` holds the indexes of the free-text columns (titles, unit names,
    reasons): only they are shortened on a narrow terminal; every other column carries a fact (an id, a
    code, a date, a value, a status) and is shown whole, on a continuation line when the row is too wide."""
    from tasktrack.domain.table import render_table

    rows = list(rows)
    if not rows:
        print(t("no_rows", lang))
        return
    roles = ["text" if i in text else "fact" for i in range(len(headers))]
    print(render_table(headers, rows, aligns=aligns, max_width=terminal_width(), roles=roles))


def details(pairs: Iterable[tuple[str, object]]) -> None:
    """Label: value lines; multi-line values are indented under their label."""
    from tasktrack.domain.text import display_width, pad, sanitize_multiline

    pairs = [(k, v) for k, v in pairs if v not in (None, "", (), [])]
    width = max((display_width(k) for k, _ in pairs), default=0)
    for key, value in pairs:
        lines = sanitize_multiline(str(value)).splitlines() or [""]
        print(f"{pad(key, width)}  {lines[0]}")
        for line in lines[1:]:
            print(f"{' ' * width}  {line}")


def info(message: str) -> None:
    """A diagnostic for the person at the terminal: stderr, so stdout stays data."""
    from tasktrack.domain.text import sanitize

    print(sanitize(message), file=sys.stderr)


def num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def say(*values: object) -> None:
    """print() for anything that may hold user text: control characters are made visible, newlines kept."""
    from tasktrack.domain.text import sanitize_multiline

    print(sanitize_multiline(" ".join(str(v) for v in values)))

"""What a paged table shows: its columns, how they share the width, and where its rows come from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")
Cell = tuple[str, str | None]  # text, and a style name ("red", "amber", "green", "muted", "bold") or None


class Source(Protocol[T]):
    """Where rows come from; both calls run on a worker thread."""

    def count(self) -> int: ...

    def fetch(self, offset: int, limit: int) -> list[T]: ...


class ListSource(Generic[T]):
    """Rows already in memory (loaded by a worker)."""

    def __init__(self, rows: Sequence[T]) -> None:
        self.rows = list(rows)

    def count(self) -> int:
        return len(self.rows)

    def fetch(self, offset: int, limit: int) -> list[T]:
        return self.rows[offset : offset + limit]


@dataclass(frozen=True)
class Column:
    key: str  # i18n key of the heading
    width: int  # cells; 0: share what is left (at least min_width)
    align: str = "left"
    min_width: int = 8
    width_en: int | None = None  # English words are often wider than the Chinese ones
    drop: int = 0  # when the table is too narrow, columns with drop 1, 2, ... go first (0: never)

    def cells(self, lang: str) -> int:
        return self.width_en if lang == "en" and self.width_en is not None else self.width


def fit(columns: Sequence[Column], avail: int, lang: str) -> list[int]:
    """Each column's width in `avail` cells (one between columns); 0 for a column dropped to make room."""
    active = list(range(len(columns)))

    def need(idx: list[int]) -> int:
        return sum(columns[i].cells(lang) or columns[i].min_width for i in idx) + len(idx) - 1

    for c in sorted((c for c in columns if c.drop), key=lambda c: c.drop):
        if need(active) <= avail:
            break
        active.remove(columns.index(c))
    fixed = sum(columns[i].cells(lang) for i in active) + len(active) - 1
    flex = [i for i in active if columns[i].cells(lang) == 0]
    share = max(avail - fixed, 0) // len(flex) if flex else 0
    widths = [0] * len(columns)
    for i in active:
        widths[i] = columns[i].cells(lang) or max(share, columns[i].min_width)
    if sum(widths[i] for i in flex) <= avail - fixed:
        return widths
    # An equal share would put one below its minimum and run past the edge: each shared column gets its
    # minimum and what is left over, evenly (the leftmost get the odd cells).
    spare = max(avail - fixed - sum(columns[i].min_width for i in flex), 0)
    for k, i in enumerate(flex):
        widths[i] = columns[i].min_width + spare // len(flex) + (1 if k < spare % len(flex) else 0)
    return widths

"""A report as plain data: a titled document of headings, paragraphs and tables that every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass, field

Cell = str | int | float | None


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: 一、 sections; 2: （一） sub-sections; 0: an annex title


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "body"  # body | note | sign (right-aligned signature and date)


@dataclass(frozen=True)
class Table:
    """A table of already-formatted cells; `widths` are relative column widths (characters)."""

    key: str  # a short name: the XLSX sheet, the HTML class
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...] = ()
    numeric: tuple[bool, ...] = ()  # right-aligned columns
    landscape: bool = False  # an annex printed on landscape pages
    empty: str = "（无）"

    def width(self, i: int) -> int:
        return self.widths[i] if i < len(self.widths) else 10

    def is_numeric(self, i: int) -> bool:
        return i < len(self.numeric) and self.numeric[i]


Block = Heading | Para | Table


@dataclass(frozen=True)
class Document:
    """What a renderer turns into text, Markdown, HTML, PDF or XLSX."""

    title: str
    subtitle: tuple[str, ...] = ()  # issue number, 截至 date, issuer: centred under the title
    blocks: tuple[Block, ...] = ()
    name: str = "report"  # the file stem a renderer may use
    lang: str = "zh"
    meta: dict[str, str] = field(default_factory=dict)

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

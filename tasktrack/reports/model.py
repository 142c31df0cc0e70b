"""A report as plain data: a titled document of headings, paragraphs and tables that every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


_BLOCKS: dict[str, type[Heading | Para | Table]] = {"heading": Heading, "para": Para, "table": Table}


def to_json(doc: Document) -> str:
    """A document as JSON text (what an issued circular freezes): every field of every block, by name."""
    import json
    from dataclasses import asdict

    def block(b: Block) -> dict[str, object]:
        return {"type": type(b).__name__.lower(), **asdict(b)}

    data = {**asdict(doc), "blocks": [block(b) for b in doc.blocks]}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> Document:
    """The document to_json() froze, field for field (tuples where the dataclasses have tuples)."""
    import json

    data = json.loads(text)
    blocks: list[Block] = []
    for b in data.pop("blocks"):
        cls = _BLOCKS[b.pop("type")]
        if cls is Table:
            b["rows"] = tuple(tuple(r) for r in b["rows"])
        fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in b.items()}
        blocks.append(cls(**fields))
    data["subtitle"] = tuple(data["subtitle"])
    return Document(**data, blocks=tuple(blocks))

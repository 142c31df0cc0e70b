"""A report as plain data: a titled document of headings, paragraphs and tables that every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

Cell = str | int | float | None
SheetValue = str | int | float | date | None


@dataclass(frozen=True)
class Sheet:
    """A table as a spreadsheet should hold it: counts, shares and dates as values, each column with its
    number format ("0", "0.0%", a date format); the XLSX renderer writes this instead of the worded cells."""

    headers: tuple[str, ...]
    rows: tuple[tuple[SheetValue, ...], ...]
    formats: tuple[str | None, ...] = ()

    def format(self, i: int) -> str | None:
        return self.formats[i] if i < len(self.formats) else None


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
    sheet: Sheet | None = None  # typed values for XLSX; None: the cells as they are

    def width(self, i: int) -> int:
        return self.widths[i] if i < len(self.widths) else 10

    def is_numeric(self, i: int) -> bool:
        return i < len(self.numeric) and self.numeric[i]


@dataclass(frozen=True)
class Chart:
    """A horizontal stacked bar per category (a programme): counts per series (已完成, 按序时, …).

    Plain data like the rest: the PDF and .docx renderers draw it (reports/chart.py); text shows the table."""

    key: str
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]  # (name, one count per category)
    colours: tuple[str, ...] = ()  # one per series, "#rrggbb"


@dataclass(frozen=True)
class Letterhead:
    """The parts GB/T 9704-2012 adds around a circular's text when it goes out as a 公文."""

    masthead: str  # 发文机关标志, printed in red
    doc_no: str  # 发文字号: 区科技局〔2022〕1号
    main_to: str  # 主送机关, without the closing colon
    signer: str  # 发文机关署名
    date: str  # 成文日期 (also the 印发日期)
    cc: str = ""  # 抄送机关, "、"-joined; empty: no 抄送 line
    printer: str = ""  # 印发机关


Block = Heading | Para | Table | Chart


@dataclass(frozen=True)
class Document:
    """What a renderer turns into text, Markdown, HTML, PDF, DOCX or XLSX."""

    title: str
    subtitle: tuple[str, ...] = ()  # issue number, 截至 date, issuer: centred under the title
    blocks: tuple[Block, ...] = ()
    name: str = "report"  # the file stem a renderer may use
    lang: str = "zh"
    meta: dict[str, str] = field(default_factory=dict)
    letterhead: Letterhead | None = None  # set: PDF and .docx lay the document out as a 公文

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


_BLOCKS: dict[str, type[Block]] = {"heading": Heading, "para": Para, "table": Table, "chart": Chart}
_DATE = "$date"  # a date in frozen JSON: {"$date": "2022-01-10"} (a sheet's due dates)


def to_json(doc: Document) -> str:
    """A document as JSON text (what an issued circular freezes): every field of every block, by name."""
    import json
    from dataclasses import asdict

    def block(b: Block) -> dict[str, object]:
        return {"type": type(b).__name__.lower(), **asdict(b)}

    def dated(value: object) -> object:
        if isinstance(value, date):
            return {_DATE: value.isoformat()}
        raise TypeError(f"{type(value).__name__} in a document")

    data = {**asdict(doc), "blocks": [block(b) for b in doc.blocks]}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=dated)


def from_json(text: str) -> Document:
    """The document to_json() froze, field for field (tuples where the dataclasses have tuples)."""
    import json

    def undated(obj: dict[str, Any]) -> Any:
        return date.fromisoformat(obj[_DATE]) if set(obj) == {_DATE} else obj

    def tuples(v: Any) -> Any:
        return tuple(tuples(x) for x in v) if isinstance(v, list) else v

    data = json.loads(text, object_hook=undated)
    blocks: list[Block] = []
    for b in data.pop("blocks"):
        cls = _BLOCKS[b.pop("type")]
        fields: dict[str, Any] = {k: tuples(v) for k, v in b.items()}
        if cls is Table and fields.get("sheet") is not None:
            fields["sheet"] = Sheet(**{k: tuples(v) for k, v in fields["sheet"].items()})
        blocks.append(cls(**fields))
    data["subtitle"] = tuple(data["subtitle"])
    if data.get("letterhead") is not None:
        data["letterhead"] = Letterhead(**data["letterhead"])
    return Document(**data, blocks=tuple(blocks))

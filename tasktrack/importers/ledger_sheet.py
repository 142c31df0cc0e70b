"""Read a ledger spreadsheet (台账, .csv or .xlsx) into rows, listing every error with its row and column.

The columns are found by their headers, in Chinese as the offices write them or in English, in any order,
on any of the first rows (a title row above the headers is common). Columns not recognized are reported,
never guessed at. Pure: reads a file, returns plain rows; applying them is services.ledger_import.
"""

from __future__ import annotations

import csv
import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tasktrack.config import Settings
from tasktrack.domain.cells import unneutralize
from tasktrack.domain.kinds import Status
from tasktrack.domain.numbers import NumberError, clears, parse_number
from tasktrack.domain.vocab import parse_status
from tasktrack.errors import UserError, Words
from tasktrack.importers.planfile import ImportErrors, at

MB = 1_000_000  # the settings' unit (import_max_mb)
UNPACK_RATIO = 10  # an .xlsx may unpack to this many times import_max_mb (a ledger's XML packs ~5-8×)
MAX_COLUMNS = 64
HEADER_SCAN = 10  # rows searched for the header row


@dataclass(frozen=True)
class Column:
    key: str
    zh: str  # the header the export writes (lang zh) and the error messages name
    en: str
    aliases: tuple[str, ...] = ()
    imported: bool = True  # False: shown for context in the export, never read back
    width: int = 12  # characters, for the export's XLSX
    hidden: bool = False  # hidden in the export's XLSX (still read back)


# The export writes these, in this order; the importer reads the imported ones back.
COLUMNS: tuple[Column, ...] = (
    Column("no", "序号", "No.", ("#",), imported=False, width=6),
    Column("plan", "规划", "Plan", ("所属规划",), width=12),
    Column("code", "编号", "Code", ("目标编号", "节点编号", "milestone"), width=10),
    Column("programme", "工程", "Programme", ("专项工程",), imported=False, width=24),
    Column("task", "重点任务", "Task", ("任务",), imported=False, width=28),
    Column("metric", "年度目标", "Target", ("目标内容", "目标任务"), imported=False, width=40),
    Column("goal", "目标值", "Goal", (), imported=False, width=10),
    Column("due", "完成时限", "Due", ("时限", "完成时间", "截止时间"), width=12),
    Column("lead", "牵头单位", "Lead unit", ("牵头",), width=16),
    Column("co", "配合单位", "Co-units", ("配合",), width=20),
    Column("status", "状态", "Status", ("完成状态", "进展状态"), width=8),
    Column("actual", "实际", "Actual", ("实际完成", "实际值", "完成值"), width=8),
    # How the rules judge the row on the export's date (已完成（未达标）：实际39家，目标≥40家): read, never imported.
    Column("judged", "评判", "Judgement", (), imported=False, width=30),
    Column("progress", "进展情况", "Progress", ("进展", "工作进展"), width=40),
    Column("problems", "存在问题", "Problems", ("问题",), width=30),
    Column("next_steps", "下步打算", "Next steps", ("下步工作", "下一步打算", "下一步工作"), width=30),
    Column("evidence", "佐证材料", "Evidence", (), imported=False, width=30),
    # What the row was exported at (RowVersion): a row older than the ledger is refused on import. Last, so
    # that nobody types into it by mistake, and hidden in the XLSX.
    Column(
        "version",
        "行版本（勿改）",
        "Row version (do not edit)",
        ("行版本", "版本", "row version"),
        hidden=True,
    ),
)
BY_KEY = {c.key: c for c in COLUMNS}
_SEPARATORS = re.compile(r"[、,，;；\n]+")
# How offices draw an empty cell: the same as an empty cell (nothing changes). A word is not one of these:
# none / 无 clear a value, as on the CLI (tasktrack.domain.numbers), and other words are what they say.
BLANKS = frozenset({"-", "—", "——", "－", "/", "／"})


def _norm(header: str) -> str:
    s = unicodedata.normalize("NFKC", header).casefold()
    return re.sub(r"[\s_\-*.:：]+", "", s)


_HEADERS: dict[str, Column] = {}
for _c in COLUMNS:
    for _name in (_c.key, _c.zh, _c.en, *_c.aliases):
        _HEADERS.setdefault(_norm(_name), _c)


_ROW_VERSION = re.compile(r"m(\d{1,9})(?:u(\d{1,9}))?(?:r(\d{1,12}))?|(\d{1,9})")


@dataclass(frozen=True)
class RowVersion:
    """What a ledger row shows was exported at, written "m3 u5 r17" in the 行版本 cell: the milestone's
    version (its own fields), the version of its units (牵头/配合单位: the sum of the versions of its task
    and of the tasks it inherits units from) and the id of the progress report it shows (0: none). A bare
    number, "3", is a milestone version alone: units and progress are then not checked."""

    milestone: int
    units: int | None = None
    report: int | None = None

    def text(self) -> str:
        parts = [f"m{self.milestone}"]
        if self.units is not None:
            parts.append(f"u{self.units}")
        if self.report is not None:
            parts.append(f"r{self.report}")
        return " ".join(parts)

    @classmethod
    def parse(cls, text: str) -> RowVersion | None:
        """The version a cell holds, or None if it holds none that can be read."""
        found = _ROW_VERSION.fullmatch(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).casefold()))
        if found is None:
            return None
        m, u, r, bare = found.groups()
        if bare is not None:
            return cls(int(bare)) if int(bare) > 0 else None
        return cls(int(m), int(u) if u else None, int(r) if r else None) if int(m) > 0 else None


@dataclass(frozen=True)
class LedgerRow:
    """One data row as written: texts stripped, empty cells None (an empty cell changes nothing). A cell
    saying none or 无 clears, as on the CLI: the actual value and the lead unit (`cleared`), the co-units
    (co is ())."""

    row: int  # the row number a spreadsheet shows (1 is the first line of the file)
    code: str
    plan: str | None = None
    status: Status | None = None
    actual: float | None = None
    due: str | date | None = None  # read against the milestone's year when applied
    lead: str | None = None
    co: tuple[str, ...] | None = None
    progress: str | None = None
    problems: str | None = None
    next_steps: str | None = None
    version: RowVersion | None = None  # what the row was exported at; None: not known (nothing checked)
    cleared: frozenset[str] = frozenset()  # the columns whose cell says none / 无: "actual", "lead"


@dataclass(frozen=True)
class LedgerSheet:
    source: str
    header_row: int
    headers: dict[str, str]  # column key → the header as the file writes it
    rows: tuple[LedgerRow, ...]  # rows with a code; a bad cell is None here and has its error below
    ignored: tuple[str, ...] = field(default=())  # headers not recognized
    # (row, "row 7, 状态: unknown status ..." in words)
    errors: tuple[tuple[int, str | Words], ...] = field(default=())

    def where(self, row: int, key: str) -> Words:
        """'row 7, 状态': how an error names a cell."""
        return cell(row, self.headers.get(key, BY_KEY[key].zh))

    @property
    def unversioned(self) -> int:
        """How many rows carry no row version (an old export, a sheet made by hand, a cell cleared)."""
        return sum(1 for r in self.rows if r.version is None)

    def check(self) -> LedgerSheet:
        """The sheet itself, or ImportErrors listing every error in it."""
        if self.errors:
            raise ImportErrors(self.source, [text for _, text in self.errors])
        return self


@dataclass(frozen=True)
class SheetLimits:
    """How big a sheet may be (the settings import_max_rows and import_max_mb). `lang` is the run's
    language; the refusals that name the settings carry words, written in the reader's language."""

    max_rows: int = Settings.import_max_rows
    max_mb: int = Settings.import_max_mb
    lang: str = "zh"

    @classmethod
    def of(cls, settings: Settings, lang: str) -> SheetLimits:
        return cls(settings.import_max_rows, settings.import_max_mb, lang)

    @property
    def max_bytes(self) -> int:
        return self.max_mb * MB

    @property
    def max_unpacked(self) -> int:
        """What an .xlsx's parts may unpack to, together: openpyxl holds the shared strings in memory."""
        return UNPACK_RATIO * self.max_bytes


def cell(row: int, header: str) -> Words:
    """How an error names a cell: its row and its column's header as the sheet writes it."""
    return Words("err.imp.cell", row=row, header=header)


def read_ledger_sheet(path: Path, limits: SheetLimits | None = None) -> LedgerSheet:
    """Read FILE.csv or FILE.xlsx into rows and the errors of every bad cell; UserError for a bad file.

    The file is read as a stream, row by row (openpyxl's read-only mode for .xlsx), and refused, naming the
    setting to raise, when it is larger than `limits` allow: its size, an .xlsx's unpacked size, its rows."""
    limits = limits or SheetLimits()
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".txt", ".tsv"):
        given = suffix or Words("err.imp.no_suffix")
        if suffix in (".xls", ".et", ".ods"):
            raise UserError("err.imp.sheet_suffix_xls", name=path.name, suffix=given)
        raise UserError("err.imp.sheet_suffix", name=path.name, suffix=given)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError("err.imp.no_file", path=path) from None
    except OSError as exc:
        raise UserError("err.imp.cannot_read", path=path, why=exc.strerror or exc) from None
    if size > limits.max_bytes:
        raise UserError("ledger.too_big", name=path.name, size=_mb(size), limit=limits.max_mb)
    if suffix == ".xlsx":
        return _read_xlsx(path, limits)
    return _read_csv(path, limits)


def at_cell(row: int, header: str, reason: object) -> Words:
    """A problem in a cell: "row 7, 状态: ..."."""
    return at(cell(row, header), reason)


def _mb(size: int) -> str:
    return f"{size / MB:.1f}"


# ---- files into rows of cell values, one at a time -------------------------------------------------


def _read_csv(path: Path, limits: SheetLimits) -> LedgerSheet:
    """A CSV file, streamed: UTF-8 (with or without BOM), else GB18030 (Excel and WPS on Chinese Windows
    save CSV as GBK), read again from the start if UTF-8 fails part way."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            with path.open(encoding=encoding, newline="") as f:
                first = f.readline()
                f.seek(0)
                delimiter = "\t" if first.count("\t") > first.count(",") else ","
                return parse_grid(_csv_records(f, delimiter, path.name), path.name, csv_text=True, limits=limits)
        except UnicodeDecodeError:
            continue
        except OSError as exc:
            raise UserError("err.imp.cannot_read", path=path, why=exc.strerror or exc) from None
    raise UserError("err.imp.csv_encoding", name=path.name)


def _csv_records(f: Any, delimiter: str, name: str) -> Iterator[list[Any]]:
    n = 0
    try:
        for record in csv.reader(f, delimiter=delimiter):
            n += 1
            yield record[:MAX_COLUMNS]
    except csv.Error as exc:
        raise UserError("err.imp.csv_bad", name=name, row=n + 1, why=exc) from None


def _read_xlsx(path: Path, limits: SheetLimits) -> LedgerSheet:
    """The first sheet that has a header row, streamed row by row (a formula counts as the value it last
    showed). A workbook whose parts unpack to more than the limit is refused before any is read: that is
    what a zip bomb is, and openpyxl keeps the whole shared-string table in memory."""
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UserError("err.imp.xlsx_bad", name=path.name, why=exc) from None
    if unpacked > limits.max_unpacked:
        raise UserError(
            "ledger.unpacks_too_big",
            name=path.name,
            size=_mb(unpacked),
            limit=limits.max_unpacked // MB,
            ratio=UNPACK_RATIO,
            mb=limits.max_mb,
        )
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UserError("err.imp.xlsx_bad", name=path.name, why=exc) from None
    try:
        first: list[list[Any]] | None = None
        for ws in wb.worksheets:
            ws.reset_dimensions()  # read every row there is, not what the sheet claims to have (may be wrong)
            rows = ws.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
            head = [list(values) for values in itertools.islice(rows, HEADER_SCAN)]
            if _header_row(head) is not None:
                return parse_grid(itertools.chain(head, rows), path.name, limits=limits)
            if first is None:
                first = head
        return parse_grid(first or [], path.name, limits=limits)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:  # a damaged part, read late
        raise UserError("err.imp.xlsx_bad", name=path.name, why=exc) from None
    finally:
        wb.close()


# ---- rows of cell values into LedgerRows -----------------------------------------------------------


def _text(value: Any) -> str:
    """A cell as text: integral numbers without '.0', dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _header_row(grid: Sequence[Sequence[Any]]) -> int | None:
    for i, values in enumerate(grid[:HEADER_SCAN]):
        if any(_HEADERS.get(_norm(_text(v))) is BY_KEY["code"] for v in values):
            return i
    return None


def parse_grid(
    grid: Iterable[Sequence[Any]], source: str, *, csv_text: bool = False, limits: SheetLimits | None = None
) -> LedgerSheet:
    """Rows of cell values (the file's first row first) into a LedgerSheet with every bad cell's error.

    `grid` is read once, row by row: only the first HEADER_SCAN rows are held, then each row becomes a
    LedgerRow. More than `limits.max_rows` non-blank rows below the header is refused (UserError), and so
    is more than that many blank ones (a sheet declaring a million empty rows).
    `csv_text`: cells are CSV text, so a quote the export put before a formula-like text is taken off.
    """
    limits = limits or SheetLimits()
    rows_in = iter(grid)
    head = [list(values) for values in itertools.islice(rows_in, HEADER_SCAN)]
    at = _header_row(head)
    if at is None:
        raise UserError("err.imp.no_header", source=source, n=HEADER_SCAN)
    errors: list[tuple[int, str | Words]] = []
    keys: dict[int, str] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for i, value in enumerate(head[at]):
        name = _text(value)
        if not name:
            continue
        col = _HEADERS.get(_norm(name))
        if col is None:
            ignored.append(name)
        elif col.key in headers:
            errors.append((at + 1, at_cell(at + 1, name, Words("err.imp.second_column", header=col.zh))))
        else:
            headers[col.key] = name
            if col.imported:
                keys[i] = col.key
    rows: list[LedgerRow] = []
    seen: dict[tuple[str, str], int] = {}
    reader = _RowReader(headers, errors)
    taken = blank = 0
    for n, values in enumerate(itertools.chain(head[at + 1 :], rows_in), at + 2):
        cells = {key: _cell(values[i] if i < len(values) else None, csv_text) for i, key in keys.items()}
        if all(v is None for v in cells.values()) and not any(_text(v) for v in values):
            blank += 1
            if blank > limits.max_rows:  # each read costs memory in openpyxl, even empty: refuse, never skip
                raise UserError("ledger.blank_rows", name=source, limit=limits.max_rows)
            continue  # a blank line
        taken += 1
        if taken > limits.max_rows:
            raise UserError("ledger.too_many_rows", name=source, limit=limits.max_rows)
        row = reader.row(n, cells)
        if row is None:
            continue
        ident = (row.plan or "", row.code)
        if ident in seen:
            reader.err(n, "code", Words("err.imp.same_row", code=row.code, row=seen[ident]))
            continue
        seen[ident] = n
        rows.append(row)
    if not rows and not errors:
        raise UserError("err.imp.no_rows", source=source, row=at + 1)
    return LedgerSheet(source, at + 1, headers, tuple(rows), tuple(ignored), tuple(errors))


def _cell(value: Any, csv_text: bool) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if csv_text:
            value = unneutralize(value)
        return None if not value or value in BLANKS else value
    return value


class _RowReader:
    """Converts one row's cells, adding an error (row N, header: message) for each bad one."""

    def __init__(self, headers: dict[str, str], errors: list[tuple[int, str | Words]]) -> None:
        self.headers = headers
        self.errors = errors

    def err(self, row: int, key: str, message: object) -> None:
        """`message`: Words, or an error raised with words (a NumberError, an unknown status)."""
        self.errors.append((row, at_cell(row, self.headers.get(key, BY_KEY[key].zh), message)))

    def row(self, n: int, cells: dict[str, Any]) -> LedgerRow | None:
        for key, value in cells.items():
            if isinstance(value, str) and "\x00" in value:
                self.err(n, key, Words("err.imp.nul"))
                cells[key] = None
        code = self.text(n, "code", cells.get("code"))
        if code is None:
            self.err(n, "code", Words("err.imp.no_code"))
        row = LedgerRow(
            row=n,
            code=code or "",
            plan=self.text(n, "plan", cells.get("plan")),
            status=self.status(n, cells.get("status")),
            actual=None if clears(cells.get("actual")) else self.number(n, "actual", cells.get("actual")),
            due=self.due(n, cells.get("due")),
            lead=None if clears(cells.get("lead")) else self.lead(n, cells.get("lead")),
            co=() if clears(cells.get("co")) else self.names(n, "co", cells.get("co")),
            progress=self.text(n, "progress", cells.get("progress")),
            problems=self.text(n, "problems", cells.get("problems")),
            next_steps=self.text(n, "next_steps", cells.get("next_steps")),
            version=self.version(n, cells.get("version")),
            cleared=frozenset(k for k in ("actual", "lead") if clears(cells.get(k))),
        )
        return row if code is not None else None

    def text(self, n: int, key: str, value: Any) -> str | None:
        return _text(value) or None

    def status(self, n: int, value: Any) -> Status | None:
        word = self.text(n, "status", value)
        if word is None:
            return None
        try:
            return parse_status(word)
        except ValueError as exc:
            self.err(n, "status", exc)
            return None

    def number(self, n: int, key: str, value: Any) -> float | None:
        if value is None:
            return None
        try:
            return parse_number(value if isinstance(value, int | float | str) else _text(value), key)
        except NumberError as exc:
            self.err(n, key, exc)
            return None

    def version(self, n: int, value: Any) -> RowVersion | None:
        if value is None:
            return None
        text = _text(value)
        version = RowVersion.parse(text)
        if version is not None:
            return version
        self.err(n, "version", Words("err.imp.not_version", value=repr(text)))
        return None

    def due(self, n: int, value: Any) -> str | date | None:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return self.text(n, "due", value)

    def lead(self, n: int, value: Any) -> str | None:
        names = self.names(n, "lead", value)
        if not names:
            return None
        if len(names) > 1:
            self.err(n, "lead", Words("err.imp.one_lead", names="、".join(names)))
            return None
        return names[0]

    def names(self, n: int, key: str, value: Any) -> tuple[str, ...] | None:
        text = self.text(n, key, value)
        if text is None:
            return None
        return tuple(_unique(p.strip() for p in _SEPARATORS.split(text) if p.strip())) or None


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))

"""Cells written to spreadsheets (CSV and XLSX): values, never formulas; control characters made visible.

Every text cell goes through here, from the circular's XLSX and from the ledger export alike. Numbers and dates
stay numbers and dates (a negative number is a number, not a formula); only text is neutralized.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from tasktrack.domain.cells import neutralize
from tasktrack.domain.text import sanitize_multiline

Value = str | int | float | date | None

# openpyxl refuses these control characters in cell text (sanitize_multiline already made them visible).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean_text(text: str) -> str:
    """Cell text with controls made visible (ESC → ␛, U+202E → <U+202E>), line breaks kept."""
    return _ILLEGAL.sub("", sanitize_multiline(text))


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) and abs(value) < 1e15 else repr(value)


def csv_cell(value: Value) -> str:
    """A value as CSV text: numbers as digits, dates ISO, text cleaned and neutralized."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return neutralize(clean_text(str(value)))


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[Value]]) -> bytes:
    """UTF-8 with a BOM, so that Excel and WPS on Chinese Windows open it without garbling."""
    return b"".join(csv_chunks(headers, rows))


def csv_chunks(headers: Sequence[str], rows: Iterable[Sequence[Value]], size: int = 2_000) -> Iterator[bytes]:
    """to_csv()'s bytes a few thousand rows at a time (the BOM first), for a sheet too big to hold."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in headers])
    first = True
    for n, row in enumerate(rows, 1):
        writer.writerow([csv_cell(v) for v in row])
        if n % size == 0:
            yield _take(buf, first)
            first = False
    yield _take(buf, first)


def _take(buf: io.StringIO, first: bool) -> bytes:
    text = buf.getvalue()
    buf.seek(0)
    buf.truncate()
    return text.encode("utf-8-sig" if first else "utf-8")


def put_cell(ws: Any, row: int, col: int, value: Any) -> Any:
    """Write one XLSX cell. Text is typed as a string (openpyxl would take "=..." for a formula) and marked
    with Excel's quote prefix, so that WPS or Excel keep it text even when someone edits the cell."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"
        cell.quotePrefix = True
    else:
        cell.value = value
        if isinstance(value, datetime | date):
            cell.number_format = "yyyy-mm-dd"
    return cell


DROP_DOWN_SPARE = 500  # rows under the last record that keep the drop-down, for rows a person adds


def _drop_down(ws: Any, column: str, words: Sequence[str], last: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    listed = ",".join(w.replace('"', "") for w in words)
    dv = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True, showDropDown=False)
    dv.error = "/".join(words)
    dv.showErrorMessage = True
    ws.add_data_validation(dv)
    dv.add(f"{column}2:{column}{last}")


def to_xlsx(
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Value]],
    widths: Sequence[int],
    hidden: Sequence[int] = (),
    choices: dict[int, Sequence[str]] | None = None,
) -> bytes:
    """One sheet: a bold header row (frozen, filtered) and one row per record; the columns numbered in
    `hidden` (0 is the first) are hidden, for bookkeeping a person need not see (it stays in the file).
    `choices`: per column number, the words its cells may hold, offered as a drop-down list (data
    validation) in WPS and Excel, which refuse other words typed in."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet
    ws.title = title[:31]
    for i, h in enumerate(headers, 1):
        put_cell(ws, 1, i, h).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(i)].width = widths[i - 1] if i <= len(widths) else 12
        ws.column_dimensions[get_column_letter(i)].hidden = i - 1 in hidden
    n = 1
    for n, record in enumerate(rows, 2):
        for i, value in enumerate(record, 1):
            put_cell(ws, n, i, value).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{n}"
    for col, words in (choices or {}).items():
        _drop_down(ws, get_column_letter(col + 1), words, last=max(n, 2) + DROP_DOWN_SPARE)
    wb.properties.created = wb.properties.modified = datetime(2000, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()

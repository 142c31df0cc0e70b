"""A document as an Excel/WPS workbook: the circular's text on one sheet, each table on its own.

Every cell holds a value, never a formula: text starting with "=" is stored as text.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from tasktrack.reports.cells import put_cell as _put
from tasktrack.reports.model import Document, Heading, Para, SheetValue, Table

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(title: str, used: set[str]) -> str:
    base = _BAD_SHEET.sub(" ", title).strip()[:28] or "Sheet"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:26]}{n}", n + 1
    used.add(name)
    return name


def _setup(ws: Worksheet, *, landscape: bool, header_row: int | None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]  # openpyxl always makes one; its stubs allow None
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"


def _text_sheet(wb: Workbook, doc: Document) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet
    ws.title = _sheet_name("通报" if doc.lang == "zh" else "Circular", set())
    ws.column_dimensions["A"].width = 100
    wrap = Alignment(wrap_text=True, vertical="top")
    r = 1
    _put(ws, r, 1, doc.title).font = Font(bold=True, size=16)
    ws.cell(r, 1).alignment = Alignment(horizontal="center")
    for s in doc.subtitle:
        r += 1
        _put(ws, r, 1, s).alignment = Alignment(horizontal="center")
    for b in doc.blocks:
        if isinstance(b, Heading) and b.level > 0:
            r += 1
            _put(ws, r, 1, b.text).font = Font(bold=True, size=13 if b.level == 1 else 12)
        elif isinstance(b, Para):
            r += 1
            cell = _put(ws, r, 1, b.text)
            cell.alignment = (
                Alignment(wrap_text=True, vertical="top", horizontal="right") if b.style == "sign" else wrap
            )
        elif isinstance(b, Table):
            r += 1
            _put(ws, r, 1, f"→ {b.title}").font = Font(italic=True, color="555555")
    _setup(ws, landscape=False, header_row=None)


def _table_sheet(wb: Workbook, t: Table, used: set[str], doc_title: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(_sheet_name(t.title, used))
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    headers: tuple[str, ...] = t.sheet.headers if t.sheet else t.headers
    rows: tuple[tuple[SheetValue, ...], ...] = t.sheet.rows if t.sheet else t.rows
    ncols = len(headers)
    _put(ws, 1, 1, t.title).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(1, ncols))
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    for i, h in enumerate(headers, 1):
        c = _put(ws, 2, i, h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDDDDD")
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = border
        width = t.width(i - 1) if not t.sheet else max(8, min(40, len(str(h)) * 2 + 2))
        ws.column_dimensions[get_column_letter(i)].width = max(6, width * 1.6 if not t.sheet else width)
    for r, row in enumerate(rows, 3):
        for i, value in enumerate(row, 1):
            c = _put(ws, r, i, value)
            c.border = border
            fmt = t.sheet.format(i - 1) if t.sheet else None
            if fmt and not isinstance(value, str) and value is not None:
                c.number_format = fmt
            numeric = isinstance(value, int | float | date) if t.sheet else t.is_numeric(i - 1)
            c.alignment = Alignment(wrap_text=True, vertical="top", horizontal="right" if numeric else "left")
    ws.freeze_panes = "A3"
    if rows:
        ws.auto_filter.ref = f"A2:{get_column_letter(ncols)}{len(rows) + 2}"
    ws.oddHeader.center.text = doc_title[:200].replace("&", "&&")
    ws.oddFooter.center.text = "&P / &N"
    _setup(ws, landscape=t.landscape or ncols > 8, header_row=2)


def to_xlsx(doc: Document) -> bytes:
    """The workbook's bytes; its properties carry the as-of date, not the wall clock."""
    from openpyxl import Workbook

    wb = Workbook()
    _text_sheet(wb, doc)
    used = {wb.worksheets[0].title}  # the text sheet, still the active one
    for t in doc.tables():
        _table_sheet(wb, t, used, doc.title)
    stamp = datetime.fromisoformat(doc.meta["as_of"]) if "as_of" in doc.meta else datetime(2000, 1, 1)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.title = doc.title
    wb.properties.creator = doc.meta.get("issuer", "tasktrack")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()

"""`tasktrack export`: the ledger (台账) as a CSV or XLSX sheet that `tasktrack import ledger` reads back."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from tasktrack.cli.state import state
from tasktrack.errors import UserError

app = typer.Typer(
    help="Export the ledger (台账) as a spreadsheet to fill in and import back.", no_args_is_help=True
)

FORMATS = ("csv", "xlsx")


@app.command("ledger")
def ledger(
    ctx: typer.Context,
    plan: str | None = typer.Option(None, "--plan", help="Only this plan (key, document number or id)."),
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help="csv or xlsx (default: from the -o suffix, else csv).",
        show_default=False,
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Write to this new file (default: stdout); never the database or the evidence store.",
        show_default=False,
    ),
    force: bool = typer.Option(False, "--force", help="Replace the -o file if it exists."),
) -> None:
    """Every milestone as one row: 编号, targets and owners, 状态, 实际, 进展情况 ...

    Edit it in WPS or Excel and apply it with `tasktrack import ledger FILE`: the 规划, 编号, 完成时限, 牵头单位,
    配合单位, 状态, 实际, 进展情况, 存在问题 and 下步打算 columns are read back; the others are for reading.
    The last column, 行版本（勿改） (hidden in XLSX), says what each row was exported at (m: the milestone's
    version, u: its units', r: the progress report shown): importing a row that would undo a change made
    since is refused, naming who made it and when, unless you ask to overwrite it.
    Cells are values, never formulas: text starting with = + - @ is kept as text (in CSV behind a ').
    """
    from tasktrack.cli.report import write
    from tasktrack.importers.ledger_sheet import COLUMNS
    from tasktrack.reports.cells import csv_chunks, to_xlsx
    from tasktrack.services.ledger_import import LedgerSheetService

    if fmt is None:
        fmt = "xlsx" if output is not None and output.suffix.lower() == ".xlsx" else "csv"
    if fmt not in FORMATS:
        raise UserError("err.cli.export_format", value=repr(fmt))
    st = state(ctx)
    if output is not None:
        st.output(output, force=force)
    if st.as_of is not None:
        # Not the ledger as it stood (as the read commands give it under --as-of): this sheet is filled in
        # and imported back, and rows as they stood, imported back, would write the past over what changed
        # since. --as-of is the day it is judged on (序时进度, the report shown); say so.
        from tasktrack.cli.output import info
        from tasktrack.i18n import t

        info(t("asof.export_now", st.lang, date=st.as_of.isoformat()))
    records = LedgerSheetService(st.ledger().ctx).export_rows(plan)  # a plan at a time, as written
    headers = [c.zh if st.lang == "zh" else c.en for c in COLUMNS]
    rows = ([r[c.key] for c in COLUMNS] for r in records)
    if fmt == "xlsx":
        sheet = "台账" if st.lang == "zh" else "Ledger"
        hidden = [i for i, c in enumerate(COLUMNS) if c.hidden]
        status = next(i for i, c in enumerate(COLUMNS) if c.key == "status")
        words = LedgerSheetService.status_words(st.lang)  # the words import ledger reads back
        sheet_bytes = to_xlsx(sheet, headers, rows, [c.width for c in COLUMNS], hidden, {status: words})
        write(sheet_bytes, output, fmt, lang=st.lang, force=force)
        return
    content = csv_chunks(headers, rows)  # UTF-8 with a BOM: what WPS and Excel need to read it as UTF-8
    if output is None and sys.stdout.isatty():
        write(b"".join(content).decode("utf-8-sig"), None, fmt)  # to a terminal: text, cells made safe
    else:
        write(content, output, fmt, lang=st.lang, force=force)

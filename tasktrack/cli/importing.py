"""`tasktrack import`: draft a plan file from a policy document, review a draft; apply a ledger spreadsheet."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import typer

from tasktrack.cli.output import info, table
from tasktrack.cli.state import state
from tasktrack.errors import UserError, say
from tasktrack.i18n import t

app = typer.Typer(
    help="Draft plan files from documents (规划文本 → 台账草稿), review them; import ledger sheets (台账).",
    no_args_is_help=True,
)


@app.command("plan")
def plan(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="The document: .txt, .md, .html or .docx.", show_default=False),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Write the draft to this file (default: print it).", show_default=False
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite the --out file if it exists."),
    accept_noise: bool = typer.Option(
        False,
        "--accept-noise",
        help="Draft even a document that is mostly not a plan (web page furniture, news), with a warning.",
    ),
    load: bool = typer.Option(False, "--load", help="Also load the draft into the ledger, unreviewed."),
    update: bool = typer.Option(
        False, "--update", help="With --load: update the plan if it is in the ledger already (see seed load)."
    ),
) -> None:
    """Draft a plan file (format tasktrack/1) from a plan document.

    Sections become tasks, dated and numeric targets milestones, indicator tables indicators, and units the
    text names (牵头单位 / 责任单位) owners; each item keeps its exact source quote and a confidence.
    Nothing is loaded unless --load is given: review the draft, then `tasktrack seed load DRAFT`.
    """
    from tasktrack.importers.document import draft_document

    st = state(ctx)
    if out is not None:
        st.output(out, force=force, inputs=(file,))
    draft = draft_document(file)
    if draft.mostly_noise:
        c = draft.counts()
        args = {
            "name": file.name,
            "share": f"{draft.noise.share:.0%}",
            "milestones": str(c["milestones"]),
            "indicators": str(c["indicators"]),
        }
        if not accept_noise:
            raise UserError("import.mostly_noise", **args)
        info(t("import.noise_kept", st.lang, **args))
    text = draft.to_yaml()
    _check(text, file.name)
    if out is not None:
        _write(out, text, st.lang, replace=force)
    else:
        sys.stdout.write(text)
    c = draft.counts()
    info(t("status.drafted", st.lang, name=file.name, tasks=c["tasks"], milestones=c["milestones"],
           indicators=c["indicators"], owned=c["owned"], target=f" → {out}" if out else ""))  # fmt: skip
    if not load:
        info(t("status.review_then_load", st.lang, path=out if out else "DRAFT.yaml"))
        return
    from tasktrack.cli.seed import report

    again = f"tasktrack import plan {file}" + (f" --out {out} --force" if out else "") + " --load --update"
    if out is not None:
        result = st.ledger().loader.load(out, update=update, again=again)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{file.stem}.draft.yaml"
            path.write_text(text, encoding="utf-8")
            result = st.ledger().loader.load(path, update=update, again=again)
    report(result, st.lang, emit=info)


@app.command("review")
def review(
    ctx: typer.Context,
    draft_file: Path = typer.Argument(
        ..., metavar="DRAFT", help="A draft from `import plan --out`.", show_default=False
    ),
    below: float | None = typer.Option(
        None,
        "--below",
        help="Drop every drafted item whose confidence is below this (0–1).",
        show_default=False,
    ),
    drop: list[str] = typer.Option(
        None,
        "--drop",
        help="Drop the task, milestone or indicator with this code (repeatable).",
        show_default=False,
    ),
    accept: bool = typer.Option(False, "--accept", help="Mark what is kept as reviewed (confidence 1)."),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        help="Write the reviewed draft to this new file (default: DRAFT's name with .reviewed).",
        show_default=False,
    ),
    in_place: bool = typer.Option(
        False, "--in-place", help="Replace DRAFT itself with the reviewed draft (whole, never half-written)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace the --out file if it exists."),
) -> None:
    """List a draft's items with their confidence and quote; --drop / --below / --accept revise it.

    The revised draft goes to a new file (DRAFT.reviewed.yaml, or --out); DRAFT is kept as it was unless
    --in-place is given. Edit anything else (a metric, a year, a unit) in the YAML itself: it is plain text.
    """
    from tasktrack.importers.document.emit import dump
    from tasktrack.importers.document.review import by_confidence, items, revise

    st = state(ctx)
    revising = bool(drop) or below is not None or accept
    if in_place and out is not None:
        raise UserError("out.in_place_and_out")
    target = draft_file if in_place else out or _reviewed_name(draft_file)
    if revising:  # before anything is read: the draft itself only with --in-place
        st.output(target, force=force or in_place, inputs=() if in_place else (draft_file,))
    data = _read(draft_file)
    if not revising:
        lang = st.lang
        rows = [
            (t(f"tui.entity.{i.kind}", lang), i.code, f"{i.confidence:.2f}" if i.confidence is not None else "",
             i.label, i.why, i.quote)
            for i in by_confidence(items(data))
        ]  # fmt: skip
        heads = [t(f"status.review_col.{k}", lang) for k in ("kind", "code", "conf", "item", "why", "quote")]
        table(heads, rows, lang, text=(3, 4, 5))
        return
    dropped = revise(data, drop=list(drop or []), below=below, accept=accept)
    text = _header(draft_file) + dump(data)
    _check(text, draft_file.name)
    _write(target, text, st.lang, replace=force or in_place)
    listed = (("：" if st.lang == "zh" else ": ") + ("、" if st.lang == "zh" else ", ").join(dropped)) if dropped else ""
    info(t("status.dropped", st.lang, n=len(dropped), items=listed, target=target))


def _reviewed_name(draft: Path) -> Path:
    """draft.yaml → draft.reviewed.yaml, beside it."""
    return draft.with_name(f"{draft.stem}.reviewed{draft.suffix or '.yaml'}")


def _read(path: Path) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError("err.cli.no_file", path=path) from None
    except (UnicodeDecodeError, yaml.YAMLError):
        raise UserError("err.cli.not_yaml", path=path) from None
    if not isinstance(data, dict) or not isinstance(data.get("plans"), list):
        raise UserError("err.cli.not_plan_file", path=path)
    return data


def _header(path: Path) -> str:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines) + ("\n" if lines else "")


def _check(text: str, source: str) -> None:
    """The draft must load as it is: a draft that does not is a bug here, not the user's."""
    import yaml

    from tasktrack.importers.planfile import parse_plan_data

    parse_plan_data(yaml.safe_load(text), source)


def _write(path: Path, text: str, lang: str, *, replace: bool) -> None:
    """Whole or not at all (a temporary file renamed into place): a failed write never truncates a draft."""
    from tasktrack.services.files import write_file

    write_file(path, text, replace=replace, lang=lang)


@app.command("ledger")
def ledger(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., help="The ledger: .csv (UTF-8 or GB18030) or .xlsx.", show_default=False
    ),
    plan: str | None = typer.Option(None, "--plan", help="The plan its codes belong to.", show_default=False),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Check every row and print each field it would change; write nothing."
    ),
    overwrite: list[str] = typer.Option(
        None,
        "--overwrite",
        metavar="CODE",
        help="Apply this milestone's row even if someone changed it since the export (repeatable).",
        show_default=False,
    ),
    overwrite_stale: bool = typer.Option(
        False, "--overwrite-stale", help="Apply every such row: the sheet wins over the changes made since."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="On errors, list every one on stderr."),
) -> None:
    """Update milestones from a ledger spreadsheet (台账), row by row, all or nothing.

    Columns are found by header, Chinese or English: 编号/code (required), 状态/status, 实际/actual,
    完成时限/due, 牵头单位/lead, 配合单位/co, 进展情况/progress, 存在问题/problems, 下步打算/next steps, 规划/plan,
    行版本/row version.

    An empty cell (or a bare - or —) changes nothing; none or 无 clears, as on the CLI: 实际 clears the
    actual value, 牵头单位 the task's lead unit, 配合单位 its own co-units. Other columns are ignored; any
    other word is what it says (暂无 is not a number). If any row is refused
    (an unknown code or unit, closing without evidence ...), nothing is written and every error is named
    with its row and column.
    Start from `tasktrack export ledger`: its 行版本 column says what each row was exported at, and a row
    that would undo a change made since (to the milestone, its task's units, or a newer progress report) is
    refused, naming who made it and when; a row that changes nothing passes. Export again and redo the
    edits, or let the sheet win for named rows with --overwrite CODE (or --overwrite-stale for all): the
    change log records that the row overwrote newer changes. A sheet without that column (an old export,
    one made by hand) is applied unchecked, and said so.

    --dry-run prints every field each row would change (row, 编号, field, old → new) and writes nothing.
    A sheet of more rows or MB than the settings import_max_rows and import_max_mb allow (`tasktrack config
    show`) is refused.
    """
    from tasktrack.importers.ledger_sheet import SheetLimits, read_ledger_sheet
    from tasktrack.importers.planfile import ImportErrors
    from tasktrack.services.ledger_import import LedgerSheetService

    st = state(ctx)
    assert st.settings is not None
    try:
        sheet = read_ledger_sheet(file, SheetLimits.of(st.settings, st.lang))
        result = LedgerSheetService(st.ledger().ctx).apply(
            sheet, plan=plan, dry_run=dry_run, overwrite=overwrite or (), overwrite_stale=overwrite_stale
        )
    except ImportErrors as exc:
        if verbose:
            for line in exc.problems:
                info(say(line, st.lang))
        raise
    if dry_run:
        _print_diff(result, sheet.headers, st.lang)
    info(
        t(
            "status.import_dry_run" if dry_run else "status.imported",
            st.lang,
            source=result.source,
            rows=result.rows,
            milestones=result.milestones,
            tasks=result.tasks,
            reports=result.reports,
            changes=result.changes,
        )
    )
    if result.ignored:
        info(t("status.ignored_columns", st.lang, columns=("、" if st.lang == "zh" else ", ").join(result.ignored)))
    if result.unversioned:
        info(t("ledger.unversioned", st.lang, n=result.unversioned))
    if result.overwritten:
        info(t("ledger.overwritten", st.lang, codes=", ".join(result.overwritten)))


def _print_diff(result: Any, headers: dict[str, str], lang: str) -> None:
    """The dry run's changes, one line per field: row, 编号, field, old → new (CJK aligned)."""
    from tasktrack import present
    from tasktrack.i18n import MESSAGES
    from tasktrack.importers.ledger_sheet import BY_KEY

    def label(name: str) -> str:
        if name in headers:  # the sheet's own header for a column it has
            return headers[name]
        if name in BY_KEY:
            return BY_KEY[name].zh if lang == "zh" else BY_KEY[name].en
        key = f"ledger.f.{name}"
        return t(key, lang) if key in MESSAGES else name

    def value(entity: str, name: str, text: str | None) -> str:
        if text is None or text == "":
            return "—"
        if entity == "milestone" and name == "status":
            return present.status(text, lang)
        return text

    if not result.diff:
        info(t("ledger.no_diff", lang))
        return
    table(
        [t("ledger.row", lang), t("code", lang), t("field", lang), t("old", lang), "", t("new", lang)],
        [
            (
                c.row,
                c.code,
                label(c.field),
                value(c.entity, c.field, c.old),
                "→",
                value(c.entity, c.field, c.new),
            )
            for c in result.diff
        ],
        lang,
        aligns=["right", "left", "left", "left", "left", "left"],
    )

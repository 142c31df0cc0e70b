"""`tasktrack evidence`: attach notes, document numbers and files; list them; verify stored files."""

from __future__ import annotations

from pathlib import Path

import typer

from tasktrack import present
from tasktrack.cli.output import emit_json, info, say, table
from tasktrack.cli.state import state
from tasktrack.i18n import t

app = typer.Typer(help="Evidence (佐证材料) for milestones and tasks.", no_args_is_help=True)
JSON_OPT = typer.Option(False, "--json", help="Print JSON.")


@app.command("add")
def add(
    ctx: typer.Context,
    item: str = typer.Argument(..., help="Milestone id or code (a task with --task)."),
    text: str = typer.Option(None, "--text", "-t", help="A note: what was done, where the proof is."),
    doc_no: str = typer.Option(None, "--doc-no", help="Number of the document that proves it."),
    file: str = typer.Option(None, "--file", "-f", help="A file to keep (copied, content-addressed)."),
    task: bool = typer.Option(False, "--task", help="ITEM is a task, not a milestone."),
    unit: str = typer.Option(
        None, "--unit", help="Which of your own units on the task files it (a coordinator: the unit it files for)."
    ),
    json_out: bool = JSON_OPT,
) -> None:
    """Attach evidence to a milestone or task, for the filer's own unit."""
    st = state(ctx)
    ev = st.ledger().evidence.add(item, text=text, doc_no=doc_no, file=file, on_task=task, unit=unit)
    if json_out:
        emit_json(ev)
    else:
        say(f"#{ev.id} {ev.file_name or ''} {ev.file_sha256 or ''}".rstrip())


@app.command("list")
def list_(
    ctx: typer.Context,
    item: str = typer.Argument(None, help="Milestone id or code (a task with --task); default: all."),
    task: bool = typer.Option(False, "--task", help="ITEM is a task."),
    plan: str = typer.Option(None, "--plan", help="Only this plan's evidence."),
    json_out: bool = JSON_OPT,
) -> None:
    """List evidence."""
    st = state(ctx)
    rows = st.ledger().evidence.list(item, on_task=task, plan=plan)
    if json_out:
        emit_json({"evidence": rows})
        return
    lang = st.lang
    table(
        [t(k, lang) for k in ("id", "item", "when", "author", "text", "doc_no", "file", "accepted")],
        [
            (
                e.id,
                f"m{e.milestone_id}" if e.milestone_id else f"t{e.task_id}",
                present.stamp(e.created_at),
                e.author + (f"（{t('demo', lang)}）" if e.is_demo else ""),
                e.text,
                e.doc_no,
                e.file_name,
                e.accepted_by or "",
            )
            for e in rows
        ],
        lang,
        text=(4,),  # the evidence's text
    )


@app.command("get")
def get(
    ctx: typer.Context,
    evidence_id: int = typer.Argument(..., help="The evidence's id (see 'evidence list')."),
    output: Path = typer.Option(..., "--output", "-o", help="The file to write the stored file to."),
    force: bool = typer.Option(False, "--force", help="Replace OUTPUT if it exists."),
) -> None:
    """Get an evidence file back out of the store, checked against its SHA-256 first."""
    st = state(ctx)
    dest = st.output(output, force=force)
    ev = st.ledger().evidence.fetch(evidence_id, dest, replace=force)
    info(t("evidence.got", st.lang, id=ev.id, name=ev.file_name, path=dest))


@app.command("remove")
def remove(
    ctx: typer.Context,
    evidence_id: int = typer.Argument(..., help="The evidence's id (see 'evidence list')."),
    reason: str = typer.Option(..., "--reason", help="Why it is taken back (kept in the change log)."),
    json_out: bool = JSON_OPT,
) -> None:
    """Remove evidence attached in error; the change log keeps what it was, the store keeps its file."""
    st = state(ctx)
    ev = st.ledger().evidence.remove(evidence_id, reason=reason)
    what = ev.file_name or ev.doc_no or ev.text or ""
    emit_json(ev) if json_out else say(t("evidence.removed", st.lang, id=ev.id, what=what))


@app.command("verify")
def verify(ctx: typer.Context, json_out: bool = JSON_OPT) -> None:
    """Recompute the SHA-256 of every stored file; exit 1 if any is missing or corrupt."""
    st = state(ctx)
    results = st.ledger().evidence.verify()
    bad = [r for r in results if r.state != "ok"]
    if json_out:
        emit_json({"files": results, "ok": len(results) - len(bad), "bad": len(bad)})
    else:
        if bad:
            table(
                [t(k, st.lang) for k in ("id", "file", "state")],
                [(r.evidence_id, r.file_name, r.state) for r in bad],
                st.lang,
            )
        info(t("evidence_ok", st.lang, n=len(results) - len(bad)))
        if bad:
            info(t("evidence_bad", st.lang, n=len(bad)))
    if bad:
        raise typer.Exit(1)

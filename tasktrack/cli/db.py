"""`tasktrack init` and `tasktrack db`: create the database and bring its schema up to date."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from tasktrack.cli.output import emit_json, say
from tasktrack.cli.state import state
from tasktrack.errors import UserError
from tasktrack.i18n import t

if TYPE_CHECKING:
    from tasktrack.services.database import ChainProblem, ChainVerdict, CheckReport
    from tasktrack.services.files import Protected
    from tasktrack.services.ledger import Ledger

app = typer.Typer(help="Database schema: upgrade, current revision.", no_args_is_help=True)


def init(ctx: typer.Context) -> None:
    """Create the database (or bring an existing one up to date) and print where it is."""
    _upgrade(ctx, json_out=False)


@app.command("upgrade")
def upgrade(ctx: typer.Context, json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Migrate the database to the newest schema (a new database is created)."""
    _upgrade(ctx, json_out)


def _upgrade(ctx: typer.Context, json_out: bool) -> None:
    from tasktrack.services.database import revision

    st = state(ctx)
    ledger = st.ledger()  # opening migrates
    rev = revision(ledger)
    location = ledger.ctx.engine.url.render_as_string(hide_password=True)
    if json_out:
        emit_json({"database": location, "revision": rev})
    else:
        say(t("db_ready", st.lang, path=location, rev=rev))


@app.command("current")
def current(ctx: typer.Context, json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Print the schema revision of the database without changing it."""
    from tasktrack.services.database import current as read_current

    st = state(ctx)
    rev, head = read_current(st.db_location())
    if json_out:
        emit_json({"revision": rev, "head": head})
    else:
        say(t("status.db_current", st.lang, rev=rev or "-", head=head))


@app.command("backup")
def backup(
    ctx: typer.Context,
    dest: Path = typer.Argument(
        ..., help="New file to write the backup to (never an existing file, the database or its store)."
    ),
) -> None:
    """Write a consistent copy of the database, safe while others are writing (never overwrites).

    The copy is made in a private directory beside DEST and renamed to DEST once complete.
    """
    from tasktrack.services.database import backup as do_backup

    st = state(ctx)
    st.output(dest, never_replace=True)
    # The database as it is: opening a ledger would first migrate an older one.
    written = do_backup(st.db_location(), dest, lang=st.lang)
    say(written)


@app.command("restore")
def restore(
    ctx: typer.Context,
    source: Path = typer.Argument(..., help="A backup made by 'db backup'."),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Check the backup and show what it would replace; change nothing."
    ),
) -> None:
    """Replace the database with a checked backup (coordinators only); the current file is kept first.

    The backup must be a tasktrack ledger at a schema revision this version knows, pass its integrity
    and reference checks, and keep the restoring account a coordinator. Stop other users first."""
    from datetime import UTC, datetime

    from tasktrack.services.access import Access
    from tasktrack.services.base import unit_of_work
    from tasktrack.services.database import restore as do_restore
    from tasktrack.services.database import sqlite_target, summarize

    st = state(ctx)
    target = sqlite_target(st.db_location())
    if target is None:
        raise UserError("err.cli.restore_pg")
    if not target.is_file():
        raise UserError("err.cli.restore_no_db", target=target)
    incoming = summarize(source)
    current = summarize(target, checked=False)
    ledger = st.ledger()
    with unit_of_work(ledger.ctx, "db restore") as uow:  # writes nothing: the rights, read once
        Access(ledger.ctx).require_coordinator(uow, "the database", verb="restore")
        account = uow.account
        guarded = current.members > 0
    if guarded and account not in incoming.coordinators:
        raise UserError("err.cli.restore_not_coordinator", source=source, account=account)
    say(t("restore.replaces", st.lang, what=current.line(st.lang)))
    say(t("restore.with", st.lang, what=incoming.line(st.lang)))
    if dry_run:
        return
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    keep = target.with_name(f"{target.name}.before-restore-{stamp}.bak")
    ledger.close()
    do_restore(st.db_location(), source, keep)
    say(t("restore.done", st.lang, source=source, keep=keep))


@app.command("check")
def check(
    ctx: typer.Context,
    head: list[str] = typer.Option(
        None, "--head", help="A change-log chain head a circular printed: is it in the chain? (repeatable)"
    ),
    clean: bool = typer.Option(
        False, "--clean", help="Remove the leftover temporary files it finds (and report what it removed)."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Check the database's integrity and foreign keys, the change log's hash chain and every evidence
    file's SHA-256; with --head, that a circular's chain head is in the chain. Exit 1 on a problem.

    An evidence store the database's group may not write while it may write the database is a problem.
    Temporary files that killed writes left (evidence add, db backup, -o files) in the evidence store and
    beside the database, untouched for an hour, are problems too: --clean removes them. Younger ones may
    belong to a write still running and are left alone.
    """
    from tasktrack.services.database import check as do_check

    st = state(ctx)
    heads = [_head(h) for h in head or []]
    ledger = st.ledger()
    report = do_check(ledger, heads)
    files = [r for r in ledger.evidence.verify_rows() if r.state != "ok"] if _has_store(ledger) else []
    report.files = [t("status.check_file", st.lang, id=r.evidence_id, name=r.file_name,
                      state=t(f"status.file.{r.state}", st.lang)) for r in files]  # fmt: skip
    report.files += _unshared(st.protected(), st.lang)
    removed = _leftovers(st.protected(), report, st.lang, clean=clean)
    if json_out:
        emit_json(
            {
                "ok": report.ok,
                "integrity": report.integrity,
                "foreign_keys": [str(w) for w in report.foreign_keys],  # (English, as stored words read)
                "files": report.files,
                "leftovers": report.leftovers,
                "removed": removed,
                "chain": _chain_json(report.chain),
            }
        )
    else:
        lines = [*report.integrity, *(w(st.lang) for w in report.foreign_keys), *report.files, *report.leftovers]
        for line in lines + _chain_lines(report, st.lang):
            say(line)
        for path in removed:
            say(path)
        say(t("status.check_ok" if report.ok else "status.check_problems", st.lang))
    if not report.ok:
        raise typer.Exit(1)


def _head(text: str) -> str:
    """A chain head as given: its hex digits, in full (64) or cut to at least 12."""
    from tasktrack.errors import UserError

    value = text.strip().lower()
    if not 12 <= len(value) <= 64 or any(c not in "0123456789abcdef" for c in value):
        raise UserError("err.cli.head", value=repr(text))
    return value


def _chain_lines(report: CheckReport, lang: str) -> list[str]:
    verdict = report.chain
    if verdict is None:
        return []
    lines = [_problem(p, lang) for p in verdict.problems]
    if lines:
        lines[0] = t("chain.first", lang, what=lines[0])
    else:
        lines.append(t("chain.ok", lang, n=verdict.rows, id=verdict.head_id, hash=verdict.head))
    for value, rid in (verdict.found or {}).items():
        lines.append(t("chain.head_found", lang, hash=value, id=rid) if rid is not None
                     else t("chain.head_missing", lang, hash=value))  # fmt: skip
    return lines


def _problem(p: ChainProblem, lang: str) -> str:
    if p.kind == "unlinked" and p.previous_id is None:
        return t("chain.unlinked_first", lang, id=p.id)
    return t(f"chain.{p.kind}", lang, id=p.id, prev=p.previous_id, detail=p.detail)


def _chain_json(verdict: ChainVerdict | None) -> dict[str, Any] | None:
    if verdict is None:
        return None
    return {
        "ok": verdict.ok,
        "rows": verdict.rows,
        "head_id": verdict.head_id,
        "head": verdict.head,
        "problems": [
            {"id": p.id, "kind": p.kind, "previous_id": p.previous_id, "detail": p.detail} for p in verdict.problems
        ],
        "heads": verdict.found or {},
    }


def _leftovers(protected: Protected, report: CheckReport, lang: str, *, clean: bool) -> list[str]:
    """Find (and with clean, remove) what killed writes left; the found go to report.leftovers."""
    from tasktrack.services.files import leftovers, remove

    places, legacy = protected.temp_places()
    found = leftovers(places, also=legacy)
    removed = []
    for item in found:
        words = {"path": item.path, "size": _size(item.size)}
        if clean:
            remove(item)
            removed.append(t("check.removed", lang, **words))
        else:
            report.leftovers.append(t("check.leftover", lang, age=_age(item.age_s), **words))
    return removed


def _unshared(protected: Protected, lang: str) -> list[str]:
    from tasktrack.services.files import unshared_store

    store = protected.store
    found = unshared_store(store, protected.db_file) if store is not None else None
    return [t("check.unshared", lang, path=found[0], mode=found[1])] if found else []


def _size(n: int) -> str:
    for unit in ("B", "KiB", "MiB"):
        if n < 1024:
            return f"{n} {unit}"
        n //= 1024
    return f"{n} GiB"


def _age(seconds: float) -> str:
    hours = int(seconds // 3600)
    return f"{hours // 24}d" if hours >= 48 else f"{hours}h"


def _has_store(ledger: Ledger) -> bool:
    from tasktrack.errors import UserError

    try:
        ledger.ctx.evidence_dir()
    except UserError:
        return False
    return True

"""`tasktrack init` and `tasktrack db`: create the database and bring its schema up to date."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from tasktrack.cli.output import emit_json, say
from tasktrack.cli.state import state
from tasktrack.i18n import t

if TYPE_CHECKING:
    from tasktrack.store.files import Protected
    from tasktrack.store.maintenance import CheckReport

app = typer.Typer(help="Database schema: upgrade, current revision.", no_args_is_help=True)


def init(ctx: typer.Context) -> None:
    """Create the database (or bring an existing one up to date) and print where it is."""
    _upgrade(ctx, json_out=False)


@app.command("upgrade")
def upgrade(ctx: typer.Context, json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Migrate the database to the newest schema (a new database is created)."""
    _upgrade(ctx, json_out)


def _upgrade(ctx: typer.Context, json_out: bool) -> None:
    from tasktrack.store.schema import current_revision

    st = state(ctx)
    ledger = st.ledger()  # opening migrates
    rev = current_revision(ledger.ctx.engine)
    location = ledger.ctx.engine.url.render_as_string(hide_password=True)
    if json_out:
        emit_json({"database": location, "revision": rev})
    else:
        say(t("db_ready", st.lang, path=location, rev=rev))


@app.command("current")
def current(ctx: typer.Context, json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Print the schema revision of the database without changing it."""
    from tasktrack.store.engine import make_engine, normalize_url
    from tasktrack.store.schema import HEAD, current_revision

    st = state(ctx)
    engine = make_engine(normalize_url(st.db_location()))
    rev = current_revision(engine)
    if json_out:
        emit_json({"revision": rev, "head": HEAD})
    else:
        say(f"{rev or '-'} (head {HEAD})")


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
    from tasktrack.store.engine import make_engine, normalize_url
    from tasktrack.store.maintenance import backup as do_backup

    st = state(ctx)
    st.output(dest, never_replace=True)
    # The database as it is: opening a ledger would first migrate an older one.
    written = do_backup(make_engine(normalize_url(st.db_location())), dest, lang=st.lang)
    say(written)


@app.command("restore")
def restore(
    ctx: typer.Context, source: Path = typer.Argument(..., help="A backup made by 'db backup'.")
) -> None:
    """Replace the database's content with a backup (checked first); stop other users before you do."""
    from tasktrack.store.engine import make_engine, normalize_url
    from tasktrack.store.maintenance import restore as do_restore

    st = state(ctx)
    do_restore(make_engine(normalize_url(st.db_location())), source)
    say(f"restored {source}")


@app.command("check")
def check(
    ctx: typer.Context,
    clean: bool = typer.Option(
        False, "--clean", help="Remove the leftover temporary files it finds (and report what it removed)."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Check the database's integrity and foreign keys and every evidence file's SHA-256; exit 1 on a problem.

    An evidence store the database's group may not write while it may write the database is a problem.
    Temporary files that killed writes left (evidence add, db backup, -o files) in the evidence store and
    beside the database, untouched for an hour, are problems too: --clean removes them. Younger ones may
    belong to a write still running and are left alone.
    """
    from tasktrack.store.maintenance import check as do_check

    st = state(ctx)
    ledger = st.ledger()
    report = do_check(ledger.ctx.engine)
    files = [r for r in ledger.evidence.verify() if r.state != "ok"] if _has_store(ledger) else []
    report.files = [f"evidence #{r.evidence_id} {r.file_name}: {r.state}" for r in files]
    report.files += _unshared(st.protected(), st.lang)
    removed = _leftovers(st.protected(), report, st.lang, clean=clean)
    if json_out:
        emit_json(
            {
                "ok": report.ok,
                "integrity": report.integrity,
                "foreign_keys": report.foreign_keys,
                "files": report.files,
                "leftovers": report.leftovers,
                "removed": removed,
            }
        )
    else:
        for line in report.integrity + report.foreign_keys + report.files + report.leftovers:
            say(line)
        for path in removed:
            say(path)
        say("ok" if report.ok else "problems found")
    if not report.ok:
        raise typer.Exit(1)


def _leftovers(protected: Protected, report: CheckReport, lang: str, *, clean: bool) -> list[str]:
    """Find (and with clean, remove) what killed writes left; the found go to report.leftovers."""
    from tasktrack.store.files import leftovers, remove

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
    from tasktrack.store.files import unshared_store

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


def _has_store(ledger) -> bool:  # type: ignore[no-untyped-def]
    from tasktrack.errors import UserError

    try:
        ledger.ctx.evidence_dir()
    except UserError:
        return False
    return True

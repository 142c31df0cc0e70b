"""`tasktrack seed load`: the bundled Kaizhou plans (and, on request, the demonstration layer) or a plan file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from tasktrack.cli.output import emit_json, info, say
from tasktrack.cli.state import state
from tasktrack.i18n import t

app = typer.Typer(help="Load plans from the bundled seed or a plan file.", no_args_is_help=True)


@app.command("load")
def load(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(
        None,
        help="Plan files (YAML, format tasktrack/1). Default: the bundled Kaizhou plans.",
        show_default=False,
    ),
    demo: bool = typer.Option(
        False,
        "--demo",
        help="Also load the demonstration layer (fictional units, "
        "assignments and progress, labelled as demo).",
    ),
    update: bool = typer.Option(
        False,
        "--update",
        help="Update plans already in the ledger (same key or 发文字号) from the file: shows the changes, "
        "keeps each plan's key and short title, matches tasks and milestones by code or quote.",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what loading would change; write nothing."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Load plans. A plan already in the ledger is refused unless --update is given."""
    from tasktrack.services.loading import bundled_seed_dir

    st = state(ctx)
    paths = list(files or [])
    if not paths:
        paths = [bundled_seed_dir() / "kaizhou.yaml"]
    if demo:
        paths.append(bundled_seed_dir() / "demo.yaml")
    again = " ".join(
        ["tasktrack seed load", *(str(p) for p in files or []), *(["--demo"] if demo else []), "--update"]
    )
    ledger = st.ledger()
    if demo and not files and not (update or dry_run):
        _skip_loaded_plans(ledger, paths, st.lang)
    if len(paths) > 1 and not (update or dry_run):  # refuse before the first file is written
        for p in paths:
            ledger.loader.check(p, again=again)
    results = [ledger.loader.load(p, update=update, dry_run=dry_run, again=again) for p in paths]
    if json_out:
        emit_json([as_json(r) for r in results])
        return
    for r in results:
        report(r, st.lang)


def _skip_loaded_plans(ledger: Any, paths: list[Path], lang: str) -> None:
    """`seed load --demo` asks for the demo layer: bundled plans already in the ledger are not loaded again
    (that would be refused), and say so; --update updates them."""
    from tasktrack.services.loading import PlanExists

    try:
        ledger.loader.check(paths[0])
    except PlanExists:
        info(t("load.skipped", lang, source=paths[0].name))
        del paths[0]


def as_json(r: Any) -> dict[str, Any]:
    return {
        "source": r.source,
        "layer": r.layer,
        "dry_run": r.dry_run,
        "created": r.created,
        "updated": r.updated,
        "plans_updated": [
            {"plan": d.plan, "matched_by": d.matched_by, "steps": [vars(s) for s in d.steps]} for d in r.diffs
        ],
    }


def report(r: Any, lang: str, emit: Callable[..., None] = say) -> None:
    """What loading one file did (or, in a dry run, would do): the diff of each plan updated, then a summary
    (`emit`: say to stdout; info to stderr where stdout carries something else)."""
    for d in (d for d in r.diffs if d.steps):
        counts = {a: d.count(a) for a in ("add", "change", "keep", "conflict")}
        emit(
            t(
                "diff.head",
                lang,
                source=r.source,
                plan=d.plan,
                by=t(f"load.by_{d.matched_by}", lang),
                added=counts["add"],
                changed=counts["change"],
                kept=counts["keep"],
            )
        )
        for action in ("conflict", "add", "change", "keep"):
            for s in (s for s in d.steps if s.action == action):
                emit(f"  {t('diff.' + action, lang)}  {_step(s, lang)}")
    parts = [f"{k} +{v}" for k, v in r.created.items()] + [f"{k} ~{v}" for k, v in r.updated.items()]
    if r.dry_run:
        emit(t("load.dry_run", lang, source=r.source, summary=", ".join(parts) or t("load.nothing", lang)))
    elif not r.changed:
        emit(t("seed_unchanged", lang, source=r.source))
    else:
        emit(t("seed_loaded", lang, source=r.source, summary=", ".join(parts)))
        if r.layer == "demo":
            info(t("demo_banner", lang))


def _step(s: Any, lang: str) -> str:
    what = f"{t('tui.entity.' + s.entity, lang)} {s.code}" + (f" {s.field}" if s.field else "")
    old, new = _value(s.old), _value(s.new)
    if s.why == "placement":
        old, new = (_value(v) if v is not None else t("diff.top", lang) for v in (s.old, s.new))
    if s.action in ("keep", "conflict"):
        return f"{what}: {t('diff.why.' + (s.why or s.action), lang, old=old, new=new)}"
    if s.action == "change":
        return f"{what}: {old} → {new}"
    return f"{what}: {new}" if s.new is not None else what


def _value(value: Any, width: int = 40) -> str:
    from tasktrack.domain.text import sanitize, truncate

    return "—" if value is None or value == "" else truncate(sanitize(str(value)), width)

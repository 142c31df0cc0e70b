"""`tasktrack review`: the review loop (督办) — requests, closure requests and evidence, and the decisions."""

from __future__ import annotations

from dataclasses import replace

import typer

from tasktrack import present
from tasktrack.cli.output import emit_json, info, table
from tasktrack.cli.state import state
from tasktrack.errors import say
from tasktrack.i18n import t

app = typer.Typer(
    help="Review (审核): requests to move a deadline or target, closure requests (申请销号), evidence.",
    no_args_is_help=True,
)
JSON_OPT = typer.Option(False, "--json", help="Print JSON.")
REF = typer.Argument(..., help="r<number> (a request) or e<number> (evidence), as 'review list' shows.")


@app.command("list")
def list_(ctx: typer.Context, json_out: bool = JSON_OPT) -> None:
    """What waits for review, oldest first; a unit member sees their own items and their requests' state."""
    st = state(ctx)
    items = st.ledger().review.inbox()
    lang = st.lang
    if json_out:
        emit_json({"items": [replace(i, asks=say(i.asks, lang)) for i in items]})
        return
    if not items:
        info(t("review.empty", lang))
        return
    table(
        [t(k, lang) for k in ("review.ref", "code", "review.what", "review.unit", "review.asks", "author", "when",
                              "review.state")],  # fmt: skip
        [
            (i.ref, i.milestone, t(f"review.kind.{i.what}", lang), i.unit or "", say(i.asks, lang), i.by,
             present.stamp(i.at), t(f"review.st.{i.state}", lang) + (f"：{i.note}" if i.note else ""))  # fmt: skip
            for i in items
        ],
        lang,
        text=(3,),  # unit
    )


@app.command("request")
def request(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Milestone id or code."),
    due: str = typer.Option(None, "--due", help="The due date asked for (延期申请)."),
    target: str = typer.Option(None, "--target", help="The target asked for (调整申请)."),
    reason: str = typer.Option(None, "--reason", "-r", help="Why (required)."),
    doc_no: str = typer.Option(None, "--doc-no", help="The document (文号) that allows it."),
) -> None:
    """Ask the coordinator to move a milestone's due date (延期申请) or change its target (调整申请)."""
    st = state(ctx)
    values = {k: v for k, v in (("due", due), ("target", target)) if v is not None}
    for rid in st.ledger().review.request(ref, values, reason=reason, doc_no=doc_no):
        info(t("review.filed", st.lang, ref=f"r{rid}"))


@app.command("close-request")
def close_request(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Milestone id or code."),
    note: str = typer.Option(None, "--note", help="The 办结报告: what was done."),
) -> None:
    """Ask the coordinator to close a milestone (申请销号) on its evidence; it is reported done."""
    st = state(ctx)
    rid = st.ledger().review.request_closure(ref, note=note)
    info(t("review.filed", st.lang, ref=f"r{rid}"))


@app.command("approve")
def approve(
    ctx: typer.Context,
    ref: str = REF,
    note: str = typer.Option(None, "--note", help="A note for the record (closing a target not met: required)."),
) -> None:
    """Approve a request (a closure request: 销号, signed and dated) or accept an evidence item."""
    st = state(ctx)
    info(t("review.approved", st.lang, ref=st.ledger().review.approve(ref, note=note)))


@app.command("reject")
def reject(
    ctx: typer.Context,
    ref: str = REF,
    reason: str = typer.Option(None, "--reason", "-r", help="Why (required)."),
) -> None:
    """Reject a request or an evidence item, saying why."""
    st = state(ctx)
    info(t("review.rejected", st.lang, ref=st.ledger().review.reject(ref, reason=reason)))


@app.command("return")
def return_(
    ctx: typer.Context,
    ref: str = REF,
    reason: str = typer.Option(None, "--reason", "-r", help="Why (required)."),
) -> None:
    """Return a closure request (退回): the item is back in progress and the unit's next reminder lists it."""
    st = state(ctx)
    info(t("review.returned", st.lang, ref=st.ledger().review.return_(ref, reason=reason)))

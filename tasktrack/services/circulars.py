"""Weekly circulars (通报): their issue numbers (第N期) and what `--since last` means, remembered per scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from tasktrack.errors import UserError
from tasktrack.models import Plan, ReportIssue
from tasktrack.services.base import Context, reading, unit_of_work
from tasktrack.store import refs

KIND = "weekly"


@dataclass(frozen=True)
class Issue:
    """The number, as-of date and change window of one circular."""

    scope: str
    issue_no: int
    as_of: date
    since: date  # first day whose changes this issue reports
    previous: date | None  # as-of date of the previous remembered issue in the same scope
    remembered: bool  # already in the database


class CircularService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def scope(self, plan: str | None = None, unit: str | None = None) -> str:
        """A stable name for what a report is limited to: each scope numbers its own series."""
        with reading(self.ctx) as conn:
            key = None
            if plan:
                pid = refs.plan_id(conn, plan)
                key = conn.execute(select(Plan.key).where(Plan.id == pid)).scalar_one()
            uid = refs.unit_id(conn, unit) if unit else None
        return f"plan={key or '*'};unit={uid if uid is not None else '*'}"

    def issue(
        self, scope: str, as_of: date, *, issue_no: int | None = None, since: date | None = None
    ) -> Issue:
        """Which issue a report as of `as_of` is: the remembered one, the given number, or the next.

        `since` None means "since the previous issue": the day after its as-of date, or, with none before,
        the 7 days up to `as_of`.
        """
        with reading(self.ctx) as conn:
            rows = list(
                conn.execute(
                    select(ReportIssue.issue_no, ReportIssue.as_of).where(
                        ReportIssue.kind == KIND, ReportIssue.scope == scope
                    )
                )
            )
        same_day = next((r for r in rows if r.as_of == as_of), None)
        if issue_no is not None:
            if issue_no < 1:
                raise UserError("--issue-no must be 1 or more")
            if same_day is not None and same_day.issue_no != issue_no:
                raise UserError(
                    f"the report as of {as_of} was issued as number {same_day.issue_no}; "
                    f"give --issue-no {same_day.issue_no} or leave it out"
                )
            clash = next((r for r in rows if r.issue_no == issue_no and r.as_of != as_of), None)
            if clash is not None:
                raise UserError(
                    f"issue {issue_no} was already issued as of {clash.as_of}; choose another number"
                )
        number = issue_no or (
            same_day.issue_no if same_day else max((r.issue_no for r in rows), default=0) + 1
        )
        previous = max((r.as_of for r in rows if r.as_of < as_of), default=None)
        if since is None:
            since = previous + timedelta(days=1) if previous else as_of - timedelta(days=6)
        if since > as_of:
            raise UserError(f"--since {since} is after the report date {as_of}")
        return Issue(scope, number, as_of, since, previous, same_day is not None)

    def remember(self, issue: Issue, head: tuple[int, str | None] | None = None) -> None:
        """Store an issue so the next report's `--since last` starts after it, with the change log's
        chain head (id, hash) the circular printed. Idempotent: an issue already stored keeps its own."""
        if issue.remembered:
            return
        with unit_of_work(self.ctx, "report weekly") as uow:
            from tasktrack.services.access import Access

            Access(self.ctx).require_coordinator(
                uow,
                "the circulars' issue numbers",
                verb="number",
                why="only a coordinator issues a circular (use --draft)",
            )
            row = ReportIssue(
                kind=KIND,
                scope=issue.scope,
                issue_no=issue.issue_no,
                as_of=issue.as_of,
                since=issue.since,
                actor=self.ctx.actor,
                created_at=uow.at,
                chain_head_id=head[0] if head else None,
                chain_head=head[1] if head else None,
            )
            uow.created(row, "report", ["kind", "scope", "issue_no", "as_of", "since", "chain_head_id", "chain_head"])

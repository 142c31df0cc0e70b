"""Circulars (通报) as a series of issues: numbers (第N期) taken only when one is issued, frozen when issued.

A series is one period type (`kind`: weekly, monthly, quarterly, halfyear, annual) and one scope (plan, unit,
year). A preview reads only and takes no number. Issuing stores the circular's figures (its data, JSON), its
laid-out document (JSON) and the output exactly as it went out, with the SHA-256 of those bytes in the
change log; `show` gives those bytes back. Numbers go up in date order; a voided issue keeps its number.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from tasktrack.domain.periods import period_of, period_start
from tasktrack.errors import NotFound, UserError, Words
from tasktrack.models import Plan, ReportIssue
from tasktrack.services.base import Context, reading, unit_of_work
from tasktrack.store import refs

KIND = "weekly"
KINDS = ("weekly", "monthly", "quarterly", "halfyear", "annual")
TEXT_FORMATS = ("text", "md", "html", "json")  # stored as they are; the others (binary) as base64


@dataclass(frozen=True)
class Issue:
    """The number, as-of date and change window of one circular (a preview: the number it would take)."""

    scope: str
    issue_no: int
    as_of: date
    since: date  # first day whose changes this issue reports
    previous: date | None  # as-of date of the previous issued (not voided) issue in the same series
    remembered: bool  # already issued (a live issue of this series on this date)
    kind: str = KIND
    preview: bool = True  # not issued: prints no number
    previous_no: int | None = None  # the previous issued issue's number, for 环比


@dataclass(frozen=True)
class IssuedView:
    """One issued circular as `report issues` lists it."""

    id: int
    kind: str
    scope: str
    issue_no: int
    as_of: date
    since: date | None
    actor: str
    created_at: datetime
    format: str | None
    content_sha256: str | None
    chain_head_id: int | None
    voided_at: datetime | None
    voided_by: str | None
    void_reason: str | None

    @property
    def voided(self) -> bool:
        return self.voided_at is not None


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise UserError("err.svc.circ.kind", kinds=", ".join(KINDS), kind=kind)
    return kind


def _kind(kind: str) -> Words:
    """A period type in words (weekly: 周报), as a circular's series is named in a message."""
    return Words(_KIND_WORDS[kind])


_KIND_WORDS = {kind: f"err.svc.circ.kind.{kind}" for kind in KINDS}


def window(kind: str, as_of: date, previous: date | None) -> date:
    """The first day an issue as of `as_of` reports on: a weekly one from the day after the previous
    issue (else the 7 days up to `as_of`); the others from the start of their period (month, quarter, ...)."""
    if kind == KIND:
        return previous + timedelta(days=1) if previous else as_of - timedelta(days=6)
    return period_start(period_of(kind, as_of))


class CircularService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def scope(self, plan: str | None = None, unit: str | None = None, year: int | None = None) -> str:
        """A stable name for what a report is limited to: each scope numbers its own series."""
        with reading(self.ctx) as conn:
            key = None
            if plan:
                pid = refs.plan_id(conn, plan)
                key = conn.execute(select(Plan.key).where(Plan.id == pid)).scalar_one()
            uid = refs.unit_id(conn, unit) if unit else None
        name = f"plan={key or '*'};unit={uid if uid is not None else '*'}"
        return name + (f";year={year}" if year is not None else "")

    def _series(self, kind: str, scope: str) -> list[Any]:
        with reading(self.ctx) as conn:
            return list(
                conn.execute(
                    select(
                        ReportIssue.issue_no, ReportIssue.as_of, ReportIssue.voided_at, ReportIssue.figures
                    ).where(ReportIssue.kind == kind, ReportIssue.scope == scope)
                )
            )

    def issue(
        self,
        scope: str,
        as_of: date,
        *,
        issue_no: int | None = None,
        since: date | None = None,
        kind: str = KIND,
        preview: bool = True,
    ) -> Issue:
        """Which issue a circular as of `as_of` is: a preview (the number it would take, nothing taken), or,
        with `preview` False, the issue about to be issued, checked: numbers go up in date order, one live
        issue per date, `issue_no` (to continue a paper series) above every number taken, voided ones too.

        `since` None means the period's window (see `window`)."""
        check_kind(kind)
        rows = self._series(kind, scope)
        live = [r for r in rows if r.voided_at is None]
        same_day = next((r for r in live if r.as_of == as_of), None)
        last = max(live, key=lambda r: (r.as_of, r.issue_no), default=None)
        taken = max((r.issue_no for r in rows), default=0)
        if issue_no is not None and issue_no < 1:
            raise UserError("err.svc.circ.issue_no")
        if not preview:
            if same_day is not None:
                raise UserError("err.svc.circ.issued", kind=_kind(kind), as_of=as_of, no=same_day.issue_no)
            if last is not None and as_of < last.as_of:
                raise UserError("err.svc.circ.order", as_of=as_of, no=last.issue_no, last=last.as_of)
            if issue_no is not None and issue_no <= taken:
                raise UserError("err.svc.circ.taken", no=issue_no, taken=taken)
        number = same_day.issue_no if preview and same_day else (issue_no or taken + 1)
        before = [r for r in live if r.as_of < as_of]
        prev = max(before, key=lambda r: (r.as_of, r.issue_no), default=None)
        previous = prev.as_of if prev else None
        if since is None:
            since = window(kind, as_of, previous)
        if since > as_of:
            raise UserError("err.svc.circ.since", since=since, as_of=as_of)
        return Issue(
            scope,
            number,
            as_of,
            since,
            previous,
            same_day is not None,
            kind,
            preview,
            prev.issue_no if prev else None,
        )

    def previous_figures(self, issue: Issue) -> dict[str, Any] | None:
        """The figures the previous issued issue of the series froze (what 环比 compares with), if any."""
        if issue.previous_no is None:
            return None
        for r in self._series(issue.kind, issue.scope):
            if r.issue_no == issue.previous_no and r.figures:
                data: dict[str, Any] = json.loads(r.figures)
                return data
        return None

    def freeze(
        self,
        issue: Issue,
        *,
        figures: str,
        document: str,
        fmt: str,
        content: str | bytes,
        head: tuple[int, str | None] | None = None,
    ) -> int:
        """Issue `issue`: store its figures, document and output as issued, change-logged (the SHA-256 of
        the output, the chain head the circular printed). Coordinators only. Returns the row id."""
        if issue.preview:
            raise ValueError("a preview is not issued")  # a caller's bug: the CLI asks with preview=False
        raw = content.encode("utf-8") if isinstance(content, str) else content
        stored = content if isinstance(content, str) else base64.b64encode(content).decode("ascii")
        with unit_of_work(self.ctx, f"report {issue.kind} --issue") as uow:
            from tasktrack.services.access import Access

            Access(self.ctx).require_coordinator(
                uow, Words("err.svc.thing.issue_numbers"), verb="issue", why=Words("err.svc.why.issue")
            )
            # Checked again inside the write transaction: two coordinators issuing at once get two numbers.
            self.issue(issue.scope, issue.as_of, issue_no=issue.issue_no, since=issue.since, kind=issue.kind,
                       preview=False)  # fmt: skip
            row = ReportIssue(
                kind=issue.kind,
                scope=issue.scope,
                issue_no=issue.issue_no,
                as_of=issue.as_of,
                since=issue.since,
                actor=self.ctx.actor,
                created_at=uow.at,
                chain_head_id=head[0] if head else None,
                chain_head=head[1] if head else None,
                figures=figures,
                document=document,
                format=fmt,
                rendered=stored,
                content_sha256=hashlib.sha256(raw).hexdigest(),
            )
            fields = ["kind", "scope", "issue_no", "as_of", "since", "chain_head_id", "chain_head", "format"]
            uow.created(row, "report", [*fields, "content_sha256"])
            assert row.id is not None
            return row.id

    def list(self, kind: str | None = None, scope: str | None = None) -> list[IssuedView]:
        """Issued circulars, voided ones too, by series then number."""
        stmt = select(ReportIssue.__table__).order_by(ReportIssue.kind, ReportIssue.scope, ReportIssue.issue_no)
        if kind:
            stmt = stmt.where(ReportIssue.kind == check_kind(kind))
        if scope:
            stmt = stmt.where(ReportIssue.scope == scope)
        with reading(self.ctx) as conn:
            rows = list(conn.execute(stmt))
        return [_view(r) for r in rows]

    def find(self, number: int, kind: str = KIND, scope: str | None = None) -> Any:
        """The issue numbered `number` in the series; without `scope`, the only series of `kind` that has it."""
        stmt = select(ReportIssue.__table__).where(ReportIssue.kind == kind, ReportIssue.issue_no == number)
        if scope:
            stmt = stmt.where(ReportIssue.scope == scope)
        with reading(self.ctx) as conn:
            rows = list(conn.execute(stmt))
        if not rows:
            raise NotFound("err.svc.circ.none", kind=_kind(kind), no=number)
        if len(rows) > 1:
            scopes = ", ".join(r.scope for r in rows)
            raise UserError("err.svc.circ.scopes", kind=_kind(kind), no=number, scopes=scopes)
        return rows[0]

    def content(self, row: Any) -> str | bytes | None:
        """The output an issue went out as, exactly (None for an issue stored before circulars froze)."""
        if row.rendered is None:
            return None
        if row.format in TEXT_FORMATS:
            text: str = row.rendered
            return text
        return base64.b64decode(row.rendered)

    def void(self, number: int, reason: str, *, kind: str = KIND, scope: str | None = None) -> IssuedView:
        """Void an issue (作废): it stays on the list marked void, with who, when and why; its number is
        never issued again. Coordinators only."""
        if not reason.strip():
            raise UserError("err.svc.circ.void_reason")
        found = self.find(number, kind, scope)
        if found.voided_at is not None:
            raise UserError("err.svc.circ.voided", kind=_kind(kind), no=number, on=f"{found.voided_at:%Y-%m-%d}")
        with unit_of_work(self.ctx, f"report void {number}") as uow:
            from tasktrack.services.access import Access

            Access(self.ctx).require_coordinator(
                uow, Words("err.svc.thing.circular"), verb="void", why=Words("err.svc.why.void")
            )
            row = uow.session.get(ReportIssue, found.id)
            assert row is not None
            uow.update(row, "report", {"voided_at": uow.at, "voided_by": self.ctx.actor, "void_reason": reason}, reason)
        return _view(row)


def _view(r: Any) -> IssuedView:
    return IssuedView(
        id=r.id,
        kind=r.kind,
        scope=r.scope,
        issue_no=r.issue_no,
        as_of=r.as_of,
        since=r.since,
        actor=r.actor,
        created_at=r.created_at,
        format=r.format,
        content_sha256=r.content_sha256,
        chain_head_id=r.chain_head_id,
        voided_at=r.voided_at,
        voided_by=r.voided_by,
        void_reason=r.void_reason,
    )

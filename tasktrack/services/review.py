"""The review loop (督办): what a unit asks the coordinating office for, and what the office decides.

A unit member does not move its own goalposts: a change to a milestone's due date is a 延期申请 and to its
target a 调整申请 (MilestoneService.edit_in files them), each with a reason and, where there is one, the
document allowing it (文号). A unit asks to close an item (申请销号) with its evidence; a coordinator
accepts or rejects each evidence item, then closes the item (销号) or returns it (退回) with a reason.
Every node is a row of the change log with who and when; an approved change is applied through the same
use case (MilestoneService.edit_in) and logged naming both the requester and the approver.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, select

from tasktrack.domain.kinds import ACHIEVED, MeasureKind, Status
from tasktrack.domain.text import one_line
from tasktrack.errors import NotFound, UserError, Words
from tasktrack.models import Evidence, Milestone, Plan, Request, Unit, saved_id
from tasktrack.reasons import written
from tasktrack.services.access import Access, effective_owners
from tasktrack.services.base import Context, UnitOfWork, encode, reading, unit_of_work

# What a member may not change directly, and the kind of request a change to it becomes.
GOVERNED = {"due": "due", "target": "target", "comparison": "target"}
REQUEST_FIELDS = ("kind", "milestone_id", "unit_id", "proposed", "reason", "doc_no", "state", "requested_by",
                  "requested_account")  # fmt: skip
DECIDED = ("state", "decided_by", "decided_account", "decided_at", "decision_note")


@dataclass(frozen=True)
class RequestView:
    id: int
    ref: str  # r12: how `review approve` names it
    kind: str  # due (延期申请) | target (调整申请) | closure (申请销号)
    milestone_id: int
    milestone: str  # PLAN:CODE
    unit_id: int | None
    unit: str | None
    proposed: dict[str, Any]
    old: dict[str, Any]
    reason: str
    doc_no: str | None
    state: str  # pending | approved | rejected | returned
    requested_by: str
    requested_account: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None


@dataclass(frozen=True)
class InboxItem:
    """One line of the review inbox: a request, or an evidence item waiting for (or refused in) review."""

    ref: str  # r12 (a request) or e5 (an evidence item)
    what: str  # due | target | closure | evidence
    milestone: str
    unit: str | None
    asks: str | Words  # what it asks for (words, written by the front end), or the evidence's text
    by: str
    at: datetime
    state: str  # pending | approved | rejected | returned (requests); pending | rejected (evidence)
    note: str | None = None  # the decision's note or the rejection's reason


def parse_ref(ref: str) -> tuple[str, int]:
    """'r12' → ('r', 12), 'e5' → ('e', 5): an inbox line's reference."""
    text = (ref or "").strip().lower()
    if len(text) > 1 and text[0] in "re" and text[1:].isdigit():
        return text[0], int(text[1:])
    raise UserError("err.svc.rv.bad_ref", ref=ref)


def _need(text: str | None, what: Words, example: str) -> str:
    clean = (text or "").strip()
    if not clean:
        raise UserError("err.svc.rv.need_reason", what=what, example=example)
    return clean


class ReviewService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # -- filing ----------------------------------------------------------------------------------
    def file_in(
        self,
        uow: UnitOfWork,
        row: Milestone,
        kind: str,
        proposed: dict[str, Any],
        *,
        reason: str,
        doc_no: str | None = None,
    ) -> int:
        """File a request on `row` (checked by the caller: the actor may change the milestone)."""
        pending = uow.session.execute(
            select(Request.id).where(
                Request.milestone_id == row.id, Request.kind == kind, Request.state == "pending"
            )
        ).first()
        if pending:
            raise UserError("err.svc.rv.pending", code=row.code, kind=Words(_KINDS[kind]), ref=f"r{pending.id}")
        req = Request(
            kind=kind,
            milestone_id=saved_id(row),
            unit_id=self._unit_of(uow, row),
            proposed=json.dumps({k: encode(v) for k, v in proposed.items()}, ensure_ascii=False) or None,
            old=json.dumps({k: encode(getattr(row, k)) for k in proposed}, ensure_ascii=False),
            reason=reason,
            doc_no=one_line((doc_no or "").strip(), "--doc-no") or None,
            state="pending",
            requested_by=self.ctx.actor,
            requested_account=uow.account,
            requested_at=uow.at,
        )
        uow.created(req, "request", list(REQUEST_FIELDS), reason)
        assert req.id is not None
        return req.id

    def _unit_of(self, uow: UnitOfWork, row: Milestone) -> int | None:
        """The requesting member's unit that owns the milestone's task (None for a coordinator)."""
        units = Access(self.ctx).standing(uow).units
        if not units:
            return None
        _, owners = effective_owners(uow.session.connection(), row.task_id)
        return next((u for u in units if u in owners), next(iter(units)))

    def request(
        self, ref: str | int, values: dict[str, Any], *, reason: str | None, doc_no: str | None = None
    ) -> list[int]:
        """File a 延期申请 (due) and/or 调整申请 (target, comparison) on a milestone, whoever asks."""
        from tasktrack.services.milestones import MilestoneService

        unknown = set(values) - set(GOVERNED)
        if unknown or not values:
            raise UserError("err.svc.rv.request_fields")
        why = _need(reason, Words("err.svc.rv.a_request"), "依据区政府第12次常务会议纪要")
        milestones = MilestoneService(self.ctx)
        with unit_of_work(self.ctx, "review request") as uow:
            row = milestones.load_in(uow, ref)
            return self.file_changes_in(uow, row, values, reason=why, doc_no=doc_no)

    def file_changes_in(
        self, uow: UnitOfWork, row: Milestone, values: dict[str, Any], *, reason: str, doc_no: str | None
    ) -> list[int]:
        """One request per kind: a due date and a target asked for together are a 延期 and an 调整申请."""
        kinds: dict[str, dict[str, Any]] = {}
        for name, value in values.items():
            kinds.setdefault(GOVERNED[name], {})[name] = value
        return [self.file_in(uow, row, k, v, reason=reason, doc_no=doc_no) for k, v in kinds.items()]

    def request_closure(self, ref: str | int, *, note: str | None = None) -> int:
        """申请销号: the unit reports the item done and asks the coordinator to close it, on its evidence."""
        from tasktrack.services.milestones import MilestoneService

        milestones = MilestoneService(self.ctx)
        with unit_of_work(self.ctx, "review close-request") as uow:
            row = milestones.load_in(uow, ref)
            if row.status == Status.CLOSED.value:
                raise UserError("err.svc.rv.closed_already", code=row.code)
            if not self._evidence(uow, saved_id(row), rejected=False):
                raise UserError("err.svc.rv.no_evidence_to_review", code=row.code, id=row.id)
            if Status(row.status) not in ACHIEVED:
                milestones.apply_status(uow, row, Status.DONE, note=note, on=None)
            return self.file_in(uow, row, "closure", {}, reason=(note or "").strip())

    # -- deciding --------------------------------------------------------------------------------
    def approve(self, ref: str, *, note: str | None = None) -> str:
        """Approve a request (a closure request: 销号) or accept an evidence item; returns the ref."""
        kind, rid = parse_ref(ref)
        with unit_of_work(self.ctx, "review approve") as uow:
            if kind == "e":
                self._judge_evidence(uow, rid, accept=True, reason=note)
                return ref
            req = self._pending(uow, rid, "approve")
            if req.kind == "closure":
                self._close(uow, req, note)
            else:
                self._apply(uow, req, note)
            return ref

    def reject(self, ref: str, *, reason: str | None) -> str:
        """Reject a request or an evidence item, saying why (a closure request rejected is returned)."""
        kind, rid = parse_ref(ref)
        why = _need(reason, Words("err.svc.rv.rejecting", ref=ref), "依据不足，请补充文件")
        with unit_of_work(self.ctx, "review reject") as uow:
            if kind == "e":
                self._judge_evidence(uow, rid, accept=False, reason=why)
                return ref
            req = self._pending(uow, rid, "reject")
            if req.kind == "closure":
                self._return(uow, req, why)
            else:
                self._decide(uow, req, "rejected", why)
            return ref

    def return_(self, ref: str, *, reason: str | None) -> str:
        """退回 a closure request: the item is back in progress, and the unit's next reminder lists it."""
        kind, rid = parse_ref(ref)
        why = _need(reason, Words("err.svc.rv.returning", ref=ref), "佐证材料不全，请补充认定文件")
        with unit_of_work(self.ctx, "review return") as uow:
            req = self._pending(uow, rid, "return") if kind == "r" else None
            if req is None or req.kind != "closure":
                raise UserError("err.svc.rv.not_closure", ref=ref)
            self._return(uow, req, why)
            return ref

    def _pending(self, uow: UnitOfWork, rid: int, verb: str) -> Request:
        # The right first: on PostgreSQL a member's FOR UPDATE finds no row (only coordinators may update)
        Access(self.ctx).require_coordinator(uow, Words("err.svc.thing.request", ref=f"r{rid}"), verb=verb)
        req = uow.session.get(Request, rid, with_for_update=True)
        if req is None:
            raise NotFound("err.svc.rv.no_request", ref=f"r{rid}")
        if req.state != "pending":
            raise UserError(
                "err.svc.rv.decided", ref=f"r{rid}", state=Words(_STATES[req.state]), by=req.decided_by
            )
        return req

    def _decide(self, uow: UnitOfWork, req: Request, state: str, note: str | None) -> None:
        values = {"state": state, "decided_by": self.ctx.actor, "decided_account": uow.account,
                  "decided_at": uow.at, "decision_note": (note or "").strip() or None}  # fmt: skip
        uow.update(req, "request", values, note)

    def _apply(self, uow: UnitOfWork, req: Request, note: str | None) -> None:
        """An approved 延期/调整申请: the change through MilestoneService.edit_in, naming both people."""
        from tasktrack.services.milestones import MilestoneService

        milestones = MilestoneService(self.ctx)
        row = milestones.load_in(uow, req.milestone_id)
        proposed = json.loads(req.proposed or "{}")
        old = {k: encode(getattr(row, k)) for k in proposed}
        basis = req.reason + (f"（{req.doc_no}）" if req.doc_no else "")
        why = written("why.approved", id=req.id, basis=basis, by=req.requested_by, approver=self.ctx.actor)
        milestones.edit_in(uow, row, proposed, reason=why)
        uow.update(req, "request", {"old": json.dumps(old, ensure_ascii=False)}, why)
        self._decide(uow, req, "approved", note)

    def close_in(
        self, uow: UnitOfWork, row: Milestone, *, note: str | None, on: date | None = None, acknowledged: bool = True
    ) -> int:
        """销号 by any way but `review approve` (`milestone set --status closed`, the TUI's status edit, a
        台账's 已销号), through the same closure rule (_close): a coordinator's direct close approves the
        unit's pending closure request, or files one in the coordinator's name and approves it at once. By
        closing, the coordinator reviews the evidence there and then: each item not yet reviewed is accepted
        in their name (an item rejected never counts). A member asks instead (申请销号). Returns the request."""
        Access(self.ctx).require_coordinator(
            uow,
            Words("err.svc.thing.milestone_close", code=row.code),
            verb="close",
            why=Words("err.svc.why.closure_request", code=row.code),
        )
        mid = saved_id(row)
        if not self._evidence(uow, mid, rejected=False):
            raise UserError("err.svc.rv.no_evidence", code=row.code, id=row.id)
        pending = uow.session.execute(
            select(Request)
            .where(Request.milestone_id == mid, Request.kind == "closure", Request.state == "pending")
            .with_for_update()
        ).scalar_one_or_none()
        rid = pending.id if pending is not None else self.file_in(uow, row, "closure", {}, reason=(note or "").strip())
        req = uow.session.get_one(Request, rid)
        for ev in self._evidence(uow, mid, rejected=False):
            if ev.accepted_by is None:
                uow.update(ev, "evidence", {"accepted_by": self.ctx.actor, "accepted_at": uow.at}, note)
        self._close(uow, req, note, on=on, acknowledged=acknowledged)
        return rid

    def _close(
        self, uow: UnitOfWork, req: Request, note: str | None, *, on: date | None = None, acknowledged: bool = True
    ) -> None:
        """销号, the one closure rule for every way of closing: at least the set number of accepted evidence
        items (settings: closure_accepted_evidence), none left unreviewed, and a target not met acknowledged
        by the coordinator in words; the status change and the decision carry the signer and the date."""
        from tasktrack.services.milestones import MilestoneService

        milestones = MilestoneService(self.ctx)
        row = milestones.load_in(uow, req.milestone_id)
        unreviewed = [e.id for e in self._evidence(uow, saved_id(row), rejected=False) if e.accepted_by is None]
        if unreviewed:
            refs = ", ".join(f"e{i}" for i in unreviewed)
            raise UserError("err.svc.rv.unreviewed", code=row.code, refs=refs)
        accepted = sum(1 for e in self._evidence(uow, saved_id(row), rejected=False) if e.accepted_by is not None)
        needed = self.ctx.settings.closure_accepted_evidence
        if accepted < needed:
            raise UserError("err.svc.rv.too_few", code=row.code, accepted=accepted, needed=needed, ref=f"r{req.id}")
        derived = milestones.view_in(uow, row).derived
        unmet = derived.met is False and row.kind != MeasureKind.EVENT.value  # closed, it is 已完成（未达标）
        if unmet and not (acknowledged and (note or "").strip()):
            raise UserError("err.svc.rv.unmet", code=row.code)
        milestones.status_in(uow, row, Status.CLOSED, note=note, on=on)
        self._decide(uow, req, "approved", note)

    def _return(self, uow: UnitOfWork, req: Request, why: str) -> None:
        from tasktrack.services.milestones import MilestoneService

        milestones = MilestoneService(self.ctx)
        row = milestones.load_in(uow, req.milestone_id)
        milestones.apply_status(uow, row, Status.IN_PROGRESS, note=why, on=None)
        self._decide(uow, req, "returned", why)

    def _judge_evidence(self, uow: UnitOfWork, eid: int, *, accept: bool, reason: str | None) -> None:
        Access(self.ctx).require_coordinator(uow, Words("err.svc.thing.evidence_ref", ref=f"e{eid}"), verb="review")  # before the lock
        ev = uow.session.get(Evidence, eid, with_for_update=True)
        if ev is None:
            raise NotFound("err.svc.rv.no_evidence_ref", ref=f"e{eid}")
        if ev.accepted_by is not None:
            raise UserError("err.svc.rv.accepted_already", ref=f"e{eid}", by=ev.accepted_by)
        if accept:
            values = {"accepted_by": self.ctx.actor, "accepted_at": uow.at,
                      "rejected_by": None, "rejected_at": None, "reject_reason": None}  # fmt: skip
        else:
            values = {"rejected_by": self.ctx.actor, "rejected_at": uow.at, "reject_reason": reason}
        uow.update(ev, "evidence", values, reason)

    def _evidence(self, uow: UnitOfWork, mid: int, *, rejected: bool) -> list[Evidence]:
        stmt = select(Evidence).where(Evidence.milestone_id == mid).order_by(Evidence.id)
        if not rejected:
            stmt = stmt.where(Evidence.rejected_by.is_(None))
        return list(uow.session.execute(stmt).scalars())

    # -- reading ---------------------------------------------------------------------------------
    def requests(self, milestone: str | int | None = None, *, state: str | None = None) -> list[RequestView]:
        """Requests, oldest first (of one milestone, in one state)."""
        from tasktrack.store import refs

        with reading(self.ctx) as conn:
            stmt = _request_select()
            if milestone is not None:
                stmt = stmt.where(Request.milestone_id == refs.milestone_id(conn, milestone))
            if state:
                stmt = stmt.where(Request.state == state)
            return [_request_view(r) for r in conn.execute(stmt.order_by(Request.id))]

    def open_returns(self) -> list[RequestView]:
        """Closure requests returned (退回) whose item is not closed nor asked to close again since."""
        from tasktrack.store import read_sql

        with reading(self.ctx) as conn:
            ids = {rid for rid, _, _ in read_sql.returned(conn)}
        return [r for r in self.requests(state="returned") if r.id in ids] if ids else []

    def inbox(self) -> list[InboxItem]:
        """What waits for review, oldest first. A coordinator sees every pending request and the
        unreviewed evidence of items asking to close; a member sees their units' requests in every state
        and their evidence waiting for or refused in review."""
        with reading(self.ctx) as conn:
            standing = Access(self.ctx).standing_on(conn)
        coordinator = standing.may_change_everything
        mine = set(standing.units)
        items: list[InboxItem] = []
        day: date | None = getattr(self.ctx, "as_it_stood", None)
        stood = _Stood(self.ctx, day) if day is not None else None
        if stood is None:
            reqs = self.requests(state="pending") if coordinator else self.requests()
        else:  # as the ledger stood: the requests filed by then, in the state they were in then
            reqs = [r for r in stood.requests(self.requests()) if r.state == "pending" or not coordinator]
        closing: set[int] = set()
        for r in reqs:
            if not coordinator and r.requested_account != standing.account and r.unit_id not in mine:
                continue
            if r.kind == "closure" and r.state == "pending":
                closing.add(r.milestone_id)
            items.append(InboxItem(r.ref, r.kind, r.milestone, r.unit, _asks(r), r.requested_by,
                                   r.requested_at, r.state, r.decision_note))  # fmt: skip
        with reading(self.ctx) as conn:
            stmt = (
                select(Evidence.__table__, Milestone.code.label("m_code"), Milestone.task_id.label("m_task"),
                       Plan.key.label("plan_key"), func.coalesce(Unit.short_name, Unit.name).label("u_label"))
                .join(Milestone, Milestone.id == Evidence.milestone_id)
                .outerjoin(Unit, Unit.id == Evidence.unit_id)
                .join(Plan, Plan.id == Milestone.plan_id)
                .order_by(Evidence.id)
            )
            if stood is None:
                stmt = stmt.where(Evidence.accepted_by.is_(None))
            if stood is None:
                rows: list[Any] = list(conn.execute(stmt))
            else:
                rows = stood.evidence([SimpleNamespace(**m) for m in conn.execute(stmt).mappings()])
            for ev in rows:
                if coordinator:
                    if ev.milestone_id not in closing or ev.rejected_by is not None:
                        continue
                elif not (mine & effective_owners(conn, ev.m_task)[1]):
                    continue
                state = "rejected" if ev.rejected_by else "pending"
                text = "，".join(b for b in (ev.text, ev.doc_no, ev.file_name) if b)
                items.append(InboxItem(f"e{ev.id}", "evidence", f"{ev.plan_key}:{ev.m_code}", ev.u_label, text, ev.author, ev.created_at,
                                       state, ev.reject_reason))  # fmt: skip
        return sorted(items, key=lambda i: (_utc(i.at), i.ref))


class _Stood:
    """Requests and evidence as the ledger stood at the end of `day`: those filed by then (their creation
    took effect by then), with the review fields the changes that took effect by then gave them (the rule of
    services.as_it_stood.effective_day, through HistoryService)."""

    def __init__(self, ctx: Context, day: date) -> None:
        from tasktrack.services.history import HistoryService

        self.history = HistoryService(ctx)
        self.day = day

    def _then(self, entity: str, fields: tuple[str, ...]) -> dict[int, dict[str, str | None]]:
        """Per row of `entity`, the newest value of each of `fields` the change log gave it by then."""
        from tasktrack.services.history import HistoryFilter

        out: dict[int, dict[str, str | None]] = {}
        for c in self.history.as_it_stood(HistoryFilter(entity=entity, limit=None), self.day):  # newest first
            if c.field in fields:
                out.setdefault(c.entity_id, {}).setdefault(c.field, c.new)
        return out

    def requests(self, reqs: list[RequestView]) -> list[RequestView]:
        then = self._then("request", ("state", "decision_note", "decided_by"))
        out = []
        for r in self.history.on_record(reqs, "request", self.day):
            values = then.get(r.id, {})
            state = values.get("state") or "pending"
            decided = state != "pending"
            out.append(replace(r, state=state, decision_note=values.get("decision_note") if decided else None,
                               decided_by=values.get("decided_by") if decided else None))  # fmt: skip
        return out

    def evidence(self, rows: list[SimpleNamespace]) -> list[SimpleNamespace]:
        """Evidence rows (one namespace each) not accepted by then, with who had rejected them by then (and why)."""
        fields = ("accepted_by", "rejected_by", "reject_reason")
        then = self._then("evidence", fields)
        out = []
        for ev in self.history.on_record(rows, "evidence", self.day):
            values = then.get(ev.id, {})
            if values.get("accepted_by"):
                continue
            out.append(SimpleNamespace(**{**vars(ev), **{f: values.get(f) for f in fields}}))
        return out


def _utc(at: datetime) -> datetime:
    from datetime import UTC

    return at if at.tzinfo else at.replace(tzinfo=UTC)


_KINDS = {"due": "err.svc.rv.kind.due", "target": "err.svc.rv.kind.target", "closure": "err.svc.rv.kind.closure"}
_STATES = {state: f"review.st.{state}" for state in ("pending", "approved", "rejected", "returned")}
_FIELDS = {name: f"review.what.{name}" for name in GOVERNED}  # what a 延期/调整申请 changes, in words


def _request_select() -> Any:
    return (
        select(Request.__table__, Milestone.code.label("m_code"), Plan.key.label("plan_key"),
               Unit.name.label("u_name"), Unit.short_name.label("u_short"))  # fmt: skip
        .join(Milestone, Milestone.id == Request.milestone_id)
        .join(Plan, Plan.id == Milestone.plan_id)
        .outerjoin(Unit, Unit.id == Request.unit_id)
    )


def _request_view(r: Any) -> RequestView:
    return RequestView(
        id=r.id,
        ref=f"r{r.id}",
        kind=r.kind,
        milestone_id=r.milestone_id,
        milestone=f"{r.plan_key}:{r.m_code}",
        unit_id=r.unit_id,
        unit=r.u_short or r.u_name,
        proposed=json.loads(r.proposed or "{}"),
        old=json.loads(r.old or "{}"),
        reason=r.reason,
        doc_no=r.doc_no,
        state=r.state,
        requested_by=r.requested_by,
        requested_account=r.requested_account,
        requested_at=r.requested_at,
        decided_by=r.decided_by,
        decided_at=r.decided_at,
        decision_note=r.decision_note,
    )


def _asks(r: RequestView) -> str | Words:
    """What a request asks, as words: 完成时限 2021-12-31 → 2022-06-30（受疫情影响，开州科〔2022〕1号）."""
    if r.kind == "closure":
        return r.reason
    change: str | Words = ""
    for k, v in reversed(r.proposed.items()):
        one = Words("err.svc.rv.asks.change", what=Words(_FIELDS[k]), old=r.old.get(k) or "—", new=v)
        change = Words("err.svc.rv.asks.and", first=one, rest=change) if change else one
    basis = r.reason + (f"，{r.doc_no}" if r.doc_no else "")
    return Words("err.svc.rv.asks", change=change, basis=basis)

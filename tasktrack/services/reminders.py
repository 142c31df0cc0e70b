"""Reminders (催办): one notice per responsible unit listing its overdue, due-soon, returned, lagging and
stale items, those it leads and then those it helps with as a co-unit; SMTP and the sent-log.

An item is re-sent only when it reaches a new escalation stage: each `remind_days` step before the due
date (7, 3 days), the day after it, then every 7 days while it stays overdue; a lagging item once per
colour (lagging-amber, lagging-red); a stale item once per last update. `resend` overrides that.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from tasktrack.errors import UserError, Words
from tasktrack.services import ladder
from tasktrack.services.ladder import COLOURS, Contact
from tasktrack.services.overview import OverviewService
from tasktrack.services.views import MilestoneView, PlanView, UnitRef, UnitView
from tasktrack.store import rawsql, read_sql
from tasktrack.store.rawsql import day

if TYPE_CHECKING:  # sending and recording load these; working out the notices does not
    import smtplib
    from email.message import EmailMessage

    from tasktrack.services.base import Context
    from tasktrack.services.duties import Filing
    from tasktrack.services.milestone_reads import DueItem
    from tasktrack.services.source import LedgerReader, ReadingContext

# returned: 退回 by the coordinator; stale: not updated for stale_days; lagging: behind 序时进度
LEVELS = ("due_soon", "stale", "lagging", "returned", "overdue", "overdue_30")
REPLY_DAYS = 7  # units are asked for progress and evidence within a week
SEVERE_DAYS = 30  # overdue by more than this: the highest escalation level


class SendError(UserError):
    """The SMTP server could not be reached or refused a notice: not the user's input, so exit 1."""

    exit_code = 1


def level_of(days_left: int) -> str:
    if days_left < -SEVERE_DAYS:
        return "overdue_30"
    return "overdue" if days_left < 0 else "due_soon"


def steps_within(remind_days: list[int], within: int) -> list[int]:
    """The days before a due date a notice goes out at: each of `remind_days` up to `within`, and `within`."""
    return sorted({d for d in remind_days if d <= within} | {within})


def stage_of(days_left: int, steps: list[int]) -> str:
    """The escalation stage an item is at: soon-7, soon-3 before the due date; overdue-w0, -w1 ... after."""
    if days_left < 0:
        return f"overdue-w{(-days_left - 1) // 7}"
    return f"soon-{min((s for s in steps if s >= days_left), default=max(steps, default=0))}"


@dataclass(frozen=True)
class NoticeItem:
    milestone: DueItem  # the milestone as a reminder names it
    level: str
    stage: str
    sent: bool  # this item was already sent to this unit at this stage
    note: str | None = None  # a return's (退回) reason; the rule that flagged a lagging or stale item
    role: str = "lead"  # lead: the notice's unit leads the item; co: it is a co-unit (配合单位)
    ladder: str | None = None  # 三色督办 stage: blue | yellow | red (services.ladder), None off the ladder
    ladder_stage: str | None = None  # its sent-log stage (ladder-red, ladder-yellow-2022-03-01)
    ladder_sent: bool = True  # that stage was sent to this unit already
    history: tuple[tuple[str, str, date], ...] = ()  # the ladder stages sent before: the colour history
    also: tuple[str, str] | None = None  # (plan key, code) of the milestone linked to it: chased once, here

    @property
    def days_left(self) -> int:
        return self.milestone.days_left


@dataclass(frozen=True)
class ReadingItem:
    """An indicator reading its responsible unit owes (数据报送): due within the window, or overdue. Not
    in the sent-log: it is in the unit's notice every day it is owed."""

    indicator_id: int
    plan: str
    code: str
    name: str
    period: str
    deadline: date
    days_left: int

    @property
    def level(self) -> str:
        return "overdue" if self.days_left < 0 else "due_soon"


@dataclass(frozen=True)
class Notice:
    """One 催办 notice: to a lead unit, or to the coordinator for items without one (unit None)."""

    unit: UnitView | None
    to_name: str
    email: str | None
    plans: tuple[PlanView, ...]
    items: tuple[NoticeItem, ...]
    as_of: date
    reply_by: date
    cc: tuple[Contact, ...] = ()  # copied upward for a ladder stage new in this notice (分管领导, office head)
    readings: tuple[ReadingItem, ...] = ()  # indicator readings the unit owes (owner and data deadline)

    @property
    def ladder(self) -> str | None:
        """The notice's highest 三色督办 stage."""
        colours = [i.ladder for i in self.items if i.ladder]
        return max(colours, key=COLOURS.index) if colours else None

    @property
    def level(self) -> str:
        levels = [*(i.level for i in self.items), *(r.level for r in self.readings)]
        return max(levels, key=LEVELS.index)

    @property
    def is_new(self) -> bool:
        return any(not i.sent or not i.ladder_sent for i in self.items) or bool(self.readings)

    @property
    def has_overdue(self) -> bool:
        return any(i.level in ("overdue", "overdue_30") for i in self.items) or any(
            r.level == "overdue" for r in self.readings
        )

    def has(self, level: str) -> bool:
        return any(i.level == level for i in self.items)


@dataclass
class SendResult:
    sent: list[Notice | DutyNotice] = field(default_factory=list)
    # why each was not sent: the server's words, or Words (written in the reader's language where shown)
    failed: list[tuple[Notice | DutyNotice, str | Words]] = field(default_factory=list)


class ReminderService:
    def __init__(self, ctx: Context | ReadingContext, *, source: LedgerReader | None = None) -> None:
        """`source`: the Ledger or light Reader to read through (default: a ledger on `ctx`, which must
        then be a full Context, as sending needs)."""
        self.ctx = ctx
        self.source = source

    def default_within(self) -> int:
        return max(self.ctx.settings.remind_days, default=7)

    def notices(
        self, as_of: date | None = None, within: int | None = None, *, unit: str | None = None
    ) -> list[Notice]:
        """The notices due on `as_of`, one per responsible unit: the items it leads that are overdue, due
        within `within` days, returned (退回), behind 序时进度 or not updated for `stale_days` days; then
        the same for the items it helps with as a co-unit (配合单位)."""
        as_of = as_of or self.ctx.today
        within = self.default_within() if within is None else within
        if within < 0:
            raise UserError("err.svc2.within")
        steps = steps_within(self.ctx.settings.remind_days, within)
        groups = self._overview().due(as_of, within, unit=unit)
        returned = self._returned(as_of, unit)
        chased = {m.id for g in groups for m in (*g.overdue, *g.due_soon)}
        views, cadence = self._cadence(as_of, unit, chased)
        with self._connect() as conn:
            lead_id = rawsql.unit_id(conn, unit) if unit else None
            sent = read_sql.reminders_sent(conn)
            history, returns = ladder.histories(conn), ladder.returns(conn)
            links = read_sql.milestone_links(conn)  # the same commitment in two plans: chased once
        # (item, level, stage, note) per lead unit, in the order the notice lists them
        by_lead: dict[int | None, list[tuple[Any, str, str, str | None]]] = {}
        order: list[UnitRef | None] = []
        for g in groups:
            order.append(g.unit)
            by_lead.setdefault(g.unit.id if g.unit else None, []).extend(
                (m, level_of(m.days_left), stage_of(m.days_left, steps), None) for m in (*g.overdue, *g.due_soon)
            )
        for m, rid, why in returned:
            order.append(m.lead)
            by_lead.setdefault(m.lead.id if m.lead else None, []).append((m, "returned", f"returned-r{rid}", why))
        for entry in cadence:
            order.append(entry[0].lead)
            by_lead.setdefault(entry[0].lead.id if entry[0].lead else None, []).append(entry)
        _chase_once(by_lead, links)
        by_co: dict[int, list[tuple[Any, str, str, str | None]]] = {}
        co_refs: dict[int, UnitRef] = {}
        for uid in by_lead:
            for entry in by_lead[uid]:
                for co in views[entry[0].id].co if entry[0].id in views else ():
                    co_refs[co.id] = co
                    by_co.setdefault(co.id, []).append(entry)
        owed = self._readings(as_of, within, lead_id if unit else None)
        leads = {u.id for u in order if u}
        ids = leads | set(by_co) | set(owed)
        keys = list(dict.fromkeys(e[0].plan for es in (*by_lead.values(), *by_co.values()) for e in es))
        keys += [k for k in dict.fromkeys(p for _, p, _ in links.values()) if k not in keys]  # linked plans
        keys += [k for k in dict.fromkeys(r.plan for rs in owed.values() for r in rs) if k not in keys]
        with self._connect() as conn:
            plans = {p.key: p for p in map(_plan_view, read_sql.plans(conn, keys))}
            units = {u.id: u for u in map(_unit_view, read_sql.units(conn, sorted(ids)))}
        order += [co_refs[i] for i in sorted(by_co) if i not in leads]  # co-units only, in unit order
        out: list[Notice] = []
        for lead in dict.fromkeys(order):  # the due groups' order, then units with other items only
            uid = lead.id if lead else None
            if unit and uid != lead_id:
                continue
            entries = [(e, "lead") for e in by_lead.get(uid, [])]
            entries += [(e, "co") for e in (by_co.get(uid, []) if uid is not None else [])]
            items = tuple(
                self._item(m, level, st, note, role, uid, as_of, sent, history.get(m.id, []), returns, links)
                for (m, level, st, note), role in entries
            )
            readings = tuple(owed.pop(uid, [])) if uid is not None else ()
            if not items and not readings:
                continue
            out.append(self._notice(units[uid] if uid is not None else None, items, readings, plans, as_of))
        for uid in sorted(owed):  # units that owe a reading and nothing else
            out.append(self._notice(units[uid], (), tuple(owed[uid]), plans, as_of))
        return out

    def _notice(
        self,
        view: UnitView | None,
        items: tuple[NoticeItem, ...],
        readings: tuple[ReadingItem, ...],
        plans: dict[str, PlanView],
        as_of: date,
    ) -> Notice:
        s = self.ctx.settings
        named = [*_plans_named(items), *(r.plan for r in readings)]
        return Notice(
            unit=view,
            to_name=view.name if view else s.coordinator_name,
            email=view.email if view else s.coordinator_email,
            plans=tuple(plans[k] for k in dict.fromkeys(named) if k in plans),
            items=items,
            as_of=as_of,
            reply_by=as_of + timedelta(days=REPLY_DAYS),
            cc=self._cc(view, items),
            readings=readings,
        )

    def _readings(self, as_of: date, within: int, unit_id: int | None) -> dict[int, list[ReadingItem]]:
        """Per responsible unit, the indicator readings it owes under their data deadlines: the deadline
        within `within` days, or passed (tasktrack.domain.data_due.reading_owed)."""
        from tasktrack.domain.data_due import reading_owed

        with self._connect() as conn:
            rows = read_sql.owned_indicators(conn)
            read = read_sql.reading_periods(conn, [int(r[0]) for r in rows])
        out: dict[int, list[ReadingItem]] = {}
        for iid, plan, code, name, owner, data_due, baseline_year in rows:
            if unit_id is not None and owner != unit_id:
                continue
            owed = reading_owed(data_due, read[int(iid)], as_of, baseline_year)
            if owed is None or (owed[1] - as_of).days > within:
                continue
            period, deadline = owed
            item = ReadingItem(int(iid), plan, code, name, period, deadline, (deadline - as_of).days)
            out.setdefault(int(owner), []).append(item)
        return out

    def _item(
        self,
        m: Any,
        level: str,
        stage: str,
        note: str | None,
        role: str,
        uid: int | None,
        as_of: date,
        sent: set[tuple[int, str, int | None]],
        history: list[tuple[str, str, date]],
        returns: dict[int, int],
        links: dict[int, tuple[int, str, str]],
    ) -> NoticeItem:
        """One notice item with its 三色督办 stage: the colour, its sent-log stage, whether it is new."""
        colour = ladder.colour_of(level, m.days_left, returns.get(m.id, 0), self.ctx.settings)
        key = ladder.stage_key(colour, history, as_of) if colour else None
        return NoticeItem(
            m, level, stage, (m.id, stage, uid) in sent, note, role,
            colour, key, key is None or (m.id, key, uid) in sent, tuple(history),
            links[m.id][1:] if m.id in links else None,
        )  # fmt: skip

    def _cc(self, unit: UnitView | None, items: tuple[NoticeItem, ...]) -> tuple[Contact, ...]:
        """Whom the notice is copied to: the contacts of the highest ladder stage new in it, once."""
        new = [i.ladder for i in items if i.ladder and not i.ladder_sent]
        if not new:
            return ()
        s = self.ctx.settings
        roles = getattr(s, f"ladder_cc_{max(new, key=COLOURS.index)}")
        leaders = ladder.leaders(s)
        out: list[Contact] = []
        for role in roles:
            if role == "leader" and unit is not None:
                who = leaders.get(unit.short_name or "") or leaders.get(unit.name)
                out += [who] if who else []
            elif role == "office_head" and s.office_head:
                out.append(ladder.contact(s.office_head, "office_head", "office_head"))
        return tuple(out)

    def colour_history(self, milestone_id: int, lang: str) -> str:
        """The 三色督办 stages the item was sent at, with the day each began ("" when none)."""
        with self._connect() as conn:
            return ladder.history_text(ladder.histories(conn).get(milestone_id, []), lang)

    def _cadence(
        self, as_of: date, unit: str | None, chased: set[int]
    ) -> tuple[dict[int, MilestoneView], list[tuple[Any, str, str, str | None]]]:
        """Every open milestone's view (for its co-units), and the items not chased already for a due
        date that are behind 序时进度 or stale, as (item, level, stage, the rule's words)."""
        from tasktrack.domain.kinds import FINISHED, Status
        from tasktrack.services.cadence import is_lagging, lag_rule, last_updates, stale_rule, stale_since
        from tasktrack.services.milestone_reads import DueItem
        from tasktrack.services.views import MilestoneFilter

        open_statuses = [st.value for st in Status if st not in FINISHED]  # what is still owed
        f = MilestoneFilter(unit=unit, statuses=open_statuses)
        views = {m.id: m for m in self._overview().milestones.reads().list(f, as_of)}
        open_items = {
            m.id: DueItem(
                m.id, m.plan, m.code, m.task_code, m.task_title, m.metric, m.year, m.due, m.target, m.unit,
                m.comparison, m.kind, m.actual, m.lead, m.derived.days_left,
            )  # fmt: skip
            for m in views.values()
        }
        lang, days = self.ctx.lang, self.ctx.settings.stale_days
        candidates = sorted((m for m in views.values() if m.id not in chased), key=lambda m: (m.due, m.id))
        with self._connect() as conn:
            last = last_updates(conn, [m.id for m in candidates if not is_lagging(m)], as_of)
        out: list[tuple[Any, str, str, str | None]] = []
        for m in candidates:
            if is_lagging(m):
                out.append((open_items[m.id], "lagging", f"lagging-{m.derived.rag}", lag_rule(m, lang)))
            elif (since := stale_since(m, last, as_of, days)) is not None:
                out.append((open_items[m.id], "stale", f"stale-{since.isoformat()}", stale_rule(since, as_of, lang)))
        return views, out

    def _returned(self, as_of: date, unit: str | None) -> list[tuple[Any, int, str | None]]:
        """(milestone as reminders name it, request id, reason) of every return (退回) still open."""
        from tasktrack.services.views import MilestoneFilter

        with self._connect() as conn:
            rows = read_sql.returned(conn)
        if not rows:
            return []
        items = {m.id: m for m in self._overview().milestones.reads().due(MilestoneFilter(unit=unit), as_of)}
        return [(items[mid], rid, why) for rid, mid, why in rows if mid in items]

    def _overview(self) -> OverviewService:
        if self.source is not None:
            return self.source.overview
        from tasktrack.services.milestones import MilestoneService

        return OverviewService(self.ctx, MilestoneService(self._ledger_ctx()))

    def _connect(self) -> Any:
        if self.source is not None:
            return self.source.connect()
        from tasktrack.services.base import reading

        return reading(self._ledger_ctx())

    def _ledger_ctx(self) -> Context:
        """The full context: what writing (sending records the sent-log) and reading without a source need."""
        from tasktrack.services.base import Context

        if not isinstance(self.ctx, Context):
            raise TypeError("ReminderService on a light Reader only reads: send through the full Ledger")
        return self.ctx

    def record(self, notice: Notice, message_id: str) -> None:
        """Log a notice as sent: one sent-log row per item, each in the change log with the actor."""
        from tasktrack.models import ReminderSent
        from tasktrack.services.base import unit_of_work

        ctx = self._ledger_ctx()
        with unit_of_work(ctx, "remind --send") as uow:
            self._require_sender(uow)
            recipient = ", ".join([notice.email or ""] + [c.email for c in notice.cc if c.email])
            for item in notice.items:
                if item.ladder_stage is not None and not item.ladder_sent:  # the stage, once
                    stage = ReminderSent(
                        milestone_id=item.milestone.id,
                        unit_id=notice.unit.id if notice.unit else None,
                        recipient=recipient[:255],
                        stage=item.ladder_stage,
                        level=item.level,
                        as_of=notice.as_of,
                        message_id=message_id,
                        actor=ctx.actor,
                        sent_at=uow.at,
                    )
                    uow.created(stage, "reminder", ["milestone_id", "unit_id", "recipient", "stage", "level"])
                row = ReminderSent(
                    milestone_id=item.milestone.id,
                    unit_id=notice.unit.id if notice.unit else None,
                    recipient=recipient[:255],
                    stage=item.stage,
                    level=item.level,
                    as_of=notice.as_of,
                    message_id=message_id,
                    actor=ctx.actor,
                    sent_at=uow.at,
                )
                uow.created(row, "reminder", ["milestone_id", "unit_id", "recipient", "stage", "level"])

    def send(
        self,
        messages: list[tuple[Notice | DutyNotice, EmailMessage]] | list[tuple[Notice, EmailMessage]],
        host: str,
        port: int,
        *,
        timeout: float = 30,
    ) -> SendResult:
        """Send each message over SMTP; only what the server accepted is recorded as sent."""
        import smtplib

        self.authorize_send()  # the rights before any mail leaves
        result = SendResult()
        if not messages:
            return result
        try:
            smtp = smtplib.SMTP(host, port, timeout=timeout)
        except (OSError, smtplib.SMTPException) as exc:
            raise SendError("err.svc2.smtp_unreachable", host=host, port=port, why=exc) from None
        try:
            for n, (notice, message) in enumerate(messages):
                failure = self._send_one(smtp, notice, message)
                if failure is None:
                    result.sent.append(notice)
                    continue
                result.failed.append((notice, failure))
                if not _connected(smtp):  # the rest would fail the same way
                    result.failed += [(later, Words("err.svc2.not_sent", why=failure)) for later, _ in messages[n + 1 :]]
                    break
        finally:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()
        return result

    def authorize_send(self) -> None:
        """Refuse, before anything is sent or written, an account that may not send notices."""
        from tasktrack.services.base import unit_of_work

        with unit_of_work(self._ledger_ctx(), "remind --send") as uow:  # reads the rights; writes nothing
            self._require_sender(uow)

    def _require_sender(self, uow: Any) -> None:
        from tasktrack.services.access import Access

        Access(self._ledger_ctx()).require_coordinator(
            uow, "reminders", verb="send", why="only a coordinator sends 催办 notices (use --dry-run)"
        )

    def record_duty(self, notice: DutyNotice, message_id: str) -> None:
        """Log a duty reminder as sent: one sent-log row per period, each in the change log with the actor."""
        from tasktrack.models import DutyReminderSent
        from tasktrack.services.base import unit_of_work

        ctx = self._ledger_ctx()
        with unit_of_work(ctx, "remind --send") as uow:
            self._require_sender(uow)
            for item in notice.items:
                row = DutyReminderSent(
                    duty_id=item.filing.duty_id,
                    unit_id=notice.unit.id,
                    period=item.filing.period,
                    stage=item.stage,
                    recipient=notice.email or "",
                    as_of=notice.as_of,
                    message_id=message_id,
                    actor=ctx.actor,
                    sent_at=uow.at,
                )
                uow.created(row, "dutyreminder", ["duty_id", "unit_id", "period", "stage", "recipient"])

    def _send_one(self, smtp: smtplib.SMTP, notice: Notice | DutyNotice, message: EmailMessage) -> str | None:
        """Send one message; None when the server accepted it (and it is recorded), else why not."""
        import smtplib

        try:
            refused = smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            return _refusal(exc.recipients)
        except smtplib.SMTPResponseException as exc:
            return f"{exc.smtp_code} {_text(exc.smtp_error)}"
        except (smtplib.SMTPException, OSError) as exc:
            return str(exc) or type(exc).__name__
        if refused:
            return _refusal(refused)
        if isinstance(notice, DutyNotice):
            self.record_duty(notice, str(message["Message-ID"]))
        else:
            self.record(notice, str(message["Message-ID"]))
        return None


def _plans_named(items: tuple[NoticeItem, ...]) -> list[str]:
    """The plans a notice cites: each item's, and the plan of the milestone linked to it."""
    return [k for i in items for k in (i.milestone.plan, *(i.also[:1] if i.also else ()))]


def _chase_once(
    by_lead: dict[int | None, list[tuple[Any, str, str, str | None]]], links: dict[int, tuple[int, str, str]]
) -> None:
    """Drop the entries of a milestone whose linked milestone (the same commitment in another plan) is
    chased already (services.link_rules.chase_once): one item, the first found, naming both plans."""
    from tasktrack.services.link_rules import chase_once

    drop = chase_once((e[0].id for es in by_lead.values() for e in es), links)
    for uid, entries in by_lead.items():
        by_lead[uid] = [e for e in entries if e[0].id not in drop]


def _connected(smtp: smtplib.SMTP) -> bool:
    return getattr(smtp, "sock", None) is not None


def _text(msg: bytes | str) -> str:
    return msg.decode("utf-8", "replace") if isinstance(msg, bytes) else str(msg)


def _refusal(recipients: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{addr}: {code} {_text(msg)}" for addr, (code, msg) in recipients.items())


def parse_smtp(value: str) -> tuple[str, int]:
    """HOST, HOST:PORT or [IPv6]:PORT; port 25 by default."""
    text = value.strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest.lstrip(":") or "25"
    elif text.count(":") == 1:
        host, port_text = text.split(":")
    else:
        host, port_text = text, "25"
    if not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise UserError("err.svc2.smtp_server", value=repr(value))
    return host, int(port_text)


def _plan_view(r: tuple[Any, ...]) -> PlanView:
    return PlanView(
        r[0], r[1], r[2], r[3], r[4], r[5], day(r[6]), r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14]
    )


def _unit_view(r: tuple[Any, ...]) -> UnitView:
    return UnitView(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7])


# -- reporting duties (报送要求): a notice before each deadline and after it while nothing is filed ----------

DUTY_LEVELS = ("duty_soon", "duty_missing")  # 临近报送截止, 漏报 (deadline passed, nothing filed)


@dataclass(frozen=True)
class DutyItem:
    """One period of one duty in a unit's reminder, at its stage (stage_of: soon-7, soon-3, overdue-w0 ...)."""

    filing: Filing
    stage: str
    sent: bool  # this period was already reminded to this unit at this stage


@dataclass(frozen=True)
class DutyNotice:
    """One unit's duty reminder: the periods whose deadline is near (not filed yet) or passed unfiled."""

    unit: UnitRef
    email: str | None
    items: tuple[DutyItem, ...]
    as_of: date

    @property
    def level(self) -> str:
        return "duty_missing" if any(i.filing.state == "missing" for i in self.items) else "duty_soon"

    @property
    def is_new(self) -> bool:
        return any(not i.sent for i in self.items)


def duty_notices(
    connect: Callable[[], AbstractContextManager[Any]],
    as_of: date,
    within: int,
    *,
    unit: str | None = None,
    remind_days: list[int] | None = None,
) -> list[DutyNotice]:
    """Per unit, in unit order: filings not made whose deadline is within `within` days, and those whose
    deadline has passed (漏报), as of `as_of`; each at its escalation stage, as milestones are."""
    from tasktrack.services.duties import filings
    from tasktrack.store.duty_sql import duty_reminders_sent

    if within < 0:
        raise UserError("err.svc2.within")
    steps = steps_within(remind_days or [], within)
    wanted = [
        f for f in filings(connect, as_of, unit=unit)
        if f.state == "missing" or (f.state == "open" and (f.deadline - as_of).days <= within)
    ]  # fmt: skip
    with connect() as conn:
        sent = duty_reminders_sent(conn)
    by_unit: dict[UnitRef, list[DutyItem]] = {}
    for f in sorted(wanted, key=lambda f: (f.deadline, f.duty_id)):
        stage = stage_of((f.deadline - as_of).days, steps)
        by_unit.setdefault(f.unit, []).append(DutyItem(f, stage, (f.duty_id, f.unit.id, f.period, stage) in sent))
    return [
        DutyNotice(u, items[0].filing.email, tuple(items), as_of)
        for u, items in sorted(by_unit.items(), key=lambda kv: kv[0].id)
    ]

"""Reminder notices (催办通知) worded as offices write them, as text, e-mail, an iCalendar file and JSON."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta
from email.message import EmailMessage
from email.policy import SMTPUTF8
from email.utils import format_datetime, formataddr
from typing import Any

from tasktrack import present
from tasktrack.domain.text import sanitize
from tasktrack.i18n import t
from tasktrack.services.ladder import history_text
from tasktrack.services.reminders import Notice, NoticeItem, ReadingItem

DEFAULT_SENDER = "tasktrack@localhost"


def cite(notice: Notice, lang: str) -> str:
    joiner = "和" if lang == "zh" else " and "
    return joiner.join(f"《{p.title}》" + (f"（{p.doc_no}）" if p.doc_no else "") for p in notice.plans)


def recipient(notice: Notice, lang: str) -> str:
    """Whom the notice addresses: the unit's full name (demo-marked), or the coordinator; one line, its
    control characters shown (a name stored before names were checked cannot break a mail header)."""
    return sanitize(present.unit(notice.unit, lang, short=False) if notice.unit else notice.to_name)


def _days(days_left: int, lang: str) -> str:
    if days_left < 0:
        return t("rem.days_over", lang, n=-days_left)
    return t("rem.due_today", lang) if days_left == 0 else t("rem.days_left", lang, n=days_left)


def _item(n: int, i: NoticeItem, short: dict[str, str], lang: str) -> str:
    m = i.milestone
    goal = "" if m.kind == "event" or m.target is None else present.target(m, lang)
    actual = t("rem.actual", lang, value=present.actual(m)) if m.actual is not None else ""
    target = f"{m.code} {m.year}年{m.metric}{goal}" if lang == "zh" else f"{m.code} {m.metric} {goal}"
    rule = t("rem.rule", lang, why=i.note) if i.level in NEW_LEVELS and i.note else ""
    return t(
        "rem.item",
        lang,
        n=n,
        level=t(f"rem.level.{i.level}", lang),
        target=(t("rem.co", lang) if i.role == "co" else "") + target + rule,
        plan=short.get(m.plan, m.plan),
        task=f"{m.task_code} {m.task_title}",
        due=present.day(m.due, lang),
        days=_days(i.days_left, lang),
        actual=actual,
    ).rstrip() + (t("rem.returned_why", lang, why=i.note) if i.level == "returned" and i.note else "") + (
        t("ladder.item", lang, history=history_text(list(i.history), lang, i.ladder)) if i.history else ""
    ) + (t("rem.also", lang, plan=short.get(i.also[0], i.also[0]), code=i.also[1]) if i.also else "")


def _reading(n: int, r: ReadingItem, short: dict[str, str], lang: str) -> str:
    """One indicator reading owed: 《规划》专栏2-3 科技型企业 2021Q4数据，应于…前报送（还有1天 / 已逾期3天）."""
    return t(
        "rem.reading_item", lang, n=n, plan=short.get(r.plan, r.plan), code=r.code, name=r.name, period=r.period,
        due=present.day(r.deadline, lang), days=_days(r.days_left, lang),
    )  # fmt: skip


NEW_LEVELS = ("lagging", "stale")  # chased for 序时 and for silence, not for a date: their rule is shown


def _state(notice: Notice, lang: str) -> str:
    """已逾期或即将到期 as before; with lagging or stale items or co-unit items, the states the items are in."""
    if not any(i.level in NEW_LEVELS or i.role == "co" for i in notice.items):
        return t("rem.state_overdue" if notice.has_overdue else "rem.state_soon", lang)
    found = {"overdue" if i.level == "overdue_30" else i.level for i in notice.items}
    words = [t(f"rem.state.{k}", lang) for k in ("overdue", "due_soon", "returned", "lagging", "stale") if k in found]
    sep = "、" if lang == "zh" else ", "
    return words[0] if len(words) == 1 else sep.join(words[:-1]) + t("rem.state.or", lang) + words[-1]


def body(notice: Notice, signer: str, lang: str) -> str:
    """The notice's text: salutation, the plan and its document number, the items, the request, signature."""
    state = _state(notice, lang)
    key = "rem.lead_in" if notice.unit else "rem.lead_in_unassigned"
    if notice.unit and any(i.role == "co" for i in notice.items):
        key = "rem.lead_in_co"
    short = {p.key: p.short_title or p.title for p in notice.plans}
    lines = [t("rem.greeting", lang, unit=recipient(notice, lang))]
    if notice.items:
        lines += [
            "    " + t(key, lang, plans=cite(notice, lang), n=len(notice.items), state=state),
            *("    " + _item(n, i, short, lang) for n, i in enumerate(notice.items, 1)),
        ]
    if notice.readings:
        lines += ["    " + t("rem.readings", lang, n=len(notice.readings))]
        lines += ["    " + _reading(n, r, short, lang) for n, r in enumerate(notice.readings, 1)]
    lines += ["    " + t("rem.request", lang, date=present.day(notice.reply_by, lang))]
    if notice.ladder and (notice.cc or any(i.history for i in notice.items)):
        lines.append("    " + ladder_line(notice, lang))
    if notice.unit and notice.unit.contact:
        lines.append("    " + t("rem.contact", lang, name=notice.unit.contact))
    lines += ["", f"{'':>36}{signer}", f"{'':>36}{present.day(notice.as_of, lang)}"]
    return "\n".join(sanitize(line) for line in lines) + "\n"


def ladder_line(notice: Notice, lang: str) -> str:
    """三色督办：红色督办，抄送王副区长（分管领导）: the notice's stage and whom it is copied to."""
    colour = t(f"ladder.{notice.ladder}", lang)
    if not notice.cc:
        return t("ladder.line", lang, colour=colour)
    sep = "、" if lang == "zh" else ", "
    cc = sep.join(f"{c.name}（{t('ladder.role.' + c.role, lang)}）" for c in notice.cc)
    return t("ladder.line_cc", lang, colour=colour, cc=cc)


def title(notice: Notice, lang: str) -> str:
    return f"{t('rem.title', lang)}（{t(f'rem.level.{notice.level}', lang)}）"


def to_text(notices: list[Notice], signer: str, lang: str) -> str:
    if not notices:
        return t("no_rows", lang) + "\n"
    parts = [f"{title(n, lang)}\n\n{body(n, signer, lang)}" for n in notices]
    return ("\n" + "─" * 60 + "\n\n").join(parts)


def message_id(notice: Notice, domain: str) -> str:
    """Stable per unit, date and item stages: the same notice always has the same Message-ID."""
    key = "|".join([f"{i.milestone.id}:{i.stage}" for i in notice.items] + [f"i{r.indicator_id}:{r.period}" for r in notice.readings])
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    who = notice.unit.id if notice.unit else "coordinator"
    return f"<tasktrack-remind-{notice.as_of:%Y%m%d}-{who}-{digest}@{domain}>"


def email(
    notice: Notice, *, sender: str | None, signer: str, lang: str, sent_at: datetime | None = None
) -> EmailMessage:
    """A UTF-8 message to the unit's address. To send: `sent_at` set, body in base64 (7-bit safe for any
    server); as a preview (`sent_at` None): no Date header, body 8-bit so it reads as written."""
    sender = sender or DEFAULT_SENDER
    msg = EmailMessage()
    msg["Subject"] = t("rem.subject", lang, unit=recipient(notice, lang))
    msg["From"] = formataddr((signer, sender))
    msg["To"] = formataddr((recipient(notice, lang), notice.email or "undisclosed-recipients:;"))
    if any(c.email for c in notice.cc):  # a new 三色督办 stage, copied upward once
        msg["Cc"] = ", ".join(formataddr((sanitize(c.name), c.email)) for c in notice.cc if c.email)
    msg["Message-ID"] = message_id(notice, sender.rpartition("@")[2] or "localhost")
    if sent_at is not None:
        msg["Date"] = format_datetime(sent_at)
    msg["X-Tasktrack-Level"] = notice.level
    text = f"{title(notice, lang)}\n\n{body(notice, signer, lang)}"
    msg.set_content(text, charset="utf-8", cte="8bit" if sent_at is None else "base64")
    return msg


def to_email_text(notices: list[Notice], *, sender: str | None, signer: str, lang: str) -> str:
    """The messages as they would be sent, one after another (mbox-like, no Date)."""
    return "\n".join(
        f"From {sender or DEFAULT_SENDER}\n"
        + email(n, sender=sender, signer=signer, lang=lang).as_bytes(policy=SMTPUTF8).decode("utf-8")
        for n in notices
    )


def to_ics(milestones: list[Any], as_of: date, lang: str, remind_days: list[int]) -> bytes:
    """A calendar of due dates: one all-day event per unfinished milestone, alarms before each."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//tasktrack//催办//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "tasktrack 完成时限" if lang == "zh" else "tasktrack due dates")
    stamp = datetime.combine(as_of, time.min).replace(tzinfo=None)
    for m in milestones:
        ev = Event()
        ev.add("uid", f"milestone-{m.id}@tasktrack")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", m.due)
        ev.add("dtend", m.due + timedelta(days=1))
        level = t("rem.level.overdue" if m.derived.overdue else "rem.level.due_soon", lang)
        prefix = f"【{level}】" if m.derived.overdue or m.derived.due_soon else ""
        ev.add("summary", sanitize(f"{prefix}{m.code} {m.metric}（{present.unit(m.lead, lang)}）"))
        ev.add(
            "description", sanitize(f"{m.plan} · {m.task_code} {m.task_title} · {present.target(m, lang)}")
        )
        ev.add("categories", [present.unit(m.lead, lang)])
        for d in sorted(set(remind_days), reverse=True):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", sanitize(f"{m.code} {m.metric}"))
            alarm.add("trigger", timedelta(days=-d))
            ev.add_component(alarm)
        cal.add_component(ev)
    return bytes(cal.to_ical())


def to_json(notices: list[Notice], as_of: date, within: int, exit_code: int, lang: str) -> dict[str, Any]:
    """The documented JSON shape of `tasktrack remind --format json`."""
    return {
        "as_of": as_of.isoformat(),
        "within_days": within,
        "exit_code": exit_code,
        "notices": [
            {
                "unit": None
                if n.unit is None
                else {"id": n.unit.id, "name": n.unit.name, "demo": n.unit.is_demo},
                "to": recipient(n, lang),
                "email": n.email,
                "level": n.level,
                "new": n.is_new,
                "reply_by": n.reply_by.isoformat(),
                "ladder": n.ladder,
                "cc": [{"name": c.name, "email": c.email, "role": c.role} for c in n.cc],
                "plans": [{"key": p.key, "title": p.title, "doc_no": p.doc_no} for p in n.plans],
                "items": [
                    {
                        "milestone_id": i.milestone.id,
                        "plan": i.milestone.plan,
                        "code": i.milestone.code,
                        "metric": i.milestone.metric,
                        "target": present.target(i.milestone, lang),
                        "due": i.milestone.due.isoformat(),
                        "days_left": i.days_left,
                        "level": i.level,
                        "stage": i.stage,
                        "sent": i.sent,
                        "note": i.note,
                        "role": i.role,
                        "ladder": i.ladder,
                        "ladder_stage": i.ladder_stage,
                        "ladder_sent": i.ladder_sent,
                        "also": None if i.also is None else {"plan": i.also[0], "code": i.also[1]},
                        "history": [{"colour": c, "stage": st, "since": d.isoformat()} for c, st, d in i.history],
                    }
                    for i in n.items
                ],
                "readings": [
                    {"indicator_id": r.indicator_id, "plan": r.plan, "code": r.code, "name": r.name,
                     "period": r.period, "due": r.deadline.isoformat(), "days_left": r.days_left, "level": r.level}
                    for r in n.readings
                ],  # fmt: skip
            }
            for n in notices
        ],
    }

"""Duty reminders (报送提醒) as `remind` prints them: per unit, the filings due soon and those missed (漏报)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tasktrack import present
from tasktrack.domain.text import sanitize
from tasktrack.i18n import t

if TYPE_CHECKING:
    from email.message import EmailMessage

    from tasktrack.services.duties import Filing
    from tasktrack.services.reminders import DutyNotice


def item_text(n: int, f: Filing, notice: DutyNotice, lang: str) -> str:
    days = (f.deadline - notice.as_of).days
    key = "drem.missing_item" if f.state == "missing" else "drem.soon_item"
    return f"    {n}. " + t(key, lang, phrase=f.phrase, period=f.period, deadline=present.day(f.deadline, lang),
                           days=abs(days))  # fmt: skip


def recipient(notice: DutyNotice, lang: str) -> str:
    """The unit's full name (demo-marked), one line, as a mail header may carry it."""
    return sanitize(present.unit(notice.unit, lang, short=False))


def text_of(notice: DutyNotice, signer: str, lang: str) -> str:
    """One unit's 报送提醒: title, salutation, the periods, the request, the signature."""
    lines = [t(f"drem.title.{notice.level}", lang), "", t("drem.to", lang, unit=recipient(notice, lang)),
             "    " + t("drem.lead_in", lang, n=len(notice.items))]  # fmt: skip
    lines += [item_text(n, i.filing, notice, lang) for n, i in enumerate(notice.items, 1)]
    lines += ["    " + t("drem.ask", lang), "", f"{'':>36}{signer}", f"{'':>36}{present.day(notice.as_of, lang)}"]
    return "\n".join(lines) + "\n"


def to_text(notices: list[DutyNotice], signer: str, lang: str) -> str:
    """Each unit's 报送提醒, separated like the 催办 notices."""
    return ("\n" + "─" * 60 + "\n\n").join(text_of(n, signer, lang) for n in notices)


def email(
    notice: DutyNotice, *, sender: str | None, signer: str, lang: str, sent_at: datetime | None = None
) -> EmailMessage:
    """The reminder as a UTF-8 message to the unit, as reports.reminders.email makes a 催办 notice."""
    from email.message import EmailMessage
    from email.utils import format_datetime, formataddr

    from tasktrack.reports.reminders import DEFAULT_SENDER

    sender = sender or DEFAULT_SENDER
    key = "|".join(f"{i.filing.duty_id}:{i.filing.period}:{i.stage}" for i in notice.items)
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    msg = EmailMessage()
    msg["Subject"] = t("drem.subject", lang, unit=recipient(notice, lang))
    msg["From"] = formataddr((signer, sender))
    msg["To"] = formataddr((recipient(notice, lang), notice.email or "undisclosed-recipients:;"))
    domain = sender.rpartition("@")[2] or "localhost"
    msg["Message-ID"] = f"<tasktrack-duty-{notice.as_of:%Y%m%d}-{notice.unit.id}-{digest}@{domain}>"
    if sent_at is not None:
        msg["Date"] = format_datetime(sent_at)
    msg["X-Tasktrack-Level"] = notice.level
    msg.set_content(text_of(notice, signer, lang), charset="utf-8", cte="8bit" if sent_at is None else "base64")
    return msg


def to_json(notices: list[DutyNotice], lang: str) -> list[dict[str, Any]]:
    """`remind --format json`'s "duties": one entry per unit."""
    return [
        {
            "unit": {"id": n.unit.id, "name": n.unit.name, "demo": n.unit.is_demo},
            "to": present.unit(n.unit, lang, short=False),
            "email": n.email,
            "level": n.level,
            "new": n.is_new,
            "items": [
                {"duty_id": i.filing.duty_id, "duty": i.filing.phrase, "plan": i.filing.plan,
                 "period": i.filing.period, "deadline": i.filing.deadline.isoformat(), "state": i.filing.state,
                 "days_left": (i.filing.deadline - n.as_of).days, "stage": i.stage, "sent": i.sent}  # fmt: skip
                for i in n.items
            ],
        }
        for n in notices
    ]


def to_email_text(notices: list[DutyNotice], *, sender: str | None, signer: str, lang: str) -> str:
    """The reminders as they would be sent, like reports.reminders.to_email_text."""
    from email.policy import SMTPUTF8

    from tasktrack.reports.reminders import DEFAULT_SENDER

    return "\n".join(
        f"From {sender or DEFAULT_SENDER}\n"
        + email(n, sender=sender, signer=signer, lang=lang).as_bytes(policy=SMTPUTF8).decode("utf-8")
        for n in notices
    )

"""Duty reminders (报送提醒) as `remind` prints them: per unit, the filings due soon and those missed (漏报)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tasktrack import present
from tasktrack.i18n import t

if TYPE_CHECKING:
    from tasktrack.services.duties import Filing
    from tasktrack.services.reminders import DutyNotice


def item_text(n: int, f: Filing, notice: DutyNotice, lang: str) -> str:
    days = (f.deadline - notice.as_of).days
    key = "drem.missing_item" if f.state == "missing" else "drem.soon_item"
    return f"    {n}. " + t(key, lang, phrase=f.phrase, period=f.period, deadline=present.day(f.deadline, lang),
                           days=abs(days))  # fmt: skip


def to_text(notices: list[DutyNotice], signer: str, lang: str) -> str:
    """Each unit's 报送提醒, separated like the 催办 notices."""
    parts = []
    for notice in notices:
        lines = [t(f"drem.title.{notice.level}", lang), "", t("drem.to", lang, unit=present.unit(notice.unit, lang, short=False)),
                 "    " + t("drem.lead_in", lang, n=len(notice.items))]  # fmt: skip
        lines += [item_text(n, f, notice, lang) for n, f in enumerate(notice.items, 1)]
        lines += ["    " + t("drem.ask", lang), "", f"{'':>36}{signer}", f"{'':>36}{present.day(notice.as_of, lang)}"]
        parts.append("\n".join(lines) + "\n")
    return ("\n" + "─" * 60 + "\n\n").join(parts)


def to_json(notices: list[DutyNotice], lang: str) -> list[dict[str, Any]]:
    """`remind --format json`'s "duties": one entry per unit."""
    return [
        {
            "unit": {"id": n.unit.id, "name": n.unit.name, "demo": n.unit.is_demo},
            "to": present.unit(n.unit, lang, short=False),
            "email": n.email,
            "level": n.level,
            "items": [
                {"duty_id": f.duty_id, "duty": f.phrase, "plan": f.plan, "period": f.period,
                 "deadline": f.deadline.isoformat(), "state": f.state,
                 "days_left": (f.deadline - n.as_of).days}  # fmt: skip
                for f in n.items
            ],
        }
        for n in notices
    ]

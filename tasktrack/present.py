"""How values read in every front end: targets, statuses, units, dates, in zh or en."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from tasktrack.domain.numbers import SYMBOL, number
from tasktrack.i18n import t

__all__ = ["SYMBOL", "number"]  # re-exported: front ends word numbers through present


def target(m: Any, lang: str) -> str:
    """'≥50家', '1.55%', or '事件' for an event."""
    if m.kind == "event" or m.target is None:
        return t("event", lang)
    unit = m.unit or ""
    return f"{SYMBOL.get(m.comparison, m.comparison)}{number(m.target)}{unit}"


def actual(m: Any) -> str:
    if m.actual is None:
        return ""
    return f"{number(m.actual)}{m.unit or ''}"


def status(value: str, lang: str) -> str:
    return t(f"st.{value}", lang)


def schedule(value: str, lang: str) -> str:
    return t(f"sch.{value}", lang)


def rag(value: str, lang: str) -> str:
    return t(f"rag.{value}", lang)


def unit(u: Any, lang: str, *, short: bool = True) -> str:
    """A unit's name, marked when it belongs to the demonstration layer; '未明确' when there is none."""
    if u is None:
        return t("unassigned", lang)
    name: str = (u.short_name or u.name) if short else u.name
    if u.is_demo:
        return f"{name}（{t('demo', lang)}）" if lang == "zh" else f"{name} (demo)"
    return name


def units(us: Any, lang: str) -> str:
    return "、".join(unit(u, lang) for u in us) if lang == "zh" else ", ".join(unit(u, lang) for u in us)


def day(d: date | None, lang: str) -> str:
    if d is None:
        return ""
    return f"{d.year}年{d.month}月{d.day}日" if lang == "zh" else d.isoformat()


def stamp(dt: datetime | None) -> str:
    """A stored time (UTC; SQLite returns it without a zone) in the machine's local time, to the second."""
    if dt is None:
        return ""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def who(actor: str, account: str | None, lang: str) -> str:
    """The name a change was made under, and the verified account beside it when they differ: a name
    claimed with --as is shown as the account's claim, never in its place."""
    if not account or account == actor:
        return actor
    return t("who_as", lang, actor=actor, account=account)


def percent(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.1f}%"


def adjustment(name: str, old: str | None, new: str | None, basis: str, by: str, m: Any, lang: str) -> str:
    """原目标15家 → 调整为10家（依据…，某某批准）: an approved request, as reports and `milestone show` say it."""

    def shown(value: str | None) -> str:
        if value is None or value == "":
            return "—"
        if name == "target":
            try:
                return f"{number(float(value))}{m.unit or ''}"
            except ValueError:
                return value
        if name == "comparison":
            return SYMBOL.get(value, value)
        return value

    what = t(f"review.what.{name}", lang)
    return t("review.adjusted", lang, what=what, old=shown(old), new=shown(new), basis=basis, by=by)

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


# Fields of the change log whose values are words from a vocabulary, by the catalogue prefix that words them.
_VALUE_WORDS = {"status": "st.", "state": "review.st."}
# Rows about a row or a command as a whole rather than one field, worded as hist.<field>. A creation logs
# the new row's id or code and a deletion the row's values as JSON (for undo and --json): a deletion
# shows only what the row was called.
_WHOLE_ROW = ("created", "deleted", "removed", "undone", "as_of")
_NAMED_BY = ("code", "name", "key", "title", "period")


def _deleted_name(values: str | None) -> str:
    """What a deleted row was called, from the JSON of its values a deletion logs; "" when it had no name."""
    import json

    try:
        row = json.loads(values or "")
    except ValueError:
        return ""
    if not isinstance(row, dict):
        return ""
    return next((str(row[k]) for k in _NAMED_BY if row.get(k)), "")


def _word(key: str, raw: str, lang: str) -> str:
    """The catalogue's word for `key`, or `raw` when the catalogue has none (a field added later)."""
    from tasktrack.i18n import MESSAGES

    return t(key, lang) if key in MESSAGES else raw


def change_value(field: str, value: str | None, lang: str) -> str:
    """A logged value as a person reads it: statuses and review states in words, true/false as yes/no."""
    if value is None:
        return ""
    prefix = _VALUE_WORDS.get(field)
    if prefix:
        return _word(prefix + value, value, lang)
    if value in ("true", "false"):
        return t("hist.yes" if value == "true" else "hist.no", lang)
    return value


def reason(c: Any, lang: str) -> str:
    """A change's reason in `lang`: the reasons tasktrack writes itself in that language's words
    (tasktrack.reasons), a person's as typed; '' for none."""
    from tasktrack.reasons import shown

    return shown(c.reason, lang) or ""


def change(c: Any, lang: str) -> tuple[str, str, str, str]:
    """(item, field, old, new) of a change-log row in words: the entity and field through the catalogue,
    values through change_value; a creation, deletion or undo as one word, without its raw payload."""
    item = f"{_word('hist.entity.' + c.entity, c.entity, lang)} {c.label or c.entity_id}"
    if c.field in _WHOLE_ROW:
        word = t(f"hist.{c.field}", lang)
        if c.field == "created":  # the id or code of the new row, when the item column does not show it
            return item, word, "", "" if c.new == c.label else c.new or ""
        if c.field == "deleted":
            return item, word, _deleted_name(c.old), ""
        return item, word, c.old or "", c.new or ""
    field = _word(f"hist.field.{c.field}", c.field, lang)
    return item, field, change_value(c.field, c.old, lang), change_value(c.field, c.new, lang)

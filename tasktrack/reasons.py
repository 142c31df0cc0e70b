"""The reasons tasktrack itself writes into the change log (a coordinator filing for a unit, an approved
request applied, an undo, a linked milestone following its partner, a milestone feeding an indicator).

The change log is written once and hash-chained, so these are stored in one language, English, and shown in
the reader's: the catalogue template that writes a reason (`written`) is the pattern that reads it back
(`shown`), so the two cannot drift. A reason a person typed is shown as it was typed."""

from __future__ import annotations

import re
from functools import cache

from tasktrack.i18n import MESSAGES, t

KEYS = ("why.coord_filed", "why.approved", "why.undo", "why.link_follow", "why.fed")


def written(key: str, /, **params: object) -> str:
    """The reason `key` as the change log stores it."""
    if key not in KEYS:
        raise KeyError(key)
    return t(key, "en", **params)


@cache
def _pattern(key: str) -> re.Pattern[str]:
    """The stored English of `key` as a pattern: its literal text, each {name} any text (named group)."""
    parts = re.split(r"\{(\w+)\}", MESSAGES[key][1])
    return re.compile(
        "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)), re.S
    )


def shown(reason: str | None, lang: str) -> str | None:
    """A stored reason in `lang`: one tasktrack wrote, in that language's words; any other as it is."""
    if not reason or lang == "en":
        return reason
    for key in KEYS:
        found = _pattern(key).fullmatch(reason)
        if found:
            return t(key, lang, **found.groupdict())
    return reason

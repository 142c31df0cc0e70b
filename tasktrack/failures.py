"""One-line descriptions of failures that are not the user's input: the database, the disk (CLI and TUI)."""

from __future__ import annotations


def describe(exc: BaseException, lang: str = "en") -> str:
    """The line to print for `exc` in `lang`; the database's or the OS's own words are kept as they are."""
    from tasktrack.i18n import t

    text = str(getattr(exc, "orig", None) or exc).splitlines()[0] if str(exc) else type(exc).__name__
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return t("err.cli.db_readonly", lang, detail=text)
    if "locked" in lowered:
        return t("err.cli.db_locked", lang, detail=text)
    if "unable to open database" in lowered:
        return t("err.cli.db_cannot_open", lang, detail=text)
    if "malformed" in lowered or "not a database" in lowered:
        return t("err.cli.db_damaged", lang, detail=text)
    if isinstance(exc, OSError):
        return f"{exc.strerror or text}: {exc.filename or ''}".rstrip(": ")
    return f"{type(exc).__name__}: {text}"

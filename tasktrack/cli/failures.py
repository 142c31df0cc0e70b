"""One-line descriptions of failures that are not the user's input: the database, the disk."""

from __future__ import annotations


def describe(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).splitlines()[0] if str(exc) else type(exc).__name__
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return f"the database is read-only ({text}); this command writes, run it where the file is writable"
    if "locked" in lowered:
        return f"the database stayed locked by another writer ({text}); try again"
    if "unable to open database" in lowered:
        return f"cannot open the database ({text}); check --db and the directory's permissions"
    if "malformed" in lowered or "not a database" in lowered:
        return f"the database file is damaged ({text}); restore it from a backup"
    if isinstance(exc, OSError):
        return f"{exc.strerror or text}: {exc.filename or ''}".rstrip(": ")
    return f"{type(exc).__name__}: {text}"

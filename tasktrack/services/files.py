"""Files a person names (-o, --out, a backup's DEST) and the leftovers of killed writes, for the front ends.

The rules live in tasktrack.store.files (one safe writer, one list of what must never be written over);
this module is the seam the CLI goes through, so that no front end imports tasktrack.store itself."""

from __future__ import annotations

from tasktrack.store.files import (
    Leftover,
    Protected,
    check_output,
    leftovers,
    remove,
    unshared_store,
    write_file,
)

__all__ = ["Leftover", "Protected", "check_output", "leftovers", "remove", "unshared_store", "write_file"]

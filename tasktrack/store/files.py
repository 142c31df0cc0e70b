"""Files tasktrack writes: never over the database or the evidence store, never half-written.

Every file a person names (`-o FILE`, `db backup DEST`, a reviewed draft) and every file copied into the
evidence store goes through here. The new content is written to a temporary file in the destination's own
directory, created exclusively (O_CREAT|O_EXCL|O_NOFOLLOW: a symbolic link planted at the temporary name
is never followed), flushed to disk, and renamed into place: a write that fails or is killed never
replaces a good file, and a failed one removes its temporary file. Killed writes leave temporary files
named TEMP_PREFIX...TEMP_SUFFIX, which `tasktrack db check` reports and `db check --clean` removes.

No SQLAlchemy here: the light read path (`remind`) checks its -o file too.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tasktrack.errors import UserError
from tasktrack.i18n import t

TEMP_PREFIX = ".tasktrack-"
TEMP_SUFFIX = ".partial"
# Temporary names of earlier versions: evidence staged as .incoming-*, backups as DEST.partial.
LEGACY_TEMP = (".incoming-",)
DB_COMPANIONS = ("-wal", "-shm", "-journal")
STALE_AFTER_S = 3600  # a temporary file untouched this long belongs to no running write
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def default_store(db_file: Path) -> Path:
    """The evidence store of a SQLite file when TASKTRACK_FILES is not set: <database>.files beside it."""
    return db_file.with_name(db_file.name + ".files")


@dataclass(frozen=True)
class Protected:
    """What no output may replace: the database file, its -wal/-shm/-journal, the evidence store."""

    db_file: Path | None
    store: Path | None

    @classmethod
    def of(cls, db_file: Path | None, files_dir: Path | None) -> Protected:
        store = files_dir if files_dir is not None else (default_store(db_file) if db_file else None)
        return cls(db_file, store)

    def temp_places(self) -> tuple[list[Path], list[str]]:
        """Where killed writes leave temporary files that `db check` looks for: the evidence store and the
        database's directory; and the names an older version used there (a pre-migration backup's
        <database>.before-*.partial)."""
        places = [p for p in (self.store, self.db_file.parent if self.db_file else None) if p is not None]
        legacy = [f"{self.db_file.name}.before-*{TEMP_SUFFIX}"] if self.db_file else []
        return places, legacy


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _same(a: Path, b: Path) -> bool:
    """The same file: one path (links resolved), or one inode (a hard link)."""
    if _real(a) == _real(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output(
    dest: Path,
    protected: Protected,
    *,
    force: bool,
    lang: str,
    never_replace: bool = False,
    inputs: Iterable[Path] = (),
) -> Path:
    """Refuse, before any work, a destination that is the database, its companions, inside the evidence
    store, one of the command's `inputs`, a directory, in a missing directory, or (without `force`, or
    ever with `never_replace`) an existing file. Returns `dest`."""
    if str(dest) in ("", ".") or dest.name in ("", ".", "..") or "\x00" in str(dest):
        raise UserError(t("out.no_name", lang, path=dest))
    try:
        _refuse(dest, protected, lang, inputs)
        if dest.is_dir():
            raise UserError(t("out.is_dir", lang, path=dest))
        if not dest.parent.is_dir():
            raise UserError(t("out.no_dir", lang, dir=dest.parent))
        exists = os.path.lexists(dest)
    except OSError as exc:  # a name too long, a directory we may not search
        raise UserError(t("out.cannot_write", lang, path=dest, why=exc.strerror or exc)) from None
    if exists:
        if never_replace:
            raise UserError(t("out.exists_never", lang, path=dest))
        if not force:
            raise UserError(t("out.exists", lang, path=dest))
    return dest


def _refuse(dest: Path, protected: Protected, lang: str, inputs: Iterable[Path]) -> None:
    for source in inputs:
        if _same(dest, source):
            raise UserError(t("out.is_input", lang, path=dest))
    db = protected.db_file
    if db is not None:
        if _same(dest, db):
            raise UserError(t("out.is_database", lang, path=dest))
        for suffix in DB_COMPANIONS:
            if _same(dest, db.with_name(db.name + suffix)):
                raise UserError(t("out.is_companion", lang, path=dest, suffix=suffix))
    store = protected.store
    if store is not None:
        real, root = _real(dest), _real(store)
        if real == root or root in real.parents:
            raise UserError(t("out.in_store", lang, path=dest, store=store))


# -- writing ---------------------------------------------------------------------------------------------


def open_temp(directory: Path, mode: int = 0o666) -> tuple[int, Path]:
    """A new, empty temporary file in `directory`, made exclusively under a random name: (fd, path)."""
    for _ in range(100):
        path = directory / f"{TEMP_PREFIX}{secrets.token_hex(8)}{TEMP_SUFFIX}"
        try:
            return os.open(path, _OPEN_FLAGS, mode), path
        except FileExistsError:  # taken, or a link planted there: never opened, try another name
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(directory))


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - a platform without directory descriptors
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a directory
        pass
    finally:
        os.close(fd)


def place(tmp: Path, dest: Path, *, replace: bool) -> None:
    """Rename a finished temporary file to `dest`. Without `replace` an existing dest (even one made since it
    was checked) is never replaced: a hard link makes the name only if it is free."""
    if replace:
        os.replace(tmp, dest)
    else:
        try:
            os.link(tmp, dest, follow_symlinks=False)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: check, then rename
            if os.path.lexists(dest):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(dest)) from None
            os.rename(tmp, dest)
        else:
            os.unlink(tmp)
    _fsync_dir(dest.parent)


@contextmanager
def staged(dest: Path, *, replace: bool, mode: int | None = None) -> Iterator[BinaryIO]:
    """Write `dest` through a binary file object: a temporary file beside it, renamed into place when the
    block ends without an error, removed otherwise. `mode` sets the file's permissions (default: an
    existing dest's, else what the umask gives a new file)."""
    fd, tmp = open_temp(dest.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            final = mode if mode is not None else _mode_of(dest) if replace else None
            if final is not None:
                os.fchmod(out.fileno(), final)
            os.fsync(out.fileno())
        place(tmp, dest, replace=replace)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _mode_of(path: Path) -> int | None:
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else None


def write_file(
    dest: Path, content: str | bytes | Iterable[bytes], *, replace: bool, lang: str, mode: int | None = None
) -> None:
    """Write `content` (text as UTF-8; or bytes in chunks, as they are made) to `dest` whole or not at all;
    an OS failure is one UserError line."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with staged(dest, replace=replace, mode=mode) as out:
            if isinstance(data, bytes):
                out.write(data)
            else:
                for chunk in data:
                    out.write(chunk)
    except FileExistsError:
        raise UserError(t("out.exists", lang, path=dest)) from None
    except OSError as exc:
        raise UserError(t("out.cannot_write", lang, path=dest, why=exc.strerror or exc)) from None


@contextmanager
def staged_path(dest: Path, *, replace: bool = False, mode: int | None = None) -> Iterator[Path]:
    """For a writer that needs a file name (SQLite's backup, pg_dump): a path inside a new private directory
    beside `dest` (mkdtemp: made exclusively, mode 0700, so no one else can plant anything in it), renamed
    to `dest` when the block ends without an error; the directory is removed either way."""
    workdir = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=dest.parent))
    try:
        path = workdir / dest.name
        yield path
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        place(path, dest, replace=replace)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# -- the evidence store's directories and modes ----------------------------------------------------------


@dataclass(frozen=True)
class StoreModes:
    """Permissions in the evidence store: group access as the database file has it, never other accounts'.

    A database the group may write gives a setgid store directory the group may write (2770) and files the
    group may read (0440); one the group may only read gives 2750 and 0440; a private one 0700 and 0400.
    Stored files are never writable: they are named by their content.
    """

    dir_mode: int
    file_mode: int
    gid: int | None

    @classmethod
    def like(cls, reference: Path | None) -> StoreModes:
        try:
            st = os.stat(reference) if reference is not None else None
        except OSError:
            st = None
        if st is None:
            return cls(0o700, 0o400, None)
        mode = stat.S_IMODE(st.st_mode)
        read, write = bool(mode & 0o040), bool(mode & 0o020)
        if not (read or write):
            return cls(0o700, 0o400, None)
        return cls(0o2750 | (0o020 if write else 0), 0o440, st.st_gid)


def unshared_store(store: Path, db_file: Path | None) -> tuple[Path, str] | None:
    """For `db check`: the store (or a shard directory in it), with its mode, that the database's group may
    not write while it may write the database; None when there is none. (An older version made
    the store the first attaching user's own, and the others were then refused.)"""
    try:
        db = os.stat(db_file) if db_file else None
        if db is None or not db.st_mode & 0o020:
            return None
        dirs = [store, *(Path(e.path) for e in os.scandir(store) if e.is_dir(follow_symlinks=False))]
        for path in dirs:
            st = os.lstat(path)
            if st.st_gid != db.st_gid or st.st_mode & 0o070 != 0o070:
                return path, f"{stat.S_IMODE(st.st_mode):o}"
    except OSError:
        return None
    return None


def make_dir(path: Path, modes: StoreModes) -> None:
    """mkdir with exactly these modes (not the umask's) and group; an existing directory is left as it is."""
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW)
    try:
        if modes.gid is not None:
            try:
                os.fchown(fd, -1, modes.gid)
            except PermissionError:  # not in the database's group: the directory keeps ours
                pass
        os.fchmod(fd, modes.dir_mode)
    finally:
        os.close(fd)


# -- leftovers of killed writes --------------------------------------------------------------------------


@dataclass(frozen=True)
class Leftover:
    path: Path
    size: int
    age_s: float


def is_temp_name(name: str) -> bool:
    return (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)) or name.startswith(LEGACY_TEMP)


def _size(path: Path, st: os.stat_result) -> int:
    if not stat.S_ISDIR(st.st_mode):
        return st.st_size
    total = 0
    for root, _, names in os.walk(path):
        for name in names:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                continue
    return total


def leftovers(
    directories: Iterable[Path], *, also: Iterable[str] = (), stale_after_s: float = STALE_AFTER_S
) -> list[Leftover]:
    """Temporary files (and backup working directories) of writes that did not finish, untouched for
    `stale_after_s` seconds (a younger one may be a write still running). `also`: glob patterns of more
    names (an older version's backup temporary files). Links are listed, never followed."""
    now = time.time()
    found: dict[Path, Leftover] = {}
    for directory in directories:
        try:
            entries = list(os.scandir(directory))
        except OSError:
            continue
        extra = {Path(p) for pattern in also for p in Path(directory).glob(pattern)}
        for entry in entries:
            path = Path(entry.path)
            if not (is_temp_name(entry.name) or path in extra):
                continue
            st = entry.stat(follow_symlinks=False)
            if now - st.st_mtime < stale_after_s:  # a running write keeps its file's time fresh
                continue
            found[path] = Leftover(path, _size(path, st), now - st.st_mtime)
    return sorted(found.values(), key=lambda x: str(x.path))


def remove(leftover: Leftover) -> None:
    """Delete a leftover: the link itself for a link, the working directory with what is in it."""
    path = leftover.path
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)

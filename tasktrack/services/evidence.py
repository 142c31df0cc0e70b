"""Evidence use-cases (佐证材料): notes, document numbers, and files kept content-addressed."""

from __future__ import annotations

import builtins
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from tasktrack.errors import UserError, Words
from tasktrack.models import Evidence, Milestone, Task, Unit
from tasktrack.services.access import Access
from tasktrack.services.base import Context, UnitOfWork, reading, unit_of_work
from tasktrack.services.views import EvidenceView, UnitRef
from tasktrack.store import refs
from tasktrack.store.engine import sqlite_path
from tasktrack.store.files import StoreModes, make_dir, open_temp, place, staged

MAX_FILE_BYTES = 512 * 1024 * 1024
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class VerifyResult:
    evidence_id: int
    file_name: str | None
    sha256: str
    state: str  # ok | missing | corrupt


def _view(e: Any) -> EvidenceView:
    return EvidenceView(
        id=e.id,
        milestone_id=e.milestone_id,
        task_id=e.task_id,
        author=e.author,
        created_at=e.created_at,
        text=e.text,
        doc_no=e.doc_no,
        file_name=e.file_name,
        file_sha256=e.file_sha256,
        file_size=e.file_size,
        accepted_by=e.accepted_by,
        accepted_at=e.accepted_at,
        is_demo=e.is_demo,
        rejected_by=e.rejected_by,
        reject_reason=e.reject_reason,
        unit=UnitRef(e.unit_id, e.u_name, e.u_short, e.u_demo) if e.unit_id else None,
    )


def _select() -> Any:
    """Evidence rows with the name of the unit each is filed for."""
    return select(Evidence.__table__, Unit.name.label("u_name"), Unit.short_name.label("u_short"),
                  Unit.is_demo.label("u_demo")).outerjoin(Unit, Unit.id == Evidence.unit_id)  # fmt: skip


def check_source(path_text: str) -> Path:
    """A file the user wants to attach: must exist, be a regular file, be readable.

    A symbolic link to a file attaches that file's content (what the user sees when opening the link), under
    the link's name; a link to a directory or to nothing is refused. The name is only ever kept as text.
    """
    if "\x00" in path_text:
        raise UserError("err.svc.ev.nul")
    path = Path(path_text).expanduser()
    if not path.exists():
        if path.is_symlink():
            raise UserError("err.svc.ev.dangling", path=path_text)
        raise UserError("err.svc.ev.no_file", path=path_text)
    if not path.is_file():
        raise UserError("err.svc.ev.not_file", path=path_text)
    if not os.access(path, os.R_OK):
        raise UserError("err.svc.ev.unreadable", path=path_text)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise UserError("err.svc.ev.too_large", path=path_text, mib=MAX_FILE_BYTES // 2**20)
    return path


def blob_path(store: Path, sha256: str) -> Path:
    """Where a file with this hash lives: <store>/<first two hex digits>/<hash>. Never a user-given name."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise UserError("err.svc.ev.bad_hash", sha256=sha256)
    return store / sha256[:2] / sha256


def contained_blob(store: Path, sha256: str) -> Path:
    """blob_path(), refused when a symbolic link inside the store (a shard directory or the blob) leads out.

    The store directory itself may be a symbolic link (to put the files on another disk): it is resolved
    once, and everything below it must really be below it.
    """
    path = blob_path(store, sha256)
    if path.resolve() != store.resolve() / sha256[:2] / sha256:
        raise UserError("err.svc.ev.store_link", store=store, shard=sha256[:2], blob=sha256[:12])
    return path


@dataclass
class StagedFile:
    """A file copied into the store's directory under a temporary name, hashed, not yet in the store."""

    store: Path
    tmp: Path
    sha256: str
    size: int
    modes: StoreModes

    def place(self) -> Path:
        """Rename it to its content's name: the last step of attaching it. An identical blob already
        there is replaced by this copy (the same bytes), which also mends a damaged one."""
        target = contained_blob(self.store, self.sha256)
        make_dir(target.parent, self.modes)
        target = contained_blob(self.store, self.sha256)  # the shard directory is not a planted link
        place(self.tmp, target, replace=True)
        return target

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)


def open_store(store: Path, db_file: Path | None) -> StoreModes:
    """The store directory, made when missing with group access as the database file has it (see
    StoreModes; without one, on PostgreSQL, as the directory TASKTRACK_FILES is made in has it); the
    modes its shard directories and files get: the store directory's own, once it is."""
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        make_dir(store, StoreModes.like(db_file or store.parent))
    except (FileExistsError, NotADirectoryError):
        raise UserError("err.svc.ev.store_not_dir", store=store) from None
    if not store.is_dir():
        raise UserError("err.svc.ev.store_not_dir", store=store)
    return StoreModes.like(store)


def stage_file(store: Path, source: Path, db_file: Path | None = None) -> StagedFile:
    """Copy `source` into the store's directory under a temporary name (made exclusively, never a link
    followed), hashing it on the way; nothing is in the store until StagedFile.place()."""
    modes = open_store(store, db_file)
    digest = hashlib.sha256()
    size = 0
    fd, tmp = open_temp(store, 0o600)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fchmod(out.fileno(), modes.file_mode)
            os.fsync(out.fileno())
        staged = StagedFile(store, tmp, digest.hexdigest(), size, modes)
        contained_blob(store, staged.sha256)  # a planted link is refused before anything is written
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return staged


def _state(store: Path, sha256: str) -> str:
    """ok, missing or corrupt; a hash that is not one, or a link in the store (it could show anything), is corrupt."""
    try:
        path = contained_blob(store, sha256)
    except UserError:
        return "corrupt"
    if not path.is_file():
        return "missing"
    return "ok" if file_hash(path) == sha256 else "corrupt"


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# What an evidence row holds, as its removal records it in the change log.
EVIDENCE_FIELDS = (
    "milestone_id", "task_id", "author", "created_at", "text", "doc_no", "file_name", "file_sha256", "file_size",
    "accepted_by", "accepted_at", "unit_id",
)


class EvidenceService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def add(
        self,
        item: str | int,
        *,
        text: str | None = None,
        doc_no: str | None = None,
        file: str | None = None,
        on_task: bool = False,
        unit: str | None = None,
    ) -> EvidenceView:
        """Attach evidence to a milestone (or to a task with on_task); a file is copied into the store. It
        is filed for the filer's own unit (Access.reporting_unit; `unit` chooses among them)."""
        if not (text or doc_no or file):
            raise UserError("err.svc.ev.empty")
        source = check_source(file) if file else None
        with reading(self.ctx) as conn:
            target = refs.task_id(conn, item) if on_task else refs.milestone_id(conn, item)
        staged = None
        if source is not None:
            # Allowed to attach it? Asked before the file is copied anywhere: a refused attachment
            # leaves nothing on disk. Asked again below, in the transaction that records it.
            with unit_of_work(self.ctx, "evidence add") as uow:
                Access(self.ctx).require_evidence(uow, target, on_task=on_task)
                self._unit(uow, target, on_task, unit)
            staged = stage_file(self.ctx.evidence_dir(), source, self._db_file())
        try:
            with unit_of_work(self.ctx, "evidence add") as uow:
                eid = self.add_in(
                    uow,
                    target,
                    on_task=on_task,
                    text=text,
                    doc_no=doc_no,
                    file_name=source.name if source else None,
                    sha=staged.sha256 if staged else None,
                    size=staged.size if staged else None,
                    unit=unit,
                )
                if staged is not None:
                    staged.place()  # last: the row is not committed without its file
        finally:
            if staged is not None:
                staged.discard()
        return self.get(eid)

    def _db_file(self) -> Path | None:
        return sqlite_path(self.ctx.engine.url.render_as_string(hide_password=False))

    def add_in(
        self,
        uow: UnitOfWork,
        target: int,
        *,
        on_task: bool = False,
        text: str | None = None,
        doc_no: str | None = None,
        file_name: str | None = None,
        sha: str | None = None,
        size: int | None = None,
        demo: bool = False,
        reason: str | None = None,
        unit: str | None = None,
    ) -> int:
        access = Access(self.ctx)
        access.require_evidence(uow, target, on_task=on_task)
        unit_id = self._unit(uow, target, on_task, unit)
        row = Evidence(
            milestone_id=None if on_task else target,
            task_id=target if on_task else None,
            author=self.ctx.actor,
            created_at=uow.at,
            text=text,
            doc_no=doc_no,
            file_name=file_name,
            file_sha256=sha,
            file_size=size,
            is_demo=demo,
            unit_id=unit_id,
        )
        fields = ["milestone_id", "task_id", "unit_id", "text", "doc_no", "file_name", "file_sha256"]
        uow.created(row, "evidence", fields, reason or access.on_behalf(uow, unit_id))
        assert row.id is not None
        return row.id

    def _unit(self, uow: UnitOfWork, target: int, on_task: bool, unit: str | None) -> int | None:
        """The unit the evidence is filed for: the filer's own (a coordinator's may be the office's own)."""
        conn = uow.session.connection()
        task_id = target if on_task else conn.execute(select(Milestone.task_id).where(Milestone.id == target)).scalar_one()
        typed = refs.unit_id(conn, unit) if unit else None
        return Access(self.ctx).reporting_unit(
            uow, task_id, typed, unit, what=Words("err.svc.thing.evidence"), coordinator_names=False
        )

    def get(self, eid: int) -> EvidenceView:
        with reading(self.ctx) as conn:
            row = conn.execute(_select().where(Evidence.id == eid)).first()
        if row is None:
            raise UserError("err.svc.ev.none", id=eid)
        return _view(row)

    def list(
        self, item: str | int | None = None, *, on_task: bool = False, plan: str | None = None
    ) -> list[EvidenceView]:
        with reading(self.ctx) as conn:
            stmt = _select().order_by(Evidence.id)
            if item is not None:
                if on_task:
                    stmt = stmt.where(Evidence.task_id == refs.task_id(conn, item))
                else:
                    stmt = stmt.where(Evidence.milestone_id == refs.milestone_id(conn, item))
            elif plan is not None:
                pid = refs.plan_id(conn, plan)
                stmt = stmt.where(
                    Evidence.milestone_id.in_(select(Milestone.id).where(Milestone.plan_id == pid))
                    | Evidence.task_id.in_(select(Task.id).where(Task.plan_id == pid))
                )
            return [_view(r) for r in conn.execute(stmt)]

    def path_of(self, eid: int) -> Path:
        ev = self.get(eid)
        if not ev.file_sha256:
            raise UserError("err.svc.ev.no_blob", id=eid)
        return contained_blob(self.ctx.evidence_dir(), ev.file_sha256)

    def fetch(self, eid: int, dest: Path, *, replace: bool = False) -> EvidenceView:
        """Copy evidence `eid`'s stored file to `dest` (checked by the caller: never the database or the
        store), whole or not at all, and only if it still matches the SHA-256 recorded when it was
        attached: a corrupt or altered copy is refused and nothing is written."""
        ev = self.get(eid)
        source = self.path_of(eid)
        if not source.is_file():
            raise UserError("err.svc.ev.missing", id=eid, name=ev.file_name)
        digest = hashlib.sha256()
        try:
            with staged(dest, replace=replace) as out, source.open("rb") as f:
                while chunk := f.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                recorded = ev.file_sha256 or ""  # path_of() refused evidence without a file
                if digest.hexdigest() != recorded:
                    raise UserError("err.svc.ev.altered", id=eid, sha256=recorded[:12])
        except FileExistsError:
            raise UserError("err.svc.ev.exists", dest=dest) from None
        return ev

    def remove(self, eid: int, *, reason: str) -> EvidenceView:
        """Take back evidence attached in error, in a command of its own; returns what was removed."""
        gone = self.get(eid)
        with unit_of_work(self.ctx, "evidence remove") as uow:
            self.remove_in(uow, eid, reason=reason)
        return gone

    def remove_in(self, uow: UnitOfWork, eid: int, *, reason: str) -> None:
        """Delete an evidence row with a reason, by the rule that lets one attach it (and, once it was
        accepted (认定), a coordinator only). The change log keeps every field it had; its file stays in
        the store, content-addressed, so what was filed can still be looked at."""
        row = uow.session.get(Evidence, eid, with_for_update=True)
        if row is None:
            raise UserError("err.svc.ev.none", id=eid)
        target = row.milestone_id if row.milestone_id is not None else row.task_id
        if target is None:  # evidence add always names one; only a row written outside tasktrack has neither
            raise UserError("err.svc.ev.orphan", id=eid)
        access = Access(self.ctx)
        access.require_evidence(uow, target, on_task=row.milestone_id is None)
        if row.accepted_by:
            access.require_coordinator(
                uow, Words("err.svc.thing.evidence_no", id=eid), verb="remove", why=Words("err.svc.why.accepted")
            )
        uow.removed(row, "evidence", EVIDENCE_FIELDS, row.file_name or row.doc_no or row.text, reason)

    def verify(self) -> builtins.list[VerifyResult]:
        """Recompute every stored file's SHA-256: ok, missing or corrupt."""
        return list(self.verify_rows())

    def verify_rows(self) -> Iterator[VerifyResult]:
        """verify()'s results one at a time, in id order, reading only the evidence that has a file and only
        its id, name and hash (a city's two million notes are never all in memory)."""
        store = self.ctx.evidence_dir()
        with reading(self.ctx) as conn:
            rows = conn.execute(
                select(Evidence.id, Evidence.file_name, Evidence.file_sha256)
                .where(Evidence.file_sha256.is_not(None), Evidence.file_sha256 != "")
                .order_by(Evidence.id)
                .execution_options(stream_results=True, yield_per=5_000)
            )
            for eid, name, sha in rows:
                yield VerifyResult(eid, name, sha, _state(store, sha))

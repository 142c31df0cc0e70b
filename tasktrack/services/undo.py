"""Undo: revert an actor's last command by appending compensating changes; the history is never deleted."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlmodel import Session, SQLModel

from tasktrack.errors import UserError, Words
from tasktrack.models import (
    Change,
    DutyReminderSent,
    Evidence,
    Indicator,
    IndicatorReading,
    Milestone,
    Plan,
    ProgressReport,
    ReminderSent,
    ReportIssue,
    Responsibility,
    Task,
    Unit,
)
from tasktrack.reasons import written
from tasktrack.services.access import Access
from tasktrack.services.base import (
    STATED_ENTITY,
    STATED_FIELD,
    Context,
    Named,
    UnitOfWork,
    account,
    account_column,
    actor_words,
    encode,
    entity_words,
    field_words,
    reading,
    unit_of_work,
)

MODELS: dict[str, Any] = {
    "plan": Plan,
    "task": Task,
    "milestone": Milestone,
    "unit": Unit,
    "indicator": Indicator,
    "reading": IndicatorReading,
    "evidence": Evidence,
    "progress": ProgressReport,
    "reminder": ReminderSent,
    "report": ReportIssue,
    "dutyreminder": DutyReminderSent,
}
ENTITY_OF_TABLE = {model.__tablename__: entity for entity, model in MODELS.items()}
# Tables whose rows are no entity of the change log: the log itself, and assignments (logged on the task).
NOT_ENTITIES = frozenset({Change.__tablename__, Responsibility.__tablename__})
ROLES = ("lead", "co")  # assignments: logged on the task, old/new = the unit's label
# Records of what happened outside the ledger (a reminder e-mailed, a circular issued): never undone.
RECORDS = frozenset({"reminder", "report", "dutyreminder"})
# Every undo's first row: entity "command", field "undone", new = the undone command_id. Undone commands
# are found by this row, never by parsing free-text reasons a person could also have typed.
MARK_ENTITY, MARK_FIELD = "command", "undone"
CHUNK = 500
Key = tuple[str, int]


def model_of(entity: str) -> Any | None:
    """The table behind a change-log entity: those above, else a table of that name (e.g. member)."""
    if entity in MODELS:
        return MODELS[entity]
    for mapper in inspect(Change).registry.mappers:  # SQLModel's registry, through SQLAlchemy's public API
        table = getattr(mapper.class_, "__tablename__", None)
        if table == entity and table not in NOT_ENTITIES:
            return mapper.class_
    return None


def _model(entity: str) -> Any:
    """model_of an entity the undo plan has already checked (`_plan` refuses one without a table)."""
    model = model_of(entity)
    assert model is not None, entity
    return model


def entity_of(table: str) -> str | None:
    """The change-log entity of a table's rows, if they have one of their own."""
    return ENTITY_OF_TABLE.get(table) or (table if model_of(table) is not None else None)


def decode(model: Any, field_name: str, text: str | None) -> Any:
    """The value `encode` stored as `text`, typed as `model`'s column `field_name` holds it."""
    if text is None:
        return None
    column = model.__table__.columns.get(field_name)
    if column is None:
        raise ValueError(f"{model.__name__} has no column {field_name!r}")
    try:
        kind = column.type.python_type
    except NotImplementedError:  # pragma: no cover - every column of the ledger has a Python type
        return text
    if kind is bool:
        if text not in ("true", "false"):
            raise ValueError(f"{text!r} is not a stored boolean")
        return text == "true"
    if kind is datetime:
        return datetime.fromisoformat(text)
    if kind is date:
        return date.fromisoformat(text)
    if kind is int or kind is float:
        return kind(text)
    return text


@dataclass(frozen=True)
class UndoneChange:
    """One row of the command to undo, as the change log has it."""

    entity: str
    entity_id: int
    label: str | None
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class UndoPreview:
    """The command `undo` would revert, and why it would refuse (None: it would not)."""

    command_id: str
    command: str
    actor: str
    at: datetime
    changes: tuple[UndoneChange, ...]
    refusal: Words | None = None  # why, in words (written in the reader's language where shown)


@dataclass(frozen=True)
class UndoResult:
    undone: UndoPreview
    command_id: str  # the undo's own command in the change log
    restored: int  # fields set back to their old values
    deleted: int  # rows the command had created
    reassigned: int  # responsibilities removed or put back


@dataclass
class _Command:
    id: str
    name: str
    actor: str
    at: datetime
    rows: list[Any]


@dataclass
class _Plan:
    restore: dict[Key, dict[str, str | None]]  # (entity, id) → field → the text to restore
    roles: list[tuple[str, int, int, str]]  # ("add" | "remove", task_id, unit_id, role), in order
    deletions: list[Key]  # rows the command created, newest first


class _Refused(UserError):
    """The command cannot be undone; preview() reports it, undo() raises it."""


class UndoService:
    """Undo the actor's last command by appending compensating changes.

    The last command is the actor's newest command that is neither an undo nor undone already, nor only a
    record of something done outside the ledger (a reminder sent, a circular issued). An undo is never
    itself undone: `undo` walks back through the actor's commands like an editor's undo stack, so two
    undos revert the last two commands. Were an undo undoable, the second `undo` would be a redo and no
    one could go back more than one step; to get back what an undo reverted, make the change again.

    It refuses, changing nothing, when anyone (the actor too) has built on the command since: changed a
    field it changed, changed or referred to a row it created. A command and the undo that reverted it
    cancel out, so they never block an older undo.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def preview(self) -> UndoPreview:
        """What undo() would revert, without changing anything; `refusal` says why it would refuse."""
        with reading(self.ctx) as conn, Session(bind=conn) as s:
            hidden = _hidden(s)
            cmd = self._last(s, hidden)
            try:
                self._plan(s, cmd, hidden)
            except _Refused as exc:
                return _preview(s, cmd, exc.words)
            return _preview(s, cmd, None)

    def undo(self) -> UndoResult:
        """Revert the last command in one new command, "undo"; refuses (changing nothing) as preview says."""
        with unit_of_work(self.ctx, "undo") as uow:
            s = uow.session
            cmd = self._last(s, _hidden(s))
            plan = self._plan(s, cmd, _hidden(s))
            # Rights first: PostgreSQL's row-level security hides from FOR UPDATE what one may not change.
            _authorize(uow, plan)
            # Then plan again on locked rows, which no other writer can change now (on SQLite: already so).
            _lock(s, plan)
            s.expire_all()
            hidden = _hidden(s)
            if cmd.id in hidden:
                raise UserError("err.svc2.undo_meanwhile", command=cmd.name)
            plan = self._plan(s, cmd, hidden)
            preview = _preview(s, cmd, None)
            restored, deleted, reassigned = _apply(uow, cmd, plan)
            return UndoResult(preview, uow.command_id, restored, deleted, reassigned)

    # -- which command ---------------------------------------------------------------------------------
    def _last(self, s: Session, hidden: set[str]) -> _Command:
        """The newest command of this account made under this name. The account (the OS account, or the
        login on PostgreSQL) is the identity: `--as` someone else's name finds none of their commands,
        only one's own made under that name."""
        me = account(s.connection(), self.ctx)
        for cid in self._commands(s, me):
            if cid in hidden:
                continue
            rows = [  # the day a command was stated for is a fact about it, nothing to revert
                r
                for r in s.execute(select(Change.__table__).where(Change.command_id == cid).order_by(Change.id))
                if (r.entity, r.field) != (STATED_ENTITY, STATED_FIELD)
            ]
            if not rows or all(r.entity in RECORDS for r in rows):
                continue
            return _Command(cid, rows[0].command or "", rows[0].actor, rows[0].at, rows)
        who = self.ctx.actor if self.ctx.actor == me else Words("who_as", actor=self.ctx.actor, account=me)
        raise UserError("err.svc2.undo_nothing", who=who)

    def _commands(self, s: Session, me: str) -> Iterator[str]:
        """This actor's commands, newest first (by their newest row): the actor's rows read backwards
        through the actor index a chunk at a time, so the search stops at the command it needs instead
        of grouping the whole change log by command."""
        seen: set[str] = set()
        below: int | None = None
        while True:
            query = select(Change.id, Change.command_id).where(
                Change.actor == self.ctx.actor, account_column() == me
            )
            if below is not None:
                query = query.where(Change.id < below)
            batch = s.execute(query.order_by(Change.id.desc()).limit(CHUNK)).all()
            for _, cid in batch:
                if cid not in seen:
                    seen.add(cid)
                    yield cid
            if len(batch) < CHUNK:
                return
            below = batch[-1][0]

    # -- what to do, or why not --------------------------------------------------------------------------
    def _plan(self, s: Session, cmd: _Command, hidden: set[str]) -> _Plan:
        created = [(r.entity, r.entity_id) for r in cmd.rows if r.field == "created"]
        born = set(created)
        restore: dict[Key, dict[str, str | None]] = {}
        written: dict[tuple[str, int, str], str | None] = {}  # what the command wrote last, per field
        roles = []
        for r in cmd.rows:
            if model_of(r.entity) is None:
                raise self._refused(cmd, Words("err.svc2.undo_unknown", entity=r.entity, id=r.entity_id))
            if r.field == "created":
                continue
            if r.field == "removed":
                raise self._refused(
                    cmd, Words("err.svc2.undo_removed", entity=entity_words(r.entity), id=r.entity_id)
                )
            if r.entity == "task" and r.field in ROLES:
                roles.append(r)
            elif (r.entity, r.entity_id) not in born and not _is_remark(r):
                restore.setdefault((r.entity, r.entity_id), {}).setdefault(r.field, r.old)
                written[(r.entity, r.entity_id, r.field)] = r.new
        self._check_later(s, cmd, hidden, born, written, roles)
        self._check_current(s, cmd, written)
        ops, touched, final = self._role_ops(s, cmd, roles)
        self._check_references(s, cmd, born, restore, touched, final)
        return _Plan(restore, ops, list(reversed(created)))

    def _check_later(
        self,
        s: Session,
        cmd: _Command,
        hidden: set[str],
        born: set[Key],
        written: dict[tuple[str, int, str], str | None],
        roles: list[Any],
    ) -> None:
        """Refuse if a later command that still stands touched what this one changed or created."""
        labels: dict[int, set[str]] = {}
        leads = {r.entity_id for r in roles if r.field == "lead"}
        for r in roles:
            labels.setdefault(r.entity_id, set()).update(v for v in (r.old, r.new) if v is not None)
        later = s.execute(
            select(Change.__table__)
            .where(
                Change.id > cmd.rows[0].id,
                Change.command_id != cmd.id,
                Change.entity.in_(sorted({r.entity for r in cmd.rows})),
            )
            .order_by(Change.id)
        )
        for r in later:
            if r.command_id in hidden:
                continue
            key = (r.entity, r.entity_id)
            if key in born:
                clash = True
            elif r.entity == "task" and r.field in ROLES and r.entity_id in labels:
                clash = r.field == "lead" and r.entity_id in leads
                clash = clash or bool({r.old, r.new} & labels[r.entity_id])
            else:
                clash = (*key, r.field) in written and not _is_remark(r)
            if clash:
                what = Words(
                    "err.svc2.undo_changed",
                    entity=entity_words(r.entity),
                    label=_label(s, r.entity, r.entity_id),
                    field=field_words(r.field),
                )
                raise self._refused(cmd, what, r.actor, r.at)

    def _check_current(
        self, s: Session, cmd: _Command, written: dict[tuple[str, int, str], str | None]
    ) -> None:
        """Each field must still hold what the command wrote: the history and the database agree."""
        for (entity, eid, name), text in written.items():
            model = _model(entity)
            row = s.get(model, eid)
            if row is None:
                raise self._refused(cmd, Words("err.svc2.undo_gone", entity=entity_words(entity), id=eid))
            if name not in model.__table__.columns:
                raise self._refused(cmd, Words("err.svc2.undo_no_field", entity=entity_words(entity), field=name))
            if not _same(getattr(row, name), decode(model, name, text)):
                now = encode(getattr(row, name))
                raise self._refused(
                    cmd,
                    Words(
                        "err.svc2.undo_differs",
                        entity=entity_words(entity),
                        label=_label(s, entity, eid),
                        field=field_words(name),
                        now=repr(now),
                        logged=repr(text),
                    ),
                )

    def _role_ops(self, s: Session, cmd: _Command, roles: list[Any]) -> tuple[list[Any], set[int], set[Any]]:
        """Replay the command's assignments backwards on the current ones: the steps, and the outcome."""
        touched = {r.entity_id for r in roles}
        state = {
            (x.task_id, x.unit_id): x.role
            for x in s.execute(select(Responsibility.__table__).where(Responsibility.task_id.in_(touched)))
        }
        ops: list[Any] = []
        units: dict[str, int] = {}
        for r in reversed(roles):
            label = r.new if r.new is not None else r.old
            uid = units[label] if label in units else units.setdefault(label, self._unit_of(s, cmd, label))
            key = (r.entity_id, uid)
            if r.new is not None:  # the command assigned the unit: take it off again
                if state.get(key) != r.field:
                    task = _label(s, "task", r.entity_id)
                    raise self._refused(cmd, Words("err.svc2.undo_no_longer", unit=label, role=_role(r.field), task=task))
                del state[key]
                ops.append(("remove", r.entity_id, uid, r.field))
            else:  # the command took the unit off: put it back
                lead_taken = r.field == "lead" and any(
                    t == r.entity_id and role == "lead" for (t, _), role in state.items()
                )
                if key in state or lead_taken:
                    task = _label(s, "task", r.entity_id)
                    raise self._refused(
                        cmd, Words("err.svc2.undo_other_role", task=task, role=_role(r.field), unit=label)
                    )
                state[key] = r.field
                ops.append(("add", r.entity_id, uid, r.field))
        return ops, touched, set(state)

    def _unit_of(self, s: Session, cmd: _Command, label: str) -> int:
        """The unit a change-log label names: its short name, else its full name."""
        for column in (Unit.short_name, Unit.name):
            uid = s.execute(select(Unit.id).where(column == label)).scalar()
            if uid is not None:
                return int(uid)
        raise self._refused(cmd, Words("err.svc2.undo_no_unit", unit=repr(label)))

    def _check_references(
        self,
        s: Session,
        cmd: _Command,
        born: set[Key],
        restore: dict[Key, dict[str, str | None]],
        touched: set[int],
        final: set[Any],
    ) -> None:
        """Rows the command created may go only if nothing that stays refers to them."""
        doomed: dict[str, set[int]] = {}
        entity: str | None  # a created row's entity, then that of a row referring to one (None: it has none)
        for entity, eid in born:
            doomed.setdefault(_model(entity).__tablename__, set()).add(eid)
        for table in SQLModel.metadata.sorted_tables:
            for fk in table.foreign_keys:
                target = fk.column.table.name
                if target not in doomed:
                    continue
                for chunk in _chunks(sorted(doomed[target])):
                    for row in s.execute(select(table).where(fk.parent.in_(chunk))):
                        ref = getattr(row, fk.parent.name)
                        entity = entity_of(table.name)
                        if entity is not None and row.id in doomed.get(table.name, ()):
                            continue  # created by the command too: deleted first
                        if table.name == Responsibility.__tablename__:
                            if row.task_id in touched and (row.task_id, row.unit_id) not in final:
                                continue  # assigned by the command: taken off first
                            raise self._assigned_since(s, cmd, row)
                        restoring = restore.get((entity, row.id), {}) if entity else {}
                        if entity and fk.parent.name in restoring:  # (only a row with an entity is restored)
                            old = decode(model_of(entity), fk.parent.name, restoring[fk.parent.name])
                            if old != ref:
                                continue  # pointed elsewhere again before the delete
                        who, at = _origin(s, entity or table.name, row.id)
                        target_entity = entity_of(target) or target
                        what = Words(
                            "err.svc2.undo_added",
                            entity=entity_words(entity or table.name),
                            label=_label(s, entity or "", row.id),
                            target=entity_words(target_entity),
                            target_label=_label(s, target_entity, ref),
                        )
                        raise self._refused(cmd, what, who, at)

    def _assigned_since(self, s: Session, cmd: _Command, row: Any) -> _Refused:
        unit = s.get(Unit, row.unit_id)
        label = (unit.short_name or unit.name) if unit else str(row.unit_id)
        found = s.execute(
            select(Change.actor, Change.at)
            .where(
                Change.entity == "task",
                Change.entity_id == row.task_id,
                Change.field.in_(ROLES),
                Change.new == label,
            )
            .order_by(Change.id.desc())
            .limit(1)
        ).first()
        who, at = (found.actor, found.at) if found else (None, None)
        what = Words("err.svc2.undo_assigned", unit=label, task=_label(s, "task", row.task_id))
        return self._refused(cmd, what, who, at)

    def _refused(
        self, cmd: _Command, what: Words, who: str | None = None, at: datetime | None = None
    ) -> _Refused:
        if who is None and at is None:
            return _Refused("err.svc2.undo_refused", command=cmd.name, at=_when(cmd.at), what=what)
        stamp = _when(at, cmd.at) if at is not None else Words("tui.unknown_time")
        return _Refused(
            "err.svc2.undo_refused_since" if who != self.ctx.actor else "err.svc2.undo_refused_mine",
            command=cmd.name,
            at=_when(cmd.at),
            who=actor_words(who),
            what=what,
            when=stamp,
        )


# -- doing it ------------------------------------------------------------------------------------------------
def _apply(uow: UnitOfWork, cmd: _Command, plan: _Plan) -> tuple[int, int, int]:
    s = uow.session
    reason = written("why.undo", id=cmd.id, name=cmd.name)
    uow.log(MARK_ENTITY, cmd.rows[0].id, MARK_FIELD, None, cmd.id, reason)
    restored = 0
    for (entity, eid), values in plan.restore.items():
        model = _model(entity)
        typed = {name: decode(model, name, text) for name, text in values.items()}
        restored += len(uow.update(s.get(model, eid), entity, typed, reason))
    bumped: set[int] = set()
    for op, tid, uid, role in plan.roles:
        unit = s.get(Unit, uid)
        assert unit is not None
        label = unit.short_name or unit.name
        if op == "remove":
            row = s.execute(
                select(Responsibility).where(Responsibility.task_id == tid, Responsibility.unit_id == uid)
            ).scalar_one()
            s.delete(row)
            uow.log("task", tid, role, label, None, reason)
        else:
            s.add(Responsibility(task_id=tid, unit_id=uid, role=role, is_demo=unit.is_demo))
            uow.log("task", tid, role, None, label, reason)
        s.flush()
        bumped.add(tid)
    for tid in bumped - {eid for entity, eid in plan.deletions if entity == "task"}:
        task = s.get(Task, tid)
        assert task is not None
        task.version += 1  # a stale dialog on the task is refused, as after an assignment
        s.add(task)
    for entity, eid in plan.deletions:
        row = s.get_one(_model(entity), eid)
        values = {c.name: encode(getattr(row, c.name)) for c in row.__table__.columns}
        uow.log(entity, eid, "deleted", json.dumps(values, ensure_ascii=False), None, reason)
        s.delete(row)
        s.flush()  # one by one: rows of one table refer to each other (parent tasks) in creation order
    return restored, len(plan.deletions), len(plan.roles)


def _lock(s: Session, plan: _Plan) -> None:
    """SELECT ... FOR UPDATE the rows the undo changes or deletes, and the tasks whose owners it changes."""
    wanted: dict[str, set[int]] = {}
    for entity, eid in [*plan.restore, *plan.deletions]:
        wanted.setdefault(entity, set()).add(eid)
    wanted.setdefault("task", set()).update(tid for _, tid, _, _ in plan.roles)
    for entity, ids in wanted.items():
        model = _model(entity)
        for chunk in _chunks(sorted(ids)):
            s.execute(select(model.id).where(model.id.in_(chunk)).with_for_update()).all()


def _authorize(uow: UnitOfWork, plan: _Plan) -> None:
    """An undo needs the rights the undone command needed, for the acting account as it stands now."""
    access = Access(uow.ctx)
    if access.standing(uow).may_change_everything:
        return
    s = uow.session
    for entity, eid in [*plan.restore, *plan.deletions]:
        row = s.get_one(_model(entity), eid)
        if entity == "milestone":
            closing = plan.restore.get((entity, eid), {}).get("status") == "closed"
            access.require_milestone(uow, eid, closing=closing)
        elif entity == "task":
            created = (entity, eid) in plan.deletions
            access.require_task(
                uow, row.parent_id if created else eid, None if created else f"task {row.code}"
            )
        elif entity == "evidence":
            on_task = row.task_id is not None
            access.require_evidence(uow, row.task_id if on_task else row.milestone_id, on_task=on_task)
        elif entity == "progress":
            access.require_task(uow, row.task_id)
        else:
            what = Words("err.svc2.undo_thing", entity=entity_words(entity), label=_label(s, entity, eid))
            access.require_coordinator(uow, what)
    if plan.roles:
        access.require_coordinator(uow, "assignments (分工)")


# -- helpers ---------------------------------------------------------------------------------------------
def _hidden(s: Session) -> set[str]:
    """Undo commands and the commands they undid: together they changed nothing."""
    out: set[str] = set()
    marks = s.execute(
        select(Change.command_id, Change.new).where(Change.entity == MARK_ENTITY, Change.field == MARK_FIELD)
    )
    for cid, undone in marks:
        out.add(cid)
        if undone:
            out.add(undone)
    return out


def _is_remark(r: Any) -> bool:
    """A note recorded in the history only (status set with a note, the TUI's keep-note): no column changed."""
    return bool(r.field == "remark")


def _same(current: Any, stored: Any) -> bool:
    return encode(_utc(current)) == encode(_utc(stored))


def _utc(value: Any) -> Any:
    """SQLite hands back stored UTC times without their zone."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    return value


def _when(at: datetime | None, since: datetime | None = None) -> str:
    """Local time to the minute; only the time when it is the same day as `since`."""
    if at is None:
        return "an unknown time"
    local: datetime = _utc(at).astimezone()
    if since is not None and _utc(since).astimezone().date() == local.date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


LABEL_COLUMNS: dict[str, Any] = {
    "plan": Plan.key,
    "task": Task.code,
    "milestone": Milestone.code,
    "indicator": Indicator.code,
    "unit": Unit.name,
}


def _labels(s: Session, keys: Iterable[Key]) -> dict[Key, str]:
    wanted: dict[str, set[int]] = {}
    for entity, eid in keys:
        wanted.setdefault(entity, set()).add(eid)
    out: dict[Key, str] = {}
    for entity, ids in wanted.items():
        model = MODELS.get(entity)
        if entity not in LABEL_COLUMNS or model is None:
            continue
        extra = [Unit.short_name] if entity == "unit" else []
        for chunk in _chunks(sorted(ids)):
            for row in s.execute(select(model.id, LABEL_COLUMNS[entity], *extra).where(model.id.in_(chunk))):
                out[(entity, row[0])] = (row[2] if extra and row[2] else None) or row[1]
    return out


def _label(s: Session, entity: str, eid: int) -> str:
    return _labels(s, [(entity, eid)]).get((entity, eid), str(eid))


def _origin(s: Session, entity: str, eid: int) -> tuple[str | None, datetime | None]:
    """Who created a row, and when, by its 'created' change."""
    found = s.execute(
        select(Change.actor, Change.at)
        .where(Change.entity == entity, Change.entity_id == eid, Change.field == "created")
        .order_by(Change.id.desc())
        .limit(1)
    ).first()
    return (found.actor, found.at) if found else (None, None)


def _role(field: str) -> Named:
    """A role as an undo refusal names it: lead / co in English, 牵头单位 / 配合单位 in Chinese."""
    return Named(f"hist.field.{field}", field)


def _preview(s: Session, cmd: _Command, refusal: Words | None) -> UndoPreview:
    labels = _labels(s, {(r.entity, r.entity_id) for r in cmd.rows})
    changes = tuple(
        UndoneChange(r.entity, r.entity_id, labels.get((r.entity, r.entity_id)), r.field, r.old, r.new)
        for r in cmd.rows
    )
    return UndoPreview(cmd.id, cmd.name, cmd.actor, _utc(cmd.at), changes, refusal)

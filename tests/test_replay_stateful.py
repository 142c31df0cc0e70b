"""The change log tells the whole story: random sequences of edits, checked against an in-memory model, and the
milestones rebuilt from the log alone (services.replay) equal the table after every step."""

from __future__ import annotations

import atexit
import shutil
import sqlite3
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import func, select

from tasktrack.config import Settings
from tasktrack.domain.kinds import Status
from tasktrack.errors import Conflict, UserError
from tasktrack.models import Change, Evidence, Milestone, Responsibility, Unit
from tasktrack.services import replay
from tasktrack.services.base import Context, encode
from tasktrack.services.ledger import Ledger, open_ledger
from tasktrack.services.loading import bundled_seed_dir
from tasktrack.store.engine import make_engine, normalize_url

TODAY = date(2022, 1, 10)
_template: Path | None = None


def seeded_copy(directory: Path) -> Path:
    """A fresh copy of the bundled plans plus the demo layer (built once per run: loading takes a while)."""
    global _template
    if _template is None:
        path = Path(tempfile.mkdtemp(prefix="replay-template-")) / "seed.db"
        atexit.register(shutil.rmtree, path.parent, True)
        ledger = open_ledger(str(path), actor="seed", clock=lambda: TODAY, settings=Settings())
        for f in ("kaizhou.yaml", "demo.yaml"):
            ledger.loader.load(bundled_seed_dir() / f)
        ledger.close()
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        _template = path
    target = directory / "ledger.db"
    shutil.copy(_template, target)
    return target


def open_copy(directory: Path) -> Ledger:
    """A Ledger on a fresh copy; the copy is of a current database, so no migration check is needed."""
    url = normalize_url(str(seeded_copy(directory)))
    ctx = Context(make_engine(url), actor="tester", clock=lambda: TODAY, files_dir=directory / "files")
    return Ledger(ctx)


def change_count(ledger: Ledger) -> int:
    with ledger.ctx.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Change)).scalar_one())


# Values the strategies stay within, so that the machine checks the rules rather than re-finding the known
# gap pinned by an xfail test at the end of this file (a target of 0 is not logged at creation).
values = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(float),
    st.decimals(min_value=0, max_value=99_999, places=2, allow_nan=False).map(float),
)
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12).filter(
    lambda s: s.strip() and "\x00" not in s
)


class ReplayMachine(RuleBasedStateMachine):
    """Milestones as a dict of encoded fields (as services.replay encodes them), owners as a dict of labels."""

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="replay-"))
        self.ledger = open_copy(self.dir)
        versions = self._versions()
        self.model: dict[int, dict[str, Any]] = {
            mid: {**fields, "version": versions[mid]}
            for mid, fields in replay.current(self.ledger.ctx).items()
        }
        self.evidence = self._evidence()
        self.leads = self._leads()
        self.units = sorted({u.short_name or u.name for u in self.ledger.units.list()})
        self.tasks = [t.id for t in self.ledger.tasks.list("kaizhou-7p")]
        self.serial = 0
        self.replayed, self.last_change = replay.replay(self.ledger.ctx)

    def teardown(self) -> None:
        try:  # the whole log, folded from the start, once per run (each step folds only its own rows)
            assert replay.differences(self.ledger.ctx) == []
        finally:
            self.ledger.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    # -- reading the database back -------------------------------------------------------------------------
    def _versions(self) -> dict[int, int]:
        with self.ledger.ctx.engine.connect() as conn:
            return dict(conn.execute(select(Milestone.id, Milestone.version)).all())  # type: ignore[arg-type]

    def _evidence(self) -> dict[int, list[bool]]:
        out: dict[int, list[bool]] = {}
        with self.ledger.ctx.engine.connect() as conn:
            for e in conn.execute(select(Evidence).order_by(Evidence.id)):
                if e.milestone_id is not None:
                    out.setdefault(e.milestone_id, []).append(e.accepted_by is not None)
        return out

    def _leads(self) -> dict[int, str]:
        """Each task's own lead unit (not inherited), by label."""
        with self.ledger.ctx.engine.connect() as conn:
            rows = conn.execute(
                select(Responsibility.task_id, Unit.short_name, Unit.name)
                .join(Unit, Unit.id == Responsibility.unit_id)
                .where(Responsibility.role == "lead")
            )
            return {r.task_id: r.short_name or r.name for r in rows}

    def _unchanged(self, call: Any, error: type[Exception]) -> None:
        """`call` must be refused with `error` and leave no trace in the change log."""
        before = change_count(self.ledger)
        with pytest.raises(error):
            call()
        assert change_count(self.ledger) == before

    def _set(self, mid: int, **values: Any) -> None:
        """The model's side of a change: new encoded values, and one version more if any really changed."""
        m = self.model[mid]
        new = {k: encode(v) for k, v in values.items()}
        if any(m[k] != v for k, v in new.items()):
            m.update(new)
            m["version"] += 1

    def _pick(self, data: st.DataObject) -> int:
        return data.draw(st.sampled_from(sorted(self.model)), label="milestone")

    # -- rules ------------------------------------------------------------------------------------------------
    @rule(data=st.data(), metric=texts, year=st.integers(2021, 2025), goal=st.none() | values.filter(bool))
    def create(self, data: st.DataObject, metric: str, year: int, goal: float | None) -> None:
        task = data.draw(st.sampled_from(self.tasks), label="task")
        self.serial += 1
        code = f"H-{self.serial}"
        if data.draw(st.booleans(), label="clash"):  # a code the plan already uses: refused
            self._unchanged(lambda: self.ledger.milestones.add(task, "1-M1", metric, year), UserError)
            return
        mid = self.ledger.milestones.add(task, code, metric, year, target=goal)
        fields = {**replay.initial(), "code": code, "task_id": str(task), "metric": metric.strip()}
        fields.update(year=str(year), due=f"{year}-12-31", target=encode(goal), version=1)
        self.model[mid] = fields

    @rule(data=st.data(), status=st.sampled_from(list(Status)))
    def set_status(self, data: st.DataObject, status: Status) -> None:
        mid = self._pick(data)
        m = self.model[mid]
        if status is Status.CLOSED and not self.evidence.get(mid):
            self._unchanged(lambda: self.ledger.milestones.set_status(mid, status.value), UserError)
            return
        # A note only with a real change of status: a note alone is logged as a change of the note field
        # (see test_a_status_note_alone_is_not_logged_as_a_note_change).
        note = "核实" if m["status"] != status.value else None
        self.ledger.milestones.set_status(mid, status.value, note=note)
        done = (m["completed_on"] or TODAY.isoformat()) if status.is_achieved else None
        self._set(mid, status=status.value, completed_on=done)
        if status is Status.CLOSED:
            self.evidence[mid] = [True] * len(self.evidence[mid])

    @rule(data=st.data(), value=st.none() | values)
    def record_value(self, data: st.DataObject, value: float | None) -> None:
        mid = self._pick(data)
        m = self.model[mid]
        if m["kind"] == "event" and value is not None:
            self._unchanged(lambda: self.ledger.milestones.record_actual(mid, value), UserError)
            return
        self.ledger.milestones.record_actual(mid, value)
        started = value is not None and m["status"] == Status.NOT_STARTED.value
        self._set(mid, actual=value, **({"status": Status.IN_PROGRESS.value} if started else {}))

    @rule(data=st.data(), text=texts)
    def add_evidence(self, data: st.DataObject, text: str) -> None:
        mid = self._pick(data)
        self.ledger.evidence.add(mid, text=text)
        self.evidence.setdefault(mid, []).append(False)

    @rule(data=st.data(), how=st.sampled_from(["edit", "status", "value"]))
    def stale_edit(self, data: st.DataObject, how: str) -> None:
        mid = self._pick(data)
        old = self.model[mid]["version"] - data.draw(st.integers(1, 3), label="behind")
        calls = {
            "edit": lambda: self.ledger.milestones.edit(mid, {"note": "过期的修改"}, expected_version=old),
            "status": lambda: self.ledger.milestones.set_status(mid, "blocked", expected_version=old),
            "value": lambda: self.ledger.milestones.record_actual(mid, 1, expected_version=old),
        }
        self._unchanged(calls[how], Conflict)

    @precondition(lambda self: self.units)
    @rule(data=st.data())
    def assign_lead(self, data: st.DataObject) -> None:
        task = data.draw(st.sampled_from(self.tasks), label="task")
        unit = data.draw(st.sampled_from(self.units), label="unit")
        self.ledger.tasks.assign(task, lead=unit)
        self.leads[task] = unit

    # -- what must hold after every step ---------------------------------------------------------------------
    @invariant()
    def database_equals_model(self) -> None:
        table, versions = replay.current(self.ledger.ctx), self._versions()
        assert {mid: {**f, "version": versions[mid]} for mid, f in table.items()} == self.model
        assert self._evidence() == self.evidence
        assert self._leads() == self.leads

    @invariant()
    def replaying_the_log_rebuilds_the_milestones(self) -> None:
        self.replayed, self.last_change = replay.replay(self.ledger.ctx, self.replayed, self.last_change)
        assert self.replayed == replay.current(self.ledger.ctx)


ReplayMachine.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_replaying_the_change_log_rebuilds_the_milestones = ReplayMachine.TestCase


# ---- the replay itself --------------------------------------------------------------------------------------


def test_fold_starts_from_created_rows_and_ignores_the_rest() -> None:
    from types import SimpleNamespace as Row

    rows = [
        Row(entity="milestone", entity_id=9, field="status", new="done"),  # before its creation: ignored
        Row(entity="milestone", entity_id=1, field="created", new="1-M1"),
        Row(entity="milestone", entity_id=1, field="actual", new="56"),
        Row(entity="task", entity_id=1, field="lead", new="区科技局"),
        Row(entity="milestone", entity_id=1, field="version", new="7"),  # not a replayed field
        Row(entity="milestone", entity_id=1, field="actual", new=None),
    ]
    state = replay.fold(rows)
    assert list(state) == [1]
    assert state[1] == {**replay.initial(), "code": "1-M1", "actual": None}


def test_a_change_made_behind_the_logs_back_is_found(tmp_path: Path) -> None:
    ledger = open_copy(tmp_path)
    try:
        assert replay.differences(ledger.ctx) == []
        with ledger.ctx.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE milestone SET actual = 99 WHERE code = '1-M2'")
        (line,) = replay.differences(ledger.ctx)
        assert "(1-M2) actual: the log says '11', the table holds '99'" in line
    finally:
        ledger.close()


def test_large_values_are_recorded_exactly(copy: Ledger) -> None:
    """encode() once wrote 1234568.0 as '1.23457e+06', so update() saw no change and dropped the value."""
    copy.milestones.record_actual("kaizhou-7p:6-M1", 1234567)
    copy.milestones.record_actual("kaizhou-7p:6-M1", 1234568)
    assert copy.milestones.get("kaizhou-7p:6-M1").actual == 1234568


# ---- known gaps in the change log, pinned (strict: each starts failing the day it is fixed) ----------------


@pytest.fixture
def copy(tmp_path: Path) -> Ledger:
    ledger = open_copy(tmp_path)
    yield ledger
    ledger.close()


def test_a_target_of_zero_is_logged_at_creation(copy: Ledger) -> None:
    copy.milestones.add("kaizhou-7p:1-3", "Z-1", "安全生产事故", 2021, target=0, comparison="<=")
    assert replay.differences(copy.ctx) == []


def test_every_field_set_at_creation_is_logged(copy: Ledger) -> None:
    copy.milestones.add(
        "kaizhou-7p:1-3", "Z-2", "目标", 2023, due="力争2023年6月底前", baseline_year=2020, note="备注"
    )
    assert replay.differences(copy.ctx) == []


def test_a_status_note_alone_is_not_logged_as_a_note_change(copy: Ledger) -> None:
    copy.milestones.set_status("kaizhou-7p:1-M2", "in_progress", note="已电话催办")
    assert replay.differences(copy.ctx) == []

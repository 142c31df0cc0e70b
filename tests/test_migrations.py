"""The schema comes only from migrations: blank → head, nothing left to autogenerate, downgrade keeps data."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text
from sqlmodel import SQLModel

import tasktrack.models as m
from tasktrack.services.loading import bundled_seed_dir
from tasktrack.store.engine import make_engine, normalize_url
from tasktrack.store.schema import HEAD, alembic_config, current_revision, downgrade, upgrade
from tests.conftest import db_is_blank, make_blank, make_ledger

TABLES = (m.Plan, m.Unit, m.Task, m.Responsibility, m.Milestone, m.Indicator, m.IndicatorReading, m.Evidence,
          m.ProgressReport, m.Change)


def counts(engine) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return {t.__tablename__: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in TABLES}


def test_head_constant_matches_the_migration_scripts(tmp_path: Path) -> None:
    engine = make_engine(normalize_url(str(tmp_path / "x.db")))
    assert ScriptDirectory.from_config(alembic_config(engine)).get_current_head() == HEAD


def test_blank_database_is_migrated_to_head_on_first_use(db_path: Path) -> None:
    make_blank(db_path)  # no file yet on SQLite; on PostgreSQL an empty database, as an admin creates one
    assert db_is_blank(db_path)
    ledger = make_ledger(db_path)
    assert current_revision(ledger.ctx.engine) == HEAD
    assert ledger.plans.list() == []


def test_autogenerate_finds_nothing_to_do_at_head(db_path: Path) -> None:
    engine = make_ledger(db_path).ctx.engine
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diff == []


def test_downgrade_then_upgrade_keeps_every_row(db_path: Path) -> None:
    ledger = make_ledger(db_path)
    ledger.loader.load(bundled_seed_dir() / "kaizhou.yaml")
    ledger.loader.load(bundled_seed_dir() / "demo.yaml")
    engine = ledger.ctx.engine
    before = counts(engine)
    assert before["milestone"] == 29 and before["change"] > 0
    downgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    upgrade(engine)
    assert current_revision(engine) == HEAD
    assert counts(engine) == before
    milestone = ledger.milestones.get("kaizhou-7p:2-M1")
    assert milestone.status == "done" and milestone.quote == "2021年成功创建市级高新区"


def test_change_log_refuses_update_and_delete_after_migration(ledger) -> None:  # type: ignore[no-untyped-def]
    engine = ledger.ctx.engine
    for statement in ("UPDATE change SET actor = 'someone else'", "DELETE FROM change"):
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    assert counts(engine)["change"] > 0


def test_newer_database_than_the_code_is_refused(db_path: Path) -> None:
    from tasktrack.errors import UserError
    from tasktrack.store.schema import ensure_current

    engine = make_ledger(db_path).ctx.engine
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(UserError, match="newer than this tasktrack"):
        ensure_current(engine)

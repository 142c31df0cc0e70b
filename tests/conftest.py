"""Shared fixtures: a seeded ledger on a fixed date, and the CLI run in-process like a user would."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tasktrack.config import Settings
from tasktrack.services.ledger import Ledger, open_ledger
from tasktrack.services.loading import bundled_seed_dir

AS_OF = date(2022, 1, 10)

# The whole suite runs on SQLite, and again on PostgreSQL when TASKTRACK_TEST_PG names a server
# (an admin URL such as postgresql+psycopg://postgres@127.0.0.1:55432/postgres; see .ci/start-postgres).
PG_ADMIN_URL = os.environ.get("TASKTRACK_TEST_PG")
BACKEND = "postgresql" if PG_ADMIN_URL else "sqlite"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about SQLite files themselves; skipped on PostgreSQL")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if BACKEND == "postgresql":
        skip = pytest.mark.skip(reason="about the SQLite file itself (this run is on PostgreSQL)")
        for item in items:
            if "sqlite_only" in item.keywords:
                item.add_marker(skip)


def pytest_report_header(config: pytest.Config) -> str:
    return f"tasktrack test backend: {BACKEND}"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's own settings or database."""
    monkeypatch.setenv("TASKTRACK_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("TASKTRACK_DB", raising=False)
    monkeypatch.delenv("TASKTRACK_FILES", raising=False)
    if BACKEND == "postgresql":  # no file beside the database to keep evidence in
        monkeypatch.setenv("TASKTRACK_FILES", str(tmp_path / "evidence-files"))
    monkeypatch.setenv("LANG", "C.UTF-8")


# -- where each test's database lives ------------------------------------------------------------------------

_pg_admin_engine = None


def _pg_admin():  # type: ignore[no-untyped-def]
    """One AUTOCOMMIT engine on the server's admin database, for CREATE/DROP DATABASE."""
    global _pg_admin_engine
    if _pg_admin_engine is None:
        from sqlalchemy import create_engine

        _pg_admin_engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    return _pg_admin_engine


def _pg_exec(*statements: str) -> None:
    from sqlalchemy import text

    with _pg_admin().connect() as conn:
        for statement in statements:
            conn.execute(text(statement))


def _pg_url(database: str) -> str:
    from sqlalchemy.engine import make_url

    assert PG_ADMIN_URL is not None
    return make_url(PG_ADMIN_URL).set(database=database).render_as_string(hide_password=False)


def _pg_name(db: Path | str) -> str:
    """The database name inside a PostgreSQL URL that db_path gave."""
    from sqlalchemy.engine import make_url

    name = make_url(str(db)).database
    assert name, db
    return name


_pg_counter = iter(range(10**9))


def _pg_new_name(kind: str) -> str:
    # The pid keeps runs of several engineers (or CI jobs) on one server apart.
    return f"tt_{kind}_{os.getpid()}_{next(_pg_counter)}"


@pytest.fixture(scope="session")
def _pg_template() -> Iterator[str | None]:
    """A PostgreSQL database migrated to head once per run; each test gets a copy of it."""
    if BACKEND != "postgresql":
        yield None
        return
    from tasktrack.store.engine import make_engine
    from tasktrack.store.schema import upgrade

    name = f"tt_template_{os.getpid()}"
    _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    engine = make_engine(_pg_url(name))
    upgrade(engine)
    engine.dispose()
    yield name
    _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _pg_admin().dispose()


@pytest.fixture
def db_path(tmp_path: Path, _pg_template: str | None) -> Iterator[Path | str]:
    """Where the test's database lives: a file path on SQLite (not created yet), a fresh database's URL
    on PostgreSQL (created from the migrated template: the same as a file on its first use)."""
    if _pg_template is None:
        yield tmp_path / "ledger.db"
        return
    name = _pg_new_name("test")
    _pg_exec(f'CREATE DATABASE "{name}" TEMPLATE "{_pg_template}"')
    yield _pg_url(name)
    _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- seeded templates, cloned into db_path, and reading a database on either backend -----------------------


@dataclass(frozen=True)
class Template:
    """A database seeded once per run: a checkpointed SQLite file, or a PostgreSQL template database."""

    seeds: tuple[str, ...]
    location: str  # the file's path, or the template database's name


SeedTemplate = Callable[..., Template]


@pytest.fixture(scope="session")
def seed_template(
    tmp_path_factory: pytest.TempPathFactory, _pg_template: str | None
) -> Iterator[SeedTemplate]:
    """seed_template("kaizhou.yaml", "demo.yaml"): the bundled seed files loaded in order (as 'tester',
    on AS_OF), made once per run for each combination; put a copy at db_path with clone_into()."""
    made: dict[tuple[str, ...], Template] = {}

    def make(*seeds: str) -> Template:
        if seeds in made:
            return made[seeds]
        if _pg_template is None:
            location = str(tmp_path_factory.mktemp("seeded") / "template.db")
        else:
            location = _pg_new_name("seeded")
            _pg_exec(f'CREATE DATABASE "{location}" TEMPLATE "{_pg_template}"')
        db = location if _pg_template is None else _pg_url(location)
        ledger = open_ledger(db, actor="tester", clock=lambda: AS_OF, settings=Settings())
        try:
            for seed in seeds:
                ledger.loader.load(bundled_seed_dir() / seed)
            if _pg_template is None:  # fold the WAL into the file, so that copying the file copies it all
                with ledger.ctx.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            ledger.close()  # no connection may stay open on a template database
        made[seeds] = Template(seeds, location)
        return made[seeds]

    yield make
    if _pg_template is not None:
        for template in made.values():
            _pg_exec(f'DROP DATABASE IF EXISTS "{template.location}" WITH (FORCE)')


def clone_into(template: Template, db: Path | str) -> Path | str:
    """Make the database at db (db_path) a copy of the template; returns db."""
    if BACKEND == "sqlite":
        path = Path(db)
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        shutil.copyfile(template.location, path)
    else:
        name = _pg_name(db)
        _pg_exec(
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            f'CREATE DATABASE "{name}" TEMPLATE "{template.location}"',
        )
    return db


def make_blank(db: Path | str) -> Path | str:
    """Make the database at db (db_path) one that was never used: no file on SQLite, an empty database
    (no tables at all, not even Alembic's) on PostgreSQL; returns db."""
    if BACKEND == "sqlite":
        path = Path(db)
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    else:
        name = _pg_name(db)
        _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    return db


def db_is_blank(db: Path | str) -> bool:
    """True while nothing has opened the database made by make_blank(): still no file on SQLite (even
    connecting creates one), still no table on PostgreSQL (opening a ledger migrates it)."""
    if BACKEND == "sqlite":
        return not Path(db).exists()
    from sqlalchemy import inspect

    engine = _reader(db)
    try:
        with engine.connect() as conn:
            return not inspect(conn).get_table_names()
    finally:
        engine.dispose()


def evidence_store(db: Path | str) -> Path:
    """Where evidence files go for the database at db: TASKTRACK_FILES when set (always on PostgreSQL),
    else the default <database>.files directory beside the SQLite file."""
    files = os.environ.get("TASKTRACK_FILES")
    if files:
        return Path(files)
    path = Path(db)
    return path.with_name(path.name + ".files")


def _reader(db: Path | str):  # type: ignore[no-untyped-def]
    """An engine on db that holds no connection once a `with` block ends (NullPool)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from tasktrack.store.engine import normalize_url

    return create_engine(normalize_url(str(db)), poolclass=NullPool)


def db_rows(db: Path | str, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """The rows of one SQL statement run on the database at db (a file path or a URL), in a transaction
    that is committed (so that a test may also change rows behind tasktrack's back)."""
    from sqlalchemy import text

    engine = _reader(db)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(sql), params or {})
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        engine.dispose()


def db_value(db: Path | str, sql: str, params: dict[str, Any] | None = None) -> Any:
    """The single value of a one-row, one-column query (e.g. SELECT count(*) ...)."""
    [(value,)] = db_rows(db, sql, params)
    return value


def db_checksum(db: Path | str) -> dict[str, str]:
    """A digest of every table's rows, by table name. The rows are sorted by their rendering, so the
    digest depends on the contents only, not on the order the backend returns them in; values are
    rendered as the backend's driver returns them, so compare digests taken on the same backend
    (before/after), not across backends."""
    from sqlalchemy import inspect, text

    engine = _reader(db)
    try:
        with engine.connect() as conn:
            out = {}
            for table in sorted(inspect(conn).get_table_names()):  # one catalog query, not one per table
                rows = sorted(repr(tuple(r)) for r in conn.execute(text(f'SELECT * FROM "{table}"')))
                out[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            return out
    finally:
        engine.dispose()


def make_ledger(path: Path | str, *, actor: str = "tester", today: date = AS_OF, lang: str = "zh") -> Ledger:
    files = os.environ.get("TASKTRACK_FILES")
    return open_ledger(
        str(path),
        actor=actor,
        clock=lambda: today,
        lang=lang,
        settings=Settings(),
        files_dir=Path(files) if files else None,
    )


@pytest.fixture
def empty_ledger(db_path: Path, seed_template: SeedTemplate) -> Iterator[Ledger]:
    """A migrated ledger with nothing in it."""
    if BACKEND == "sqlite":  # a copy of a file migrated once, rather than migrating for every test
        clone_into(seed_template(), db_path)
    ledger = make_ledger(db_path)  # (db_path's PostgreSQL database is migrated already)
    yield ledger
    ledger.close()


@pytest.fixture
def ledger(db_path: Path, seed_template: SeedTemplate) -> Iterator[Ledger]:
    """The bundled plans (no demo layer), as of 2022-01-10, acting as 'tester'. Loaded once per run
    into a template exactly so (same actor, clock and settings), and copied for each test."""
    clone_into(seed_template("kaizhou.yaml"), db_path)
    ledger = make_ledger(db_path)
    yield ledger
    ledger.close()


@pytest.fixture
def demo_ledger(db_path: Path, seed_template: SeedTemplate) -> Iterator[Ledger]:
    """The bundled plans plus the demonstration layer (a copy of a template, like `ledger`)."""
    clone_into(seed_template("kaizhou.yaml", "demo.yaml"), db_path)
    ledger = make_ledger(db_path)
    yield ledger
    ledger.close()


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `tasktrack ARGS` in-process against db_path; returns exit code, stdout and stderr."""
    from tasktrack.cli.main import run

    def invoke(*args: str, db: Path | None = db_path) -> Result:
        argv = ["tasktrack"] + (["--db", str(db)] if db is not None else []) + list(args)
        monkeypatch.setattr(sys, "argv", argv)
        capsys.readouterr()
        try:
            run()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def run_subprocess(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Result:
    """Run the installed console script in a real process (for what in-process runs cannot show)."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "tasktrack", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=120,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)

"""Bringing a database to the schema this code expects, through Alembic only."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from tasktrack.errors import UserError, Words
from tasktrack.store.engine import is_read_only
from tasktrack.store.revision import HEAD  # the newest migration; bump it there

if TYPE_CHECKING:
    from alembic.config import Config


def migrations_dir() -> Path:
    return Path(str(resources.files("tasktrack._migrations")))


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    # ConfigParser reads '%' as interpolation: a path with non-ASCII characters (renders as %E4...)
    # or a password with '%' in it would stop every migration.
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run migrations up to `revision` on `engine`, in one transaction."""
    from alembic import command

    _migrate(engine, lambda cfg: command.upgrade(cfg, revision))


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    _migrate(engine, lambda cfg: command.downgrade(cfg, revision))


def _migrate(engine: Engine, run: Callable[[Config], object]) -> None:
    """Run Alembic with SQLite's foreign keys off: a batch rebuild drops and recreates a parent table,
    and with foreign keys on that would cascade to (or be refused by) its children. The keys are
    checked before commit instead, and turned back on before the connection goes back to the pool."""
    cfg = alembic_config(engine)
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None  # an open connection always has its DB-API connection
        if sqlite:
            raw.execute("PRAGMA foreign_keys = OFF")  # outside any transaction, where it takes effect
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                run(cfg)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise UserError("err.store.migration_breaks", count=len(broken), table=broken[0][0])
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys = ON")


def ensure_current(engine: Engine, *, migrate: bool = True) -> None:
    """Migrate a new or older database on first use; refuse one newer than this code."""
    revision = current_revision(engine)
    if revision == HEAD:
        return
    if revision is not None and not any((migrations_dir() / "versions").glob(f"{revision}_*.py")):
        raise UserError("err.store.schema_newer", revision=revision)
    read_only = is_read_only(engine)
    if not migrate or read_only:
        raise UserError(
            "err.store.schema_read_only" if read_only else "err.store.schema_behind",
            revision=revision or Words("err.store.schema_nothing"),
            head=HEAD,
        )
    if revision is not None:  # an existing database: keep a copy as it was, beside it
        from tasktrack.store.maintenance import pre_migration_backup

        pre_migration_backup(engine, revision)
    upgrade(engine)

"""The records database: an engine from a URL, migrated to the newest schema with Alembic.

SQLite in the desk's data folder by default (`sqlite:///<data>/records.sqlite3`), PostgreSQL by URL
(`postgresql+psycopg://user@host/db`); one code path for both. Migrations live in `migrations/`
and run at start: an older database is migrated, never reset; a database newer than this code
(made by a later version) is refused rather than touched.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from revise.errors import InputError
from revise.messages import t

MIGRATIONS = Path(__file__).parent / "migrations"
FILE_NAME = "records.sqlite3"


def default_url(data: Path) -> str:
    return f"sqlite:///{Path(data).resolve() / FILE_NAME}"


def engine_for(url: str) -> Engine:
    """An engine for `url`; SQLite waits for a writer instead of failing, and keeps a write-ahead log
    so that several desk processes can read while one writes."""
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise InputError(t("rec.bad-url", url=_safe(url), error=str(exc).splitlines()[0])) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _config():  # type: ignore[no-untyped-def]
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head() -> str:
    """The newest migration this code knows."""
    from alembic.script import ScriptDirectory
    return str(ScriptDirectory.from_config(_config()).get_current_head())


def current(engine: Engine) -> str | None:
    """The database's migration, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> str:
    """Bring the database to the newest schema; returns its revision. A database at a revision this
    code does not know is refused (`InputError`) and left as it is."""
    from alembic import command
    from alembic.script import ScriptDirectory
    cfg = _config()
    known = {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}
    try:
        found = current(engine)
        if found is not None and found not in known:
            raise InputError(t("rec.newer-schema", url=_safe(str(engine.url)), revision=found), t("rec.newer-schema.hint"))
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except SQLAlchemyError as exc:
        raise InputError(t("rec.unreachable", url=_safe(str(engine.url)), error=str(exc).splitlines()[0])) from None
    return head()


def open_database(url: str, *, upgrade: bool = True) -> Engine:
    """The engine for `url`, migrated first unless `upgrade` is False (a worker process whose
    parent already migrated it)."""
    engine = engine_for(url)
    if upgrade:
        migrate(engine)
    return engine


def now() -> datetime:
    return datetime.now(timezone.utc)


def aware(value: datetime) -> datetime:
    """A stored time as UTC-aware (SQLite gives it back without its zone)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 — an unparsable URL is shown as given, minus nothing to hide
        return url

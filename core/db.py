"""Async engines and sessions for PostgreSQL (asyncpg) and SQLite (aiosqlite), the `Database` a process owns,
and running migrations."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

RECYCLE_SECONDS = 1800
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def create_engine(url: str, pool_size: int = 20) -> AsyncEngine:
    """An engine tuned per backend: SQLite gets one writer connection, WAL and foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # SQLite allows one writer; a single pooled connection serialises writers instead of failing them.
        engine = create_async_engine(url, pool_size=1, max_overflow=0, pool_timeout=30)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    # No ping before each checkout (a round trip on every transaction). A connection that died with a
    # database restart fails its turn once; SQLAlchemy then drops the whole pool, the turn answers "try
    # again" (webhooks get a 503 and are redelivered) and later turns connect afresh. Recycling keeps
    # connections under the idle cut-off of firewalls and poolers.
    # A fixed pool (no overflow): overflow connections are closed as soon as they are returned, so a steady load
    # above the pool's size opened and closed a connection (TLS attempt included) for most of its transactions.
    return create_async_engine(url, pool_size=pool_size, max_overflow=0, pool_recycle=RECYCLE_SECONDS,
                               pool_timeout=10)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def engine_of(sessions: async_sessionmaker[AsyncSession]) -> AsyncEngine:
    """The engine sessions are bound to now (follows `sessions.configure(bind=...)`), for plain Core statements
    on the hot path where an ORM session would only add overhead."""
    bind = sessions.kw["bind"]
    assert isinstance(bind, AsyncEngine)
    return bind


@dataclass(frozen=True)
class Database:
    """The application database of one process, owned by the composition root (`app/`): its engine (the pool) and
    a session factory on it. Handlers and channel adapters never see it; they call the services."""

    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]

    @classmethod
    def on(cls, engine: AsyncEngine) -> Database:
        return cls(engine, sessions(engine))

    async def ping(self) -> None:
        """One round trip; raises when the database cannot be reached."""
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Apply Alembic migrations on the engine's own connection (works inside a running event loop)."""
    from alembic import command

    def run(connection: Connection) -> None:
        command.upgrade(_alembic_config(connection), revision)

    async with engine.begin() as conn:
        await conn.run_sync(run)

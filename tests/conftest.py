"""Fixtures: a fresh database and store per test on each backend (SQLite + memory, PostgreSQL + Redis)."""
from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.runtime import Runtime, build_services
from core import db
from core.config import Settings
from core.dispatcher import Dispatcher
from core.models import Base
from core.store import MemoryStore, RedisStore, Store
from handlers import all_routers
from tests.harness import ChatHarness

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
TABLES = tuple(table.name for table in Base.metadata.sorted_tables)


def _unavailable(what: str, error: BaseException) -> None:
    message = f"{what} is not reachable ({type(error).__name__}: {error})"
    if IN_CI:
        pytest.fail(message + " — CI must run the suite on PostgreSQL and Redis", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each test gets a copy (migrating per test would dominate the run time)."""
    path = tmp_path_factory.mktemp("template") / "template.db"

    async def migrate() -> None:
        engine = db.create_engine(f"sqlite+aiosqlite:///{path}")
        await db.upgrade(engine)
        await engine.dispose()

    asyncio.run(migrate())
    return path


@dataclass(frozen=True)
class Postgres:
    """This test session's PostgreSQL database: its URL, or why there is none."""

    url: str | None
    error: str = ""

    def required(self) -> str:
        """The URL; the test is skipped (failed in CI) when PostgreSQL is not reachable."""
        if self.url is None:
            _unavailable("PostgreSQL", RuntimeError(self.error or "no database"))
        assert self.url is not None
        return self.url


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """A throw-away PostgreSQL database for this test session, migrated once."""
    name = f"sb_test_{uuid.uuid4().hex[:10]}"
    admin = PG_ADMIN_URL

    async def create() -> None:
        engine = create_async_engine(admin, isolation_level="AUTOCOMMIT")
        async with engine.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        await engine.dispose()
        target = db.create_engine(admin.rsplit("/", 1)[0] + f"/{name}")
        await db.upgrade(target)
        await target.dispose()

    async def drop() -> None:
        engine = create_async_engine(admin, isolation_level="AUTOCOMMIT")
        async with engine.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await engine.dispose()

    try:
        asyncio.run(create())
    except Exception as error:
        yield Postgres(None, f"{type(error).__name__}: {error}")
        return
    yield Postgres(admin.rsplit("/", 1)[0] + f"/{name}")
    asyncio.run(drop())


@pytest.fixture(scope="session")
def postgres_url(postgres: Postgres) -> str | None:
    return postgres.url


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    """Tests override settings by redefining this fixture or updating the dict before `runtime` is built."""
    return {}


@pytest.fixture
def services_clock() -> Callable[[], datetime]:
    """The time the services read; a test redefines this fixture (a `tests.harness.Clock`) to move it by hand."""
    return lambda: datetime.now(UTC)


@pytest.fixture
async def runtime(backend: str, tmp_path: Path, sqlite_template: Path, postgres: Postgres,
                  settings_overrides: dict[str, Any], services_clock: Callable[[], datetime]) -> AsyncIterator[Runtime]:
    store: Store
    if backend == "sqlite":
        path = tmp_path / "switchboard.db"
        shutil.copy(sqlite_template, path)
        url = f"sqlite+aiosqlite:///{path}"
        store = MemoryStore()
    else:
        url = postgres.required()
        store = RedisStore(REDIS_URL, prefix=f"sbtest:{uuid.uuid4().hex[:8]}:")
        try:
            await store.ping()
        except Exception as error:
            _unavailable("Redis", error)
    settings = Settings(_env_file=None, database_url=url, **settings_overrides)  # type: ignore[call-arg]
    engine = db.create_engine(url)
    if backend == "postgres":
        async with engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
    services = build_services(settings, engine, store, clock=services_clock)
    rt = Runtime(settings, db.Database.on(engine), store, services, Dispatcher(services, all_routers()))
    yield rt
    await rt.close()


@pytest.fixture
def chat(runtime: Runtime) -> ChatHarness:
    return ChatHarness(runtime)


@pytest.fixture
async def ccb(runtime: Runtime, backend: str, tmp_path: Path, postgres_url: str | None) -> AsyncIterator[str]:
    """A small seeded demo CC&B on the same backend, with lookups attached to the runtime; yields its URL."""
    from app.runtime import attach_lookups
    from integrations.ccb.queries import make_engine
    from integrations.ccb.seed import seed_demo

    url = f"sqlite+aiosqlite:///{tmp_path}/ccb.db" if backend == "sqlite" else str(postgres_url)
    engine = make_engine(url, read_only=False)
    await seed_demo(engine, customers=30, days=75, seed=11)
    await engine.dispose()
    runtime.settings = runtime.settings.model_copy(update={"ccb_database_url": url})
    runtime.services.settings = runtime.settings
    attach_lookups(runtime.services, runtime.settings)
    yield url
    await runtime.services.ccb.dispose()
    runtime.services.ccb = runtime.services.lookups = runtime.services.payoff = None

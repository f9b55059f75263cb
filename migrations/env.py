"""Alembic environment: runs on the connection Switchboard hands over, or on DATABASE_URL from the CLI."""
from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from core.models import Base

target_metadata = Base.metadata


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_from_settings() -> None:
    from core.config import Settings
    from core.db import create_engine

    engine = create_engine(Settings().database_url)
    async with engine.begin() as conn:
        await conn.run_sync(run_on)
    await engine.dispose()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_on(connection)
else:
    asyncio.run(run_from_settings())

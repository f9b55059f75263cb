"""deploy/healthcheck.py, run as the containers run it: 2xx is healthy, anything else is not; the worker is
healthy while its database and Redis accept connections."""
from __future__ import annotations

import asyncio
import os
import socket
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from aiohttp import web

from tests.fakes.local_server import start

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "healthcheck.py"


async def run(*args: str, env: dict[str, str] | None = None) -> int:
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    process = await asyncio.create_subprocess_exec(sys.executable, str(SCRIPT), *args, env={**environ, **(env or {})},
                                                   stdout=asyncio.subprocess.DEVNULL,
                                                   stderr=asyncio.subprocess.DEVNULL)
    return await asyncio.wait_for(process.wait(), timeout=30)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def listening() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


@pytest.fixture
async def server() -> AsyncIterator[str]:
    status = {"/healthz": 200, "/down": 503}

    async def handle(request: web.Request) -> web.Response:
        return web.Response(status=status[request.path], text="{}")

    app = web.Application()
    app.router.add_get("/{tail:.*}", handle)
    runner, url = await start(app)
    yield url
    await runner.cleanup()


async def test_the_web_check_passes_only_on_2xx(server: str) -> None:
    assert await run(f"{server}/healthz") == 0
    assert await run(f"{server}/down") == 1
    assert await run(f"http://127.0.0.1:{closed_port()}/healthz") == 1


async def test_a_wrong_call_is_not_healthy() -> None:
    assert await run() == 2
    assert await run("--web") == 2
    assert await run("file:///etc/passwd") != 0


async def test_the_worker_check_needs_its_database_and_redis(listening: int) -> None:
    database = f"postgresql+asyncpg://switchboard:secret@127.0.0.1:{listening}/switchboard"
    assert await run("--worker", env={"DATABASE_URL": database, "REDIS_URL": f"redis://127.0.0.1:{listening}/0"}) == 0
    assert await run("--worker", env={"DATABASE_URL": database,
                                      "REDIS_URL": f"redis://127.0.0.1:{closed_port()}/0"}) == 1
    assert await run("--worker", env={"DATABASE_URL": "sqlite+aiosqlite:///data/switchboard.db"}) == 0

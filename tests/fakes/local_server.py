"""Start an aiohttp app on a free loopback port (every fake server and test server uses this)."""
from __future__ import annotations

from aiohttp import web


async def start(app: web.Application) -> tuple[web.AppRunner, str]:
    """The running app and its base URL, e.g. http://127.0.0.1:43121."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}"

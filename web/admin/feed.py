"""The dashboard's live activity feed as server-sent events: what the audit log and the alert history gain,
polled every half second (every replica's turns appear, with no message bus between processes)."""
from __future__ import annotations

import asyncio
import contextlib
import json
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from aiohttp import web

from core.services.activity import FeedItem
from web.admin.session import COOKIE, services, signed_in

STAFF = ("admin", "operator")
POLL_SECONDS = 0.5
HEARTBEAT_SECONDS = 15.0
RECHECK_SESSION_SECONDS = 60.0
STATIC = Path(__file__).resolve().parent / "static"
CLOSING: web.AppKey[asyncio.Event] = web.AppKey("admin_feed_closing", asyncio.Event)


def shown(item: FeedItem, zone: ZoneInfo) -> dict[str, str]:
    return {"time": item.at.astimezone(zone).strftime("%H:%M:%S"), "kind": item.kind, "text": item.text}


@signed_in(*STAFF)
async def stream(request: web.Request) -> web.StreamResponse:
    found = services(request)
    zone = ZoneInfo(found.settings.timezone)
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store",
                                           "X-Accel-Buffering": "no"})  # nginx would hold the events back
    await response.prepare(request)
    mark = await found.feed.mark()
    closing = request.app[CLOSING]
    beat = checked = time.monotonic()
    try:
        while not closing.is_set():
            items, mark = await found.feed.since(mark)
            for item in items:
                await response.write(f"data: {json.dumps(shown(item, zone), ensure_ascii=False)}\n\n".encode())
            now = time.monotonic()
            if now - beat > HEARTBEAT_SECONDS:
                await response.write(b": still here\n\n")
                beat = now
            if now - checked > RECHECK_SESSION_SECONDS:  # a signed-out or expired session stops receiving
                if await found.admin.session(request.cookies.get(COOKIE, "")) is None:
                    break
                checked = now
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(closing.wait(), POLL_SECONDS)
    except (ConnectionResetError, asyncio.CancelledError):
        pass  # the browser went away
    return response


async def _closing(app: web.Application) -> None:
    app[CLOSING].set()  # open streams end now, so that stopping the server does not wait for them


def add_routes(app: web.Application) -> None:
    app[CLOSING] = asyncio.Event()
    app.on_shutdown.append(_closing)
    app.router.add_get("/admin/feed", stream)
    app.router.add_static("/admin/static/", STATIC, append_version=True)

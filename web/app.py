"""The one aiohttp application: health, metrics, and the routes channel adapters add (webhooks, admin)."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from core.context import Services
from core.db import Database

log = logging.getLogger(__name__)
SERVICES: web.AppKey[Services] = web.AppKey("services", Services)
DATABASE: web.AppKey[Database] = web.AppKey("database", Database)
CHANNELS: web.AppKey[dict[str, str]] = web.AppKey("channels", dict)


async def healthz(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    status: dict[str, object] = {"channels": request.app[CHANNELS]}
    try:
        await asyncio.wait_for(request.app[DATABASE].ping(), timeout=3)
        status["database"] = "ok"
    except Exception as error:
        status["database"] = f"down: {type(error).__name__}"
    try:
        await asyncio.wait_for(services.store.ping(), timeout=3)
        status["store"] = "ok"
    except Exception as error:
        status["store"] = f"down: {type(error).__name__}"
    # Turns need both: without the store no update can be leased, deduplicated or given buttons.
    healthy = status["database"] == "ok" and status["store"] == "ok"
    if status["database"] == "ok":
        try:
            status["outbox_depth"] = await services.outbox.refresh_depth()
        except Exception as error:
            status["outbox_depth"] = f"unknown: {type(error).__name__}"
    status["status"] = "ok" if healthy else "down"
    return web.json_response(status, status=200 if healthy else 503)


async def metrics(request: web.Request) -> web.Response:
    try:
        await request.app[SERVICES].outbox.refresh_depth()
    except Exception:
        log.warning("outbox depth unavailable for /metrics")
    body = generate_latest()
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


async def index(request: web.Request) -> web.Response:
    return web.Response(text="Switchboard is running. See /healthz and /metrics.\n")


def create_app(services: Services, database: Database, channels: dict[str, str] | None = None,
               routes: Sequence[Callable[[web.Application], None]] = ()) -> web.Application:
    """The app; `routes` lets each channel adapter add its webhook without web/ importing channel code, and
    `database` is only pinged by /healthz."""
    app = web.Application(client_max_size=1024 * 1024)
    app[SERVICES] = services
    app[DATABASE] = database
    app[CHANNELS] = channels or {}
    app.router.add_get("/", index)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)
    from web import admin, api  # they read this module's keys

    api.add_routes(app)
    admin.add_routes(app)
    for add in routes:
        add(app)
    return app

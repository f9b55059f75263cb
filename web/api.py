"""The push API: `POST /api/alerts` lets other systems raise alerts with a bearer key (CONTRACTS.md)."""
from __future__ import annotations

import logging

from aiohttp import web

from core import safe_json
from core.errors import BadInput
from core.outages import is_outage
from core.ratelimit import RateLimiter
from core.services.alerts import AlertRequest
from web.app import SERVICES

log = logging.getLogger(__name__)
MAX_BODY = 28 * 1024  # what one Teams card can carry: a larger alert could not be shown anyway


def _error(status: int, message: str, **headers: str) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=headers or None)


async def push_alert(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    scheme, _, key = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        return _error(401, "an API key is required: Authorization: Bearer KEY", **{"WWW-Authenticate": "Bearer"})
    try:
        found = await services.api_keys.verify(key.strip())
        if found is None:
            return _error(401, "the API key is not valid (unknown or revoked)", **{"WWW-Authenticate": "Bearer"})
        if (request.content_length or 0) > MAX_BODY:
            return _error(413, f"the body is over {MAX_BODY // 1024} KB")
        raw = await request.read()
        if len(raw) > MAX_BODY:
            return _error(413, f"the body is over {MAX_BODY // 1024} KB")
        per_minute = services.settings.alerts_per_key_per_minute
        allowed = await RateLimiter(services.store).hit(f"alerts-api:{found.id}", per_minute, 60)
        if not allowed.ok:
            return _error(429, f"at most {per_minute} alerts a minute per key",
                          **{"Retry-After": str(max(1, int(allowed.retry_after + 0.999)))})
        try:
            alert = AlertRequest.from_json(safe_json.loads(raw), source=f"api:{found.name}")
        except safe_json.MalformedJson as error:
            return _error(400, f"the body is not JSON: {error}")
        except BadInput as error:
            return _error(400, error.message)
        raised = await services.alerts.raise_alert(alert)
    except Exception as error:
        if not is_outage(error):
            raise
        log.warning("push API: a dependency is down (%s)", type(error).__name__)
        return _error(503, "try again later", **{"Retry-After": "5"})
    return web.json_response({"alert_id": raised.alert.id, "new": raised.new, "state": raised.alert.state,
                              "count": raised.alert.count}, status=202)


def add_routes(app: web.Application) -> None:
    app.router.add_post("/api/alerts", push_alert)

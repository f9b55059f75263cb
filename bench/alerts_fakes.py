"""bench.alerts' other processes: the rate-limited fakes (Telegram, Bot Connector, webhooks) and the push client."""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import itertools
import json
import random
import statistics
import sys
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import web

from app.runtime import run
from tests.fakes.bot_connector import FakeBotConnector
from tests.fakes.local_server import start

MARKER = "Acknowledged by bench"  # what every copy shows once the bench acknowledged the alert
WEBHOOK_PER_SECOND = 4
Event = tuple[float, str, str, str, int, bool]  # (monotonic time, platform, "send"/"edit", target, status, marked)


class TimedConnector(FakeBotConnector):
    """The fake Bot Connector with Teams' limits, noting when each call came and how it was answered."""

    def __init__(self, latency: float) -> None:
        super().__init__(enforce_limits=True)
        self.events: list[Event] = []
        self.latency = latency

    async def _accept(self, request: web.Request, method: str) -> web.Response:
        await asyncio.sleep(self.latency)
        arrived = time.monotonic()
        body = await request.read()  # aiohttp keeps it: the fake reads it again
        response = await super()._accept(request, method)
        self.events.append((arrived, "teams", "send" if method == "POST" else "edit",
                            request.match_info["conversation"], response.status, MARKER.encode() in body))
        return response


@dataclass
class Webhooks:
    """Workflows webhooks: 200 and a count of posts; 429 above 4 posts a second per URL."""

    events: list[Event]
    latency: float

    def __post_init__(self) -> None:
        self._recent: dict[str, deque[float]] = defaultdict(deque)

    async def post(self, request: web.Request) -> web.Response:
        await asyncio.sleep(self.latency)
        arrived = time.monotonic()
        name = request.match_info["name"]
        body = await request.read()
        marked = MARKER.encode() in body
        recent = self._recent[name]
        while recent and arrived - recent[0] >= 1.0:
            recent.popleft()
        status = 429 if len(recent) >= WEBHOOK_PER_SECOND else 200
        if status == 200:
            recent.append(arrived)
        self.events.append((arrived, "teams_webhook", "edit" if marked else "send", name, status, marked))
        return web.Response(status=status, text="1" if status == 200 else "Too many requests")


async def serve_fakes(latency: float) -> None:
    """Start the three fakes and a control app; print their URLs as one JSON line, then serve until killed. Each
    answers `latency` seconds late (on loopback a call takes a few ms; the real APIs are tens to hundreds)."""
    # imported by name, as bench.cluster does: mypy checks bench/, not the test fakes' own typing
    telegram = importlib.import_module("tests.fakes.telegram_api").FakeTelegramAPI(rate_limits=True)
    handle = telegram._handle

    async def late(request: web.Request) -> web.Response:
        await asyncio.sleep(latency)
        return await handle(request)

    telegram._handle = late  # the route start() adds is this attribute
    connector = TimedConnector(latency)
    hooks = Webhooks([], latency)
    await telegram.start()
    await connector.start()

    def events() -> list[Event]:
        sent = [(c.at, "telegram", "send" if c.method == "sendMessage" else "edit", str(c.params.get("chat_id")),
                 c.status, MARKER in str(c.params.get("text", "")))
                for c in telegram.calls if c.method in ("sendMessage", "editMessageText")]
        return sorted([*sent, *connector.events, *hooks.events])

    async def all_events(request: web.Request) -> web.Response:
        return web.json_response({"events": events(), "violations": telegram.violations + connector.violations})

    async def progress(request: web.Request) -> web.Response:
        """Distinct targets that got the alert, and that got it acknowledged (the parent's "done yet?")."""
        done = {(op, platform, target) for _, platform, op, target, status, marked in events()
                if status == 200 and (op == "send" or marked)}
        return web.json_response({op: sum(1 for o, _, _ in done if o == op) for op in ("send", "edit")})

    app = web.Application()
    app.router.add_post("/hook/{name}", hooks.post)
    app.router.add_get("/_events", all_events)
    app.router.add_get("/_progress", progress)
    _, control = await start(app)
    print(json.dumps({"telegram": telegram.url, "connector": connector.url, "control": control}), flush=True)
    await asyncio.Event().wait()


@dataclass(frozen=True)
class Fakes:
    """The fakes' process, seen from the bench."""

    telegram: str
    connector: str
    control: str

    @classmethod
    @contextlib.asynccontextmanager
    async def started(cls, latency_ms: float = 0.0) -> AsyncIterator[Fakes]:
        child = await asyncio.create_subprocess_exec(sys.executable, "-m", "bench.alerts_fakes", "fakes",
                                                     "--latency-ms", str(latency_ms), stdout=asyncio.subprocess.PIPE)
        try:
            assert child.stdout is not None
            line = await asyncio.wait_for(child.stdout.readline(), 60)
            yield cls(**json.loads(line))
        finally:
            if child.returncode is None:
                child.terminate()
                await child.wait()

    async def _get(self, path: str) -> dict[str, Any]:
        async with aiohttp.ClientSession() as http, http.get(f"{self.control}{path}") as response:
            return dict(await response.json())

    async def events(self) -> tuple[list[Event], list[str]]:
        found = await self._get("/_events")
        return [(t, p, op, target, status, marked) for t, p, op, target, status, marked in found["events"]], \
            found["violations"]

    async def progress(self) -> dict[str, int]:
        return await self._get("/_progress")


def body(n: int, keys: int, topic: str) -> dict[str, Any]:
    """An alert as a monitoring system pushes it: one of `keys` dedup keys, figures that change every time."""
    host = random.randrange(keys)
    return {"topic": topic, "title": f"Disk almost full on host-{host:03d}", "text": f"/var at {80 + n % 20} %",
            "severity": "warning", "key": f"disk-full:host-{host:03d}",
            "facts": [["Host", f"host-{host:03d}"], ["Used", f"{80 + n % 20} %"], ["Check", f"#{n}"]]}


async def load(url: str, key: str, topic: str, seconds: float, warmup: float, concurrency: int,
               keys: int) -> dict[str, Any]:
    """POST alerts from `concurrency` connections for `warmup` + `seconds`; figures of the measured seconds, and
    how many were accepted in all (the bench checks them against the alerts' counts)."""
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    counter = itertools.count()
    latencies: list[float] = []
    statuses: dict[int, int] = defaultdict(int)
    accepted_total = 0
    began = time.monotonic()
    measure_from, until = began + warmup, began + warmup + seconds

    async def client(http: aiohttp.ClientSession) -> None:
        nonlocal accepted_total
        while (started := time.monotonic()) < until:
            async with http.post(url, json=body(next(counter), keys, topic), headers=headers) as response:
                await response.read()
            ended = time.monotonic()
            accepted_total += response.status == 202
            if started >= measure_from and ended <= until:
                latencies.append(ended - started)
                statuses[response.status] += 1

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as http:
        await asyncio.gather(*(client(http) for _ in range(concurrency)))
    latencies.sort()
    accepted = statuses.get(202, 0)
    return {"seconds": seconds, "concurrency": concurrency, "accepted": accepted,
            "accepted_per_s": round(accepted / seconds, 1),
            "p50_ms": round(statistics.median(latencies) * 1000, 2) if latencies else None,
            "p99_ms": round(latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000, 2) if latencies else None,
            "non_202": sum(n for status, n in statuses.items() if status != 202),
            "statuses": {str(s): n for s, n in sorted(statuses.items())}, "accepted_with_warmup": accepted_total}


async def run_load(url: str, key: str, topic: str, seconds: float, warmup: float, concurrency: int,
                   keys: int) -> dict[str, Any]:
    """`load` in a process of its own, so that the client does not share the server's event loop."""
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.alerts_fakes", "load", url, "--key", key, "--topic", topic, "--seconds",
        str(seconds), "--warmup", str(warmup), "--concurrency", str(concurrency), "--keys", str(keys),
        stdout=asyncio.subprocess.PIPE)
    out, _ = await child.communicate()
    if child.returncode != 0:
        raise RuntimeError(f"the push client failed ({child.returncode})")
    return dict(json.loads(out))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    fakes = commands.add_parser("fakes", help="the three platform fakes and their control app")
    fakes.add_argument("--latency-ms", type=float, default=0.0)
    client = commands.add_parser("load", help="POST alerts for a while; one JSON line of figures")
    client.add_argument("url")
    client.add_argument("--key", default="")
    client.add_argument("--topic", default="bench.push")
    client.add_argument("--seconds", type=float, default=10.0)
    client.add_argument("--warmup", type=float, default=2.0)
    client.add_argument("--concurrency", type=int, default=32)
    client.add_argument("--keys", type=int, default=200)
    args = parser.parse_args()
    if args.command == "fakes":
        run(serve_fakes(args.latency_ms / 1000))
    else:
        print(json.dumps(run(load(args.url, args.key, args.topic, args.seconds, args.warmup, args.concurrency,
                                  args.keys))))

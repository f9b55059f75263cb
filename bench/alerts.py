"""Alerts: one alert to 1,000 Telegram chats, 200 Teams conversations and 3 webhooks, its Ack, and the push API."""
from __future__ import annotations

import argparse
import asyncio
import bisect
import contextlib
import json
import logging
import random
import statistics
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, replace
from typing import Any

from aiohttp import web
from pydantic import SecretStr
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import create_async_engine

from app.runtime import Runtime, build_services, freeze_heap, run
from bench.alerts_fakes import Event, Fakes, run_load
from bench.cpu import CpuSample
from bench.pg import REDIS, scratch_database
from bench.ratios import figure
from bots.teams.channel import TeamsChannel
from bots.teams.webhooks import WorkflowsWebhooks
from bots.telegram.channel import TelegramChannel, make_bot
from core import db
from core.config import Settings
from core.dispatcher import Dispatcher
from core.models import Alert
from core.services.alerts import AlertRequest
from core.services.outbox import Notifier
from core.store import RedisStore
from handlers import all_routers
from scheduler import worker
from tests.fakes.local_server import start

TOKEN = "123456:TEST-token"
TOPIC, PUSH_TOPIC, TENANT = "bench.outage", "bench.push", "tenant-1"
CEILING = {"telegram": 30.0, "teams": 50.0, "teams_webhook": 4.0}  # messages a second (webhooks: per URL)
PLATFORMS = tuple(CEILING)


@dataclass(frozen=True)
class Options:
    chats: int = 1000          # Telegram chats subscribed, `groups` of them supergroups
    groups: int = 50
    conversations: int = 200   # Teams conversations, one tenant
    webhooks: int = 3
    order: str = "mixed"       # subscription order: "mixed" (shuffled) or "grouped" (Teams, webhooks, then Telegram)
    delivery: str = "worker"   # "worker": the real APScheduler tick of `serve`; "drain": deliver_due back to back
    poll_seconds: float = 2.0  # OUTBOX_POLL_SECONDS
    batch_size: int = 50       # OUTBOX_BATCH_SIZE
    send_per_second: float = 28.0  # TELEGRAM_SEND_PER_SECOND
    push_seconds: float = 10.0
    push_warmup: float = 2.0
    concurrency: int = 32
    keys: int = 200
    pool: int = 20             # DB_POOL_SIZE (the default)
    api_latency_ms: float = 0.0  # the fakes answer this late (real platforms: tens to hundreds of ms)

    @classmethod
    def quick(cls, **changes: Any) -> Options:
        return replace(cls(chats=100, groups=5, conversations=20, push_seconds=2.0, push_warmup=0.5), **changes)


def subscribers(opts: Options) -> list[tuple[str, str]]:
    telegram = [("telegram", f"-100{1_000_000 + n}" if n < opts.groups else str(200_000 + n))
                for n in range(opts.chats)]
    teams = [("teams", f"19:bench-{n}@thread.tacv2") for n in range(opts.conversations)]
    hooks = [("teams_webhook", f"HOOK{n + 1}") for n in range(opts.webhooks)]
    if opts.order == "grouped":
        return teams + hooks + telegram
    mixed = telegram + teams + hooks
    random.Random(7).shuffle(mixed)  # subscribed over time, in no particular order
    return mixed


class Profile:
    """Where a delivery phase's time goes: worker passes, rows claimed, notifier calls, Telegram's pacer, and the
    database round trips the product code makes (statements, BEGIN, COMMIT/ROLLBACK)."""

    def __init__(self, runtime: Runtime, notifiers: dict[str, Notifier], pacer: Any) -> None:
        self.counts: Counter[str] = Counter()
        self.seconds: dict[str, float] = defaultdict(float)
        outbox = runtime.services.outbox
        self._timed(outbox, "deliver_due", "passes")
        self._timed(outbox, "claim", "claims", rows=len)
        self._timed(pacer, "slot", "telegram_pacer")
        for channel, notifier in notifiers.items():
            self._timed(notifier, "send", f"{channel}_calls")
            self._timed(notifier, "edit", f"{channel}_calls")
        for name in ("before_cursor_execute", "begin", "commit", "rollback"):
            event.listen(runtime.engine.sync_engine, name, self._counter(name))
        event.listen(runtime.engine.sync_engine.pool, "connect", self._counter("connects"))

    def _counter(self, name: str) -> Callable[..., None]:
        def count(*args: Any, **kwargs: Any) -> None:
            self.counts["db_" + name.replace("before_cursor_execute", "statements")] += 1
        return count

    def round_trips(self, since: Counter[str]) -> int:
        counts = self.counts - since
        return sum(counts[f"db_{n}"] for n in ("statements", "begin", "commit", "rollback"))

    def _timed(self, owner: Any, method: str, name: str, rows: Callable[[Any], int] | None = None) -> None:
        inner: Callable[..., Awaitable[Any]] = getattr(owner, method)

        async def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.monotonic()
            try:
                result = await inner(*args, **kwargs)
            finally:
                self.seconds[name] += time.monotonic() - started
                self.counts[name] += 1
            if rows is not None:
                self.counts["rows_claimed"] += rows(result)
            return result
        setattr(owner, method, timed)

    def since(self, before: tuple[Counter[str], dict[str, float]], phase_s: float) -> dict[str, Any]:
        counts = self.counts - before[0]
        seconds = defaultdict(float, {name: s - before[1].get(name, 0.0) for name, s in self.seconds.items()})
        rows = max(1, counts["rows_claimed"])
        trips = self.round_trips(before[0])
        calls = {n.removesuffix("_calls"): round(s, 2) for n, s in seconds.items() if n.endswith("_calls")}
        return {"phase_s": round(phase_s, 2), "passes": counts["passes"], "rows_claimed": counts["rows_claimed"],
                "in_passes_s": round(seconds["passes"], 2), "between_passes_s": round(phase_s - seconds["passes"], 2),
                "notifier_s": calls, "telegram_pacer_s": round(seconds["telegram_pacer"], 2),
                "rest_of_passes_s": round(seconds["passes"] - sum(calls.values()), 2),
                "db_round_trips_per_row": round(trips / rows, 1),
                "db_statements_per_row": round(counts["db_statements"] / rows, 1)}

    def mark(self) -> tuple[Counter[str], dict[str, float]]:
        return Counter(self.counts), dict(self.seconds)


def figures(events: list[Event], op: str, targets: dict[str, set[str]], since: float) -> dict[str, Any]:
    """Per platform: copies that arrived (lost, repeated), their pace from first to last against the ceiling, the
    busiest second, seconds from `since` to the last one, and the share of calls answered 429."""
    out: dict[str, Any] = {}
    for platform in PLATFORMS:
        calls = [e for e in events if e[1] == platform and e[2] == op]
        done = [e for e in calls if e[4] == 200 and (op == "send" or e[5])]
        per_target = Counter(e[3] for e in done)
        times = [e[0] for e in done]
        span = times[-1] - times[0] if len(times) > 1 else 0.0
        rate = len(times) / span if span > 0 else None
        paced = platform != "teams_webhook"  # one post per webhook URL: there is no pace to speak of
        peak = max((bisect.bisect_left(times, t + 1.0) - i for i, t in enumerate(times)), default=0)
        out[platform] = {
            "copies": len(targets[platform]), "arrived": len(set(per_target) & targets[platform]),
            "lost": len(targets[platform] - set(per_target)), "duplicated": sum(n - 1 for n in per_target.values()),
            "per_s": round(rate, 1) if rate and paced else None, "ceiling_per_s": CEILING[platform],
            "of_ceiling": round(rate / CEILING[platform], 3) if rate and paced else None,
            "peak_1s": peak, "last_after_s": round(times[-1] - since, 2) if times else None,
            "share_429": round(sum(e[4] == 429 for e in calls) / max(1, len(calls)), 4), "calls": len(calls)}
    return out


async def settle(fakes: Fakes, outbox_url: str, op: str, expected: int, limit: float) -> bool:
    """Wait until every target got `op` (True), or nothing is left in the outbox to deliver, or `limit` seconds."""
    checker = create_async_engine(outbox_url, pool_size=1)  # not the runtime's engine: the profile counts that one
    deadline = time.monotonic() + limit
    try:
        while time.monotonic() < deadline:
            for _ in range(8):
                if (await fakes.progress())[op] >= expected:
                    return True
                await asyncio.sleep(0.25)
            async with checker.connect() as conn:
                pending = await conn.exec_driver_sql(
                    "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')")
                if pending.scalar_one() == 0:
                    await asyncio.sleep(1.0)  # the last calls' answers
                    return (await fakes.progress())[op] >= expected
        return False
    finally:
        await checker.dispose()


async def fan_out_and_ack(runtime: Runtime, url: str, fakes: Fakes, opts: Options) -> tuple[dict[str, Any], Profile]:
    settings = runtime.settings
    telegram = TelegramChannel(settings, runtime.dispatcher, runtime.services, make_bot(settings))
    await telegram.start(receive=False)
    teams = TeamsChannel(settings, runtime.dispatcher, runtime.services)
    everyone = subscribers(opts)
    hooks = WorkflowsWebhooks({name: f"{fakes.control}/hook/{name}" for c, name in everyone if c == "teams_webhook"})
    notifiers: dict[str, Notifier] = {"telegram": telegram.notifier, "teams": teams.notifier, "teams_webhook": hooks}
    targets: dict[str, set[str]] = {p: {t for c, t in everyone if c == p} for p in PLATFORMS}
    for conversation in sorted(targets["teams"]):
        reference = {"activityId": None, "bot": {"id": "28:bench-bot", "name": "Switchboard"},
                     "conversation": {"id": conversation, "conversationType": "channel", "tenantId": TENANT,
                                      "isGroup": True}, "channelId": "msteams", "serviceUrl": fakes.connector}
        await runtime.services.conversations.remember("teams", conversation, service_url=fakes.connector,
                                                      tenant_id=TENANT, reference=reference)
    for channel, target in everyone:
        await runtime.services.subscriptions.add(channel, target, TOPIC, by="bench")
    profile = Profile(runtime, notifiers, telegram.notifier.pacer)
    expected = len(everyone)
    limit = 3 * expected / CEILING["telegram"] + 60
    scheduler, drain = None, None
    if opts.delivery == "worker":
        scheduler = worker.start(runtime.services.outbox, notifiers, opts.poll_seconds)
    else:
        drain = asyncio.create_task(drain_forever(runtime, notifiers))
    try:
        before, raised_at = profile.mark(), time.monotonic()
        raised = await runtime.services.alerts.raise_alert(AlertRequest(
            TOPIC, "Payments gateway timeouts", "p95 over 5 s for 10 minutes", "critical", "gateway-timeouts",
            facts=(("Region", "dhaka-1"), ("Since", "02:10"))))
        assert raised.queued == expected, raised
        complete = await settle(fakes, url, "send", expected, limit)
        sent_profile = profile.since(before, time.monotonic() - raised_at)
        before, acked_at = profile.mark(), time.monotonic()
        await runtime.services.alerts.act(raised.alert.id, "ack", by="bench")
        acked = await settle(fakes, url, "edit", expected, limit)
        ack_profile = profile.since(before, time.monotonic() - acked_at)
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)
        if drain is not None:
            drain.cancel()
            await asyncio.gather(drain, return_exceptions=True)
        await telegram.stop()
    events, violations = await fakes.events()
    statuses = Counter(status for _, _, status, _ in await runtime.services.alerts.copies(raised.alert.id))
    sent = figures(events, "send", targets, raised_at)  # a send after the Ack too would be a duplicate
    shown = figures(events, "edit", targets, acked_at)
    edits = {p: {"shown": f["arrived"], "missing": f["lost"], "repeated": f["duplicated"], "per_s": f["per_s"],
                 "last_after_s": f["last_after_s"], "share_429": f["share_429"]} for p, f in shown.items()}
    every = [f["last_after_s"] for f in shown.values() if f["copies"]]
    return {"fan_out": {"complete": complete, "copies": expected, "outbox": dict(statuses),
                        "lost": sum(f["lost"] for f in sent.values()),
                        "duplicated": sum(f["duplicated"] for f in sent.values()), **sent, "profile": sent_profile},
            "ack": {"complete": acked, "seconds_until_every_copy": max(every) if acked else None,
                    "missing": sum(e["missing"] for e in edits.values()), **edits, "profile": ack_profile},
            "spec_violations": len(violations)}, profile


async def drain_forever(runtime: Runtime, notifiers: dict[str, Notifier]) -> None:
    while True:  # what Outbox.drain does, without stopping when the outbox is empty
        await runtime.services.outbox.deliver_due(notifiers)
        await asyncio.sleep(0.02)


async def hello(request: web.Request) -> web.Response:
    await request.read()
    return web.json_response({"alert_id": 1, "new": False, "state": "open", "count": 2}, status=202)


async def push(runtime: Runtime, opts: Options, profile: Profile) -> dict[str, Any]:
    """The push API on the web app, then a bare aiohttp handler by the same client: alerts accepted a second, and
    this process's CPU and database round trips per accepted alert."""
    from web.app import create_app

    key = await runtime.services.api_keys.create(f"bench-{uuid.uuid4().hex[:6]}")
    for n in range(3):
        await runtime.services.subscriptions.add("telegram", str(300_000 + n), PUSH_TOPIC, by="bench")
    for n in range(2):
        await runtime.services.subscriptions.add("teams", f"19:bench-{n}@thread.tacv2", PUSH_TOPIC, by="bench")
    bare = web.Application()
    bare.router.add_post("/api/alerts", hello)
    found: dict[str, dict[str, Any]] = {}
    for name, app in (("hello", bare), ("ours", create_app(runtime.services, runtime.database))):
        runner, base = await start(app)
        try:
            cpu, own, before = CpuSample.now(), time.process_time(), profile.mark()
            result = await run_load(f"{base}/api/alerts", key, PUSH_TOPIC, opts.push_seconds, opts.push_warmup,
                                    opts.concurrency, opts.keys)
            everything = max(1, result.pop("accepted_with_warmup"))
            machine = cpu.per_operation(CpuSample.now(), everything)
            found[name] = {**result, "server_cpu_ms": round((time.process_time() - own) / everything * 1000, 2),
                           "machine_cpu_ms": machine["machine_cpu_ms"], "steal_pct": machine["steal_pct"],
                           "db_round_trips": round(profile.round_trips(before[0]) / everything, 1),
                           "db_connects": (profile.counts - before[0])["db_connects"], "accepted_all": everything}
        finally:
            await runner.cleanup()
    async with runtime.database.sessions() as session:
        counted = await session.scalar(select(func.coalesce(func.sum(Alert.raised_count), 0))
                                       .where(Alert.topic == PUSH_TOPIC))
        alerts = await session.scalar(select(func.count()).select_from(Alert).where(Alert.topic == PUSH_TOPIC))
    ours, bare_figures = found["ours"], found["hello"]
    ratio = ours["accepted_per_s"] / max(1e-9, bare_figures["accepted_per_s"])
    return {**ours, "alerts": alerts, "accepted_not_counted": ours["accepted_all"] - int(counted or 0),
            "hello": bare_figures, "of_hello": round(ratio, 3)}


async def one_run(opts: Options, freeze: bool) -> dict[str, Any]:
    async with contextlib.AsyncExitStack() as stack:
        fakes = await stack.enter_async_context(Fakes.started(opts.api_latency_ms))
        url = await stack.enter_async_context(scratch_database("sb_alerts_bench"))
        settings = Settings(_env_file=None, database_url=url, redis_url=REDIS, db_pool_size=opts.pool,
                            telegram_bot_token=SecretStr(TOKEN), telegram_api_base_url=fakes.telegram,
                            outbox_batch_size=opts.batch_size, outbox_poll_seconds=opts.poll_seconds,
                            telegram_send_per_second=opts.send_per_second, alerts_per_key_per_minute=10_000_000)
        database = db.Database.on(db.create_engine(url, settings.db_pool_size))
        await db.upgrade(database.engine)
        prefix = f"sbbench:alerts:{uuid.uuid4().hex[:8]}:"
        store = RedisStore(REDIS, prefix=prefix)
        services = build_services(settings, database.engine, store)
        runtime = Runtime(settings, database, store, services, Dispatcher(services, all_routers()))
        stack.push_async_callback(runtime.close)
        stack.push_async_callback(forget_keys, prefix)
        if freeze:
            freeze_heap()  # as `serve` does once it is up
        delivered, profile = await fan_out_and_ack(runtime, url, fakes, opts)
        return {**delivered, "push": await push(runtime, opts, profile)}


async def forget_keys(prefix: str) -> None:
    from redis.asyncio import Redis

    redis = Redis.from_url(REDIS)
    try:
        keys = [key async for key in redis.scan_iter(match=f"{prefix}*")]
        if keys:
            await redis.delete(*keys)
    finally:
        await redis.aclose()


def spread(runs: list[dict[str, Any]], *path: str) -> dict[str, float] | None:
    values: list[float] = []
    for found in runs:
        for step in path:
            found = found.get(step) if isinstance(found, dict) else None  # type: ignore[assignment]
        if isinstance(found, int | float):
            values.append(float(found))
    if not values:
        return None
    return {"min": min(values), "median": round(statistics.median(values), 3), "max": max(values)}


async def measure(opts: Options, repeat: int = 1, freeze: bool = False) -> dict[str, Any]:
    runs = [await one_run(opts, freeze) for _ in range(repeat)]
    paths = {f"{p}_per_s": ("fan_out", p, "per_s") for p in ("telegram", "teams")} | {
        f"{p}_of_ceiling": ("fan_out", p, "of_ceiling") for p in ("telegram", "teams")} | {
        "ack_seconds": ("ack", "seconds_until_every_copy"), "push_per_s": ("push", "accepted_per_s"),
        "push_p99_ms": ("push", "p99_ms"), "push_of_hello": ("push", "of_hello")}
    return {"bench": "alerts", "options": asdict(opts), "repeat": repeat,
            "spread": {name: spread(runs, *path) for name, path in paths.items()}, "runs": runs,
            "figures": summary_rows(runs)}


def summary_rows(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each platform's pace against its ceiling, and the push API against a bare aiohttp handler of the same run."""
    rows = [figure(f"alerts: {platform} copies/s ÷ its {CEILING[platform]:g}/s ceiling", "copies/s", paced,
                   CEILING[platform], f"{platform} ceiling", ">= 0.9")
            for platform in ("telegram", "teams")
            if (paced := [r["fan_out"][platform]["per_s"] for r in runs if r["fan_out"][platform]["per_s"]])]
    pushes = [r["push"] for r in runs]
    return [*rows, figure("alerts: push API accepted/s ÷ a bare aiohttp handler", "alerts/s",
                          [p["accepted_per_s"] for p in pushes], [p["hello"]["accepted_per_s"] for p in pushes],
                          "bare aiohttp handler, same client")]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100 chats, 20 conversations, 2 s of pushes")
    parser.add_argument("--repeat", type=int, default=1)
    for name, default in asdict(Options()).items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(default), default=None)
    args = parser.parse_args()
    given = {k: v for k, v in vars(args).items() if k in asdict(Options()) and v is not None}
    chosen = Options.quick(**given) if args.quick else replace(Options(), **given)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.ERROR)  # "skipped: maximum number of running instances"
    print(json.dumps(run(measure(chosen, args.repeat, freeze=True))))

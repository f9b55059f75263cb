"""Long-running processes: `serve` (web app + worker) and `worker` (delivery only)."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from aiohttp import web

from app.playground import playground_for
from app.runtime import Runtime, build, freeze_heap
from app.web_workers import check_workers, start_web_workers, stop_web_workers
from bots.channel import Channel
from bots.console import ConsoleChannel
from core.config import Settings
from scheduler import worker
from scheduler.cron import start_leader_jobs
from web.app import create_app

log = logging.getLogger(__name__)


async def start_channels(runtime: Runtime, receive: bool = True, register: bool = True) -> list[Channel]:
    """The console and the channel adapters whose credentials are set, started; each registers its notifier for
    the outbox. `register=False` (extra web workers) skips the one-off start-up calls such as `setWebhook`."""
    settings = runtime.settings
    channels: list[Channel] = [ConsoleChannel()]
    if settings.telegram_bot_token:
        from bots.telegram.channel import TelegramChannel

        channels.append(TelegramChannel(settings, runtime.dispatcher, runtime.services))
    if settings.teams_enabled or settings.microsoft_app_id:
        from bots.teams.channel import TeamsChannel

        channels.append(TeamsChannel(settings, runtime.dispatcher, runtime.services))
    for channel in channels:
        await channel.start(receive, register)
        runtime.notifiers[channel.name] = channel.notifier
    if settings.teams_webhooks():  # Workflows webhooks only post: a notifier without a channel
        from bots.teams.webhooks import WorkflowsWebhooks

        runtime.notifiers["teams_webhook"] = WorkflowsWebhooks(settings.teams_webhooks())
    return channels


async def until_stopped() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows / not main thread
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()


async def start_web(runtime: Runtime, host: str, port: int, channels: list[Channel],
                    shared_port: bool = False) -> web.AppRunner:
    app = create_app(runtime.services, runtime.database, {name: "ready" for name in runtime.notifiers},
                     [channel.routes for channel in channels] + [playground_for(runtime)])
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    # with several web workers each process listens on the same port and the kernel spreads connections
    await web.TCPSite(runner, host, port, reuse_port=shared_port or None).start()
    return runner


async def serve(settings: Settings, *, host: str, port: int, runtime: Runtime | None = None,
                background: Sequence[Callable[[Runtime], Coroutine[Any, Any, None]]] = ()) -> int:
    """`background`: loops that run beside the server until it stops (the demo's batch simulator)."""
    runtime = runtime or await build(settings)  # migrations run here, before any extra worker starts
    workers = check_workers(settings)
    channels = await start_channels(runtime)
    runner = await start_web(runtime, host, port, channels, shared_port=workers > 1)
    extra = start_web_workers(settings, host, port, workers - 1)
    scheduler = worker.start(runtime.services.outbox, runtime.notifiers, settings.outbox_poll_seconds,
                             runtime.services.turns, settings.dedup_ttl_seconds)
    leader_jobs = start_leader_jobs(runtime.services, runtime.database, scheduler)
    freeze_heap()
    tasks = [asyncio.create_task(loop(runtime), name=f"background-{n}") for n, loop in enumerate(background)]
    log.info("serving on http://%s:%d with %d web worker(s)", host, port, workers)
    try:
        await until_stopped()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        stop_web_workers(extra)
        await leader_jobs.stop()
        scheduler.shutdown(wait=False)
        await runner.cleanup()
        for channel in channels:
            await channel.stop()
        await runtime.close()
    return 0


async def work(settings: Settings) -> int:
    runtime = await build(settings)
    channels = await start_channels(runtime, receive=False)
    scheduler = worker.start(runtime.services.outbox, runtime.notifiers, settings.outbox_poll_seconds,
                             runtime.services.turns, settings.dedup_ttl_seconds)
    leader_jobs = start_leader_jobs(runtime.services, runtime.database, scheduler)
    log.info("worker started: delivering the outbox every %.1f s", settings.outbox_poll_seconds)
    try:
        await until_stopped()
    finally:
        await leader_jobs.stop()
        scheduler.shutdown(wait=False)
        for channel in channels:
            await channel.stop()
        await runtime.close()
    return 0

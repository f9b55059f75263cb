"""Extra web worker processes for `serve` (WEB_WORKERS): the same routes on the same port, nothing else."""
from __future__ import annotations

import logging
import multiprocessing
from multiprocessing.process import BaseProcess

from core.config import Settings

log = logging.getLogger(__name__)


def check_workers(settings: Settings) -> int:
    """How many web workers to run; refuses set-ups where extra workers would not see each other's state."""
    workers = settings.web_workers
    if workers <= 1:
        return 1
    if not settings.redis_url:
        raise SystemExit("WEB_WORKERS > 1 needs REDIS_URL: buttons, dedup keys and rate limits must be shared "
                         "between the workers")
    if settings.database_url.startswith("sqlite"):
        raise SystemExit("WEB_WORKERS > 1 needs PostgreSQL (DATABASE_URL): SQLite has a single writer")
    if settings.telegram_bot_token and settings.telegram_mode == "polling":
        raise SystemExit("WEB_WORKERS > 1 needs Telegram webhook mode: only one process may poll")
    return workers


def start_web_workers(settings: Settings, host: str, port: int, count: int) -> list[BaseProcess]:
    """Start `count` extra processes. They answer webhooks only: start-up calls (setWebhook), the scheduler
    and outbox delivery stay in the main process, so pacing toward Telegram and Teams is counted once."""
    context = multiprocessing.get_context("spawn")
    processes: list[BaseProcess] = []
    for index in range(count):
        process = context.Process(target=_run_web_worker, args=(settings, host, port), name=f"web-worker-{index + 1}",
                                  daemon=True)
        process.start()
        processes.append(process)
    return processes


def stop_web_workers(processes: list[BaseProcess], timeout: float = 10.0) -> None:
    for process in processes:
        process.terminate()  # SIGTERM: the worker finishes its requests and closes its connections
    for process in processes:
        process.join(timeout)
        if process.is_alive():
            process.kill()


def _run_web_worker(settings: Settings, host: str, port: int) -> None:
    from app.runtime import run
    from core import logs

    logs.configure(settings.log_level, settings.log_json, settings.secret_values())
    run(_web_worker(settings, host, port))


async def _web_worker(settings: Settings, host: str, port: int) -> None:
    from app.runtime import build, freeze_heap
    from app.serve import start_channels, start_web, until_stopped

    runtime = await build(settings, migrate=False)
    channels = await start_channels(runtime, register=False)
    runner = await start_web(runtime, host, port, channels, shared_port=True)
    freeze_heap()
    try:
        await until_stopped()
    finally:
        await runner.cleanup()
        for channel in channels:
            await channel.stop()
        await runtime.close()

"""Telegram figures: webhook updates/s vs a minimal PTB echo bot, and paced delivery of 1,000 alerts."""
from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
from pydantic import SecretStr

from bench.pg import REDIS, create_database, drop_database

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:TEST-token"
SECRET = "bench-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def process(*args: str, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[bytes]]:
    child = subprocess.Popen([sys.executable, *args], cwd=ROOT, env={**os.environ, **(env or {})},
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()


async def wait_http(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            try:
                async with http.get(url) as response:
                    if response.status < 500:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


RUN = int(time.time() * 1000) % 10**9 * 10_000  # update ids unique across runs (Redis remembers 24 h)
RUN_HELLO = 1_000_000


PEOPLE = 500  # ten updates each


def update(n: int, text: str | None = None) -> dict[str, Any]:
    user = 10_000 + n % PEOPLE
    return {"update_id": RUN + n, "message": {
        "message_id": n + 1, "date": int(time.time()), "chat": {"id": user, "type": "private", "first_name": "U"},
        "from": {"id": user, "is_bot": False, "first_name": f"User {user}", "username": f"user{user}"},
        "text": text or f"spent {100 + n % 900} tk on lunch"}}


async def load(url: str, total: int, concurrency: int, offset: int = 0) -> dict[str, float]:
    """Post `total` record-a-transaction updates; before the clock starts, each person says hello once (a
    running bot knows its users: first contact, which creates the user, is not what is measured)."""
    await _post_all(url, [update(RUN_HELLO + offset + n, "hi") for n in range(PEOPLE)], concurrency, [])
    latencies: list[float] = []
    failures, elapsed = await _post_all(url, [update(offset + n) for n in range(total)], concurrency, latencies)
    latencies.sort()
    return {"updates_per_s": round(total / elapsed, 1), "p50_ms": round(statistics.median(latencies) * 1000, 2),
            "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 2), "non_200": failures}


async def _post_all(url: str, updates: list[dict[str, Any]], concurrency: int,
                    latencies: list[float]) -> tuple[int, float]:
    """(non-200 answers, seconds) for posting `updates` from `concurrency` connections."""
    failures = 0
    pending = iter(updates)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}

    async def worker(http: aiohttp.ClientSession) -> None:
        nonlocal failures
        for body in pending:
            started = time.perf_counter()
            async with http.post(url, json=body, headers=headers) as response:
                await response.read()
                failures += response.status != 200
            latencies.append(time.perf_counter() - started)

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as http:
        started = time.perf_counter()
        await asyncio.gather(*(worker(http) for _ in range(concurrency)))
        return failures, time.perf_counter() - started


async def end_to_end(total: int, concurrency: int, workers: list[int]) -> dict[str, Any]:
    api_port, echo_port = free_port(), free_port()
    api = f"http://127.0.0.1:{api_port}"
    name, url = await create_database()
    env = {"DATABASE_URL": url, "REDIS_URL": REDIS, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_SECRET": SECRET,
           "TELEGRAM_API_BASE_URL": api, "RATE_LIMIT_PER_MINUTE": "1000000", "LOG_LEVEL": "WARNING",
           "DB_POOL_SIZE": "20"}
    try:
        with process("-m", "tests.fakes.telegram_api", "--port", str(api_port), "--no-rate-limits"):
            await wait_http(f"{api}/_stats")
            ours = {}
            for count in workers:  # the same server as one process, then as WEB_WORKERS processes on one port
                port = free_port()
                with process("-m", "app.cli", "serve", "--port", str(port), env={**env, "WEB_WORKERS": str(count)}):
                    await wait_http(f"http://127.0.0.1:{port}/healthz")
                    await asyncio.sleep(3 if count > 1 else 0)  # the extra workers start after the first
                    ours[count] = await load(f"http://127.0.0.1:{port}/telegram/webhook", total, concurrency,
                                             offset=count * total)
            with process("-m", "bench.echo_bot", "--port", str(echo_port), "--api", api, "--token", TOKEN):
                await wait_http(f"http://127.0.0.1:{echo_port}/telegram/webhook")
                echo = await load(f"http://127.0.0.1:{echo_port}/telegram/webhook", total, concurrency)
    finally:
        await drop_database(name)
    return {"updates": total, "concurrency": concurrency,
            "ours": [{"web_workers": count, **figures} for count, figures in ours.items()], "echo_bot": echo,
            "ratio": {f"web_workers_{count}": round(figures["updates_per_s"] / echo["updates_per_s"], 2)
                      for count, figures in ours.items()}}


async def delivery(messages: int) -> dict[str, Any]:
    from app.runtime import build
    from bots.telegram.channel import make_bot
    from bots.telegram.notifier import TelegramNotifier
    from core.config import Settings

    api_port = free_port()
    api = f"http://127.0.0.1:{api_port}"
    name, url = await create_database()
    try:
        with process("-m", "tests.fakes.telegram_api", "--port", str(api_port)):
            await wait_http(f"{api}/_stats")
            settings = Settings(_env_file=None, database_url=url, redis_url=REDIS,
                                telegram_bot_token=SecretStr(TOKEN), telegram_api_base_url=api,
                                outbox_batch_size=200)
            runtime = await build(settings)
            bot = make_bot(settings)
            await bot.initialize()
            notifier = TelegramNotifier(bot)
            outbox = runtime.services.outbox
            for n in range(messages):
                await outbox.post(channel="telegram", target=str(50_000 + n), kind="alert",
                                  payload={"kind": "text", "text": f"Batch BILLING-{n} is stuck"})
            elapsed = await outbox.drain({"telegram": notifier})
            counts = await outbox.counts()
            async with aiohttp.ClientSession() as http, http.get(f"{api}/_stats") as response:
                stats = await response.json()
            await bot.shutdown()
            await runtime.close()
    finally:
        await drop_database(name)
    return {"messages": messages, "sent": counts.get("sent", 0), "lost": messages - counts.get("sent", 0),
            "messages_per_s": round(counts.get("sent", 0) / elapsed, 2),
            "share_429": round(stats["answered_429"] / max(1, stats["sends"]), 4),
            "chats_reached": stats["chats_reached"], "spec_violations": len(stats["violations"])}


async def main(workers: list[int]) -> None:
    e2e = await end_to_end(5000, 64, workers)
    sent = await delivery(1000)
    print(json.dumps({"bench": "telegram", "end_to_end": e2e, "delivery": sent}))


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", default="1,2", help="WEB_WORKERS values to measure ours with, comma-separated")
    asyncio.run(main([int(n) for n in parser.parse_args().workers.split(",")]))

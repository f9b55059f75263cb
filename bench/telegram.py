"""Telegram figures: webhook updates/s beside minimal aiogram and PTB echo bots (interleaved), and paced delivery of
1,000 alerts against Telegram's 30 messages a second."""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import venv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
from pydantic import SecretStr

from bench.pg import REDIS, create_database, drop_database
from bench.ratios import figure

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:TEST-token"
SECRET = "bench-secret"
AIOGRAM_VENV = ROOT / "bench" / ".venv-aiogram"
AIOGRAM = "aiogram>=3,<4"
CEILING = 30.0  # messages a second the Bot API takes from one bot (the fake enforces it)
WEBHOOK_TARGET = ">= 1.0"  # ours, with the full record → preview pipeline, ÷ the aiogram echo bot
DELIVERY_TARGET = ">= 0.9"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def process(*args: str, env: dict[str, str] | None = None,
            python: str = sys.executable) -> Iterator[subprocess.Popen[bytes]]:
    child = subprocess.Popen([python, *args], cwd=ROOT, env={**os.environ, **(env or {})},
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


def update(n: int, people: int, text: str | None = None) -> dict[str, Any]:
    user = 10_000 + n % people
    return {"update_id": RUN + n, "message": {
        "message_id": n + 1, "date": int(time.time()), "chat": {"id": user, "type": "private", "first_name": "U"},
        "from": {"id": user, "is_bot": False, "first_name": f"User {user}", "username": f"user{user}"},
        "text": text or f"spent {100 + n % 900} tk on lunch"}}


async def load(url: str, total: int, concurrency: int, people: int, offset: int = 0) -> dict[str, float]:
    """Post `total` record-a-transaction updates; before the clock starts, each person says hello once (a
    running bot knows its users: first contact, which creates the user, is not what is measured)."""
    await _post_all(url, [update(RUN_HELLO + offset + n, people, "hi") for n in range(people)], concurrency, [])
    latencies: list[float] = []
    failures, elapsed = await _post_all(url, [update(offset + n, people) for n in range(total)], concurrency, latencies)
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


async def end_to_end(total: int, concurrency: int, workers: list[int], repeat: int, people: int) -> dict[str, Any]:
    """Ours beside the two echo bots on the same fake Bot API (rate limits off) and the same load, interleaved:
    for each WEB_WORKERS value, `repeat` × (ours, aiogram, python-telegram-bot)."""
    api_port, ptb_port, aiogram_port = free_port(), free_port(), free_port()
    api = f"http://127.0.0.1:{api_port}"
    name, url = await create_database()
    env = {"DATABASE_URL": url, "REDIS_URL": REDIS, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_SECRET": SECRET,
           "TELEGRAM_API_BASE_URL": api, "RATE_LIMIT_PER_MINUTE": "1000000", "LOG_LEVEL": "WARNING",
           "DB_POOL_SIZE": "20"}
    runs: dict[str, list[dict[str, float]]] = {}
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(process("-m", "tests.fakes.telegram_api", "--port", str(api_port), "--no-rate-limits"))
            stack.enter_context(process("-m", "bench.echo_bot", "--port", str(ptb_port), "--api", api, "--token",
                                        TOKEN))
            stack.enter_context(process(str(ROOT / "bench" / "aiogram_echo.py"), "--port", str(aiogram_port),
                                        "--api", api, "--token", TOKEN, python=str(aiogram_python())))
            for port in (api_port, ptb_port, aiogram_port):
                await wait_http(f"http://127.0.0.1:{port}/{'_stats' if port == api_port else 'telegram/webhook'}")
            offsets = iter(range(0, 10**9, total + people))
            for count in workers:  # the same server as one process, then as WEB_WORKERS processes on one port
                port = free_port()
                with process("-m", "app.cli", "serve", "--port", str(port), env={**env, "WEB_WORKERS": str(count)}):
                    await wait_http(f"http://127.0.0.1:{port}/healthz")
                    await asyncio.sleep(3 if count > 1 else 0)  # the extra workers start after the first
                    for _ in range(repeat):
                        for label, target in ((f"ours_web_workers_{count}", port), ("aiogram", aiogram_port),
                                              ("ptb", ptb_port)):
                            runs.setdefault(label, []).append(await load(
                                f"http://127.0.0.1:{target}/telegram/webhook", total, concurrency, people,
                                offset=next(offsets)))
    finally:
        await drop_database(name)
    figures = [figure(f"telegram: webhook record → preview updates/s, {count} web worker{'s' if count > 1 else ''}",
                      "updates/s", [r["updates_per_s"] for r in runs[f"ours_web_workers_{count}"]],
                      [r["updates_per_s"] for r in runs[key]], f"{base} echo bot",
                      WEBHOOK_TARGET if base == "aiogram" else None)
               for count in workers for key, base in (("aiogram", "aiogram"), ("ptb", "python-telegram-bot"))]
    return {"updates": total, "people": people, "concurrency": concurrency, "repeat": repeat, "runs": runs,
            "figures": figures}


def aiogram_python() -> Path:
    """The aiogram echo bot's interpreter: an environment of its own (aiogram 3 pins pydantic below ours),
    made on first use, which git ignores."""
    python = AIOGRAM_VENV / "bin" / "python"
    if not python.exists():
        venv.create(AIOGRAM_VENV, with_pip=True)
        (AIOGRAM_VENV / ".gitignore").write_text("*\n")
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", AIOGRAM],
                       check=True, stdout=subprocess.DEVNULL)
    return python


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
    per_s = counts.get("sent", 0) / elapsed
    return {"messages": messages, "sent": counts.get("sent", 0), "lost": messages - counts.get("sent", 0),
            "messages_per_s": round(per_s, 2), "ceiling_per_s": CEILING, "of_ceiling": round(per_s / CEILING, 3),
            "share_429": round(stats["answered_429"] / max(1, stats["sends"]), 4),
            "chats_reached": stats["chats_reached"], "spec_violations": len(stats["violations"])}


async def main(args: argparse.Namespace) -> None:
    e2e = await end_to_end(args.updates, args.concurrency, [int(n) for n in args.workers.split(",")], args.repeat,
                           args.people)
    sent = [await delivery(args.messages) for _ in range(args.delivery_repeat)]
    rates = [d["messages_per_s"] for d in sent]
    figures = [*e2e.pop("figures"),
               figure("telegram: delivery messages/s ÷ the Bot API's 30/s", "messages/s", rates, CEILING,
                      "Telegram's ceiling", DELIVERY_TARGET)]
    print(json.dumps({"bench": "telegram", "end_to_end": e2e, "delivery": sent, "figures": figures}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", default="1,2", help="WEB_WORKERS values to measure ours with, comma-separated")
    parser.add_argument("--updates", type=int, default=5000, help="timed updates per load")
    parser.add_argument("--people", type=int, default=500, help="people the updates come from (each says hi first)")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3, help="interleaved (ours, aiogram, PTB) rounds")
    parser.add_argument("--messages", type=int, default=1000, help="alerts delivered to as many chats")
    parser.add_argument("--delivery-repeat", type=int, default=1)
    asyncio.run(main(parser.parse_args()))

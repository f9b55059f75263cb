"""`switchboard serve` as a process: channels wired from settings, webhook answered, health reported."""
from __future__ import annotations

import asyncio
import os
import socket
import sys
from pathlib import Path
from typing import Any

import aiohttp

from tests.conftest import REDIS_URL, Postgres
from tests.fakes.telegram_api import FakeTelegramAPI


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_serve_with_telegram_and_teams(tmp_path: Path) -> None:
    api = FakeTelegramAPI()
    await api.start()
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/app.db", "REDIS_URL": "",
           "CCB_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/ccb.db", "LOG_LEVEL": "WARNING",
           "TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_WEBHOOK_SECRET": "serve-secret",
           "TELEGRAM_WEBHOOK_URL": "https://bot.example.com/telegram/webhook",
           "TELEGRAM_API_BASE_URL": api.url, "TEAMS_ENABLED": "true"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "app.cli", "serve", "--port", str(port), env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(150):
                try:
                    async with http.get(f"{base}/healthz") as response:
                        health = await response.json()
                        break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.1)
            else:
                raise AssertionError("serve did not come up")
            assert health["status"] == "ok" and set(health["channels"]) >= {"telegram", "teams", "console"}
            assert api.last("setWebhook").params["secret_token"] == "serve-secret"
            update = {"update_id": 77, "message": {
                "message_id": 1, "date": 1_790_000_000, "chat": {"id": 5, "type": "private"},
                "from": {"id": 5, "is_bot": False, "first_name": "Eve"}, "text": "hello"}}
            async with http.post(f"{base}/telegram/webhook", json=update,
                                 headers={"X-Telegram-Bot-Api-Secret-Token": "serve-secret"}) as response:
                assert response.status == 200
            assert api.last("sendMessage").params["text"].startswith("Hi Eve")
            async with http.post(f"{base}/api/messages", data=b"not json",
                                 headers={"Content-Type": "application/json"}) as response:
                assert response.status == 400
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), 20)
        await api.stop()
    assert api.violations == []


async def _wait_healthy(http: aiohttp.ClientSession, base: str) -> None:
    for _ in range(200):
        try:
            async with http.get(f"{base}/healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError("serve did not come up")


def _update(update_id: int, **body: Any) -> dict[str, Any]:
    return {"update_id": update_id, **body}


async def test_serve_with_two_web_workers_shares_buttons_and_registers_once(tmp_path: Path,
                                                                         postgres: Postgres) -> None:
    postgres_url = postgres.required()
    api = FakeTelegramAPI()
    await api.start()
    port = free_port()
    run = int.from_bytes(os.urandom(3), "big") * 1000  # update ids Redis has not seen before
    env = {**os.environ, "DATABASE_URL": postgres_url, "REDIS_URL": REDIS_URL, "LOG_LEVEL": "WARNING",
           "CCB_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/ccb.db", "WEB_WORKERS": "2",
           "TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_WEBHOOK_SECRET": "serve-secret",
           "TELEGRAM_WEBHOOK_URL": "https://bot.example.com/telegram/webhook", "TELEGRAM_API_BASE_URL": api.url}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "app.cli", "serve", "--port", str(port), env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    headers = {"X-Telegram-Bot-Api-Secret-Token": "serve-secret"}
    try:
        # a new connection per request, so the kernel spreads them over both workers
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as http:
            await _wait_healthy(http, base)
            for _ in range(100):  # the second worker comes up a moment after the first
                if len(api.of("getMe")) >= 2:
                    break
                await asyncio.sleep(0.1)
            for n in range(12):
                user = 7_000_000 + run + n
                sender = {"id": user, "is_bot": False, "first_name": f"P{n}"}
                chat = {"id": user, "type": "private"}
                said = {"message_id": 1, "date": 1_790_000_000, "chat": chat, "from": sender,
                        "text": f"spent {100 + n} tk on lunch"}
                async with http.post(f"{base}/telegram/webhook", json=_update(run + 2 * n, message=said),
                                     headers=headers) as response:
                    assert response.status == 200
                markup = next(call.params["reply_markup"] for call in reversed(api.of("sendMessage"))
                              if call.params["chat_id"] in (user, str(user)))
                save = markup["inline_keyboard"][0][0]["callback_data"]
                press = {"id": f"cb{n}", "from": sender, "chat_instance": "ci", "data": save,
                         "message": {**said, "message_id": 2, "from": {"id": 1, "is_bot": True, "first_name": "B"}}}
                async with http.post(f"{base}/telegram/webhook",
                                     json=_update(run + 2 * n + 1, callback_query=press),
                                     headers=headers) as response:
                    assert response.status == 200
                edited = api.last("editMessageText").params["text"]
                assert "Saved" in edited and f"{100 + n}" in edited, edited
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), 20)
        await api.stop()
    assert len(api.of("setWebhook")) == 1 and len(api.of("setMyCommands")) == 1
    assert len(api.of("getMe")) == 2  # one per worker
    assert api.violations == []


async def test_two_web_workers_without_redis_are_refused(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/app.db", "REDIS_URL": "",
           "WEB_WORKERS": "2", "LOG_LEVEL": "WARNING"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "app.cli", "serve", "--port", str(free_port()), env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode != 0
    assert b"WEB_WORKERS > 1 needs REDIS_URL" in err

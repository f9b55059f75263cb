"""`switchboard serve` as a process: channels wired from settings, webhook answered, health reported."""
from __future__ import annotations

import asyncio
import os
import socket
import sys
from pathlib import Path

import aiohttp

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

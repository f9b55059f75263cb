"""The second baseline for bench.telegram: a minimal aiogram 3 echo bot behind aiogram's own aiohttp webhook.

It runs in its own environment (bench/.venv-aiogram, made by `bench.telegram` on first use): aiogram 3 pins
pydantic below the version Switchboard runs on, so it is not installed beside it. It imports nothing of ours."""
from __future__ import annotations

import argparse
import asyncio

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

dispatcher = Dispatcher()


@dispatcher.message(F.text)
async def echo(message: Message) -> None:
    await message.answer(message.text or "")


async def main(port: int, api: str, token: str) -> None:
    # the local fake Bot API in place of api.telegram.org; 64 connections, as many as the load's concurrency
    session = AiohttpSession(api=TelegramAPIServer.from_base(api), limit=64)
    bot = Bot(token, session=session)
    app = web.Application()
    # answered after the update is handled (not in the background), as our webhook and the PTB echo bot are
    SimpleRequestHandler(dispatcher, bot, handle_in_background=False).register(app, path="/telegram/webhook")
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    print(f"aiogram echo bot on {port}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await session.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--api", required=True)
    parser.add_argument("--token", required=True)
    args = parser.parse_args()
    asyncio.run(main(args.port, args.api, args.token))

"""The baseline for bench.telegram: a minimal python-telegram-bot echo bot behind an aiohttp webhook."""
from __future__ import annotations

import argparse
import asyncio

from aiohttp import web
from telegram import Bot, Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters
from telegram.request import HTTPXRequest


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(update.effective_message.text or "")


async def main(port: int, api: str, token: str) -> None:
    bot = Bot(token, base_url=f"{api}/bot", request=HTTPXRequest(connection_pool_size=64))
    application = Application.builder().bot(bot).updater(None).concurrent_updates(True).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))

    async def webhook(request: web.Request) -> web.Response:
        # answered after the update is processed, like our webhook, so the two are timed alike
        await application.process_update(Update.de_json(await request.json(), application.bot))
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_post("/telegram/webhook", webhook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    async with application:
        await web.TCPSite(runner, "127.0.0.1", port).start()
        print(f"echo bot on {port}", flush=True)
        await asyncio.Event().wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--api", required=True)
    parser.add_argument("--token", required=True)
    args = parser.parse_args()
    asyncio.run(main(args.port, args.api, args.token))

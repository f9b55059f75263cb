"""Telegram transport on python-telegram-bot: webhook route, polling loop, start-up calls, reply delivery."""
from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from typing import Any

from aiohttp import web
from telegram import Bot, BotCommand, Update
from telegram.error import TelegramError

from bots.telegram.aiohttp_request import AiohttpRequest
from bots.telegram.mapping import CHANNEL, Inbound, to_inbound
from bots.telegram.notifier import SendPacer, TelegramNotifier
from bots.telegram.render import payload_of, reply_payloads
from core import safe_json
from core.config import Settings
from core.context import Services
from core.dispatcher import Dispatcher
from core.errors import Unavailable
from core.replies import Reply
from core.services.turns import Outgoing

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "callback_query"]
COMMANDS = [("help", "What I can do"), ("balances", "Who owes whom in this chat"), ("summary", "Spending this month"),
            ("list", "Your latest entries"), ("budgets", "Budget status"), ("export", "Export this month as CSV"),
            ("undo", "Remove your last entry"), ("link", "Link this account: /link CODE")]


def make_bot(settings: Settings, pool_size: int = 64) -> Bot:
    """A Bot whose every call goes to TELEGRAM_API_BASE_URL (the real API, or a fake in tests)."""
    assert settings.telegram_bot_token is not None
    request = AiohttpRequest(connection_pool_size=pool_size, read_timeout=15, write_timeout=15, connect_timeout=5,
                             pool_timeout=10)
    base = settings.telegram_api_base_url.rstrip("/")
    return Bot(settings.telegram_bot_token.get_secret_value(), base_url=f"{base}/bot",
               base_file_url=f"{base}/file/bot", request=request,
               get_updates_request=AiohttpRequest(connection_pool_size=1, read_timeout=40, connect_timeout=5))


class TelegramChannel:
    """The Telegram `Channel`: updates in by webhook or polling, replies through the outbox right after the commit."""

    name = CHANNEL

    def __init__(self, settings: Settings, dispatcher: Dispatcher, services: Services, bot: Bot | None = None):
        self.settings = settings
        self.dispatcher = dispatcher
        self.services = services
        self.bot = bot or make_bot(settings)
        self.notifier = TelegramNotifier(self.bot, SendPacer(settings.telegram_send_per_second))
        self._secret = settings.telegram_webhook_secret.get_secret_value() if settings.telegram_webhook_secret \
            else ""
        self._polling: asyncio.Task[None] | None = None

    async def start(self, receive: bool = True, register: bool = True) -> None:
        """getMe, then setWebhook (webhook mode with a public URL) or polling, and setMyCommands.
        With `receive=False` (the separate worker) only the sending side is prepared; with `register=False`
        (an extra web worker) the webhook route works but the one-off start-up calls are left to the main one."""
        await self.bot.initialize()
        if not receive or not register:
            return
        if self.settings.telegram_mode == "polling":
            await self.bot.delete_webhook(drop_pending_updates=False)
            self._polling = asyncio.create_task(self.poll_forever(), name="telegram-polling")
        elif self.settings.telegram_webhook_url:
            if not self._secret:
                raise RuntimeError("TELEGRAM_WEBHOOK_SECRET must be set to receive webhooks")
            await self.bot.set_webhook(url=self.settings.telegram_webhook_url, secret_token=self._secret,
                                       allowed_updates=ALLOWED_UPDATES,
                                       max_connections=self.settings.telegram_max_connections)
        await self.bot.set_my_commands([BotCommand(name, text) for name, text in COMMANDS])
        log.info("telegram bot @%s ready (%s mode)", self.bot.username, self.settings.telegram_mode)

    async def stop(self) -> None:
        if self._polling is not None:
            self._polling.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._polling
        await self.bot.shutdown()

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/telegram/webhook", self.webhook)

    def render(self, reply: Reply) -> dict[str, Any]:
        return payload_of(reply)

    async def webhook(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not self._secret or not hmac.compare_digest(given.encode(), self._secret.encode()):
            return web.json_response({"ok": False, "description": "wrong or missing secret token"}, status=401)
        try:
            data = safe_json.loads(await request.read())
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise safe_json.MalformedJson("not an Update")
        except safe_json.MalformedJson:
            return web.json_response({"ok": False, "description": "body is not a Telegram Update"}, status=400)
        try:
            await self.handle_update(data)
        except Unavailable:
            return web.json_response({"ok": False, "description": "try again later"}, status=503)
        return web.json_response({"ok": True})

    async def handle_update(self, data: dict[str, Any]) -> None:
        """Run one update; returns once its effects are committed. Raises `Unavailable` to ask for redelivery."""
        try:
            update = Update.de_json(data, self.bot)
        except (KeyError, TypeError, ValueError):
            log.warning("ignoring an update that does not parse: %s", str(data)[:200])
            return
        if update is None:
            return
        inbound = to_inbound(update, self.bot.bot, answer_all_in_groups=self.settings.telegram_answer_all_in_groups)
        if inbound is None:
            return
        settled = await self.dispatcher.settle(inbound.turn, lambda replies: self.outgoing(inbound, replies))
        try:
            await self.services.outbox.deliver_now(settled.queued, self.notifier.send_now)
        except Exception:  # committed already: what was not sent or recorded, the delivery worker sends
            log.exception("replies of update %s are left to the delivery worker", data.get("update_id"))

    def outgoing(self, inbound: Inbound, replies: list[Reply]) -> list[Outgoing]:
        """The replies as outbox rows: committed with the update's handled mark, then sent at once."""
        chat = inbound.turn.address.chat_id
        return [Outgoing(CHANNEL, chat, payload) for payload in
                reply_payloads(replies, callback_id=inbound.callback_id, message_id=inbound.message_id)]

    async def deliver(self, inbound: Inbound, replies: list[Reply]) -> None:
        """Send replies straight away, without the outbox (for replies that need no durability)."""
        for out in self.outgoing(inbound, replies):
            await self.notifier.send_now(out.target, out.payload)

    async def poll_forever(self) -> None:
        """Long polling for development: an update is acknowledged (offset) only after it was handled."""
        offset = 0
        while True:
            try:
                updates = await self.bot.get_updates(offset=offset, timeout=25, allowed_updates=ALLOWED_UPDATES)
            except TelegramError as error:
                log.warning("getUpdates failed: %s", error.message)
                await asyncio.sleep(2)
                continue
            for update in updates:
                try:
                    await self.handle_update(update.to_dict())
                except Unavailable:
                    log.warning("database unavailable; update %s will be fetched again", update.update_id)
                    await asyncio.sleep(2)
                    break
                except Exception:  # a bug in one update must not stop the bot from receiving the others
                    log.exception("update %s failed; it will be fetched again", update.update_id)
                    await asyncio.sleep(2)
                    break
                offset = update.update_id + 1

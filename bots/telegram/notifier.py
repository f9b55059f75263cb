"""Outbox delivery to Telegram within its limits: ~30 msg/s overall, ~1/s per chat, 20/min per group."""
from __future__ import annotations

import asyncio
import base64
import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, InputFile
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bots.telegram.mapping import CHANNEL
from bots.telegram.render import MAX_TEXT, chunks, render
from core.outbound import OutboundMessage, user_of
from core.ratelimit import Beat, SlidingWindow
from core.services.outbox import RetryLater, TargetGone, Undeliverable

log = logging.getLogger(__name__)
GONE_MARKERS = ("chat not found", "user is deactivated", "bot was kicked", "group chat was upgraded",
                "peer_id_invalid", "have no rights to send")


class SendPacer:
    """Spaces sends: evenly under a global pace, a minimum gap per chat, and pauses after a 429."""

    def __init__(self, per_second: float = 28.0, chat_gap: float = 1.0, group_gap: float = 3.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_second = per_second
        self._overall = Beat(per_second, clock)
        self._chats = SlidingWindow(1, chat_gap, clock)  # a gap is one send per that many seconds
        self._groups = SlidingWindow(1, group_gap, clock)
        self._paused: dict[str, float] = {}  # chat: until when Telegram asked us to wait
        self._clock = clock
        self._lock = asyncio.Lock()

    def _gap(self, chat: str) -> SlidingWindow:
        return self._groups if chat.startswith("-") else self._chats

    def wait_for_chat(self, chat: str) -> float:
        paused = self._paused.get(chat, 0.0) - self._clock()
        if paused <= 0:
            self._paused.pop(chat, None)
        return max(0.0, paused, self._gap(chat).wait(chat))

    def pause(self, chat: str, seconds: float) -> None:
        self._paused[chat] = max(self._paused.get(chat, 0.0), self._clock() + seconds)

    async def slot(self, chat: str) -> None:
        """Wait for a global slot and claim the chat's next one (callers check `wait_for_chat` first)."""
        async with self._lock:
            waiting = self._overall.wait()  # only the lock's holder sends: one wait frees a slot
            if waiting > 0:
                await asyncio.sleep(waiting + 0.001)
            self._overall.record()
            self._gap(chat).record(chat)


class TelegramNotifier:
    channel = CHANNEL

    def __init__(self, bot: Bot, pacer: SendPacer | None = None) -> None:
        self._bot = bot
        self.pacer = pacer or SendPacer()

    async def send(self, target: str, payload: dict[str, Any]) -> str | None:
        """Deliver from the outbox worker, within Telegram's limits. A person (`user_target`) is written to in
        their private chat with the bot, which has their user id. Returns the message id."""
        chat = self._paced_chat(target)
        return await self._deliver(chat, payload, paced=True)

    async def send_now(self, target: str, payload: dict[str, Any]) -> None:
        """Deliver the answer to a message the person just sent: not held back by the proactive pace."""
        await self._deliver(target, payload, paced=False)

    async def edit(self, target: str, receipt: str | None, payload: dict[str, Any]) -> None:
        """Show an `OutboundMessage` in place of the message `receipt` (its message id), within the pace."""
        chat = self._paced_chat(target)
        rendered = render(OutboundMessage.from_payload(payload).as_reply())
        if receipt is None or len(rendered.text) > MAX_TEXT:
            raise Undeliverable("the message cannot be edited (no message id, or the new text is too long)")
        await self.pacer.slot(chat)
        markup = rendered.keyboard.to_dict() if rendered.keyboard else None
        await self._deliver(chat, {"kind": "edit", "message_id": int(receipt), "text": rendered.text,
                                   "reply_markup": markup, "must_edit": True}, paced=True)

    def _paced_chat(self, target: str) -> str:
        chat = user_of(target) or target
        waiting = self.pacer.wait_for_chat(chat)
        if waiting > 0:  # this chat is paused or was written to a moment ago; others go first
            raise RetryLater(f"chat {chat} is paced", after=waiting, paced=True)
        return chat

    async def _deliver(self, target: str, payload: dict[str, Any], *, paced: bool) -> str | None:
        try:
            kind = payload.get("kind")
            if kind == "callback":
                await self._answer_callback(payload)
            elif kind == "document":
                sent = await self._bot.send_document(
                    chat_id=target, caption=payload.get("caption") or None,
                    document=InputFile(base64.b64decode(payload["content_b64"]), filename=payload["filename"]))
                return str(sent.message_id)
            elif kind == "photo":
                sent = await self._bot.send_photo(
                    chat_id=target, caption=payload.get("caption") or None,
                    photo=InputFile(base64.b64decode(payload["content_b64"]), filename=payload["filename"]))
                return str(sent.message_id)
            elif kind == "edit" and await self._edited(target, payload):
                return str(payload["message_id"])
            else:
                return await self._send_message(target, payload, paced=paced)
            return None
        except RetryAfter as error:
            seconds = _seconds(error.retry_after)
            self.pacer.pause(target, seconds)
            raise RetryLater(f"429: retry after {seconds:g} s", after=seconds) from None
        except Forbidden as error:
            raise TargetGone(f"403: {error.message}") from None
        except BadRequest as error:
            if any(marker in error.message.lower() for marker in GONE_MARKERS):
                raise TargetGone(f"400: {error.message}") from None
            raise Undeliverable(f"400: {error.message}") from None
        except (TimedOut, NetworkError) as error:
            raise RetryLater(f"network: {error.message}") from None
        except TelegramError as error:
            raise RetryLater(f"telegram: {error.message}") from None

    async def _send_message(self, target: str, payload: dict[str, Any], *, paced: bool) -> str:
        kind = payload.get("kind")
        if kind in ("html", "edit"):  # the transport's own replies, rendered when they were queued
            text, markup = payload["text"], payload.get("reply_markup")
        else:
            rendered = render(OutboundMessage.from_payload(payload).as_reply())
            text, markup = rendered.text, rendered.keyboard.to_dict() if rendered.keyboard else None
        pieces = chunks(text)
        message_id = ""
        for index, piece in enumerate(pieces):
            if paced:
                await self.pacer.slot(target)
            last = index == len(pieces) - 1
            sent = await self._bot.send_message(
                chat_id=target, text=piece, parse_mode=ParseMode.HTML,
                reply_markup=InlineKeyboardMarkup.de_json(markup, self._bot) if markup and last else None)
            message_id = str(sent.message_id)
        return message_id  # the last piece, which carries the buttons: the one an edit replaces

    async def _edited(self, target: str, payload: dict[str, Any]) -> bool:
        """Edit the pressed message in place; False when it cannot be edited (then a new message is sent)."""
        markup = payload.get("reply_markup")
        try:
            await self._bot.edit_message_text(
                chat_id=target, message_id=payload["message_id"], text=payload["text"], parse_mode=ParseMode.HTML,
                reply_markup=InlineKeyboardMarkup.de_json(markup, self._bot) if markup else None)
        except BadRequest as error:
            if "not modified" in error.message.lower():
                return True
            if payload.get("must_edit"):
                raise
            log.info("could not edit message %s (%s); sending a new one", payload["message_id"], error.message)
            return False
        return True

    async def _answer_callback(self, payload: dict[str, Any]) -> None:
        try:
            if payload.get("text"):
                await self._bot.answer_callback_query(payload["callback_id"], text=payload["text"][:200],
                                                      show_alert=True)
            else:
                await self._bot.answer_callback_query(payload["callback_id"])
        except BadRequest as error:  # an old callback cannot be answered any more; nothing to do
            log.info("answerCallbackQuery failed: %s", error.message)


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)

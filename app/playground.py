"""The admin playground's engine: a console turn through the dispatcher, each reply rendered by the Telegram and
Teams adapters exactly as they would send it."""
from __future__ import annotations

import base64
from collections.abc import Callable

from aiohttp import web

from app.runtime import Runtime
from bots.console import turn_for
from bots.teams.render import to_activity
from bots.telegram.render import payload_of
from core.replies import Document, Photo, Reply
from web.admin.playground import PLAY, Play, ShownReply


def playground_for(runtime: Runtime) -> Callable[[web.Application], None]:
    """What `create_app` takes in its `routes`: the playground given the process's dispatcher."""

    def attach(app: web.Application) -> None:
        app[PLAY] = make_playground(runtime)

    return attach


def make_playground(runtime: Runtime) -> Play:
    async def play(user: str, chat: str, text: str, key: str | None) -> list[ShownReply]:
        turn = turn_for(user, chat or None, text, button_key=key)
        return [shown(reply) for reply in await runtime.dispatcher.handle(turn)]

    return play


def shown(reply: Reply) -> ShownReply:
    if isinstance(reply, Document):
        return ShownReply(reply.caption, "", document=reply.filename)
    if isinstance(reply, Photo):  # shown as both channels show it: the picture, its caption beneath
        data = "data:image/png;base64," + base64.b64encode(reply.content).decode("ascii")
        return ShownReply(reply.caption, "", image=data)
    payload = payload_of(reply)
    markup = payload.get("reply_markup") or {}
    buttons = [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]
    activity = to_activity(reply)
    card = activity.attachments[0].content if activity.attachments else None
    return ShownReply(activity.text or "", payload["text"], buttons, card)

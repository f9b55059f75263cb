"""The playground: chat with the bot as any user in any chat, each reply shown as Telegram shows it (HTML and
keyboard) and as Teams does (the Adaptive Card, drawn in the browser by Microsoft's renderer), buttons working."""
from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from web.admin.session import render, signed_in


@dataclass(frozen=True, slots=True)
class ShownReply:
    """One reply in both renderings: Telegram's HTML (the renderer's own output, user text escaped) and its
    keyboard, and the Teams activity's Adaptive Card (None for a text-only message, shown as `text`)."""

    text: str
    telegram_html: str
    telegram_buttons: list[tuple[str, str]] = field(default_factory=list)
    card: dict[str, Any] | None = None
    document: str | None = None
    image: str | None = None  # a picture as a data: URL (the page's policy allows data: images)


Play = Callable[[str, str, str, str | None], Awaitable[list[ShownReply]]]
PLAY: web.AppKey[Play] = web.AppKey("admin_playground", object)  # type: ignore[arg-type]


def card_json(card: dict[str, Any]) -> str:
    """The card as JSON that is safe inside <script type="application/json"> (no "</script>" can end it)."""
    return json.dumps(card, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace(
        "&", "\\u0026")


@signed_in("admin")
async def playground(request: web.Request) -> web.Response:
    form: Any = await request.post() if request.method == "POST" else request.query
    user = str(form.get("user", "alice")).strip()[:64] or "alice"
    chat = str(form.get("chat", "")).strip()[:64]
    text, key = str(form.get("text", "")).strip(), str(form.get("key", "")).strip() or None
    replies: list[ShownReply] = []
    play = request.app.get(PLAY)
    if request.method == "POST" and play is not None and (text or key):
        replies = await play(user, chat, text, key)
    return render(request, "playground.html", user=user, chat=chat, said=text, pressed=key, replies=replies,
                  available=play is not None, card_json=card_json)

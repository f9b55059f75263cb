"""Replies as Telegram sees them: HTML with user text escaped, inline keyboards, 4,096-character chunks."""
from __future__ import annotations

import base64
from dataclasses import dataclass
from html import escape as _escape
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from core.replies import Action, Card, Document, Photo, Reply, Text

MAX_TEXT = 4096


def escape(text: str) -> str:
    """Escape for Telegram HTML: &, < and > (quotes need no escaping outside attributes)."""
    return _escape(text, quote=False)


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    keyboard: InlineKeyboardMarkup | None = None


def keyboard(actions: list[Action]) -> InlineKeyboardMarkup | None:
    """Buttons two to a row; `callback_data` is only the short server-side key, never the payload."""
    buttons = [InlineKeyboardButton(a.label[:64], callback_data=a.key) for a in actions if a.key]
    if not buttons:
        return None
    return InlineKeyboardMarkup([buttons[i:i + 2] for i in range(0, len(buttons), 2)]
                                if len(buttons) > 3 else [buttons])


STYLE_MARK = {"good": "✅ ", "warning": "⚠️ ", "attention": "🚨 "}  # Telegram HTML has no colours: Card.style as a mark


def render_card(card: Card) -> Rendered:
    lines = [f"{STYLE_MARK.get(card.style, '')}<b>{escape(card.title)}</b>"]
    if card.text:
        lines.append(escape(card.text))
    lines += [f"{escape(label)}: <b>{escape(value)}</b>" for label, value in card.facts]
    for section in card.sections:
        lines.append(f"\n<b>{escape(section.title)}</b>")
        lines += [f"{escape(label)}: {escape(value)}" for label, value in section.facts]
    return Rendered("\n".join(lines), keyboard(card.actions))


def render_text(text: Text) -> Rendered:
    return Rendered(escape(text.text))


def render(reply: Card | Text) -> Rendered:
    return render_card(reply) if isinstance(reply, Card) else render_text(reply)


def chunks(html_text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split on line boundaries so that no chunk exceeds `limit`; a single over-long line is cut hard."""
    pieces: list[str] = []
    current = ""
    for line in html_text.split("\n"):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            cut = _not_inside_entity(line, cut)
            pieces.append(line[:cut])
            line = line[cut:].lstrip(" ")
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        pieces.append(current)
    return [p for p in pieces if p.strip()] or [html_text[:limit]]


def _not_inside_entity(line: str, cut: int) -> int:
    amp = line.rfind("&", max(0, cut - 8), cut)
    if amp != -1 and ";" not in line[amp:cut]:
        return amp
    return cut


def payload_of(reply: Reply) -> dict[str, Any]:
    """A reply as the transport queues it in the outbox: HTML (buttons keep their server-side keys), a document or a
    photo.
    These payloads are Telegram's own, not `OutboundMessage`s: rendered once, when the turn commits."""
    if isinstance(reply, Document):
        return {"kind": "document", "filename": reply.filename, "caption": reply.caption[:1024],
                "content_b64": base64.b64encode(reply.content).decode("ascii")}
    if isinstance(reply, Photo):
        return {"kind": "photo", "filename": reply.filename, "caption": reply.caption[:1024],
                "content_b64": base64.b64encode(reply.content).decode("ascii")}
    rendered = render(reply)
    markup = rendered.keyboard.to_dict() if rendered.keyboard else None
    return {"kind": "html", "text": rendered.text, "reply_markup": markup}


def reply_payloads(replies: list[Reply], *, callback_id: str | None, message_id: int | None) -> list[dict[str, Any]]:
    """A turn's replies as outbox payloads, in the order they are sent: the button press's acknowledgement
    first (carrying a refusal as a pop-up), then each reply — an edit of the pressed message where asked."""
    payloads: list[dict[str, Any]] = []
    alert = next((r for r in replies if isinstance(r, Text) and r.alert), None)
    if callback_id is not None:
        payloads.append({"kind": "callback", "callback_id": callback_id, "text": alert.text if alert else None})
    for reply in replies:
        if reply is alert and callback_id is not None:
            continue
        payload = payload_of(reply)
        if payload["kind"] == "html" and reply.replace and message_id is not None and len(payload["text"]) <= MAX_TEXT:
            payload |= {"kind": "edit", "message_id": message_id}
        payloads.append(payload)
    return payloads

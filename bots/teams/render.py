"""Replies as Teams shows them: message activities with Adaptive Cards, and the answer to a pressed card."""
from __future__ import annotations

import base64
import mimetypes

from botbuilder.core import InvokeResponse, MessageFactory
from botbuilder.schema import Activity, AdaptiveCardInvokeResponse, Attachment

from bots.teams.cards import adaptive_card, plain
from core.outbound import OutboundMessage
from core.replies import Card, Document, Photo, Reply, Text

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
MAX_IMAGE_BYTES = 64 * 1024  # inline as a data URI (a third larger) it stays well inside a Teams message


def to_activity(reply: Reply) -> Activity:
    if isinstance(reply, Card):
        return MessageFactory.attachment(Attachment(content_type=CARD_TYPE, content=adaptive_card(reply)))
    if isinstance(reply, Document):
        return MessageFactory.text(f"{plain(reply.caption)} ({reply.filename}): exports are sent as files in "
                                   "Telegram and the console; in Teams, ask an admin for the file.")
    if isinstance(reply, Photo):
        return image_activity(reply)
    return MessageFactory.text(plain(reply.text))


def image_activity(photo: Photo) -> Activity:
    """An inline image: Teams draws an image/* attachment whose contentUrl is a base64 data URI, in personal
    chats, group chats and channels alike; one too big to carry inline is only named."""
    if len(photo.content) > MAX_IMAGE_BYTES:
        return MessageFactory.text(f"{plain(photo.caption)} (the chart is too large to show here)")
    mime = mimetypes.guess_type(photo.filename)[0] or "image/png"
    url = f"data:{mime};base64," + base64.b64encode(photo.content).decode("ascii")
    return MessageFactory.attachment(Attachment(content_type=mime, content_url=url, name=photo.filename),
                                     text=plain(photo.caption) or None)


def outbound_activity(message: OutboundMessage) -> Activity:
    """A proactive message, shown as the same reply would be."""
    return to_activity(message.as_reply())


def invoke_response(replies: list[Reply]) -> InvokeResponse:
    """What a pressed Action.Execute gets back (Universal Actions): the card that replaces the pressed one, a
    refusal shown beside it, or the outcome in the card's place (e.g. "✓ Saved …")."""
    card = next((r for r in replies if isinstance(r, Card)), None)
    message = next((r for r in replies if isinstance(r, Text)), None)
    if card is not None:
        return invoke_card(card)
    if message is not None and message.alert:
        return invoke_refusal(message.text)
    return invoke_card(Card(title=message.text if message is not None else "Done."))


def invoke_card(card: Card) -> InvokeResponse:
    return InvokeResponse(status=200, body=AdaptiveCardInvokeResponse(
        status_code=200, type=CARD_TYPE, value=adaptive_card(card)))


def invoke_refusal(text: str) -> InvokeResponse:
    """A refused press: Teams shows the message and leaves the card as it was for everyone."""
    return InvokeResponse(status=200, body=AdaptiveCardInvokeResponse(
        status_code=400, type="application/vnd.microsoft.error", value={"code": "BadRequest", "message": text}))

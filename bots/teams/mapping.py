"""Teams activities as Turns: the conversation to answer, who spoke, the people @mentioned, the button pressed."""
from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Any

import aiohttp
from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount

from core.turn import Address, Attachment, Mention, Sender, Turn

CHANNEL = "teams"
FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info"
DOWNLOAD_TIMEOUT = aiohttp.ClientTimeout(total=60, sock_connect=10)


def address_of(activity: Activity) -> Address:
    conversation = activity.conversation
    kind = "private" if (conversation.conversation_type or "personal") == "personal" else "group"
    return Address(CHANNEL, conversation.id, kind, conversation.name or "")


def sender_of(activity: Activity) -> Sender:
    user: ChannelAccount = activity.from_property
    return Sender(user.id, user.name or user.id, None)


def tenant_of(activity: Activity) -> str | None:
    data = activity.channel_data
    return (data.get("tenant") or {}).get("id") if isinstance(data, dict) else None


def mentions_of(activity: Activity) -> list[Mention]:
    """People @mentioned (not the bot), with their ids so they can be linked when they first write."""
    found = []
    for entity in activity.entities or []:
        if entity.type != "mention":
            continue
        data = entity.additional_properties if hasattr(entity, "additional_properties") else {}
        mentioned = (data or {}).get("mentioned") or getattr(entity, "mentioned", None) or {}
        if isinstance(mentioned, ChannelAccount):
            mentioned = {"id": mentioned.id, "name": mentioned.name}
        if mentioned.get("id") and mentioned.get("id") != activity.recipient.id:
            found.append(Mention(mentioned.get("name") or mentioned["id"], mentioned["id"]))
    return found


def pressed_key(activity: Activity) -> str | None:
    """The button key of an Action.Execute invoke or an Action.Submit message, if this activity is a press: the
    button's own, or the one chosen in the dropdown (`Input.ChoiceSet`) that the pressed Execute belongs to."""
    value = activity.value if isinstance(activity.value, dict) else None
    if value is None:
        return None
    data: Any = value
    if activity.type == ActivityTypes.invoke:
        action = value.get("action")
        data = action.get("data") if isinstance(action, dict) else None
    if not isinstance(data, dict):
        return None
    key = data.get("key")
    if key is None and isinstance(data.get("input"), str):
        key = data.get(data["input"])
    return str(key or "") or None


def attachment_of(activity: Activity) -> Attachment | None:
    """A file sent in a 1:1 chat: Teams gives a pre-authorised `downloadUrl` (no size); the download stops past the
    limit."""
    for attachment in activity.attachments or []:
        content = attachment.content if isinstance(attachment.content, dict) else {}
        url = content.get("downloadUrl")
        if attachment.content_type == FILE_DOWNLOAD_INFO and isinstance(url, str) and url.startswith(
                ("https://", "http://")):
            return Attachment(attachment.name or "file", None, None, partial(download, url))
    return None


async def download(url: str, limit: int) -> bytes:
    """At most `limit + 1` bytes of `url` (enough to tell that a file is over the limit)."""
    async with aiohttp.ClientSession(timeout=DOWNLOAD_TIMEOUT) as http, http.get(url) as response:
        response.raise_for_status()
        content = bytearray()
        async for chunk in response.content.iter_chunked(65_536):
            content += chunk
            if len(content) > limit:
                break
        return bytes(content[:limit + 1])


def message_turn(activity: Activity) -> Turn:
    """A message: its text without the bot's own @mention, the people it mentions, and a file sent with it."""
    text = TurnContext.remove_recipient_mention(activity) or ""
    return Turn(address_of(activity), sender_of(activity), text.strip(), mentions_of(activity),
                inbound_id=activity.id, reply_to=activity.reply_to_id,
                received_at=activity.timestamp or datetime.now(UTC), attachment=attachment_of(activity))


def press_turn(activity: Activity, key: str) -> Turn:
    """A button press on the card the activity replies to."""
    return Turn(address_of(activity), sender_of(activity), button_key=key, inbound_id=activity.id,
                message_id=activity.reply_to_id)

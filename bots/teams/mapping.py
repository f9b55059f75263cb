"""Teams activities as Turns: the conversation to answer, who spoke, the people @mentioned, the button pressed."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount

from core.turn import Address, Mention, Sender, Turn

CHANNEL = "teams"


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


def message_turn(activity: Activity) -> Turn:
    """A message: its text without the bot's own @mention, and the people it mentions."""
    text = TurnContext.remove_recipient_mention(activity) or ""
    return Turn(address_of(activity), sender_of(activity), text.strip(), mentions_of(activity),
                inbound_id=activity.id, reply_to=activity.reply_to_id,
                received_at=activity.timestamp or datetime.now(UTC))


def press_turn(activity: Activity, key: str) -> Turn:
    """A button press on the card the activity replies to."""
    return Turn(address_of(activity), sender_of(activity), button_key=key, inbound_id=activity.id,
                message_id=activity.reply_to_id)

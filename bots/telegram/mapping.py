"""Telegram updates as Turns: private chats, groups (only when addressed), text mentions, button presses."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from telegram import Chat, Document, Message, MessageEntity, Update, User

from core.turn import Address, Attachment, Mention, Sender, Turn

CHANNEL = "telegram"


@dataclass(frozen=True, slots=True)
class Inbound:
    """A turn plus what the transport needs to answer it (the callback to acknowledge, the message to edit)."""

    turn: Turn
    callback_id: str | None = None
    message_id: int | None = None


def address_of(chat: Chat) -> Address:
    kind = "private" if chat.type == Chat.PRIVATE else "group"
    title = chat.title or chat.full_name or ""
    return Address(CHANNEL, str(chat.id), kind, title)


def sender_of(user: User) -> Sender:
    return Sender(str(user.id), user.full_name or user.username or str(user.id), user.username)


def is_addressed(message: Message, bot: User) -> bool:
    """In a group, the bot answers only what is meant for it: @mention, a reply to it, or a command (a file: its
    caption's @mention, or sent in reply to the bot)."""
    if message.document is not None:
        caption = (message.caption or "").lower()
        replied = message.reply_to_message
        return bool(bot.username and f"@{bot.username.lower()}" in caption) or bool(
            replied and replied.from_user and replied.from_user.id == bot.id)
    text = message.text or ""
    handle = f"@{bot.username}".lower() if bot.username else None
    if text.startswith("/"):
        command = text.split()[0].lower()
        return "@" not in command or (handle is not None and command.endswith(handle))
    if message.reply_to_message and message.reply_to_message.from_user \
            and message.reply_to_message.from_user.id == bot.id:
        return True
    for entity in message.entities or ():
        if entity.type == MessageEntity.MENTION and handle and \
                message.parse_entity(entity).lower() == handle:
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot.id:
            return True
    return False


def handle_for(user: User, shown: str) -> str:
    return user.username or re.sub(r"\W+", "_", shown.strip()).strip("_") or str(user.id)


def mentions_of(message: Message, bot: User) -> list[Mention]:
    """People named by `text_mention` (no username, known by id); @handles the parser reads from the text."""
    found = []
    for entity in message.entities or ():
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id != bot.id:
            found.append(Mention(handle_for(entity.user, message.parse_entity(entity)), str(entity.user.id)))
    return found


def text_of(message: Message, bot: User) -> str:
    """The text with `text_mention` spans written as @handles (so they read like any other mention)
    and the bot's own @mention removed wherever it stands."""
    raw = (message.text or "").encode("utf-16-le")
    mentions = sorted((e for e in message.entities or () if e.type == MessageEntity.TEXT_MENTION and e.user),
                      key=lambda e: e.offset, reverse=True)
    for entity in mentions:  # offsets are UTF-16 code units
        user = entity.user
        assert user is not None
        handle = "" if user.id == bot.id else "@" + handle_for(user, message.parse_entity(entity))
        start, end = entity.offset * 2, (entity.offset + entity.length) * 2
        raw = raw[:start] + handle.encode("utf-16-le") + raw[end:]
    text = raw.decode("utf-16-le")
    if not bot.username:
        return text.strip()
    return re.sub(rf"(?<![\w@])@{re.escape(bot.username)}\b", "", text, flags=re.IGNORECASE).strip()


def attachment_of(document: Document) -> Attachment:
    """A document sent to the bot; its bytes come from getFile and the file download URL when a handler asks."""

    async def fetch(limit: int) -> bytes:
        file = await document.get_file()
        if file.file_size is not None and file.file_size > limit:
            return bytes(limit + 1)  # over the limit: not downloaded
        return bytes(await file.download_as_bytearray())

    return Attachment(document.file_name or "file", document.file_size, document.mime_type, fetch)


def to_inbound(update: Update, bot: User, *, answer_all_in_groups: bool = False) -> Inbound | None:
    """The turn for an update, or None for updates the bot does not act on (edits, joins, other bots)."""
    if update.callback_query is not None:
        query = update.callback_query
        message = query.message
        chat = message.chat if message is not None else None
        if chat is None:
            return Inbound(Turn(Address(CHANNEL, str(query.from_user.id)), sender_of(query.from_user),
                                button_key=query.data or "", inbound_id=str(update.update_id)), query.id)
        turn = Turn(address_of(chat), sender_of(query.from_user), button_key=query.data or "",
                    inbound_id=str(update.update_id), message_id=str(message.message_id))  # type: ignore[union-attr]
        return Inbound(turn, query.id, message.message_id)  # type: ignore[union-attr]
    message = update.message
    if message is None or message.from_user is None or message.from_user.is_bot or (
            message.text is None and message.document is None):
        return None
    address = address_of(message.chat)
    if address.is_group and not answer_all_in_groups and not is_addressed(message, bot):
        return None
    received = message.date.astimezone(UTC) if message.date else datetime.now(UTC)
    answered = message.reply_to_message
    reply_to = str(answered.message_id) if answered and answered.from_user and answered.from_user.id == bot.id \
        else None
    turn = Turn(address, sender_of(message.from_user), text_of(message, bot), mentions_of(message, bot),
                inbound_id=str(update.update_id), message_id=str(message.message_id), reply_to=reply_to,
                received_at=received, attachment=attachment_of(message.document) if message.document else None)
    return Inbound(turn)

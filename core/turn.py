"""One inbound message or button press (`Turn`), where to answer (`Address`) and who spoke (`Actor`)."""
from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True, slots=True)
class Address:
    """A conversation on one channel. `kind` is private, group or channel. `acts_by_name`: people here act as the
    platform user of their name, and are mentioned by it (the console, where `--user NAME` picks who you are)."""

    channel: str
    chat_id: str
    kind: str = "private"
    title: str = ""
    acts_by_name: bool = False

    @property
    def is_group(self) -> bool:
        return self.kind != "private"

    @property
    def key(self) -> str:
        """`channel:chat_id`, which names this conversation across channels (buttons, leases, settings)."""
        return f"{self.channel}:{self.chat_id}"


@dataclass(frozen=True, slots=True)
class Sender:
    """The person behind a turn as the channel knows them, before identity resolution."""

    external_id: str
    display_name: str
    username: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """Someone named in a message: by handle (Telegram), by platform id (text_mention, Teams <at>)."""

    name: str
    external_id: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved platform user."""

    id: int
    name: str
    display_name: str
    role: str
    auto_save: bool = False

    def has_role(self, *roles: str) -> bool:
        return self.role in roles


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent with a message, as the channel describes it. `fetch(limit)` downloads it (the channel adapter
    knows how) and stops after `limit + 1` bytes, so a file larger than `limit` is seen to be without being read
    whole. `size` is None when the platform does not say."""

    name: str
    size: int | None
    mime_type: str | None
    fetch: Callable[[int], Awaitable[bytes]]


@dataclass(slots=True)
class Turn:
    """What the dispatcher handles: text (with mentions the channel resolved) or a button press key."""

    address: Address
    sender: Sender
    text: str = ""
    mentions: list[Mention] = field(default_factory=list)
    button_key: str | None = None
    inbound_id: str | None = None
    message_id: str | None = None
    reply_to: str | None = None  # the bot's message this one answers (an alert's copy: "ack" in reply to it)
    received_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    id: str = field(default_factory=lambda: secrets.token_hex(6))
    attachment: Attachment | None = None  # a file sent (a bank statement to import)

    @property
    def is_press(self) -> bool:
        return self.button_key is not None

    @property
    def effect_key(self) -> str | None:
        """Names this inbound update across redeliveries, so a write that a crashed run already made is found
        again instead of being made twice; None when the channel gives no inbound id."""
        return f"{self.address.channel}:{self.inbound_id}" if self.inbound_id else None

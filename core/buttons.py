"""Server-side button registry: a short opaque key stands for action, payload, owner, chat and expiry."""
from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any

from core.errors import DraftExpired, NotAllowed, UserError
from core.replies import Action
from core.store import Store

GRACE_SECONDS = 86400  # keep expired keys a day longer, so a late press is told "expired", not "unknown"
OPEN_KEY = re.compile(r"^!([a-z_]{1,32}):([A-Za-z0-9_-]{1,40})$")


def open_key(action_id: str, arg: str | int) -> str:
    """A key that names its action and argument itself, for one message sent to many chats (an alert's copies):
    valid in any chat and without expiry, so only actions a router declares `open` accept it, and their handlers
    check who pressed it and where."""
    key = f"!{action_id}:{arg}"
    assert OPEN_KEY.match(key), key
    return key


@dataclass(frozen=True, slots=True)
class PressedAction:
    id: str
    payload: dict[str, Any]
    owner: int | None
    key: str
    open: bool = False  # from an `open_key`: the handler must check the chat and the person itself


class ButtonRegistry:
    def __init__(self, store: Store, ttl_seconds: int) -> None:
        self._store = store
        self._ttl = ttl_seconds

    async def issue_all(self, actions: list[Action], chat: str) -> None:
        """Give each action a short key, in one store value per card: `CARDKEY.N` (at most 21 characters, far
        under Telegram's 64 bytes), where CARDKEY is 16 random characters and N the button's place."""
        if not actions:
            return
        actions = [a for a in actions if a.key is None]  # `open_key`s name themselves
        if not actions:
            return
        card_key = secrets.token_urlsafe(12)
        for index, action in enumerate(actions):
            action.key = f"{card_key}.{index}"
        record = {"c": chat, "e": time.time() + self._ttl, "b": [[a.id, a.payload, a.owner] for a in actions]}
        await self._store.set(f"btn:{card_key}", json.dumps(record), self._ttl + GRACE_SECONDS)

    async def resolve(self, key: str, chat: str, user_id: int, owner_name: str | None = None) -> PressedAction:
        """The pressed action, or a `UserError` saying why this press has no effect."""
        opened = OPEN_KEY.match(key or "")
        if opened:
            return PressedAction(opened.group(1), {"arg": opened.group(2)}, None, key, open=True)
        card_key, _, place = key.rpartition(".") if key and len(key) <= 64 else ("", "", "")
        valid = card_key and place.isascii() and place.isdigit()
        raw = await self._store.get(f"btn:{card_key}") if valid else None
        record = json.loads(raw) if raw is not None else {"b": []}
        if not valid or int(place) >= len(record["b"]):
            raise UserError("That button is not valid any more. Please start again.")
        action_id, payload, owner = record["b"][int(place)]
        if record["c"] != chat:
            raise NotAllowed("That button does not belong to this chat.")
        if record["e"] < time.time():
            raise DraftExpired("That button has expired. Please send the request again.")
        if owner is not None and owner != user_id:
            raise NotAllowed("Only the person who asked can press this button.")
        return PressedAction(action_id, payload, owner, key)

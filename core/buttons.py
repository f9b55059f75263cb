"""Server-side button registry: a short opaque key stands for action, payload, owner, chat and expiry."""
from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from core.errors import DraftExpired, NotAllowed, UserError
from core.replies import Action
from core.store import Store

GRACE_SECONDS = 86400  # keep expired keys a day longer, so a late press is told "expired", not "unknown"


@dataclass(frozen=True, slots=True)
class PressedAction:
    id: str
    payload: dict[str, Any]
    owner: int | None
    key: str


class ButtonRegistry:
    def __init__(self, store: Store, ttl_seconds: int) -> None:
        self._store = store
        self._ttl = ttl_seconds

    async def issue_all(self, actions: list[Action], chat: str) -> None:
        """Give each action a short key (16 characters, far under Telegram's 64 bytes), in one store call."""
        expires = time.time() + self._ttl
        records = {}
        for action in actions:
            action.key = secrets.token_urlsafe(12)
            records[f"btn:{action.key}"] = json.dumps(
                {"a": action.id, "p": action.payload, "o": action.owner, "c": chat, "e": expires})
        if records:
            await self._store.set_many(records, self._ttl + GRACE_SECONDS)

    async def resolve(self, key: str, chat: str, user_id: int, owner_name: str | None = None) -> PressedAction:
        """The pressed action, or a `UserError` saying why this press has no effect."""
        raw = await self._store.get(f"btn:{key}") if key and len(key) <= 64 else None
        if raw is None:
            raise UserError("That button is not valid any more. Please start again.")
        record = json.loads(raw)
        if record["c"] != chat:
            raise NotAllowed("That button does not belong to this chat.")
        if record["e"] < time.time():
            raise DraftExpired("That button has expired. Please send the request again.")
        if record["o"] is not None and record["o"] != user_id:
            raise NotAllowed("Only the person who asked can press this button.")
        return PressedAction(record["a"], record["p"], record["o"], key)

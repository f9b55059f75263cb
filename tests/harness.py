"""ChatHarness: say a line as someone, press a button, and assert on the replies a person would see."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event, func, select

from app.runtime import Runtime
from bots.console import turn_for
from core.models import Entry
from core.replies import Card, Document, Photo, Reply, Text
from core.turn import Attachment


@dataclass
class Said:
    """The replies to one turn."""

    replies: list[Reply] = field(default_factory=list)

    @property
    def text(self) -> str:
        parts = []
        for reply in self.replies:
            if isinstance(reply, Card):
                parts.append(reply.as_text())
            elif isinstance(reply, Text):
                parts.append(reply.text)
            else:
                parts.append(reply.caption)
        return "\n".join(parts)

    @property
    def card(self) -> Card:
        cards = [r for r in self.replies if isinstance(r, Card)]
        assert cards, f"expected a card, got: {self.text!r}"
        return cards[0]

    @property
    def document(self) -> Document:
        docs = [r for r in self.replies if isinstance(r, Document)]
        assert docs, f"expected a document, got: {self.text!r}"
        return docs[0]

    @property
    def photo(self) -> Photo:
        photos = [r for r in self.replies if isinstance(r, Photo)]
        assert photos, f"expected a photo, got: {self.text!r}"
        return photos[0]

    def fact(self, label: str) -> str:
        return dict(self.card.facts)[label]

    def button(self, label: str) -> str:
        for action in self.card.actions:
            if action.label == label:
                assert action.key is not None
                return action.key
        raise AssertionError(f"no button {label!r} on {[a.label for a in self.card.actions]}")


class Person:
    def __init__(self, harness: ChatHarness, name: str) -> None:
        self.harness = harness
        self.name = name
        self.fetched: list[str] = []  # files the bot downloaded from this person

    async def say(self, text: str, chat: str | None = None, inbound_id: str | None = None) -> Said:
        turn = turn_for(self.name, chat, text)
        turn.inbound_id = inbound_id
        return Said(await self.harness.runtime.dispatcher.handle(turn))

    async def send_file(self, name: str, content: bytes, chat: str | None = None, inbound_id: str | None = None,
                        size: int | None = -1) -> Said:
        """Send a file as a chat platform does (`size` as the platform tells it: -1 the real one, None unknown)."""
        async def fetch(limit: int) -> bytes:
            self.fetched.append(name)
            return content[:limit + 1]

        turn = turn_for(self.name, chat)
        turn.inbound_id = inbound_id
        turn.attachment = Attachment(name, len(content) if size == -1 else size, None, fetch)
        return Said(await self.harness.runtime.dispatcher.handle(turn))

    async def press(self, said: Said, label: str, chat: str | None = None) -> Said:
        return await self.press_key(said.button(label), chat)

    async def press_key(self, key: str, chat: str | None = None) -> Said:
        return Said(await self.harness.runtime.dispatcher.handle(turn_for(self.name, chat, button_key=key)))


class CountsEntries:
    """`entry_count()` for every harness (chat, Telegram, Teams): what a test asserts was written, or not."""

    runtime: Runtime

    async def entry_count(self) -> int:
        """Ledger entries in all chats, not counting undone ones."""
        async with self.runtime.database.sessions() as session:
            return int(await session.scalar(select(func.count()).select_from(Entry).where(
                Entry.voided_at.is_(None))) or 0)


@asynccontextmanager
async def database_down(runtime: Runtime) -> AsyncIterator[None]:
    """The application database refuses every new connection (as while it restarts) until the block ends."""
    engine = runtime.engine.sync_engine

    def refuse(*_args: Any) -> None:
        raise ConnectionRefusedError("the database is down")

    await runtime.engine.dispose()  # pooled connections do not outlive the outage
    event.listen(engine, "do_connect", refuse)
    try:
        yield
    finally:
        event.remove(engine, "do_connect", refuse)


class ChatHarness(CountsEntries):
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def user(self, name: str) -> Person:
        return Person(self, name)


@dataclass
class Clock:
    """A clock a test moves by hand (the `services_clock` fixture), so nothing has to sleep until a time runs out."""

    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

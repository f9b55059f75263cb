"""Console channel: `switchboard chat`, a REPL on the same dispatcher and handlers as Telegram and Teams."""
from __future__ import annotations

import asyncio
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from aiohttp import web

from core.dispatcher import Dispatcher
from core.errors import Unavailable
from core.nlu import mentions as mention_text
from core.outbound import OutboundMessage, user_of
from core.replies import Action, Card, Document, Photo, Reply, Text
from core.services.outbox import RetryLater
from core.turn import Address, Attachment, Mention, Sender, Turn

CHANNEL = "console"


def address_for(user: str, chat: str | None) -> Address:
    """`--chat NAME` is a group shared by everyone who uses that name; without it, a private chat. On the console
    people act as platform users by name (`switchboard chat --user NAME`)."""
    if chat:
        return Address(CHANNEL, f"group:{chat}", "group", chat, acts_by_name=True)
    return Address(CHANNEL, f"dm:{user}", "private", user, acts_by_name=True)


def turn_for(user: str, chat: str | None, text: str = "", button_key: str | None = None) -> Turn:
    mentions = [Mention(span.name) for span in mention_text.clean(text).mentions]
    return Turn(address_for(user, chat), Sender(user, user, user), text, mentions, button_key)


def file_attachment(name: str) -> Attachment | None:
    """A local file as an attachment, read (up to the limit) only when the handler asks for it; None if no file."""
    path = Path(name).expanduser()
    if not path.is_file():
        return None

    async def fetch(limit: int) -> bytes:
        def read() -> bytes:
            with path.open("rb") as file:
                return file.read(limit + 1)

        return await asyncio.to_thread(read)

    return Attachment(path.name, path.stat().st_size, None, fetch)


def as_json(reply: Reply, file_path: str | None = None) -> dict[str, Any]:
    if isinstance(reply, Card):
        return {"text": reply.as_text() if not reply.text else reply.text, "title": reply.title,
                "facts": [[k, v] for k, v in reply.facts]
                + [[f"{s.title}: {k}", v] for s in reply.sections for k, v in s.facts],
                "actions": [{"n": i, "id": a.id, "label": a.label} for i, a in enumerate(reply.actions, 1)]}
    if isinstance(reply, Document | Photo):
        return {"text": f"{reply.caption} → {file_path}", "title": reply.filename, "facts": [], "actions": [],
                "file": file_path}
    return {"text": reply.text, "title": None, "facts": [], "actions": []}


def as_lines(reply: Reply, file_path: str | None = None) -> str:
    if isinstance(reply, Card):
        lines = [f"┌ {reply.title}"]
        if reply.text:
            lines += [f"│ {line}" for line in reply.text.splitlines()]
        lines += [f"│ {label}: {value}" for label, value in reply.facts]
        for section in reply.sections:
            lines.append(f"│ {section.title}")
            lines += [f"│   {label}: {value}" for label, value in section.facts]
        if reply.actions:
            lines.append("└ " + "  ".join(f"[{i}] {a.label}" for i, a in enumerate(reply.actions, 1)))
        return "\n".join(lines)
    if isinstance(reply, Document):
        return f"📎 {reply.filename} ({reply.caption})" + (f" saved to {file_path}" if file_path else "")
    if isinstance(reply, Photo):
        return f"[photo: {reply.filename}, {len(reply.content):,} bytes]" + (f" saved to {file_path}" if file_path
                                                                                else "")
    return ("✎ " if reply.replace else "") + reply.text


@dataclass
class ConsoleSession:
    """One REPL: who is talking, in which chat, and the buttons of the latest card."""

    dispatcher: Dispatcher
    user: str
    chat: str | None = None
    json_mode: bool = False
    out: TextIO = sys.stdout
    export_dir: Path = Path("exports")
    buttons: list[Action] = field(default_factory=list)

    async def line(self, text: str) -> list[Reply]:
        text = text.rstrip("\n")
        if text.startswith("/as "):
            self.user = text[4:].strip() or self.user
            self._say(Text(f"(now speaking as {self.user})"))
            return []
        if text.startswith("/press"):
            return await self._press(text[6:].strip())
        if text.startswith("/import "):
            return await self._import(text[8:].strip())
        return await self._run(turn_for(self.user, self.chat, text))

    async def _import(self, name: str) -> list[Reply]:
        """`/import statement.csv`: send a local file as a chat platform sends one (a bank statement to import)."""
        attachment = await asyncio.to_thread(file_attachment, name)
        if attachment is None:
            self._say(Text(f"There is no file {name}."))
            return []
        turn = turn_for(self.user, self.chat)
        turn.attachment = attachment
        return await self._run(turn)

    async def _press(self, which: str) -> list[Reply]:
        """`/press 2` or `/press Monthly billing`: a button of the latest card by number or label."""
        by_label = [a for a in self.buttons if a.label.casefold() == which.casefold()]
        if which.isdigit() and 1 <= int(which) <= len(self.buttons):
            action = self.buttons[int(which) - 1]
        elif by_label:
            action = by_label[0]
        else:
            self._say(Text(f"There is no button {which or '?'} on the latest card."))
            return []
        return await self._run(turn_for(self.user, self.chat, button_key=action.key))

    async def _run(self, turn: Turn) -> list[Reply]:
        try:
            replies = await self.dispatcher.handle(turn)
        except Unavailable:
            replies = [Text("The database is not answering right now. Nothing was saved; please try again.")]
        for reply in replies:
            if isinstance(reply, Card) and reply.actions:
                self.buttons = list(reply.actions)
            self._say(reply)
        return replies

    def _say(self, reply: Reply) -> None:
        path = None
        if isinstance(reply, Document | Photo):
            self.export_dir.mkdir(parents=True, exist_ok=True)
            target = self.export_dir / reply.filename
            target.write_bytes(reply.content)
            path = str(target)
        if self.json_mode:
            self.out.write(json.dumps(as_json(reply, path), ensure_ascii=False) + "\n")
        else:
            self.out.write(as_lines(reply, path) + "\n")
        self.out.flush()


class ConsoleNotifier:
    """Delivers outbox messages for console users by printing them (to stderr in JSON mode)."""

    channel = CHANNEL

    def __init__(self, out: TextIO = sys.stderr, *, fail_with: Exception | None = None) -> None:
        self.out = out
        self.delivered: list[tuple[str, dict[str, Any]]] = []
        self.edited: list[tuple[str, str | None, dict[str, Any]]] = []
        self._fail_with = fail_with

    async def send(self, target: str, payload: dict[str, Any]) -> str | None:
        """`target` is a console chat, or a person (`user_target`): their private chat, which is named after them.
        Returns the message's place in `delivered`, its id for edits."""
        chat = self._chat(target)
        self.delivered.append((target, payload))
        self._print(f"📨 to {chat.split(':', 1)[1]}", payload)
        return str(len(self.delivered) - 1)

    async def edit(self, target: str, receipt: str | None, payload: dict[str, Any]) -> None:
        chat = self._chat(target)
        self.edited.append((target, receipt, payload))
        self._print(f"✏️ updated in {chat.split(':', 1)[1]}", payload)

    def _chat(self, target: str) -> str:
        if self._fail_with is not None:
            raise self._fail_with
        user = user_of(target)
        chat = address_for(user, None).chat_id if user is not None else target
        if not chat.startswith(("dm:", "group:")):
            raise RetryLater(f"console target {target!r} is not a console chat")
        return chat

    def _print(self, heading: str, payload: dict[str, Any]) -> None:
        self.out.write(f"{heading}: {as_lines(OutboundMessage.from_payload(payload).as_reply())}\n")
        self.out.flush()


class ConsoleChannel:
    """The console as a `Channel`: no webhooks to serve, nothing to start; its notifier prints."""

    name = CHANNEL

    def __init__(self, notifier: ConsoleNotifier | None = None) -> None:
        self.notifier = notifier or ConsoleNotifier()

    def routes(self, app: web.Application) -> None:
        return None

    async def start(self, receive: bool = True, register: bool = True) -> None:
        return None

    async def stop(self) -> None:
        return None

    def render(self, reply: Reply) -> str:
        return as_lines(reply)

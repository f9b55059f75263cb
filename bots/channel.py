"""`Channel`: what each chat channel adapter offers the composition root (routes, start and stop, its notifier
for the outbox, and how it shows a reply); Telegram, Teams and the console implement it."""
from __future__ import annotations

from typing import Protocol

from aiohttp import web

from core.replies import Reply
from core.services.outbox import Notifier


class Channel(Protocol):
    @property
    def name(self) -> str:
        """The channel's name in addresses, identities and the outbox ("telegram", "teams", "console")."""
        ...

    @property
    def notifier(self) -> Notifier:
        """Delivers this channel's outbox messages."""
        ...

    def routes(self, app: web.Application) -> None:
        """Add the channel's webhook routes to the one web app (none for a channel without webhooks)."""

    async def start(self, receive: bool = True, register: bool = True) -> None:
        """Get ready to send; with `receive`, to take messages in as well (the separate worker only sends); with
        `register`, make the one-off start-up calls too (extra web workers leave them to the first)."""

    async def stop(self) -> None: ...

    def render(self, reply: Reply) -> object:
        """The reply as this channel sends it: a Telegram payload, a Teams activity, a console line."""
        ...

"""The ledger and AI usage as the admin page shows them: entries across chats with filters and totals per
currency, and LLM calls, tokens, cost and cache hits per day and user."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.models import Chat, Entry, LlmCall, User
from core.money import from_minor
from core.refreshing import Refreshing
from core.services.identity import ChatInfo
from core.turn import Actor

PAGE = 50
# The totals sum every matching entry (a scan of the ledger); pages of one filter within this many seconds share
# them, and a new entry (a higher id) makes them stale at once. An undo or an edit shows in them within twice this.
TOTALS_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class LedgerFilter:
    chat_id: int | None = None
    person: str = ""
    category: str = ""
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class ChatChoice:
    id: int
    label: str


@dataclass
class UsageDay:
    day: date
    user: str
    calls: int = 0
    cached: int = 0
    failed: int = 0
    tokens: int = 0
    micro_usd: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def cost_usd(self) -> Decimal:
        return Decimal(self.micro_usd) / Decimal(1_000_000)


class AdminLedger:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        # the totals of a filter over the whole ledger are the page's slowest read: computed once for every admin
        # asking at the same moment, then served at most 2 × TOTALS_SECONDS old (the next computed meanwhile)
        self._totals_cache: Refreshing[dict[tuple[str, str], Decimal]] = Refreshing(TOTALS_SECONDS)

    async def chats(self) -> list[ChatChoice]:
        async with self._sessions() as session:
            rows = await session.execute(select(Chat.id, Chat.channel, Chat.external_id, Chat.title)
                                         .order_by(Chat.channel, Chat.title, Chat.id))
            return [ChatChoice(r.id, f"{r.channel}: {r.title or r.external_id}") for r in rows]

    @staticmethod
    def _conditions(wanted: LedgerFilter) -> list[ColumnElement[bool]]:
        """The filter on entries (live ones only); the person filter needs the users table joined."""
        conditions: list[ColumnElement[bool]] = [Entry.voided_at.is_(None)]
        if wanted.chat_id is not None:
            conditions.append(Entry.chat_id == wanted.chat_id)
        if wanted.person:
            conditions.append(User.name == wanted.person)
        if wanted.category:
            conditions.append(Entry.category == wanted.category)
        if wanted.start is not None:
            conditions.append(Entry.occurred_on >= wanted.start)
        if wanted.end is not None:
            conditions.append(Entry.occurred_on <= wanted.end)
        return conditions

    def _filtered(self, wanted: LedgerFilter) -> Select[Entry, str, str, str]:
        return (select(Entry, User.name, Chat.title, Chat.external_id).join(User, User.id == Entry.user_id)
                .join(Chat, Chat.id == Entry.chat_id).where(*self._conditions(wanted)))

    def _totals(self, wanted: LedgerFilter) -> Any:
        """The sums per kind and currency straight off the entries (a join only to filter by person)."""
        query = select(Entry.kind, Entry.currency, func.sum(Entry.amount_minor))
        if wanted.person:
            query = query.join(User, User.id == Entry.user_id)
        return query.where(*self._conditions(wanted)).group_by(Entry.kind, Entry.currency)

    async def page(self, wanted: LedgerFilter, page: int) -> tuple[list[tuple[Entry, str, str]], bool,
                                                                     dict[tuple[str, str], Decimal]]:
        """One page of entries (newest first) with the chat they are in, whether more follow, and the totals of
        the whole filtered ledger per (kind, currency)."""
        query = self._filtered(wanted).order_by(Entry.occurred_on.desc(), Entry.id.desc())
        async with self._sessions() as session:
            rows = list(await session.execute(query.offset((max(page, 1) - 1) * PAGE).limit(PAGE + 1)))
            newest = int(await session.scalar(select(func.max(Entry.id))) or 0)
        summed = await self._cached_totals(wanted, newest)  # after this session: SQLite's pool has one connection
        shown = [(entry, name, title or external) for entry, name, title, external in rows[:PAGE]]
        return shown, len(rows) > PAGE, summed

    async def _cached_totals(self, wanted: LedgerFilter, newest: int) -> dict[tuple[str, str], Decimal]:
        async def compute() -> dict[tuple[str, str], Decimal]:
            async with self._sessions() as session:  # its own session: it may outlive the request that started it
                totals = await session.execute(self._totals(wanted))
            return {(kind, currency): from_minor(int(minor), currency) for kind, currency, minor in totals}

        return await self._totals_cache.get((wanted, newest), compute)

    async def chat(self, chat_id: int) -> tuple[ChatInfo, str] | None:
        """A chat for a report on it: what the ledger services take, and its name."""
        async with self._sessions() as session:
            chat = await session.get(Chat, chat_id)
            if chat is None:
                return None
            return (ChatInfo(chat.id, chat.channel, chat.external_id, chat.kind, chat.default_currency),
                    chat.title or chat.external_id)

    async def member(self, chat_id: int, person: str) -> tuple[Actor, ChatInfo] | None:
        """The user called `person` and the chat `chat_id`, as the ledger acts for them (an import made for them
        from this page); None when either is unknown."""
        async with self._sessions() as session:
            chat = await session.get(Chat, chat_id)
            user = await session.scalar(select(User).where(User.name == person.strip().lstrip("@")))
        if chat is None or user is None:
            return None
        return (Actor(user.id, user.name, user.display_name, user.role, user.auto_save),
                ChatInfo(chat.id, chat.channel, chat.external_id, chat.kind, chat.default_currency))

    async def everything(self, wanted: LedgerFilter) -> list[tuple[Entry, str]]:
        """The whole filtered ledger in date order, as the chat export takes it."""
        query = self._filtered(wanted).order_by(Entry.occurred_on, Entry.id)
        async with self._sessions() as session:
            return [(entry, name) for entry, name, _, _ in await session.execute(query)]

    async def ai_usage(self, days: int, zone: ZoneInfo) -> list[UsageDay]:
        """LLM calls per local day and user over the last `days` days, newest first."""
        since = datetime.now(UTC) - timedelta(days=days)
        grouped: dict[tuple[date, str], UsageDay] = {}
        async with self._sessions() as session:
            rows = await session.execute(select(LlmCall.at, LlmCall.user_key, LlmCall.outcome,
                                                LlmCall.prompt_tokens + LlmCall.completion_tokens,
                                                LlmCall.cost_micro_usd).where(LlmCall.at >= since))
            names = dict((str(uid), name) for uid, name in await session.execute(select(User.id, User.name)))
        outcomes: dict[tuple[date, str], dict[str, int]] = defaultdict(dict)
        for at, user_key, outcome, tokens, micro_usd in rows:
            key = (at.astimezone(zone).date(), names.get(user_key, user_key or "—"))
            day = grouped.setdefault(key, UsageDay(*key))
            day.cached += outcome == "cached"
            day.calls += outcome != "cached"
            day.failed += outcome not in ("ok", "cached")
            day.tokens += int(tokens or 0)
            day.micro_usd += int(micro_usd or 0)
            outcomes[key][outcome] = outcomes[key].get(outcome, 0) + 1
        for key, day in grouped.items():
            day.outcomes = outcomes[key]
        return sorted(grouped.values(), key=lambda d: (d.day, d.user), reverse=True)

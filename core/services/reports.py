"""Ledger reads: balances with the fewest transfers, spending summaries, budgets; always per currency."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Select, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.db import engine_of
from core.errors import BadInput
from core.models import Budget, Chat, Entry, Share, User
from core.money import from_minor, to_minor
from core.services.identity import ChatInfo
from core.turn import Actor


@dataclass(frozen=True, slots=True)
class Transfer:
    debtor: str
    creditor: str
    amount: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date

    @property
    def label(self) -> str:
        return f"{self.start:%d %b %Y} – {self.end:%d %b %Y}"


@dataclass(frozen=True, slots=True)
class CategoryTotal:
    category: str
    currency: str
    amount: Decimal
    count: int


@dataclass(frozen=True, slots=True)
class BudgetStatus:
    category: str
    period: str
    currency: str
    limit: Decimal
    spent: Decimal

    @property
    def share(self) -> float:
        return float(self.spent / self.limit) if self.limit else 0.0


def fewest_transfers(net: dict[str, int]) -> list[tuple[str, str, int]]:
    """Settle net positions (minor units, + is owed money) with at most n-1 transfers, largest first."""
    creditors = sorted(((amt, who) for who, amt in net.items() if amt > 0), reverse=True)
    debtors = sorted(((-amt, who) for who, amt in net.items() if amt < 0), reverse=True)
    owed = [amt for amt, _ in creditors]
    owing = [amt for amt, _ in debtors]
    transfers: list[tuple[str, str, int]] = []
    ci = di = 0
    while ci < len(owed) and di < len(owing):
        pay = min(owed[ci], owing[di])
        transfers.append((debtors[di][1], creditors[ci][1], pay))
        owed[ci] -= pay
        owing[di] -= pay
        ci += owed[ci] == 0
        di += owing[di] == 0
    return transfers


def month_of(day: date) -> Period:
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return Period(start, following - timedelta(days=1))


def week_of(day: date) -> Period:
    start = day - timedelta(days=day.weekday())
    return Period(start, start + timedelta(days=6))


class ReportService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def balances(self, chat: ChatInfo) -> list[Transfer]:
        live = and_(Entry.chat_id == chat.id, Entry.voided_at.is_(None), Entry.kind != "income")
        paid = select(User.name, Entry.currency, func.sum(Entry.amount_minor)).join(
            User, User.id == Entry.user_id).where(live).group_by(User.name, Entry.currency)
        owed = select(User.name, Entry.currency, func.sum(Share.amount_minor)).join(
            Entry, Entry.id == Share.entry_id).join(User, User.id == Share.user_id).where(live).group_by(
            User.name, Entry.currency)
        net: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        async with self._sessions() as session:
            for name, currency, total in (await session.execute(paid)):
                net[currency][name] += int(total)
            for name, currency, total in (await session.execute(owed)):
                net[currency][name] -= int(total)
        return [Transfer(debtor, creditor, from_minor(minor, currency), currency)
                for currency in sorted(net) for debtor, creditor, minor in fewest_transfers(net[currency])]

    def _scope(self, query: Select, chat: ChatInfo, actor: Actor) -> Select:
        """Group chats report the group's ledger; a private chat reports the person's own private entries."""
        if chat.is_group:
            return query.where(Entry.chat_id == chat.id)
        return query.join(Chat, Chat.id == Entry.chat_id).where(Chat.kind == "private", Entry.user_id == actor.id)

    async def summary(self, chat: ChatInfo, actor: Actor, period: Period,
                      direction: str = "expense") -> list[CategoryTotal]:
        query = select(Entry.category, Entry.currency, func.sum(Entry.amount_minor), func.count()).where(
            Entry.voided_at.is_(None), Entry.kind == direction,
            Entry.occurred_on >= period.start, Entry.occurred_on <= period.end,
        ).group_by(Entry.category, Entry.currency)
        async with self._sessions() as session:
            rows = await session.execute(self._scope(query, chat, actor))
            totals = [CategoryTotal(cat, cur, from_minor(int(minor), cur), int(n)) for cat, cur, minor, n in rows]
        return sorted(totals, key=lambda t: (t.currency, -t.amount))

    async def entries(self, chat: ChatInfo, actor: Actor, period: Period) -> list[tuple[Entry, str]]:
        query = select(Entry, User.name).join(User, User.id == Entry.user_id).where(
            Entry.voided_at.is_(None), Entry.occurred_on >= period.start, Entry.occurred_on <= period.end,
        ).order_by(Entry.occurred_on, Entry.id)
        async with self._sessions() as session:
            result = await session.execute(self._scope(query, chat, actor))
            return [(entry, name) for entry, name in result]

    async def set_budget(self, chat: ChatInfo, actor: Actor, *, category: str, period: str, amount: Decimal,
                         currency: str) -> None:
        if period not in ("month", "week"):
            raise BadInput("Budgets can be per month or per week.")
        values = {"amount_minor": to_minor(amount, currency), "created_by": actor.id}
        async with self._sessions.begin() as session:
            existing = await session.scalar(select(Budget).where(
                Budget.chat_id == chat.id, Budget.category == category, Budget.period == period,
                Budget.currency == currency).with_for_update())
            if existing is not None:
                existing.amount_minor, existing.created_by = values["amount_minor"], actor.id
                return
            session.add(Budget(chat_id=chat.id, category=category, period=period, currency=currency,
                               created_at=datetime.now(UTC), **values))

    async def budget_status(self, chat: ChatInfo, actor: Actor, today: date,
                            category: str | None = None) -> list[BudgetStatus]:
        query = select(Budget.category, Budget.period, Budget.currency, Budget.amount_minor).where(
            Budget.chat_id == chat.id)
        if category:
            query = query.where(Budget.category == category)
        async with engine_of(self._sessions).connect() as conn:  # checked after every save: keep it light
            budgets = list((await conn.execute(query.order_by(Budget.category))).all())
        statuses = []
        for budget in budgets:
            period = month_of(today) if budget.period == "month" else week_of(today)
            spent = next((t.amount for t in await self.summary(chat, actor, period)
                          if t.category == budget.category and t.currency == budget.currency), Decimal(0))
            statuses.append(BudgetStatus(budget.category, budget.period, budget.currency,
                                         from_minor(budget.amount_minor, budget.currency), spent))
        return statuses

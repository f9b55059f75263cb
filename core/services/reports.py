"""Ledger reads: balances with the fewest transfers, spending summaries, budgets; always per currency."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.db import engine_of
from core.errors import BadInput
from core.models import Budget, Chat, Entry, Share, User
from core.money import from_minor
from core.services.drafts import written_minor
from core.services.identity import ChatInfo, Participant, find_people
from core.turn import Actor, Mention


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
        if self.start == self.end:  # "how much did i spend last night": one day
            return f"{self.start:%d %b %Y}"
        return f"{self.start:%d %b %Y} – {self.end:%d %b %Y}"

    @property
    def title(self) -> str:
        """"March 2026" for a whole calendar month, otherwise the label."""
        return f"{self.start:%B %Y}" if month_of(self.start) == self else self.label


@dataclass(frozen=True, slots=True)
class CategoryTotal:
    category: str
    currency: str
    amount: Decimal
    count: int
    own: Decimal | None = None  # the asker's own share of `amount`, when asked for


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

    @property
    def counted_in(self) -> str:
        """The period the spending is counted in, as said: "that day", "this week", "this month", "this year" (an
        entry saved for another day is counted in that day's budget)."""
        return "that day" if self.period == "day" else f"this {self.period}"


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


BUDGET_UNITS = ("day", "week", "month", "year")


def budget_period(day: date, unit: str) -> Period:
    """The period of a budget set per `unit` (one of BUDGET_UNITS) that holds `day`."""
    if unit == "day":
        return Period(day, day)
    if unit == "week":
        return week_of(day)
    if unit == "year":
        return Period(day.replace(month=1, day=1), day.replace(month=12, day=31))
    return month_of(day)


def scoped(query: Select, chat: ChatInfo, actor: Actor) -> Select:
    """What `actor` may read in `chat`: a group chat's whole ledger; in a private chat, the person's own private
    entries (from every private chat of theirs)."""
    if chat.is_group:
        return query.where(Entry.chat_id == chat.id)
    return query.join(Chat, Chat.id == Entry.chat_id).where(Chat.kind == "private", Entry.user_id == actor.id)


def involving(user_ids: Sequence[int]) -> ColumnElement[bool]:
    """Entries every one of these people is part of: as the payer, or with a share of it."""
    return and_(*(or_(Entry.user_id == user_id,
                      exists().where(Share.entry_id == Entry.id, Share.user_id == user_id)) for user_id in user_ids))


def own_share(user_id: int) -> ColumnElement[int]:
    """A person's part of an entry in minor units: their share; for an entry without shares (income), the whole
    amount if they paid it."""
    has_shares = exists().where(Share.entry_id == Entry.id)
    theirs = select(func.coalesce(func.sum(Share.amount_minor), 0)).where(
        Share.entry_id == Entry.id, Share.user_id == user_id).scalar_subquery()
    return case((has_shares, theirs), (Entry.user_id == user_id, Entry.amount_minor), else_=0)


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with its own %, _ and backslashes taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def description_holds(text: str) -> ColumnElement[bool]:
    """Entries whose description holds `text`, case aside (a shop's name, a search)."""
    return Entry.description.ilike(like_pattern(text), escape="\\")


@dataclass(frozen=True, slots=True)
class Named:
    """A thing the entries' descriptions name: one of their words starts with `stem` ("tire" finds "new tires" and
    "tire rotation", not "attire")."""
    stem: str

    @classmethod
    def thing(cls, said: str) -> Named:
        """The thing as said, its plural's ending off: "tires" → "tire", "batteries" → "batter", "taxes" → "tax"."""
        lower = said.lower()
        if len(lower) > 4 and lower.endswith("ies"):
            return cls(said[:-3])
        if len(lower) > 4 and lower.endswith(("sses", "shes", "ches", "xes")):
            return cls(said[:-2])
        if len(lower) > 3 and lower.endswith("s") and not lower.endswith("ss"):
            return cls(said[:-1])
        return cls(said)


def description_names(stem: str) -> ColumnElement[bool]:
    escaped = like_pattern(stem)[1:]  # "stem%": at the description's start, or after a space
    return or_(Entry.description.ilike(escaped, escape="\\"), Entry.description.ilike("% " + escaped, escape="\\"))


def summed(query: Select, period: Period, direction: str, category: str | None, people: Sequence[int],
           search: str | Named | None = None) -> Select:
    """The live entries of one kind in `period` that a summary adds up: only `category`, only those whose
    description holds `search` (a shop) or names it (a thing), only those involving all of `people`."""
    query = query.where(Entry.voided_at.is_(None), Entry.kind == direction,
                        Entry.occurred_on >= period.start, Entry.occurred_on <= period.end)
    if category:
        query = query.where(Entry.category == category)
    if isinstance(search, Named):
        query = query.where(description_names(search.stem))
    elif search:
        query = query.where(description_holds(search))
    return query.where(involving(people)) if people else query


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

    async def people(self, chat: ChatInfo, names: Sequence[str], mentions: Sequence[Mention]) -> list[Participant]:
        """The users behind names the parser read (with the platform ids the channel resolved, where it did), as
        a split finds them; someone nobody knows yet is a `BadInput`, since no entry can involve them."""
        resolved = {m.name.lower(): m for m in mentions}
        wanted = [resolved.get(name.lower(), Mention(name)) for name in names]
        if not wanted:
            return []
        async with engine_of(self._sessions).connect() as conn:
            found = await find_people(conn, chat.channel, wanted, by_name=chat.acts_by_name)
        for n, mention in enumerate(wanted):
            if n not in found:
                raise BadInput(f"I don't know anyone called {mention.name} here yet, so no entry involves them.")
        people = {person.user_id: person for person in found.values()}
        return list(people.values())

    async def summary(self, chat: ChatInfo, actor: Actor, period: Period, direction: str = "expense", *,
                      category: str | None = None, people: Sequence[int] = (), search: str | Named | None = None,
                      mine: bool = False) -> list[CategoryTotal]:
        """Totals by category and currency; only `category`, only entries whose description holds `search`, only
        entries involving all of `people`; with `mine`, each total also carries the actor's own share of it."""
        columns = [Entry.category, Entry.currency, func.sum(Entry.amount_minor), func.count()]
        if mine:
            columns.append(func.sum(own_share(actor.id)))
        query = summed(select(*columns), period, direction, category, people, search).group_by(Entry.category,
                                                                                               Entry.currency)
        async with self._sessions() as session:
            rows = await session.execute(scoped(query, chat, actor))
            totals = [CategoryTotal(row[0], row[1], from_minor(int(row[2]), row[1]), int(row[3]),
                                    from_minor(int(row[4]), row[1]) if mine else None) for row in rows]
        return sorted(totals, key=lambda t: (t.currency, -t.amount))

    async def daily(self, chat: ChatInfo, actor: Actor, period: Period, direction: str = "expense", *,
                    category: str | None = None, people: Sequence[int] = (), search: str | Named | None = None,
                    mine: bool = False) -> list[tuple[date, str, Decimal]]:
        """(day, currency, amount) for each day with entries, filtered as `summary` is; with `mine`, the actor's
        own share."""
        amount = func.sum(own_share(actor.id)) if mine else func.sum(Entry.amount_minor)
        query = summed(select(Entry.occurred_on, Entry.currency, amount), period, direction, category,
                       people, search).group_by(Entry.occurred_on, Entry.currency)
        async with self._sessions() as session:
            rows = await session.execute(scoped(query, chat, actor))
            return sorted((day, currency, from_minor(int(minor or 0), currency)) for day, currency, minor in rows)

    async def entries(self, chat: ChatInfo, actor: Actor, period: Period) -> list[tuple[Entry, str]]:
        query = select(Entry, User.name).join(User, User.id == Entry.user_id).where(
            Entry.voided_at.is_(None), Entry.occurred_on >= period.start, Entry.occurred_on <= period.end,
        ).order_by(Entry.occurred_on, Entry.id)
        async with self._sessions() as session:
            result = await session.execute(scoped(query, chat, actor))
            return [(entry, name) for entry, name in result]

    async def set_budget(self, chat: ChatInfo, actor: Actor, *, category: str, period: str, amount: Decimal,
                         currency: str) -> None:
        if period not in BUDGET_UNITS:
            raise BadInput("Budgets can be per day, week, month or year.")
        values = {"amount_minor": written_minor(amount, currency), "created_by": actor.id}
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
            period = budget_period(today, budget.period)
            spent = next((t.amount for t in await self.summary(chat, actor, period)
                          if t.category == budget.category and t.currency == budget.currency), Decimal(0))
            statuses.append(BudgetStatus(budget.category, budget.period, budget.currency,
                                         from_minor(budget.amount_minor, budget.currency), spent))
        return statuses

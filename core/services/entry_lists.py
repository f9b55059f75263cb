"""Entry lists: a page of the ledger entries a person may read in a chat, filtered, with the totals of every match."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.errors import BadInput
from core.models import Entry, User
from core.money import UnknownCurrency, exponent, from_minor, validate_currency
from core.services.identity import ChatInfo
from core.services.reports import Period, description_holds, involving, scoped
from core.turn import Actor

DEFAULT_LIMIT = 10
MAX_LIMIT = 50
MAX_SEARCH = 100
DIRECTIONS = ("expense", "income", "settlement")
MAX_BOUND = Decimal("1e12")  # in minor units of a 4-decimal currency still within a 64-bit column


@dataclass(frozen=True, slots=True)
class EntryFilter:
    """Which entries to list. `people` are user ids (each must be the payer or have a share), `names` how they
    were asked for; `direction` is an entry kind; `min_amount`/`max_amount` are inclusive bounds, in `currency` when
    one was named (else in each entry's own); `largest` lists the largest amounts first. `as_payload`/`from_payload`
    carry it on a paging button."""

    search: str | None = None
    people: tuple[int, ...] = ()
    names: tuple[str, ...] = ()
    period: Period | None = None
    category: str | None = None
    direction: str | None = None
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    currency: str | None = None
    largest: bool = False

    def __post_init__(self) -> None:
        if self.direction is not None and self.direction not in DIRECTIONS:
            raise BadInput(f"Entries are expenses, income or settlements, not {self.direction!r}.")
        if self.min_amount is not None and self.max_amount is not None and self.min_amount > self.max_amount:
            raise BadInput("That amount range is empty: its lower end is above its upper end.")

    @property
    def is_empty(self) -> bool:
        return not (self.search or self.people or self.period or self.category or self.direction or self.currency
                    or self.min_amount is not None or self.max_amount is not None)

    def as_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {}
        if self.search:
            payload["search"] = self.search
        if self.people:
            payload["people"], payload["names"] = list(self.people), list(self.names)
        if self.period:
            payload["start"], payload["end"] = self.period.start.isoformat(), self.period.end.isoformat()
        if self.category:
            payload["category"] = self.category
        if self.direction:
            payload["direction"] = self.direction
        for key in ("min_amount", "max_amount"):
            if (bound := getattr(self, key)) is not None:
                payload[key] = format(bound, "f")
        if self.currency:
            payload["currency"] = self.currency
        if self.largest:
            payload["largest"] = True
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> EntryFilter:
        period = None
        if payload.get("start") and payload.get("end"):
            period = Period(date.fromisoformat(payload["start"]), date.fromisoformat(payload["end"]))
        return cls(search=payload.get("search"), people=tuple(int(p) for p in payload.get("people", ())),
                   names=tuple(payload.get("names", ())), period=period, category=payload.get("category"),
                   direction=payload.get("direction"), min_amount=checked_amount(payload.get("min_amount")),
                   max_amount=checked_amount(payload.get("max_amount")),
                   currency=checked_currency(payload.get("currency")),
                   largest=bool(payload.get("largest")))


@dataclass(frozen=True, slots=True)
class ListedEntry:
    id: int
    occurred_on: date
    kind: str
    description: str
    category: str
    amount: Decimal
    currency: str
    payer_id: int
    payer: str


@dataclass(frozen=True, slots=True)
class KindTotal:
    """The sum of every matching entry of one kind in one currency (never summed across currencies)."""

    kind: str
    currency: str
    amount: Decimal
    count: int


@dataclass(frozen=True, slots=True)
class EntryPage:
    entries: list[ListedEntry]
    totals: list[KindTotal]
    count: int
    offset: int
    limit: int

    @property
    def has_older(self) -> bool:
        return self.offset + len(self.entries) < self.count

    @property
    def has_newer(self) -> bool:
        return self.offset > 0


def checked_limit(raw: Any) -> int:
    """How many entries a page shows: 1 to 50, 10 when the message names no number."""
    if raw is None or raw == "":
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except (TypeError, ValueError):
        raise BadInput(f"I can list 1 to {MAX_LIMIT} entries at a time, not {raw!r}.") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise BadInput(f"I can list 1 to {MAX_LIMIT} entries at a time.")
    return limit


def checked_amount(raw: Any) -> Decimal | None:
    """An amount bound of a list: a non-negative decimal, or None when not given."""
    if raw is None or raw == "":
        return None
    try:
        amount = Decimal(str(raw))
    except ArithmeticError:
        raise BadInput(f"{raw!r} is not an amount.") from None
    if not amount.is_finite() or amount < 0 or amount > MAX_BOUND:
        raise BadInput(f"{raw!r} is not an amount I can compare entries with.")
    return amount


def checked_currency(raw: Any) -> str | None:
    if not raw:
        return None
    try:
        return validate_currency(str(raw))
    except UnknownCurrency:
        raise BadInput(f"{raw!r} is not a currency code.") from None


def checked_search(raw: Any) -> str | None:
    text = " ".join(str(raw).split()) if raw is not None else ""
    if len(text) > MAX_SEARCH:
        raise BadInput(f"That search is too long; use at most {MAX_SEARCH} characters.")
    return text or None


class EntryListService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    def _matching(self, query: Select, chat: ChatInfo, actor: Actor, wanted: EntryFilter,
                  currencies: Sequence[str] = ()) -> Select:
        query = scoped(query.where(Entry.voided_at.is_(None)), chat, actor)
        if wanted.search:
            query = query.where(description_holds(wanted.search))
        if wanted.people:
            query = query.where(involving(wanted.people))
        if wanted.period:
            query = query.where(Entry.occurred_on >= wanted.period.start, Entry.occurred_on <= wanted.period.end)
        if wanted.category:
            query = query.where(Entry.category == wanted.category)
        if wanted.direction:
            query = query.where(Entry.kind == wanted.direction)
        if wanted.currency:
            query = query.where(Entry.currency == wanted.currency)
        if wanted.min_amount is not None or wanted.max_amount is not None:
            query = query.where(_amount_within(wanted, [wanted.currency] if wanted.currency else currencies))
        return query

    async def _currencies(self, session: AsyncSession, chat: ChatInfo, actor: Actor) -> list[str]:
        """The currencies of the entries this person may read here: an amount bound is in minor units of each."""
        query = scoped(select(Entry.currency).where(Entry.voided_at.is_(None)), chat, actor).distinct()
        return list(await session.scalars(query))

    async def page(self, chat: ChatInfo, actor: Actor, wanted: EntryFilter, *, limit: int = DEFAULT_LIMIT,
                   offset: int = 0) -> EntryPage:
        """Entries newest first (by date, then as recorded), `limit` from `offset`, and the totals of all matches."""
        limit, offset = checked_limit(limit), max(0, int(offset))
        async with self._sessions() as session:
            bounded = wanted.min_amount is not None or wanted.max_amount is not None
            currencies = await self._currencies(session, chat, actor) if bounded and not wanted.currency else []
            newest = (Entry.occurred_on.desc(), Entry.id.desc())
            rows_query = self._matching(select(Entry, User.name).join(User, User.id == Entry.user_id),
                                        chat, actor, wanted, currencies).order_by(
                *((Entry.currency, Entry.amount_minor.desc(), *newest) if wanted.largest else newest))
            totals_query = self._matching(
                select(Entry.kind, Entry.currency, func.sum(Entry.amount_minor), func.count()), chat, actor, wanted,
                currencies).group_by(Entry.kind, Entry.currency)
            totals = [KindTotal(kind, currency, from_minor(int(minor), currency), int(n))
                      for kind, currency, minor, n in await session.execute(totals_query)]
            count = sum(t.count for t in totals)
            if offset >= count:  # the ledger shrank (an undo) since the button was made: show the last page
                offset = max(0, (count - 1) // limit * limit)
            rows = await session.execute(rows_query.limit(limit).offset(offset))
            entries = [ListedEntry(e.id, e.occurred_on, e.kind, e.description, e.category,
                                   from_minor(e.amount_minor, e.currency), e.currency, e.user_id, payer)
                       for e, payer in rows]
        totals.sort(key=lambda t: (DIRECTIONS.index(t.kind) if t.kind in DIRECTIONS else 9, t.currency))
        return EntryPage(entries, totals, count, offset, limit)


def _amount_within(wanted: EntryFilter, currencies: Sequence[str]) -> ColumnElement[bool]:
    """Entries whose amount is within the bounds, each bound in minor units of the entry's own currency."""
    per_currency = []
    for currency in currencies:
        bounds = [Entry.currency == currency]
        # a bound between two minor units keeps only what is within it: the lower one rounds up, the upper one down
        if wanted.min_amount is not None:
            bounds.append(Entry.amount_minor >= _minor(wanted.min_amount, currency, ROUND_CEILING))
        if wanted.max_amount is not None:
            bounds.append(Entry.amount_minor <= _minor(wanted.max_amount, currency, ROUND_FLOOR))
        per_currency.append(and_(*bounds))
    return or_(*per_currency) if per_currency else false()


def _minor(amount: Decimal, currency: str, rounding: str) -> int:
    return int(amount.scaleb(exponent(currency)).to_integral_value(rounding=rounding))


def filter_from(entities: dict[str, Any], people: Sequence[tuple[int, str]]) -> EntryFilter:
    """The filter a `list_entries` parse asks for; `people` are the mentioned users already found (id, name)."""
    raw = entities.get("period")
    period = Period(date.fromisoformat(raw["start"]), date.fromisoformat(raw["end"])) if raw else None
    if period is not None and period.end < period.start:
        raise BadInput("That period ends before it starts.")
    return EntryFilter(search=checked_search(entities.get("search")), people=tuple(uid for uid, _ in people),
                       names=tuple(name for _, name in people), period=period,
                       category=entities.get("category") or None, direction=entities.get("direction") or None,
                       min_amount=checked_amount(entities.get("min_amount")),
                       max_amount=checked_amount(entities.get("max_amount")),
                       currency=checked_currency(entities.get("currency")),
                       largest=entities.get("order") == "largest")

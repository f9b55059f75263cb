"""What a chat message asks the ledger for (`DraftRequest`, `SettleRequest`, `CorrectionRequest`), read from the
parser's entities."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from core.turn import Mention

# direction: income or expense; currency: the same amount in another one ("make it usd not taka")
CORRECTABLE = ("amount", "date", "category", "description", "direction", "currency")
DESCRIPTION_CHARS = 200  # an entry's description is kept to this many characters
_SENDER = frozenset({"me", "i", "myself"})  # "@me paid": the sender paid, as usual


def _named(names: Sequence[str], mentions: Sequence[Mention]) -> tuple[Mention, ...]:
    """The mentions behind the names the parser found, with the platform ids the channel resolved where it did."""
    resolved = {m.name.lower(): m for m in mentions}
    return tuple(resolved.get(name.lower(), Mention(name)) for name in names)


@dataclass(frozen=True, slots=True)
class DraftRequest:
    """An expense or income to preview, as written: nothing in it is checked yet (`LedgerService.preview` does).
    `today` is the day the message came on in the chat's time zone, the date when none is written; `shares` maps
    a mention's name to the exact amount written for them; the `*_text` fields hold what was written but could not
    be read."""

    today: dt.date
    kind: str = "expense"
    amount: str | None = None
    amount_text: str | None = None
    currency: str | None = None
    currency_text: str | None = None
    description: str = ""
    category: str = "other"
    date: str | None = None  # ISO 8601
    date_text: str | None = None
    date_out_of_range: str | None = None
    mentions: tuple[Mention, ...] = ()
    shares: dict[str, str] = field(default_factory=dict)
    include_payer: bool = True  # False for "paid 50 for @john": the payer has no share
    payer: Mention | None = None  # "bob paid 400 for the taxi": someone else paid; None when the sender did

    @classmethod
    def from_entities(cls, entities: dict[str, Any], *, mentions: Sequence[Mention], today: dt.date) -> DraftRequest:
        """The request a `record_transaction` parse makes; `mentions` are the ones the channel resolved."""
        return cls(
            today=today, kind=entities.get("direction", "expense"), amount=entities.get("amount"),
            amount_text=entities.get("amount_text"), currency=entities.get("currency"),
            currency_text=entities.get("currency_text"), description=entities.get("description", ""),
            category=entities.get("category", "other"), date=entities.get("date"),
            date_text=entities.get("date_text"), date_out_of_range=entities.get("date_out_of_range"),
            mentions=_named(entities.get("mentions", []), mentions), shares=dict(entities.get("shares", {})),
            include_payer=entities.get("split") != "for", payer=_payer(entities.get("payer"), mentions))


def _payer(name: str | None, mentions: Sequence[Mention]) -> Mention | None:
    if not name or name.strip().lstrip("@").lower() in _SENDER:
        return None
    return _named([name.strip().lstrip("@")], mentions)[0]


@dataclass(frozen=True, slots=True)
class SettleRequest:
    """Settling up with one person, as written: "settle up with @bob [USD]" (what is owed between the two) or
    "settle 200 with @bob" (`amount`)."""

    mentions: tuple[Mention, ...]
    amount: str | None = None
    amount_text: str | None = None
    currency: str | None = None
    paid_to_me: bool = False  # "got 1500 back from @joy": the other person paid the sender

    @classmethod
    def from_entities(cls, entities: dict[str, Any], *, mentions: Sequence[Mention]) -> SettleRequest:
        named = entities.get("mentions", [])
        return cls(mentions=_named(named, mentions), amount=entities.get("amount"),
                   amount_text=entities.get("amount_text"), currency=entities.get("currency"),
                   paid_to_me=bool(entities.get("payer")) and entities.get("payer") in named)


@dataclass(frozen=True, slots=True)
class CorrectionRequest:
    """A change to the open preview or to the last entry, as written: "actually 550", "change the date to
    yesterday". `field` is one of `CORRECTABLE`; the new value is in the field of that name (`amount` with
    `currency`, None to keep it); `target` is "preview", "last" or None (the open preview if there is one)."""

    today: dt.date
    field: str
    amount: str | None = None
    amount_text: str | None = None
    currency: str | None = None
    currency_text: str | None = None
    date: str | None = None  # ISO 8601
    date_text: str | None = None
    date_out_of_range: str | None = None
    category: str | None = None
    description: str | None = None
    replaces: str | None = None  # the description's word the new one takes the place of ("dinner, not lunch")
    direction: str | None = None  # "income" or "expense": the kind an entry written as the other one becomes
    currency_was: str | None = None  # the currency a preview or an entry was said to be in ("make it usd not taka")
    target: str | None = None

    @classmethod
    def from_entities(cls, entities: dict[str, Any], *, today: dt.date) -> CorrectionRequest:
        """The request a `correct_entry` parse makes; without `field`, the one whose value was written."""
        written = {"amount": ("amount", "amount_text"), "date": ("date", "date_text", "date_out_of_range"),
                   "category": ("category",), "description": ("description",)}  # (a kind only when named: a
        # model fills `direction` in every answer)
        field_ = entities.get("field") or next(
            (name for name, keys in written.items() if any(entities.get(k) for k in keys)),
            "currency" if entities.get("currency") else "")  # a currency alone ("make it usd"): the amount kept
        target = entities.get("target")
        return cls(
            today=today, field=field_, amount=entities.get("amount"), amount_text=entities.get("amount_text"),
            currency=entities.get("currency"), currency_text=entities.get("currency_text"), date=entities.get("date"),
            date_text=entities.get("date_text"), date_out_of_range=entities.get("date_out_of_range"),
            category=entities.get("category"), description=entities.get("description"),
            replaces=entities.get("replaces") if isinstance(entities.get("replaces"), str) else None,
            direction=entities.get("direction") if entities.get("direction") in ("income", "expense") else None,
            currency_was=entities.get("currency_was") if isinstance(entities.get("currency_was"), str) else None,
            target=target if target in ("preview", "last") else None)

"""A draft as its preview card shows it (`DraftView`), how a total is split, and what a Save returns (`Saved`)."""
from __future__ import annotations

import dataclasses
import hashlib
import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import BadInput, DraftExpired, DraftGone, NotYours, UserError
from core.models import Draft, Entry
from core.money import TooPrecise, exact_minor, from_minor
from core.services.identity import ChatInfo, Participant
from core.turn import Mention


def written_minor(amount: Decimal, currency: str) -> int:
    """Minor units of an amount as written, refused with the reason when the currency has no such fraction
    (0.5 JPY, 10.005 USD): one rule for every currency, never a silent rounding."""
    try:
        return exact_minor(amount, currency)
    except TooPrecise as why:
        raise BadInput(str(why)) from None


@dataclass(frozen=True, slots=True)
class Unclaimed:
    """What a Save press that claimed nothing says, for one kind of draft (a preview, a correction)."""

    kind: str | None  # the payload's kind the draft must have (None: any)
    cancelled: str
    expired: str


async def saved_before(session: AsyncSession, draft_id: str, actor_id: int, why: Unclaimed) -> tuple[Draft, int]:
    """A press that claimed no draft: the draft and its entry when it was saved before (the press is a harmless
    repeat); otherwise the reason, raised — gone, someone else's, cancelled or expired."""
    row = await session.get(Draft, draft_id)
    if row is None or (why.kind is not None and row.payload.get("kind") != why.kind):
        raise DraftGone()
    if row.user_id != actor_id:
        raise NotYours("save")
    if row.status == "saved":
        entry_id = await session.scalar(select(Entry.id).where(Entry.draft_id == draft_id))
        if entry_id is not None:
            return row, entry_id
    if row.status == "cancelled":
        raise UserError(why.cancelled)
    raise DraftExpired(why.expired)

@dataclass(frozen=True, slots=True)
class ShareLine:
    user_id: int
    name: str
    minor: int


@dataclass(frozen=True, slots=True)
class Newcomers:
    """People a draft mentions who are not users yet: their stand-in ids (below zero) are in the draft's shares,
    and Save creates or finds them on `channel` (by user name too, where people act `by_name`) and puts their
    real ids in."""

    channel: str
    people: tuple[tuple[int, Mention], ...]
    by_name: bool = False

    @classmethod
    def among(cls, chat: ChatInfo, participants: list[Participant]) -> Newcomers | None:
        people = tuple((p.user_id, p.mention) for p in participants if p.is_new and p.mention is not None)
        return cls(chat.channel, people, chat.acts_by_name) if people else None


@dataclass(frozen=True, slots=True)
class DraftView:
    """What the preview card shows; `amount` is a Decimal in `currency`."""

    id: str
    kind: str
    amount: Decimal
    currency: str
    description: str
    category: str
    occurred_on: date
    payer_id: int
    payer_name: str
    shares: tuple[ShareLine, ...]
    status: str = "pending"
    newcomers: Newcomers | None = None

    @property
    def is_split(self) -> bool:
        return any(s.user_id != self.payer_id for s in self.shares)

    def share_amount(self, line: ShareLine) -> Decimal:
        return from_minor(line.minor, self.currency)

    def as_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"kind": self.kind, "amount": str(self.amount), "currency": self.currency,
                                   "description": self.description, "category": self.category,
                                   "date": self.occurred_on.isoformat(), "payer": [self.payer_id, self.payer_name],
                                   "shares": [[s.user_id, s.name, s.minor] for s in self.shares]}
        if self.newcomers:
            payload["new"] = {"channel": self.newcomers.channel,
                              "people": [[ref, m.name, m.external_id] for ref, m in self.newcomers.people]}
            if self.newcomers.by_name:
                payload["new"]["by_name"] = True
        return payload

    def with_people(self, people: dict[int, Participant]) -> DraftView:
        """The draft with its newcomers' stand-in ids replaced by the users `people` maps them to."""
        def real(user_id: int, name: str) -> tuple[int, str]:
            person = people.get(user_id)
            return (person.user_id, person.name) if person else (user_id, name)

        payer = real(self.payer_id, self.payer_name)
        return dataclasses.replace(self, payer_id=payer[0], payer_name=payer[1], newcomers=None, shares=tuple(
            ShareLine(*real(s.user_id, s.name), s.minor) for s in self.shares))

    @classmethod
    def from_row(cls, row: Draft) -> DraftView:
        return cls.from_payload(row.id, row.payload, row.status)

    @classmethod
    def from_payload(cls, draft_id: str, p: dict[str, Any], status: str = "pending") -> DraftView:
        new = p.get("new")
        newcomers = Newcomers(new["channel"], tuple((ref, Mention(name, external_id))
                                                    for ref, name, external_id in new["people"]),
                              bool(new.get("by_name"))) if new else None
        return cls(draft_id, p["kind"], Decimal(p["amount"]), p["currency"], p["description"], p["category"],
                   date.fromisoformat(p["date"]), p["payer"][0], p["payer"][1],
                   tuple(ShareLine(uid, name, minor) for uid, name, minor in p["shares"]), status, newcomers)


@dataclass(frozen=True, slots=True)
class Saved:
    entry_id: int
    draft: DraftView
    already: bool  # True when this press found the draft saved before (idempotent repeat)
    chat_has_budgets: bool = True  # False lets the caller skip the budget check


def split_equally(total_minor: int, people: list[tuple[int, str]]) -> list[ShareLine]:
    """Equal shares in minor units; the leftover units go one each to the first people (payer first)."""
    base, leftover = divmod(total_minor, len(people))
    return [ShareLine(uid, name, base + (1 if i < leftover else 0)) for i, (uid, name) in enumerate(people)]


def shares_of(total_minor: int, currency: str, payer: Participant, sharing: list[Participant],
              exact: dict[int, Decimal], include_payer: bool) -> list[ShareLine]:
    """What each person owes of a total `payer` paid: the exact amounts written for some of `sharing`, the rest
    equally among the others and the payer (unless it was paid "for" them). Nobody sharing: the payer's alone."""
    if not sharing:
        return [ShareLine(payer.user_id, payer.name, total_minor)]
    lines = [ShareLine(p.user_id, p.name, written_minor(exact[p.user_id], currency))
             for p in sharing if p.user_id in exact]
    rest = total_minor - sum(line.minor for line in lines)
    if rest < 0:
        raise BadInput("The shares add up to more than the total. Please check the amounts.")
    people = (([(payer.user_id, payer.name)] if include_payer else [])
              + [(p.user_id, p.name) for p in sharing if p.user_id not in exact])
    if rest and not people:
        raise BadInput("The shares don't add up to the total. Please check the amounts.")
    return lines + (split_equally(rest, people) if rest else [])


def is_equal_split(total_minor: int, shares: list[ShareLine]) -> bool:
    """Whether `shares` are `total_minor` split equally among their people, as `split_equally` splits it: such a
    split can be split again over a new total; exact shares cannot."""
    people = [(s.user_id, s.name) for s in shares]
    return bool(people) and [s.minor for s in split_equally(total_minor, people)] == [s.minor for s in shares]


def new_draft_id(key: str | None) -> str:
    """Random, or derived from the inbound update so that a redelivery finds its draft."""
    return secrets.token_hex(8) if key is None else "u" + hashlib.sha256(key.encode()).hexdigest()[:15]

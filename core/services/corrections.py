"""Corrections: change the open preview in place, or replace the last entry with a corrected one on Save."""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.db import engine_of
from core.errors import BadInput, DraftGone, NotACurrency, NotFound, NotYours, UserError
from core.models import Draft, Entry, Share, User
from core.money import TooPrecise, exact_minor, exponent, from_minor, quantize, to_minor
from core.services.drafts import (
    DraftView,
    ShareLine,
    Unclaimed,
    is_equal_split,
    new_draft_id,
    saved_before,
    split_equally,
    written_minor,
)
from core.services.identity import ChatInfo
from core.services.ledger import LedgerService
from core.services.ledger_requests import CORRECTABLE, DESCRIPTION_CHARS, CorrectionRequest
from core.turn import Actor

_drafts, _entries, _shares = (cast(Table, model.__table__) for model in (Draft, Entry, Share))
PREVIEW_KINDS = ("expense", "income")
# the category an entry of each kind gets when nothing names one: it follows the entry when its kind is put right
UNNAMED_CATEGORY = {"expense": "other", "income": "income"}
KIND_WORDS = {"expense": "an expense", "income": "income"}

UNCLAIMED_CORRECTION = Unclaimed("correction", "This correction was cancelled; nothing was changed.",
                                 "This correction has expired and changed nothing. Please ask again.")

@dataclass(frozen=True, slots=True)
class EntryValues:
    """What a correction may change of an entry, and its kind."""

    kind: str
    amount: Decimal
    currency: str
    description: str
    category: str
    occurred_on: date

    def as_payload(self) -> dict[str, Any]:
        return {"kind": self.kind, "amount": str(self.amount), "currency": self.currency,
                "description": self.description, "category": self.category, "date": self.occurred_on.isoformat()}

    @classmethod
    def from_payload(cls, p: dict[str, Any]) -> EntryValues:
        return cls(p["kind"], Decimal(p["amount"]), p["currency"], p["description"], p["category"],
                   date.fromisoformat(p["date"]))


@dataclass(frozen=True, slots=True)
class ShareChange:
    user_id: int
    name: str
    old_minor: int
    new_minor: int


@dataclass(frozen=True, slots=True)
class CorrectionView:
    """What the correction card shows: entry `entry_id` as it is (`old`) and as Save writes it again (`new`)."""

    id: str
    entry_id: int
    field: str
    old: EntryValues
    new: EntryValues
    payer_id: int
    payer_name: str
    shares: tuple[ShareChange, ...]
    status: str = "pending"

    def as_payload(self) -> dict[str, Any]:
        return {"kind": "correction", "entry": self.entry_id, "field": self.field, "old": self.old.as_payload(),
                "new": self.new.as_payload(), "payer": [self.payer_id, self.payer_name],
                "shares": [[s.user_id, s.name, s.old_minor, s.new_minor] for s in self.shares]}

    @classmethod
    def from_payload(cls, draft_id: str, p: dict[str, Any], status: str = "pending") -> CorrectionView:
        return cls(draft_id, p["entry"], p["field"], EntryValues.from_payload(p["old"]),
                   EntryValues.from_payload(p["new"]), p["payer"][0], p["payer"][1],
                   tuple(ShareChange(*share) for share in p["shares"]), status)


@dataclass(frozen=True, slots=True)
class Revised:
    """An open preview changed in place: `before` and `draft` differ in `field`."""

    field: str
    before: DraftView
    draft: DraftView


@dataclass(frozen=True, slots=True)
class Corrected:
    entry_id: int  # the corrected entry, which replaces the voided one
    correction: CorrectionView
    already: bool  # True when this press found the correction saved before (idempotent repeat)


def _new_share_minors(field: str, lines: list[ShareLine], old_total: int, old_currency: str, new_total: int,
                      new_currency: str, what: str) -> list[int] | None:
    """The shares' minor units after a correction of `field` (None: as they were). A currency keeps each share's
    figure (৳300 becomes $300) when the new one can hold it; a new amount, or figures it can't hold (a third of
    ৳1.00 in yen), split again when the split was equal, else refused."""
    if field == "currency":
        try:
            return [exact_minor(from_minor(line.minor, old_currency), new_currency) for line in lines]
        except TooPrecise:
            pass
    elif field != "amount":
        return None
    if not is_equal_split(old_total, lines):
        raise _resplit_refusal(what, new_currency if field == "currency" else None)
    return [share.minor for share in split_equally(new_total, [(line.user_id, line.name) for line in lines])]


def _resplit_refusal(what: str, currency: str | None = None) -> BadInput:
    """A correction that would have to split shares written per person again (`currency`: into its units)."""
    if currency is not None:
        return BadInput(f"{what} has shares written for each person, which {currency} can't hold as written. "
                        f"Please send it again in {currency}.")
    return BadInput(f"{what} has shares written for each person, so I can't split a new amount the same way. "
                    "Please send it again with the new amount.")


def _word_replaced(description: str, word: str, new_word: str) -> str:
    """The description with a word of it put right wherever it stands ("lunch at pizza place": "dinner at pizza
    place"), a capital kept ("Lunch with Rafi": "Dinner with Rafi")."""
    if not description.strip():
        raise BadInput(f"There is no description to put \"{new_word}\" in. Say e.g. \"change the description to "
                       f"{new_word}\".")
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    if pattern.search(description) is None:
        raise BadInput(f"The description is \"{description}\", with no \"{word}\" in it. Say e.g. \"change the "
                       f"description to {new_word}\".")
    replaced = pattern.sub(lambda found: new_word[:1].upper() + new_word[1:]
                           if found[0][:1].isupper() and new_word.islower() else new_word, description)
    if len(replaced) > DESCRIPTION_CHARS:
        raise BadInput(f"That makes the description longer than {DESCRIPTION_CHARS} characters. Say the whole "
                       "description instead, e.g. \"change the description to taxi home\".")
    return replaced


def _check_kind_change(what: str, payer_id: int, payer_name: str, shares: tuple[ShareLine, ...] | list[ShareLine],
                       actor_id: int, kind: str) -> None:
    """Income is the sender's own and no one shares it: an expense paid by someone else or split can't become it."""
    if kind != "income":
        return
    if payer_id != actor_id:
        raise BadInput(f"{what} was paid by {payer_name or 'someone else'}; income can't have another payer. "
                       "Cancel it (or undo) and record the income again.")
    if any(share.user_id != payer_id for share in shares):
        raise BadInput(f"{what} is split with other people; income can't be split. Cancel it (or undo) and record "
                       "the income again.")


class CorrectionService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], ledger: LedgerService, *, draft_ttl: int,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._sessions = sessions
        self._ledger = ledger  # its checks of amounts, currencies and dates
        self._draft_ttl = timedelta(seconds=draft_ttl)
        self._clock = clock

    async def correct(self, actor: Actor, chat: ChatInfo, request: CorrectionRequest, *,
                      key: str | None = None) -> Revised | CorrectionView:
        """Change the actor's open preview in this chat (unless `request` targets the last entry), or else make a
        correction of their latest entry here, which changes nothing until they save it. With `key` (the inbound
        update's), a rerun of the same update returns the correction the first run made."""
        if request.field not in CORRECTABLE:
            raise BadInput("What should I change? Say e.g. \"make it 550\", \"change the date to yesterday\" or "
                           "\"change the category to transport\".")
        draft_id = new_draft_id(key)
        async with self._sessions.begin() as session:
            if key is not None and (made := await session.get(Draft, draft_id)) is not None:
                return CorrectionView.from_payload(made.id, made.payload, made.status)
            if request.target != "last":
                preview = await self._open_preview(session, actor, chat)
                if preview is not None:
                    before = DraftView.from_row(preview)
                    after = self._revised(before, chat, request, actor)
                    preview.payload = {**preview.payload, **after.as_payload()}
                    return Revised(request.field, before, after)
                if request.target == "preview":
                    raise NotFound("You have no open preview to change. Say e.g. \"change the last entry's "
                                   "amount to 550\" to correct what you saved.")
            view = await self._correction_of_last(session, actor, chat, request, draft_id)
            now = self._clock()
            session.add(Draft(id=view.id, user_id=actor.id, chat_id=chat.id, status="pending",
                              payload=view.as_payload(), created_at=now, expires_at=now + self._draft_ttl))
            return view

    async def _open_preview(self, session: AsyncSession, actor: Actor, chat: ChatInfo) -> Draft | None:
        """The actor's latest draft in this chat, if it is an expense or income preview still waiting for Save; a
        settlement preview waiting is refused rather than passed over for the last entry."""
        row = await session.scalar(select(Draft).where(Draft.user_id == actor.id, Draft.chat_id == chat.id)
                                   .order_by(Draft.created_at.desc()).limit(1).with_for_update())
        if row is None or row.status != "pending" or row.expires_at <= self._clock():
            return None
        if row.payload.get("kind") == "settlement":  # not the entry before it: the one just shown is meant
            raise BadInput("That preview is a settlement, which can't be changed here: press Cancel and send it "
                           "again as you meant it (e.g. \"settle 200 USD with @bob\").")
        return row if row.payload.get("kind") in PREVIEW_KINDS else None

    def _revised(self, before: DraftView, chat: ChatInfo, request: CorrectionRequest, actor: Actor) -> DraftView:
        values = self._new_values(self._values_of(before), chat, request)
        shares = before.shares
        if request.field == "direction":
            _check_kind_change("This preview", before.payer_id, before.payer_name, shares, actor.id, values.kind)
            total = to_minor(values.amount, values.currency)
            shares = () if values.kind == "income" else (ShareLine(before.payer_id, before.payer_name, total),)
        elif shares and (minors := _new_share_minors(
                request.field, list(shares), to_minor(before.amount, before.currency), before.currency,
                to_minor(values.amount, values.currency), values.currency, "This preview")) is not None:
            shares = tuple(ShareLine(s.user_id, s.name, minor) for s, minor in zip(shares, minors, strict=True))
        return dataclasses.replace(before, kind=values.kind, amount=values.amount, currency=values.currency,
                                   shares=shares,
                                   description=values.description, category=values.category,
                                   occurred_on=values.occurred_on)

    @staticmethod
    def _values_of(view: DraftView) -> EntryValues:
        return EntryValues(view.kind, view.amount, view.currency, view.description, view.category, view.occurred_on)

    def _new_values(self, old: EntryValues, chat: ChatInfo, request: CorrectionRequest) -> EntryValues:
        """`old` with the field `request` names set to its new value, checked as a preview checks it."""
        ledger = self._ledger
        if request.field == "amount":
            amount = ledger.written_amount(request.amount, request.amount_text)
            if request.currency_text:
                raise NotACurrency(request.currency_text)
            currency = ledger.currency_for(chat, request.currency) if request.currency else old.currency
            if written_minor(amount, currency) <= 0:
                raise BadInput("The amount must be more than zero.")
            return dataclasses.replace(old, amount=amount, currency=currency)
        if request.field == "currency":  # the same amount in another currency: "make it usd not taka"
            if request.currency_text:
                raise NotACurrency(request.currency_text)
            if not request.currency:
                raise BadInput("Which currency? Say e.g. \"make it USD\" or \"it was dollars, not taka\".")
            currency = ledger.currency_for(chat, request.currency)
            if request.currency_was and request.currency_was != old.currency:
                raise BadInput(f"It is in {old.currency}, not {request.currency_was}. Say \"make it {currency}\" to "
                               "change it.")
            if currency == old.currency:
                raise BadInput(f"It is already in {currency}.")
            try:
                exact_minor(old.amount, currency)
            except TooPrecise:  # 0.40 can't become yen: the amount first, in words that correct it
                raise BadInput(f"{old.amount} can't be written in {currency}, which has "
                               f"{exponent(currency) or 'no'} decimals. Put the amount right first (e.g. \"make it "
                               f"{max(quantize(old.amount, currency), Decimal(1))}\"), then the currency.") from None
            return dataclasses.replace(old, currency=currency)
        if request.field == "date":
            day = ledger.written_date(request.date, request.today, text=request.date_text,
                                      out_of_range=request.date_out_of_range)
            if day is None:
                raise BadInput("Which date? Say e.g. \"change the date to yesterday\" or \"… to 17 March\".")
            return dataclasses.replace(old, occurred_on=day)
        if request.field == "category":
            category = (request.category or "").strip().lower()[:64]
            if not category:
                raise BadInput("Which category? Say e.g. \"change the category to transport\".")
            return dataclasses.replace(old, category=category)
        if request.field == "direction":
            if request.direction not in PREVIEW_KINDS:
                raise BadInput("Income or expense? Say e.g. \"make it income\" or \"it was an expense\".")
            if old.kind not in PREVIEW_KINDS:  # a settlement: money between people, neither income nor spending
                raise BadInput(f"That is a {old.kind}, which can't become {KIND_WORDS[request.direction]}. Say "
                               "\"undo\" and send it again as you meant it.")
            if request.direction == old.kind:
                raise BadInput(f"It is already {KIND_WORDS[old.kind]}.")
            category = UNNAMED_CATEGORY[request.direction] if old.category == UNNAMED_CATEGORY[old.kind] \
                else old.category
            return dataclasses.replace(old, kind=request.direction, category=category)
        description = (request.description or "").strip()[:DESCRIPTION_CHARS]
        if not description:
            raise BadInput("What should the description say? Say e.g. \"change the description to taxi home\".")
        if request.replaces:
            description = _word_replaced(old.description, request.replaces, description)
        return dataclasses.replace(old, description=description)

    async def _correction_of_last(self, session: AsyncSession, actor: Actor, chat: ChatInfo,
                                  request: CorrectionRequest, draft_id: str) -> CorrectionView:
        entry = await session.scalar(
            select(Entry).where(Entry.chat_id == chat.id, Entry.recorded_by == actor.id, Entry.voided_at.is_(None))
            .order_by(Entry.id.desc()).limit(1))
        if entry is None:
            raise NotFound("There's nothing to correct yet: you have no entries in this chat. Record one first, "
                           "e.g. \"lunch 250\".")
        old = EntryValues(entry.kind, from_minor(entry.amount_minor, entry.currency), entry.currency,
                          entry.description, entry.category, entry.occurred_on)
        new = self._new_values(old, chat, request)
        if new == old:
            raise BadInput(f"Your last entry ({entry.description}) already has that {request.field}.")
        rows = (await session.execute(
            select(Share.user_id, User.name, Share.amount_minor).join(User, User.id == Share.user_id)
            .where(Share.entry_id == entry.id).order_by(Share.id))).all()
        lines = [ShareLine(user_id, name, minor) for user_id, name, minor in rows]
        new_minors = [line.minor for line in lines]
        payer = str(await session.scalar(select(User.name).where(User.id == entry.user_id)))
        if request.field == "direction":
            _check_kind_change(f"Your last entry ({entry.description})", entry.user_id, payer, lines, actor.id,
                               new.kind)
            if new.kind == "income":
                new_minors = [0 for _ in lines]  # income is no one's share: confirm writes none
            else:  # the sender's own expense: their share is all of it
                lines, new_minors = [ShareLine(entry.user_id, payer, 0)], [to_minor(new.amount, new.currency)]
        elif lines and (minors := _new_share_minors(
                request.field, lines, entry.amount_minor, old.currency, to_minor(new.amount, new.currency),
                new.currency, f"Your last entry ({entry.description})")) is not None:
            new_minors = minors
        return CorrectionView(draft_id, entry.id, request.field, old, new, entry.user_id, payer, tuple(
            ShareChange(line.user_id, line.name, line.minor, minor) for line, minor in zip(lines, new_minors,
                                                                                          strict=True)))

    async def confirm(self, draft_id: str, actor: Actor) -> Corrected:
        """Void the entry and write it again corrected, with its shares, in one transaction. Repeated or
        concurrent presses save it once: the conditional UPDATE lets one press claim the correction, and the
        entry is voided only if it still stands (otherwise nothing changes)."""
        now = self._clock()
        async with engine_of(self._sessions).begin() as conn:
            claimed = (await conn.execute(
                update(_drafts).where(_drafts.c.id == draft_id, _drafts.c.user_id == actor.id,
                                      _drafts.c.status == "pending", _drafts.c.expires_at > now)
                .values(status="saved").returning(_drafts.c.payload, _drafts.c.chat_id))).first()
            if claimed is not None and claimed.payload.get("kind") == "correction":
                view = CorrectionView.from_payload(draft_id, claimed.payload, "saved")
                voided = (await conn.execute(
                    update(_entries).where(_entries.c.id == view.entry_id, _entries.c.voided_at.is_(None))
                    .values(voided_at=now, voided_by=f"correct:{draft_id}")
                    .returning(_entries.c.chat_id, _entries.c.user_id, _entries.c.recorded_by))).first()
                if voided is None:  # raising rolls the claim back too
                    raise UserError("That entry was removed or corrected since, so nothing was changed.")
                new = view.new
                entry_id = (await conn.execute(insert(_entries).returning(_entries.c.id), {
                    "chat_id": voided.chat_id, "user_id": voided.user_id, "recorded_by": voided.recorded_by,
                    "draft_id": draft_id, "kind": new.kind, "amount_minor": to_minor(new.amount, new.currency),
                    "currency": new.currency, "description": new.description, "category": new.category,
                    "occurred_on": new.occurred_on, "created_at": now, "voided_at": None})).scalar_one()
                for share in view.shares if new.kind != "income" else ():
                    await conn.execute(insert(_shares), {"entry_id": entry_id, "user_id": share.user_id,
                                                         "amount_minor": share.new_minor})
                return Corrected(entry_id, view, already=False)
            if claimed is not None:
                raise DraftGone()  # not a correction: a forged key; raising rolls the claim back
        return await self._not_claimed(draft_id, actor)

    async def _not_claimed(self, draft_id: str, actor: Actor) -> Corrected:
        """Why a press did not claim the correction: saved before (answer as saved), someone else's, gone or stale."""
        async with self._sessions() as session:
            row, entry_id = await saved_before(session, draft_id, actor.id, UNCLAIMED_CORRECTION)
        return Corrected(entry_id, CorrectionView.from_payload(row.id, row.payload, row.status), already=True)

    async def cancel(self, draft_id: str, actor: Actor) -> CorrectionView:
        async with self._sessions.begin() as session:
            row = await session.get(Draft, draft_id, with_for_update=True)
            if row is None or row.payload.get("kind") != "correction":
                raise DraftGone("I can't find that correction any more.")
            if row.user_id != actor.id:
                raise NotYours("cancel")
            if row.status == "saved":
                raise UserError("This correction is already saved. Correct it again to change it back.")
            row.status = "cancelled"
            return CorrectionView.from_payload(row.id, row.payload, row.status)

"""Ledger writes: drafts, idempotent confirm (one transaction per entry), recategorise, cancel, undo."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from sqlalchemy import Table, Update, bindparam, func, insert, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from core.db import engine_of
from core.errors import BadInput, DraftExpired, NotAllowed, NotFound, UserError
from core.group_commit import Batcher, GroupInserter
from core.models import Budget, Chat, Draft, Entry, Identity, Share
from core.money import UnknownCurrency, from_minor, to_minor, validate_currency
from core.services.identity import ChatInfo, Participant
from core.services.outbox import Outbox
from core.turn import Actor


@dataclass(frozen=True, slots=True)
class ShareLine:
    user_id: int
    name: str
    minor: int


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

    @property
    def is_split(self) -> bool:
        return any(s.user_id != self.payer_id for s in self.shares)

    def share_amount(self, line: ShareLine) -> Decimal:
        return from_minor(line.minor, self.currency)

    def as_payload(self) -> dict[str, Any]:
        return {"kind": self.kind, "amount": str(self.amount), "currency": self.currency,
                "description": self.description, "category": self.category,
                "date": self.occurred_on.isoformat(), "payer": [self.payer_id, self.payer_name],
                "shares": [[s.user_id, s.name, s.minor] for s in self.shares]}

    @classmethod
    def from_row(cls, row: Draft) -> DraftView:
        return cls.from_payload(row.id, row.payload, row.status)

    @classmethod
    def from_payload(cls, draft_id: str, p: dict[str, Any], status: str = "pending") -> DraftView:
        return cls(draft_id, p["kind"], Decimal(p["amount"]), p["currency"], p["description"], p["category"],
                   date.fromisoformat(p["date"]), p["payer"][0], p["payer"][1],
                   tuple(ShareLine(uid, name, minor) for uid, name, minor in p["shares"]), status)


@dataclass(frozen=True, slots=True)
class Saved:
    entry_id: int
    draft: DraftView
    already: bool  # True when this press found the draft saved before (idempotent repeat)
    chat_has_budgets: bool = True  # False lets the caller skip the budget check


_drafts, _entries, _budgets = (cast(Table, model.__table__) for model in (Draft, Entry, Budget))
# Built once: the hot path pays for a cache lookup, not for building and compiling the statement.
_BUDGETS_OF_CHAT = select(func.count()).where(_budgets.c.chat_id == _drafts.c.chat_id).scalar_subquery()
_INSERT_ENTRIES = insert(_entries).returning(_entries.c.id, _entries.c.draft_id)
_INSERT_SHARE = insert(cast(Table, Share.__table__))


def _claim(keys: list[tuple[str, int]]) -> Update:
    """Claim pending, unexpired drafts by (id, owner): only the press that flips the status saves."""
    return (update(_drafts)
            .where(tuple_(_drafts.c.id, _drafts.c.user_id).in_(keys), _drafts.c.status == "pending",
                   _drafts.c.expires_at > bindparam("b_now"))
            .values(status="saved")
            .returning(_drafts.c.id, _drafts.c.user_id, _drafts.c.payload, _drafts.c.chat_id, _BUDGETS_OF_CHAT))


def split_equally(total_minor: int, people: list[tuple[int, str]]) -> list[ShareLine]:
    """Equal shares in minor units; the leftover units go one each to the first people (payer first)."""
    base, leftover = divmod(total_minor, len(people))
    return [ShareLine(uid, name, base + (1 if i < leftover else 0)) for i, (uid, name) in enumerate(people)]


class LedgerService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], outbox: Outbox, writer: GroupInserter, *,
                 default_currency: str, max_amount: Decimal, draft_ttl: int, undo_window: int) -> None:
        self._sessions = sessions
        self._writer = writer
        self._saver: Batcher[tuple[str, int], Saved | None] = Batcher(self._confirm_many)
        self._outbox = outbox
        self.default_currency = default_currency
        self.max_amount = max_amount
        self._draft_ttl = timedelta(seconds=draft_ttl)
        self._undo_window = timedelta(seconds=undo_window)

    def currency_for(self, chat: ChatInfo, named: str | None) -> str:
        try:
            return validate_currency(named) if named else (chat.default_currency or self.default_currency)
        except UnknownCurrency:
            raise BadInput(f"I don't know the currency {named!r}. Use an ISO code such as BDT, USD or EUR.") from None

    def checked_amount(self, raw: str | Decimal | None) -> Decimal:
        if raw is None or raw == "":
            raise BadInput("I couldn't find an amount. Try e.g. \"spent 450 tk on groceries\".")
        try:
            amount = Decimal(str(raw))
        except InvalidOperation:
            raise BadInput(f"{raw!r} is not an amount I understand.") from None
        if not amount.is_finite() or amount <= 0:
            raise BadInput("The amount must be more than zero.")
        if amount > self.max_amount:
            raise BadInput(f"That amount is larger than this ledger accepts ({self.max_amount:,}). "
                           "Please check it.")
        return amount

    async def draft(self, actor: Actor, chat: ChatInfo, *, kind: str, amount: Decimal, currency: str,
                    description: str, category: str, occurred_on: date, participants: list[Participant],
                    exact: dict[int, Decimal] | None = None, include_payer: bool = True) -> DraftView:
        """A pending draft; nothing reaches the ledger until its owner confirms it."""
        if any(p.user_id == actor.id for p in participants):
            raise BadInput("You mentioned yourself. Mention the other people in the split; "
                           "your own share is worked out for you.")
        if kind == "income" and participants:
            raise BadInput("Income can't be split with other people. Record it without mentions.")
        total = to_minor(amount, currency)
        if total <= 0:
            raise BadInput("The amount must be more than zero.")
        shares = self._shares(actor, total, currency, participants, exact or {}, include_payer, kind)
        view = DraftView(secrets.token_hex(8), kind, amount, currency, description[:200] or category,
                         category, occurred_on, actor.id, actor.name, tuple(shares))
        await self._save_draft(view, actor, chat)
        return view

    def _shares(self, actor: Actor, total: int, currency: str, participants: list[Participant],
                exact: dict[int, Decimal], include_payer: bool, kind: str) -> list[ShareLine]:
        if kind == "income":
            return []
        if not participants:
            return [ShareLine(actor.id, actor.name, total)]
        if exact:
            lines = [ShareLine(p.user_id, p.name, to_minor(exact[p.user_id], currency))
                     for p in participants if p.user_id in exact]
            rest = total - sum(line.minor for line in lines)
            if rest < 0:
                raise BadInput("The shares add up to more than the total. Please check the amounts.")
            others = [p for p in participants if p.user_id not in exact]
            people = ([(actor.id, actor.name)] if include_payer else []) + [(p.user_id, p.name) for p in others]
            if rest and not people:
                raise BadInput("The shares don't add up to the total. Please check the amounts.")
            return lines + (split_equally(rest, people) if rest else [])
        people = ([(actor.id, actor.name)] if include_payer else []) + [(p.user_id, p.name) for p in participants]
        return split_equally(total, people)

    async def settlement_draft(self, owner: Actor, chat: ChatInfo, *, payer: Participant, payee: Participant,
                               amount: Decimal, currency: str) -> DraftView:
        """A settlement: `payer` hands `payee` money, which moves both balances toward zero."""
        view = DraftView(secrets.token_hex(8), "settlement", amount, currency, f"{payer.name} paid {payee.name}",
                         "settlement", datetime.now(UTC).date(), payer.user_id, payer.name,
                         (ShareLine(payee.user_id, payee.name, to_minor(amount, currency)),))
        await self._save_draft(view, owner, chat)
        return view

    async def _save_draft(self, view: DraftView, owner: Actor, chat: ChatInfo) -> None:
        now = datetime.now(UTC)
        await self._writer.insert(_drafts, {  # committed before the preview is shown, so Save finds it
            "id": view.id, "user_id": owner.id, "chat_id": chat.id, "status": "pending",
            "payload": view.as_payload(), "created_at": now, "expires_at": now + self._draft_ttl})

    async def get(self, draft_id: str, actor: Actor) -> DraftView:
        async with self._sessions() as session:
            row = await session.get(Draft, draft_id)
            if row is None:
                raise NotFound("I can't find that draft any more. Please send it again.")
            if row.user_id != actor.id:
                raise NotAllowed("Only the person who wrote this can change it.")
            return DraftView.from_row(row)

    async def confirm(self, draft_id: str, actor: Actor) -> Saved:
        """Write the draft as one entry. Repeated or concurrent presses save it once: the conditional UPDATE
        lets one press claim the draft, and `entries.draft_id` is unique besides. Presses of concurrent turns
        share a transaction (each entry with its shares is still all or nothing); this returns once committed."""
        saved = await self._saver.submit((draft_id, actor.id))
        if saved is not None:
            return saved
        async with self._sessions() as session:
            return await self._not_claimed(session, draft_id, actor)

    async def _confirm_many(self, presses: list[tuple[str, int]]) -> list[Saved | None]:
        """Claim the drafts, write their entries and shares, queue split notices: one transaction, three
        statements however many presses. None for a press that claimed nothing (asked again, or not its draft)."""
        now = datetime.now(UTC)
        async with engine_of(self._sessions).begin() as conn:
            claimed = {(row.id, row.user_id): row
                       for row in await conn.execute(_claim(sorted(set(presses))), {"b_now": now})}
            views = {key: DraftView.from_payload(key[0], row.payload, "saved") for key, row in claimed.items()}
            entry_ids: dict[str, int] = {}
            if views:
                written = await conn.execute(_INSERT_ENTRIES, [{
                    "chat_id": claimed[key].chat_id, "user_id": view.payer_id, "recorded_by": key[1],
                    "draft_id": view.id, "kind": view.kind, "amount_minor": to_minor(view.amount, view.currency),
                    "currency": view.currency, "description": view.description, "category": view.category,
                    "occurred_on": view.occurred_on, "created_at": now, "voided_at": None}
                    for key, view in views.items()])
                entry_ids = {row.draft_id: row.id for row in written}
                shares = [{"entry_id": entry_ids[view.id], "user_id": s.user_id, "amount_minor": s.minor}
                          for view in views.values() for s in view.shares]
                if shares:  # one row (the usual case) as a plain INSERT: executemany costs more round trips
                    await conn.execute(_INSERT_SHARE, shares if len(shares) > 1 else shares[0])
                for key, view in views.items():
                    await self._tell_participants(conn, view, entry_ids[view.id], claimed[key].chat_id)
        results: list[Saved | None] = []
        for key in presses:
            if key not in views:  # nothing claimed, or pressed twice in one batch and the first press saved it
                results.append(None)
                continue
            saved = views.pop(key)
            results.append(Saved(entry_ids[saved.id], saved, already=False,
                                 chat_has_budgets=bool(claimed[key][4])))
        return results

    async def _not_claimed(self, session: AsyncSession, draft_id: str, actor: Actor) -> Saved:
        """Why a press did not claim the draft: saved before (answer as saved), someone else's, gone or stale."""
        row = await session.get(Draft, draft_id)
        if row is None:
            raise NotFound("I can't find that draft any more. Please send it again.")
        if row.user_id != actor.id:
            raise NotAllowed("Only the person who wrote this can save it.")
        if row.status == "saved":
            entry_id = await session.scalar(select(Entry.id).where(Entry.draft_id == draft_id))
            if entry_id is not None:
                return Saved(entry_id, DraftView.from_row(row), already=True)
        if row.status == "cancelled":
            raise UserError("This draft was cancelled; nothing was saved.")
        raise DraftExpired("This preview has expired and was not saved. Please send it again.")

    async def _tell_participants(self, conn: AsyncConnection, view: DraftView, entry_id: int, chat_id: int) -> None:
        """Each other person in the split hears about it in a private chat: one they have with the bot, or
        (Teams) one the bot opens through the conversation the split was made in."""
        others = {s.user_id: s for s in view.shares if s.user_id != view.payer_id}
        if not others:
            return
        chat = (await conn.execute(select(Chat.channel, Chat.external_id).where(Chat.id == chat_id))).one()
        rows = await conn.execute(select(
            Identity.user_id, Identity.channel, Identity.private_chat, Identity.external_id).where(
            Identity.user_id.in_(others)))
        for user_id, channel, private_chat, external_id in rows:
            if private_chat is not None:
                target, via = str(private_chat), None
            elif channel == "teams" and chat.channel == "teams" and external_id:
                target, via = f"user:{external_id}", chat.external_id
            else:
                continue  # nowhere to reach them yet; they see the split in the group
            share = others[user_id]
            verb = "paid you" if view.kind == "settlement" else "added you to"
            text = (f"{view.payer_name} {verb} {view.description}: your share is "
                    f"{from_minor(share.minor, view.currency)} {view.currency}." if view.kind != "settlement"
                    else f"{view.payer_name} recorded paying you {view.amount} {view.currency}.")
            payload = {"kind": "text", "text": text} | ({"via": via} if via else {})
            await self._outbox.enqueue(conn, channel=channel, target=target, kind="split_notice",
                                       payload=payload, dedup_key=f"entry:{entry_id}:{user_id}:{channel}")

    async def recategorise(self, draft_id: str, actor: Actor, category: str) -> DraftView:
        async with self._sessions.begin() as session:
            row = await session.get(Draft, draft_id, with_for_update=True)
            if row is None:
                raise NotFound("I can't find that draft any more. Please send it again.")
            if row.user_id != actor.id:
                raise NotAllowed("Only the person who wrote this can change it.")
            if row.status != "pending" or row.expires_at < datetime.now(UTC):
                raise DraftExpired("This preview can't be changed any more.")
            row.payload = {**row.payload, "category": category}
            return DraftView.from_row(row)

    async def cancel(self, draft_id: str, actor: Actor) -> DraftView:
        async with self._sessions.begin() as session:
            await session.execute(update(Draft).where(
                Draft.id == draft_id, Draft.user_id == actor.id, Draft.status == "pending").values(
                status="cancelled"))
            row = await session.get(Draft, draft_id, populate_existing=True)
            if row is None:
                raise NotFound("I can't find that draft any more.")
            if row.user_id != actor.id:
                raise NotAllowed("Only the person who wrote this can cancel it.")
            if row.status == "saved":
                raise UserError("This one is already saved. Say \"undo\" to remove it.")
            return DraftView.from_row(row)

    async def undo_last(self, actor: Actor, chat: ChatInfo) -> Entry:
        """Void the actor's own latest entry in this chat, if it is recent enough."""
        async with self._sessions.begin() as session:
            entry = await session.scalar(
                select(Entry).where(Entry.chat_id == chat.id, Entry.recorded_by == actor.id,
                                    Entry.voided_at.is_(None)).order_by(Entry.id.desc()).limit(1))
            if entry is None:
                raise NotFound("You have nothing to undo in this chat.")
            if entry.created_at < datetime.now(UTC) - self._undo_window:
                hours = int(self._undo_window.total_seconds() // 3600)
                raise UserError(f"Your last entry is older than {hours} h, so it can't be undone from chat.")
            entry.voided_at = datetime.now(UTC)
            return entry

"""Ledger writes: drafts, idempotent confirm (one transaction per entry), recategorise, cancel, undo."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import cast

from sqlalchemy import Table, Update, bindparam, func, insert, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from core.db import engine_of
from core.errors import BadInput, DraftExpired, DraftGone, NotACurrency, NotFound, NotYours, UserError
from core.group_commit import Batcher, GroupInserter
from core.models import Budget, Chat, Draft, Entry, Identity, Share
from core.money import UnknownCurrency, from_minor, to_minor, validate_currency
from core.nlu.dates import RANGE_TEXT, in_range
from core.outbound import OutboundMessage, user_target
from core.services.conversations import reaches_members
from core.services.drafts import (
    DraftView,
    Newcomers,
    Saved,
    ShareLine,
    Unclaimed,
    new_draft_id,
    saved_before,
    shares_of,
    written_minor,
)
from core.services.identity import ChatInfo, Participant, people_named, provision
from core.services.ledger_requests import DESCRIPTION_CHARS, DraftRequest, SettleRequest
from core.services.outbox import Outbox
from core.turn import Actor, Mention

_drafts, _entries, _budgets = (cast(Table, model.__table__) for model in (Draft, Entry, Budget))
# Built once: the hot path pays for a cache lookup, not for building and compiling the statement.
_BUDGETS_OF_CHAT = select(func.count()).where(_budgets.c.chat_id == _drafts.c.chat_id).scalar_subquery()
_INSERT_ENTRIES = insert(_entries).returning(_entries.c.id, _entries.c.draft_id)
_INSERT_SHARE = insert(cast(Table, Share.__table__))
_SET_PAYLOAD = update(_drafts).where(_drafts.c.id == bindparam("b_id")).values(payload=bindparam("b_payload"))
Key = tuple[str, int]  # a press: (draft id, who pressed)
UNCLAIMED_PREVIEW = Unclaimed(None, "This draft was cancelled; nothing was saved.",
                              "This preview has expired and was not saved. Please send it again.")


def _claim(keys: list[tuple[str, int]]) -> Update:
    """Claim pending, unexpired drafts by (id, owner): only the press that flips the status saves."""
    return (update(_drafts)
            .where(tuple_(_drafts.c.id, _drafts.c.user_id).in_(keys), _drafts.c.status == "pending",
                   _drafts.c.expires_at > bindparam("b_now"))
            .values(status="saved")
            .returning(_drafts.c.id, _drafts.c.user_id, _drafts.c.payload, _drafts.c.chat_id, _BUDGETS_OF_CHAT))


async def _with_newcomers_created(conn: AsyncConnection, views: dict[Key, DraftView]) -> dict[Key, DraftView]:
    """The views with the people they mention for the first time created (or found, if they came to exist since
    the preview), all of a batch at once; their drafts keep the real ids, so a repeated press reads them."""
    wanted: dict[tuple[str, bool], list[tuple[Key, int, Mention]]] = {}
    for key, view in views.items():
        if view.newcomers:
            wanted.setdefault((view.newcomers.channel, view.newcomers.by_name), []).extend(
                (key, ref, mention) for ref, mention in view.newcomers.people)
    people: dict[Key, dict[int, Participant]] = {}
    for (channel, by_name), needed in wanted.items():
        found = await provision(conn, channel, [mention for _, _, mention in needed], by_name=by_name)
        for (key, ref, _), person in zip(needed, found, strict=True):
            people.setdefault(key, {})[ref] = person
    resolved = {key: view.with_people(people[key]) if key in people else view for key, view in views.items()}
    await conn.execute(_SET_PAYLOAD, [{"b_id": key[0], "b_payload": resolved[key].as_payload()} for key in people])
    return resolved


def _refuse_unreadable_amount(amount_text: str | None) -> None:
    if amount_text:
        raise BadInput(f"{amount_text!r} is not an amount I understand. Write it in digits, e.g. 1500 or 1,500.50.")


def _out_of_range(shown: str) -> BadInput:
    return BadInput(f"The date {shown} is out of range: {RANGE_TEXT}.")


def _notice(view: DraftView, share: ShareLine, recorded_by_payer: bool) -> str:
    """What someone in a saved split (or paid by a settlement) is told."""
    if view.kind == "settlement":
        return f"{view.payer_name} recorded paying you {view.amount} {view.currency}."
    owed = f"{from_minor(share.minor, view.currency)} {view.currency}"
    if not recorded_by_payer:
        return f"{view.payer_name} paid {view.amount} {view.currency} for {view.description}: your share is {owed}."
    return f"{view.payer_name} added you to {view.description}: your share is {owed}."


def _each_once(people: list[Participant]) -> list[Participant]:
    """A person mentioned twice (by handle and by name, say) is in a split once."""
    seen: dict[int, Participant] = {}
    for person in people:
        seen.setdefault(person.user_id, person)
    return list(seen.values())


class LedgerService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], outbox: Outbox, writer: GroupInserter, *,
                 default_currency: str, max_amount: Decimal, draft_ttl: int, undo_window: int,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._sessions = sessions
        self._writer = writer
        self._saver: Batcher[tuple[str, int], Saved | None] = Batcher(self._confirm_many)
        self._outbox = outbox
        self.default_currency = default_currency
        self.max_amount = max_amount
        self._draft_ttl = timedelta(seconds=draft_ttl)
        self._undo_window = timedelta(seconds=undo_window)
        self._clock = clock  # drafts' lifetimes, entries' times and the undo window; tests move it by hand

    def currency_for(self, chat: ChatInfo, named: str | None) -> str:
        try:
            return validate_currency(named) if named else (chat.default_currency or self.default_currency)
        except UnknownCurrency:
            raise NotACurrency(str(named)) from None

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

    def checked_date(self, value: date, today: date) -> date:
        """`value` if an entry may be dated so; far past or future dates are typos (year 1 even reaches
        PostgreSQL as -infinity)."""
        if not in_range(value, today):
            raise _out_of_range(value.isoformat())
        return value

    def written_amount(self, amount: str | None, amount_text: str | None) -> Decimal:
        """The amount a message wrote, checked; `amount_text` is one written but not readable."""
        _refuse_unreadable_amount(amount_text)
        return self.checked_amount(amount)

    def written_date(self, iso: str | None, today: date, *, text: str | None = None,
                     out_of_range: str | None = None) -> date | None:
        """The date a message wrote (ISO), checked; `text` is one written but not readable."""
        if text:
            raise BadInput(f"I couldn't understand the date {text!r}. Try \"yesterday\", \"17 March\" or 2026-03-17.")
        if out_of_range:
            raise _out_of_range(repr(out_of_range))
        return None if iso is None else self.checked_date(date.fromisoformat(iso), today)

    async def preview(self, actor: Actor, chat: ChatInfo, request: DraftRequest, *,
                      key: str | None = None) -> DraftView:
        """The draft a message asks for, once what it wrote is checked: amount, currency, date, who paid, the
        people mentioned (each once) and their exact shares. `key` as for `draft`."""
        _refuse_unreadable_amount(request.amount_text)
        if request.currency_text:
            raise NotACurrency(request.currency_text)
        if request.date_text or request.date_out_of_range:
            self.written_date(None, request.today, text=request.date_text, out_of_range=request.date_out_of_range)
        amount = self.checked_amount(request.amount)
        currency = self.currency_for(chat, request.currency)
        occurred = self.written_date(request.date, request.today) or request.today
        named = ((request.payer,) if request.payer else ()) + request.mentions
        people = await self._people(chat, named)  # in one go: stand-ins for new people differ across calls
        payer = people.pop(0) if request.payer else None
        exact = {person.user_id: self.checked_amount(request.shares[mention.name])
                 for mention, person in zip(request.mentions, people, strict=True) if mention.name in request.shares}
        return await self.draft(
            actor, chat, kind=request.kind, amount=amount, currency=currency, description=request.description,
            category=request.category, occurred_on=occurred, participants=_each_once(people), exact=exact,
            include_payer=request.include_payer, payer=payer, key=key)

    async def _people(self, chat: ChatInfo, mentions: tuple[Mention, ...]) -> list[Participant]:
        if not mentions:
            return []
        async with engine_of(self._sessions).connect() as conn:
            return await people_named(conn, chat.channel, mentions, by_name=chat.acts_by_name)

    async def draft(self, actor: Actor, chat: ChatInfo, *, kind: str, amount: Decimal, currency: str,
                    description: str, category: str, occurred_on: date, participants: list[Participant],
                    exact: dict[int, Decimal] | None = None, include_payer: bool = True,
                    payer: Participant | None = None, key: str | None = None) -> DraftView:
        """A pending draft of parts already checked (`preview` checks a message's); nothing reaches the ledger
        until its owner confirms it. `payer`: someone else paid ("bob paid 400 for the taxi"), and the sender
        shares the cost like the people mentioned. With `key` (the inbound update's), a rerun of the same update
        after a crash keeps the draft the first run made (and saved, with auto-save), so confirming it again
        cannot write a second entry."""
        me = Participant(actor.id, actor.name, False)
        if payer is not None and payer.user_id == actor.id:
            payer = None  # "I paid": an expense of the sender's own
        if any(p.user_id == actor.id for p in participants):
            raise BadInput("You mentioned yourself. Mention the other people in the split; "
                           "your own share is worked out for you.")
        if kind == "income" and payer is not None:
            raise BadInput("Income can't have another payer. Record it as your own, without who paid.")
        if kind == "income" and participants:
            raise BadInput("Income can't be split with other people. Record it without mentions.")
        total = written_minor(amount, currency)
        if total <= 0:
            raise BadInput("The amount must be more than zero.")
        sharing = participants if payer is None else [me, *(p for p in participants if p.user_id != payer.user_id)]
        payer = payer or me
        shares = [] if kind == "income" else shares_of(total, currency, payer, sharing, exact or {}, include_payer)
        view = DraftView(new_draft_id(key), kind, amount, currency, description[:DESCRIPTION_CHARS] or category,
                         category, occurred_on, payer.user_id, payer.name, tuple(shares),
                         newcomers=Newcomers.among(chat, _each_once([payer, *sharing])))
        await self._save_draft(view, actor, chat)
        return view

    async def counterparty(self, actor: Actor, chat: ChatInfo, request: SettleRequest) -> Participant:
        """The one other person `actor` settles up with."""
        _refuse_unreadable_amount(request.amount_text)
        if len(request.mentions) != 1:
            raise BadInput("Who are you settling with? Mention one person, e.g. \"settle up with @bob\".")
        other = (await self._people(chat, request.mentions))[0]
        if other.user_id == actor.id:
            raise BadInput("You can't settle up with yourself.")
        return other

    async def settlement_preview(self, actor: Actor, chat: ChatInfo, other: Participant, request: SettleRequest,
                                 *, key: str | None = None) -> DraftView:
        """`actor` pays `other` the amount `request` names (checked), in its currency or the chat's."""
        amount = self.checked_amount(request.amount)
        currency = self.currency_for(chat, request.currency)
        return await self.settlement_draft(actor, chat, payer=Participant(actor.id, actor.name, False), payee=other,
                                           amount=amount, currency=currency, key=key)

    async def settlement_draft(self, owner: Actor, chat: ChatInfo, *, payer: Participant, payee: Participant,
                               amount: Decimal, currency: str, key: str | None = None) -> DraftView:
        """A settlement: `payer` hands `payee` money, which moves both balances toward zero."""
        view = DraftView(new_draft_id(key), "settlement", amount, currency, f"{payer.name} paid {payee.name}",
                         "settlement", self._clock().date(), payer.user_id, payer.name,
                         (ShareLine(payee.user_id, payee.name, written_minor(amount, currency)),),
                         newcomers=Newcomers.among(chat, [payer, payee]))
        await self._save_draft(view, owner, chat)
        return view

    async def _save_draft(self, view: DraftView, owner: Actor, chat: ChatInfo) -> None:
        now = self._clock()
        # committed before the preview is shown, so Save finds it; a rerun of the same update keeps the first
        await self._writer.insert(_drafts, {
            "id": view.id, "user_id": owner.id, "chat_id": chat.id, "status": "pending",
            "payload": view.as_payload(), "created_at": now, "expires_at": now + self._draft_ttl}, if_absent=True)

    async def get(self, draft_id: str, actor: Actor) -> DraftView:
        async with self._sessions() as session:
            row = await session.get(Draft, draft_id)
            if row is None:
                raise DraftGone()
            if row.user_id != actor.id:
                raise NotYours("change")
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
        """Claim the drafts, create the people they mention for the first time, write their entries and shares,
        queue split notices: one transaction, three statements however many presses (a few more when someone
        new is mentioned). None for a press that claimed nothing (asked again, or not its draft)."""
        now = self._clock()
        async with engine_of(self._sessions).begin() as conn:
            claimed = {(row.id, row.user_id): row
                       for row in await conn.execute(_claim(sorted(set(presses))), {"b_now": now})}
            views = {key: DraftView.from_payload(key[0], row.payload, "saved") for key, row in claimed.items()}
            if any(view.newcomers for view in views.values()):
                views = await _with_newcomers_created(conn, views)
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
                    await self._tell_participants(conn, view, entry_ids[view.id], claimed[key].chat_id, key[1])
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
        row, entry_id = await saved_before(session, draft_id, actor.id, UNCLAIMED_PREVIEW)
        return Saved(entry_id, DraftView.from_row(row), already=True)

    async def _tell_participants(self, conn: AsyncConnection, view: DraftView, entry_id: int, chat_id: int,
                                 recorded_by: int) -> None:
        """Each other person in the split (not the payer, nor who recorded it) is told, on each channel they are
        known on, where the bot can reach them: in their private chat with it, or in one it can open through the
        conversation of the split. Each channel's notifier finds the way; people it cannot reach yet see the split
        in the group."""
        others = {s.user_id: s for s in view.shares if s.user_id not in (view.payer_id, recorded_by)}
        if not others:
            return
        chat = (await conn.execute(select(Chat.channel, Chat.external_id).where(Chat.id == chat_id))).one()
        rows = await conn.execute(select(
            Identity.user_id, Identity.channel, Identity.private_chat, Identity.external_id).where(
            Identity.user_id.in_(others)))
        through_chat: bool | None = None  # whether the bot can open a private chat through the split's conversation
        for user_id, channel, private_chat, external_id in rows:
            if external_id is None:  # only @mentioned by name so far: nowhere to reach them yet
                continue
            shared = channel == chat.channel
            if private_chat is None and shared and through_chat is None:
                through_chat = await reaches_members(conn, chat.channel, chat.external_id)
            if private_chat is None and not (shared and through_chat):
                continue
            notice = _notice(view, others[user_id], view.payer_id == recorded_by)
            message = OutboundMessage("text", text=notice, private_chat=private_chat,
                                      conversation=chat.external_id if shared else None)
            await self._outbox.enqueue(conn, channel=channel, target=user_target(external_id), kind="split_notice",
                                       payload=message.to_payload(), dedup_key=f"entry:{entry_id}:{user_id}:{channel}")

    async def recategorise(self, draft_id: str, actor: Actor, category: str) -> DraftView:
        async with self._sessions.begin() as session:
            row = await session.get(Draft, draft_id, with_for_update=True)
            if row is None:
                raise DraftGone()
            if row.user_id != actor.id:
                raise NotYours("change")
            if row.status != "pending" or row.expires_at < self._clock():
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
                raise DraftGone("I can't find that draft any more.")
            if row.user_id != actor.id:
                raise NotYours("cancel")
            if row.status == "saved":
                raise UserError("This one is already saved. Say \"undo\" to remove it.")
            return DraftView.from_row(row)

    async def undo_last(self, actor: Actor, chat: ChatInfo, key: str | None = None) -> Entry:
        """Void the actor's own latest entry in this chat, if it is recent enough. With `key` (the inbound
        update's), a run of the same update again returns the entry the first run voided."""
        async with self._sessions.begin() as session:
            if key is not None:
                undone = await session.scalar(select(Entry).where(Entry.voided_by == key))
                if undone is not None:
                    return undone
            entry = await session.scalar(
                select(Entry).where(Entry.chat_id == chat.id, Entry.recorded_by == actor.id,
                                    Entry.voided_at.is_(None)).order_by(Entry.id.desc()).limit(1))
            if entry is None:
                raise NotFound("You have nothing to undo in this chat.")
            now = self._clock()
            if entry.created_at < now - self._undo_window:
                hours = int(self._undo_window.total_seconds() // 3600)
                raise UserError(f"Your last entry is older than {hours} h, so it can't be undone from chat.")
            entry.voided_at, entry.voided_by = now, key
            return entry

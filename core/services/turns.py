"""Inbound updates handled exactly once as seen from outside: a lease while one runs, and a durable mark
committed in the same transaction as the update's replies (queued in the outbox)."""
from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from core.db import engine_of
from core.errors import Unavailable
from core.group_commit import Batcher
from core.models import HandledTurn, OutboxMessage
from core.store import Store

_handled = cast(Table, HandledTurn.__table__)
_outbox = cast(Table, OutboxMessage.__table__)
DONE = "done"


class StillRunning(Unavailable):
    """The same update is being handled right now (a concurrent redelivery): ask for it again later."""


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One reply rendered for its channel, to be queued with the update's handled mark."""

    channel: str
    target: str
    payload: dict[str, Any]
    kind: str = "reply"


@dataclass(frozen=True, slots=True)
class Queued:
    """A reply that is committed in the outbox and may now be sent (`id` is its outbox row)."""

    id: int
    channel: str
    target: str
    payload: dict[str, Any]
    claimed_until: datetime  # after this the delivery worker may send it: the sender must be done by then


@dataclass(frozen=True, slots=True)
class _Completion:
    channel: str
    inbound_id: str
    turn_id: str
    outgoing: tuple[Outgoing, ...]


class TurnJournal:
    """`begin` before running an update, `complete` with its rendered replies, `abandon` when it failed.

    The store holds a short lease (one runner at a time across replicas) and, once done, a cheap "done"
    flag; the database holds the mark that survives a store restart. A crash before `complete` commits
    leaves no mark, so the redelivery runs the update from scratch; after it, the redelivery is skipped and
    the replies are in the outbox. Marks and replies of concurrent turns share one transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], store: Store, *, lease_seconds: float,
                 remember_seconds: float, reply_claim_seconds: float = 20, wait_seconds: float = 5) -> None:
        self._sessions = sessions
        self._store = store
        self._lease = lease_seconds
        self._remember = remember_seconds
        self._reply_claim = timedelta(seconds=reply_claim_seconds)
        self._wait = wait_seconds
        self._seen: Batcher[tuple[str, str], bool] = Batcher(self._seen_many)
        self._completer: Batcher[_Completion, list[Queued] | None] = Batcher(self._complete_many)

    @staticmethod
    def _key(channel: str, inbound_id: str) -> str:
        return f"inbound:{channel}:{inbound_id}"

    async def begin(self, channel: str, inbound_id: str, turn_id: str, chat: str) -> bool:
        """True when this caller should run the update (it then holds the update and its chat until
        `complete` or `abandon`); False when it was handled before. Raises `StillRunning` when another runner
        holds the update, or the chat's previous update is still running, for longer than the wait."""
        key = self._key(channel, inbound_id)
        deadline = time.monotonic() + self._wait
        mine = f"running:{turn_id}"
        while not await self._store.set_if_absent(key, mine, self._lease):
            current = await self._store.get(key)
            if current == DONE:
                return False
            if current == mine:  # our own SET went through before its answer was lost (a retried command)
                break
            if time.monotonic() >= deadline:
                raise StillRunning(f"update {channel}:{inbound_id} is being handled")
            await asyncio.sleep(0.05)  # a concurrent delivery of the same update: its outcome is ours
        try:
            # one update of a chat at a time across replicas, so a chat's updates take effect in order
            while not await self._store.set_if_absent(f"turnchat:{chat}", turn_id, self._lease):
                if await self._store.get(f"turnchat:{chat}") == turn_id:  # our SET, retried after a lost answer
                    break
                if time.monotonic() >= deadline:
                    raise StillRunning(f"chat {chat} is busy with an earlier update")
                await asyncio.sleep(0.01)
            seen = await self._seen.submit((channel, inbound_id))
        except BaseException:
            await self.abandon(channel, inbound_id, turn_id, chat)
            raise
        if seen:  # handled before the store forgot it (a Redis restart): remember it again
            await self._store.set(key, DONE, self._remember)
            await self._release_chat(chat, turn_id)
            return False
        return True

    async def complete(self, channel: str, inbound_id: str, turn_id: str, chat: str,
                       outgoing: list[Outgoing]) -> list[Queued] | None:
        """Commit the handled mark with the replies; the queued replies in order, or None when another
        runner completed the same update first (its replies are the ones that count)."""
        queued = await self._completer.submit(_Completion(channel, inbound_id, turn_id, tuple(outgoing)))
        # committed: the database mark is what counts, so a store that fails now does not fail the turn (the
        # leases run out; a redelivery finds the mark)
        with contextlib.suppress(ConnectionError):
            await self._store.set(self._key(channel, inbound_id), DONE, self._remember)
            await self._release_chat(chat, turn_id)
        return queued

    async def abandon(self, channel: str, inbound_id: str, turn_id: str, chat: str) -> None:
        """Release the update and its chat after a run that failed, so a redelivery can run it at once."""
        with contextlib.suppress(ConnectionError):  # else the leases expire by themselves
            await self._store.delete_if(self._key(channel, inbound_id), f"running:{turn_id}")
            await self._release_chat(chat, turn_id)

    async def _release_chat(self, chat: str, turn_id: str) -> None:
        await self._store.delete_if(f"turnchat:{chat}", turn_id)

    async def forget_older_than(self, seconds: float) -> int:
        """Drop marks no redelivery can refer to any more; the number dropped."""
        cutoff = datetime.now(UTC) - timedelta(seconds=seconds)
        async with engine_of(self._sessions).begin() as conn:
            result = await conn.execute(delete(_handled).where(_handled.c.handled_at < cutoff))
        return int(result.rowcount or 0)

    async def _seen_many(self, keys: list[tuple[str, str]]) -> list[bool]:
        async with engine_of(self._sessions).connect() as conn:
            rows = await conn.execute(select(_handled.c.channel, _handled.c.inbound_id).where(
                tuple_(_handled.c.channel, _handled.c.inbound_id).in_(sorted(set(keys)))))
            found = {(row.channel, row.inbound_id) for row in rows}
        return [key in found for key in keys]

    async def _complete_many(self, items: list[_Completion]) -> list[list[Queued] | None]:
        now = datetime.now(UTC)
        async with engine_of(self._sessions).begin() as conn:
            won = await _insert_marks(conn, [{"channel": item.channel, "inbound_id": item.inbound_id,
                                              "turn_id": item.turn_id, "handled_at": now} for item in items])
            winners: dict[tuple[str, str], int] = {}  # the first item of each key this call inserted
            for index, item in enumerate(items):
                if (item.channel, item.inbound_id) in won:
                    winners.setdefault((item.channel, item.inbound_id), index)
            owners = [index for index, item in enumerate(items)
                      if winners.get((item.channel, item.inbound_id)) == index for _ in item.outgoing]
            queued = await self._insert_replies(
                conn, [out for index in sorted(set(owners)) for out in items[index].outgoing], now)
        results: list[list[Queued] | None] = [
            [] if winners.get((item.channel, item.inbound_id)) == index else None
            for index, item in enumerate(items)]
        for owner, one in zip(owners, queued, strict=True):
            mine = results[owner]
            assert mine is not None
            mine.append(one)
        return results

    async def queue(self, outgoing: list[Outgoing]) -> list[Queued]:
        """Commit replies of a turn that has no inbound id (nothing to deduplicate), ready to send now."""
        if not outgoing:
            return []
        async with engine_of(self._sessions).begin() as conn:
            return await self._insert_replies(conn, outgoing, datetime.now(UTC))

    async def _insert_replies(self, conn: AsyncConnection, outgoing: list[Outgoing], now: datetime) -> list[Queued]:
        """Outbox rows claimed for a short while by the caller, which sends them at once; should it die, the
        delivery worker sends them when the claim runs out."""
        if not outgoing:
            return []
        rows = [{"channel": out.channel, "target": out.target, "kind": out.kind, "payload": out.payload,
                 "dedup_key": None, "status": "sending", "attempts": 1, "next_attempt_at": now,
                 "claimed_until": now + self._reply_claim, "last_error": None, "created_at": now, "sent_at": None}
                for out in outgoing]
        statement = insert(_outbox).returning(_outbox.c.id, sort_by_parameter_order=True)
        ids = [row.id for row in await conn.execute(statement, rows)]
        return [Queued(row_id, out.channel, out.target, out.payload, now + self._reply_claim)
                for row_id, out in zip(ids, outgoing, strict=True)]


async def _insert_marks(conn: AsyncConnection, marks: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """Insert the marks that are not there yet; the keys this call inserted."""
    unique: dict[tuple[str, str], dict[str, Any]] = {}
    for mark in marks:  # the same update twice in one batch: only the first can win
        unique.setdefault((mark["channel"], mark["inbound_id"]), mark)
    build = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    statement = build(_handled).on_conflict_do_nothing().returning(_handled.c.channel, _handled.c.inbound_id)
    won = await conn.execute(statement, list(unique.values()))
    return {(row.channel, row.inbound_id) for row in won}

"""bench.ledger's baseline: the rows a confirmed entry writes (draft, audit, claim, entry, share, audit) through
the bare driver — asyncpg or aiosqlite — at the same concurrency, with no parser, dispatcher or ORM."""
from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

import aiosqlite
import asyncpg

DRAFT = ("INSERT INTO drafts (id, user_id, chat_id, status, payload, created_at, expires_at)"
         " VALUES ($1, $2, $3, 'pending', $4, $5, $6)")
AUDIT = ("INSERT INTO audit_log (at, turn_id, user_id, channel, chat, intent, outcome, detail)"
         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
CLAIM = ("UPDATE drafts SET status = 'saved' WHERE id = $1 AND user_id = $2 AND status = 'pending'"
         " AND expires_at > $3 RETURNING chat_id")
ENTRY = ("INSERT INTO entries (chat_id, user_id, recorded_by, draft_id, kind, amount_minor, currency, description,"
         " category, occurred_on, created_at, voided_at) VALUES ($1, $2, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL)"
         " RETURNING id")
SHARE = "INSERT INTO shares (entry_id, user_id, amount_minor) VALUES ($1, $2, $3)"


@dataclass(frozen=True)
class Template:
    """What our run wrote, copied so the baseline writes rows of the same size: one draft's payload, one audit
    row, one entry, and the (user, chat) of each person."""

    payload: str
    audit: tuple[str, str, str, str, str]  # channel, chat, intent, outcome, detail (JSON)
    entry: tuple[str, str, str, str]        # kind, currency, description, category
    people: list[tuple[int, int]]


class Conn(Protocol):
    async def fetchval(self, sql: str, *args: Any) -> Any: ...
    async def execute(self, sql: str, *args: Any) -> Any: ...


Transaction = Callable[[], AbstractAsyncContextManager[Conn]]


async def one_entry(begin: Transaction, t: Template, user: int, chat: int, n: int, now: Callable[[], Any],
                    today: Any) -> None:
    """Two transactions, as two turns: the preview's draft and audit row, then Save's claim, entry, share and
    audit row."""
    draft = uuid.uuid4().hex
    channel, chat_name, intent, outcome, detail = t.audit
    async with begin() as conn:
        stamp = now()
        await conn.execute(DRAFT, draft, user, chat, t.payload, stamp, _later(stamp))
        await conn.execute(AUDIT, stamp, uuid.uuid4().hex, user, channel, chat_name, intent, outcome, detail)
    async with begin() as conn:
        stamp = now()
        claimed = await conn.fetchval(CLAIM, draft, user, stamp)
        assert claimed == chat, (claimed, chat)
        kind, currency, description, category = t.entry
        entry = await conn.fetchval(ENTRY, chat, user, draft, kind, 10_000 + n, currency, description, category,
                                    today, stamp)
        await conn.execute(SHARE, entry, user, 10_000 + n)
        await conn.execute(AUDIT, stamp, uuid.uuid4().hex, user, channel, chat_name, "ledger.save", outcome, detail)


def _later(stamp: Any) -> Any:
    if isinstance(stamp, datetime):
        return stamp + timedelta(hours=1)
    return (datetime.fromisoformat(stamp) + timedelta(hours=1)).isoformat(" ")


async def measure(url: str, t: Template, per_user: int, pool: int) -> tuple[list[float], float, float]:
    """(latencies, start, end) of every person writing `per_user` entries at once, after one warm-up entry each."""
    async with _transactions(url, pool) as (begin, now, today):
        latencies: list[float] = []

        async def person(user: int, chat: int, count: int, record: bool) -> None:
            for n in range(count):
                started = time.perf_counter()
                await one_entry(begin, t, user, chat, n, now, today)
                if record:
                    latencies.append(time.perf_counter() - started)

        await asyncio.gather(*(person(user, chat, 1, False) for user, chat in t.people))
        began = time.time()
        await asyncio.gather(*(person(user, chat, per_user, True) for user, chat in t.people))
        return latencies, began, time.time()


@asynccontextmanager
async def _transactions(url: str, pool: int) -> AsyncIterator[tuple[Transaction, Callable[[], Any], Any]]:
    if url.startswith("sqlite"):
        async with _sqlite(url.split(":///", 1)[1]) as begin:
            yield begin, lambda: datetime.now(UTC).replace(tzinfo=None).isoformat(" "), date.today().isoformat()
        return
    connections = await asyncpg.create_pool(_plain(url), min_size=pool, max_size=pool)
    try:
        @asynccontextmanager
        async def begin() -> AsyncIterator[Conn]:
            async with connections.acquire() as conn, conn.transaction():
                yield conn

        yield begin, lambda: datetime.now(UTC), date.today()
    finally:
        await connections.close()


@asynccontextmanager
async def _sqlite(path: str) -> AsyncIterator[Transaction]:
    """One writer connection, transactions taking turns on it: what SQLite allows, and what ours does."""
    db = await aiosqlite.connect(path, isolation_level=None)
    await db.execute("PRAGMA journal_mode=WAL")
    await db.execute("PRAGMA foreign_keys=ON")
    turn = asyncio.Lock()

    class SqliteConn:
        async def fetchval(self, sql: str, *args: Any) -> Any:
            async with db.execute(_qmarks(sql), args) as cursor:
                row = await cursor.fetchone()
            return None if row is None else row[0]

        async def execute(self, sql: str, *args: Any) -> Any:
            await db.execute(_qmarks(sql), args)

    @asynccontextmanager
    async def begin() -> AsyncIterator[Conn]:
        async with turn:
            await db.execute("BEGIN")
            try:
                yield SqliteConn()
            except BaseException:
                await db.execute("ROLLBACK")
                raise
            await db.execute("COMMIT")

    try:
        yield begin
    finally:
        await db.close()


async def template(url: str) -> Template:
    """The template from the rows our run left in the database."""
    rows: list[list[tuple[Any, ...]]]
    if url.startswith("sqlite"):
        async with aiosqlite.connect(url.split(":///", 1)[1]) as db:
            rows = [[tuple(r) for r in await (await db.execute(sql)).fetchall()] for sql in _TEMPLATE_SQL]
    else:
        conn = await asyncpg.connect(_plain(url))
        try:
            rows = [[tuple(r) for r in await conn.fetch(sql)] for sql in _TEMPLATE_SQL]
        finally:
            await conn.close()
    (payload,), audit, entry = rows[0][0], rows[1][0], rows[2][0]
    channel, chat, intent, outcome, detail = (str(v) if i < 4 else _text(v) for i, v in enumerate(audit))
    kind, currency, description, category = (str(v) for v in entry)
    return Template(_text(payload), (channel, chat, intent, outcome, detail), (kind, currency, description, category),
                    [(int(u), int(c)) for u, c in rows[3]])


_TEMPLATE_SQL = ("SELECT payload FROM drafts WHERE status = 'saved' LIMIT 1",
                 "SELECT channel, chat, intent, outcome, detail FROM audit_log ORDER BY id DESC LIMIT 1",
                 "SELECT kind, currency, description, category FROM entries LIMIT 1",
                 "SELECT DISTINCT user_id, chat_id FROM entries")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _plain(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


def _qmarks(sql: str) -> str:
    """PostgreSQL's $n placeholders as SQLite's numbered ?n."""
    return re.sub(r"\$(\d+)", r"?\1", sql)

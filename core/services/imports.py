"""Statement imports: read a bank statement into a pending import (categorised, duplicates flagged), review it,
write it in one transaction on Import, undo it as a whole, and mark what recurs monthly."""
from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from core.db import engine_of
from core.errors import BadInput, DraftExpired, NotFound, NotYours, UserError
from core.models import Entry, Share
from core.models_imports import Recurring, StatementImport, StatementMapping
from core.nlu.categories import Categoriser
from core.services import progress as progress_steps
from core.services import statement_reader as reader
from core.services.drafts import new_draft_id
from core.services.identity import ChatInfo
from core.services.import_rows import (
    ImportRow,
    RecurringHint,
    checked_row,
    newest_first,
    normalised,
    recurring_hints,
    too_large,
    totals_of,
    with_duplicates_flagged,
)
from core.services.import_views import Imported, ImportView, ReviewPage, UndoneImport, view_of
from core.services.ledger import LedgerService
from core.services.progress import Progress
from core.turn import Actor

log = logging.getLogger(__name__)
_imports, _entries, _shares, _mappings, _recurring = (cast(Table, model.__table__) for model in (
    StatementImport, Entry, Share, StatementMapping, Recurring))
PAGE_ROWS = 10
PASSED_OVER_SHOWN = 3
PROGRESS_FROM_ROWS = 3000
LEARNED_ENTRIES = 20_000  # a person's newest entries whose categories teach the import
RECURRING_LOOKBACK = timedelta(days=400)
Targets = Sequence[tuple[str, str]]


class ImportService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], ledger: LedgerService, categories: Categoriser,
                 progress: Progress, *, max_bytes: int, ttl: int, undo_window: int,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._sessions = sessions
        self._ledger = ledger
        self._categories = categories
        self._progress = progress
        self.max_bytes = max_bytes
        self._ttl = timedelta(seconds=ttl)
        self._undo_window = timedelta(seconds=undo_window)
        self._clock = clock

    # -- preview ------------------------------------------------------------------------------------------------

    async def preview(self, actor: Actor, chat: ChatInfo, data: bytes, filename: str, *, key: str | None = None,
                      notify: Targets = ()) -> ImportView:
        """Read a statement into a pending import: with the columns the person confirmed for this bank before (when
        they still read the file), every row categorised and checked for duplicates. Nothing reaches the ledger
        before `confirm`. With `key` (the inbound update's), a rerun of the same update finds the first run's
        import. `notify`: conversations told how a large file is getting on."""
        import_id = new_draft_id(key)
        async with self._sessions() as session:
            again = await session.get(StatementImport, import_id)
            if again is not None:
                return view_of(again)
        if len(data) > self.max_bytes:
            raise too_large(filename, None, self.max_bytes)
        statement = await asyncio.to_thread(reader.read_statement, data, filename, max_bytes=self.max_bytes)
        remembered = await self._remembered(actor, statement.bank_key)
        if remembered is not None and remembered != statement.mapping.as_json():
            try:
                statement = await asyncio.to_thread(reader.read_statement, data, filename, max_bytes=self.max_bytes,
                                                    mapping=reader.ColumnMapping.from_json(remembered))
            except (BadInput, ValueError):  # the layout changed: the columns found now are the better guess
                remembered = None
        if not statement.rows:
            raise BadInput(f"I found no transactions in {filename}. Is it the statement itself (not a summary)?")
        watch = None
        if len(statement.rows) >= PROGRESS_FROM_ROWS and notify:
            watch = await self._progress.start(f"Import {filename}", targets=notify,
                                               text=f"Read {len(statement.rows):,} rows")
        token = progress_steps.CURRENT.set(watch)
        try:
            await progress_steps.report(1, 2, "categorising and looking for duplicates")
            rows, hints = await self._prepared(actor, chat, statement)
            passed_over = [(line, why) for line, why in statement.skipped if why != "blank row"][:PASSED_OVER_SHOWN]
            now = self._clock()
            async with engine_of(self._sessions).begin() as conn:
                await conn.execute(insert(_imports), {
                    "id": import_id, "user_id": actor.id, "chat_id": chat.id, "status": "pending",
                    "filename": filename[:256], "bank_key": statement.bank_key[:128],
                    "mapping": {"columns": statement.mapping.as_json(), "remembered": remembered is not None,
                                "skipped": len(statement.skipped), "passed_over": passed_over,
                                "to_write": sum(not row.duplicate for row in rows)},
                    "rows": [row.as_list() for row in rows], "hints": [hint.as_list() for hint in hints],
                    "created_at": now, "expires_at": now + self._ttl, "imported_at": None, "undone_at": None})
            if watch is not None:
                await watch.finish(True, f"{filename}: {len(rows):,} rows ready to import")
        finally:
            progress_steps.CURRENT.reset(token)
        return ImportView(import_id, filename, "pending", totals_of(rows), tuple(hints), remembered is not None,
                          len(statement.skipped), tuple(passed_over))

    async def _remembered(self, actor: Actor, bank_key: str) -> dict[str, Any] | None:
        async with engine_of(self._sessions).connect() as conn:
            return await conn.scalar(select(_mappings.c.mapping).where(
                _mappings.c.user_id == actor.id, _mappings.c.bank_key == bank_key[:128]))

    async def _prepared(self, actor: Actor, chat: ChatInfo,
                        statement: reader.Statement) -> tuple[list[ImportRow], list[RecurringHint]]:
        """The statement's rows checked, categorised and flagged, and what recurs: three queries in all."""
        fallback = statement.currency or self._ledger.currency_for(chat, None)
        today = self._clock().date()
        checked = [checked_row(row, fallback, today, self._ledger) for row in statement.rows]
        first, last = min(row.occurred_on for row in checked), max(row.occurred_on for row in checked)
        async with engine_of(self._sessions).connect() as conn:
            learned = await _learned_categories(conn, actor)
            in_range_rows = (await conn.execute(select(
                _entries.c.occurred_on, _entries.c.amount_minor, _entries.c.currency, _entries.c.description).where(
                _entries.c.chat_id == chat.id, _entries.c.voided_at.is_(None),
                _entries.c.occurred_on >= first, _entries.c.occurred_on <= last))).all()
            earlier = (await conn.execute(select(
                _entries.c.occurred_on, _entries.c.amount_minor, _entries.c.currency, _entries.c.description).where(
                _entries.c.chat_id == chat.id, _entries.c.recorded_by == actor.id, _entries.c.voided_at.is_(None),
                _entries.c.kind == "expense", _entries.c.occurred_on >= first - RECURRING_LOOKBACK))).all()
            marked = {(normalised(description), currency) for description, currency in (await conn.execute(
                select(_recurring.c.description, _recurring.c.currency).where(_recurring.c.chat_id == chat.id)))}
        guess = self._categories.guess
        rows = [dataclasses.replace(row, category=learned.get(normalised(row.description))
                                    or guess(row.description, row.kind)) for row in checked]
        rows = with_duplicates_flagged(rows, (tuple(found) for found in in_range_rows))
        return rows, recurring_hints(rows, (tuple(found) for found in earlier), marked)

    # -- review ---------------------------------------------------------------------------------------------------

    async def view(self, import_id: str, actor: Actor) -> ImportView:
        async with self._sessions() as session:
            return view_of(await self._owned(session, import_id, actor, "see"))

    async def review_page(self, import_id: str, actor: Actor, page: int) -> ReviewPage:
        async with self._sessions() as session:
            row = await self._owned(session, import_id, actor, "review")
            self._still_pending(row)
        rows = [ImportRow.from_list(raw) for raw in row.rows]
        order = newest_first(rows)
        pages = max(1, -(-len(rows) // PAGE_ROWS))
        page = min(max(page, 0), pages - 1)
        return ReviewPage(view_of(row, rows), page, pages,
                          tuple((n, rows[n]) for n in order[page * PAGE_ROWS:(page + 1) * PAGE_ROWS]))

    async def row(self, import_id: str, actor: Actor, place: int) -> ImportRow:
        async with self._sessions() as session:
            row = await self._owned(session, import_id, actor, "change")
            self._still_pending(row)
        if not 0 <= place < len(row.rows):
            raise NotFound("That row is not in this import.")
        return ImportRow.from_list(row.rows[place])

    async def set_category(self, import_id: str, actor: Actor, place: int, category: str) -> tuple[ReviewPage, int]:
        """Give a row a category, and every other row of the same payment (normalised description) that was not
        chosen by hand; returns the row's review page and how many rows changed."""
        async with self._sessions.begin() as session:
            row = await self._owned(session, import_id, actor, "change", for_update=True)
            self._still_pending(row)
            rows = [ImportRow.from_list(raw) for raw in row.rows]
            if not 0 <= place < len(rows):
                raise NotFound("That row is not in this import.")
            name = normalised(rows[place].description)
            changed = 0
            for n, each in enumerate(rows):
                if n == place or (not each.by_hand and normalised(each.description) == name):
                    rows[n] = dataclasses.replace(each, category=category, by_hand=n == place or each.by_hand)
                    changed += 1
            row.rows = [each.as_list() for each in rows]
        page = newest_first(rows).index(place) // PAGE_ROWS
        return await self.review_page(import_id, actor, page), changed

    async def cancel(self, import_id: str, actor: Actor) -> ImportView:
        async with self._sessions.begin() as session:
            await session.execute(update(StatementImport).where(
                StatementImport.id == import_id, StatementImport.user_id == actor.id,
                StatementImport.status == "pending").values(status="cancelled"))
            row = await self._owned(session, import_id, actor, "cancel", fresh=True)
            if row.status in ("imported", "undone"):
                raise UserError(f"{row.filename} is already imported. Say \"undo\" to remove the whole import.")
            return view_of(row)

    async def _owned(self, session: AsyncSession, import_id: str, actor: Actor, verb: str, *,
                     for_update: bool = False, fresh: bool = False) -> StatementImport:
        row = await session.get(StatementImport, import_id, with_for_update=for_update, populate_existing=fresh)
        if row is None:
            raise NotFound("I can't find that import any more. Please send the file again.")
        if row.user_id != actor.id:
            raise NotYours(verb)
        return row

    def _still_pending(self, row: StatementImport) -> None:
        if row.status == "cancelled":
            raise UserError(f"The import of {row.filename} was cancelled; nothing was written.")
        if row.status != "pending":
            raise UserError(f"{row.filename} is already imported. Say \"undo\" to remove the whole import.")
        if row.expires_at < self._clock():
            raise DraftExpired(f"This import of {row.filename} has expired. Please send the file again.")

    # -- import ---------------------------------------------------------------------------------------------------

    async def confirm(self, import_id: str, actor: Actor, *, notify: Targets = ()) -> Imported:
        """Write every row that is not a duplicate as an entry of the person who imports, all in one transaction,
        and remember the file's columns for their next statement from this bank. Repeated or concurrent presses
        import once: a conditional UPDATE lets one of them claim the pending import."""
        now = self._clock()
        watch = await self._watch(import_id, notify)  # before the transaction: SQLite has one connection
        async with engine_of(self._sessions).begin() as conn:
            claimed = (await conn.execute(update(_imports).where(
                _imports.c.id == import_id, _imports.c.user_id == actor.id, _imports.c.status == "pending",
                _imports.c.expires_at > now).values(status="imported", imported_at=now).returning(
                _imports.c.id, _imports.c.filename, _imports.c.status, _imports.c.chat_id, _imports.c.bank_key,
                _imports.c.mapping, _imports.c.rows, _imports.c.hints))).first()
            if claimed is not None:
                rows = [ImportRow.from_list(raw) for raw in claimed.rows]
                written = await self._write(conn, claimed, rows, actor, now)
        if claimed is None:
            if watch is not None:
                await watch.finish(False, "imported before, or no longer pending: nothing written")
            return await self._not_claimed(import_id, actor)
        if watch is not None:
            await watch.finish(True, f"{claimed.filename}: {written:,} entries written")
        return Imported(view_of(claimed, rows), written, already=False)

    async def _watch(self, import_id: str, notify: Targets) -> progress_steps.ProgressMessage | None:
        """A progress message for a pending import with many rows to write; None otherwise."""
        if not notify:
            return None
        async with engine_of(self._sessions).connect() as conn:
            found = (await conn.execute(select(_imports.c.filename, _imports.c.mapping).where(
                _imports.c.id == import_id, _imports.c.status == "pending"))).first()
        to_write = int((found.mapping or {}).get("to_write", 0)) if found is not None else 0
        if found is None or to_write < PROGRESS_FROM_ROWS:
            return None
        return await self._progress.start(f"Import {found.filename}", targets=notify,
                                          text=f"Writing {to_write:,} entries")

    async def _write(self, conn: AsyncConnection, claimed: Any, rows: list[ImportRow], actor: Actor,
                     now: datetime) -> int:
        values = [{"chat_id": claimed.chat_id, "user_id": actor.id, "recorded_by": actor.id, "draft_id": None,
                   "kind": row.kind, "amount_minor": row.minor, "currency": row.currency,
                   "description": row.description, "category": row.category, "occurred_on": row.occurred_on,
                   "created_at": now, "voided_at": None, "import_id": claimed.id}
                  for row in rows if not row.duplicate]
        if values:  # one executemany: the driver sends them in batches, not a round trip each
            await conn.execute(insert(_entries), values)
            # an expense's payer owes its whole amount, as for any expense recorded alone
            await conn.execute(insert(_shares).from_select(
                ["entry_id", "user_id", "amount_minor"],
                select(_entries.c.id, _entries.c.user_id, _entries.c.amount_minor).where(
                    _entries.c.import_id == claimed.id, _entries.c.kind == "expense")))
        columns = (claimed.mapping or {}).get("columns")
        if columns:
            await _remember_mapping(conn, actor.id, claimed.bank_key, columns, now)
        return len(values)

    async def _not_claimed(self, import_id: str, actor: Actor) -> Imported:
        """Why a press did not claim the import: imported before (answer as imported), someone else's, gone, stale."""
        async with self._sessions() as session:
            row = await self._owned(session, import_id, actor, "import")
            if row.status in ("imported", "undone"):
                written = await session.scalar(select(func.count()).select_from(Entry).where(
                    Entry.import_id == import_id))
                return Imported(view_of(row), int(written or 0), already=True)
            self._still_pending(row)
        raise DraftExpired("This import has expired. Please send the file again.")

    # -- undo -----------------------------------------------------------------------------------------------------

    async def undo_latest(self, actor: Actor, chat: ChatInfo, key: str | None = None) -> UndoneImport | None:
        """When the person's latest live entry in this chat came from an import, void every entry of that import in
        one transaction; None otherwise (then undo is the ledger's). With `key`, a rerun of the same update answers
        what the first run removed."""
        now = self._clock()
        async with engine_of(self._sessions).begin() as conn:
            if key is not None:
                again = (await conn.execute(select(_entries.c.import_id, func.count()).where(
                    _entries.c.voided_by == key, _entries.c.import_id.is_not(None)).group_by(
                    _entries.c.import_id))).first()
                if again is not None:
                    return UndoneImport(await _filename(conn, again[0]), int(again[1]))
            latest = (await conn.execute(select(_entries.c.import_id, _entries.c.created_at).where(
                _entries.c.chat_id == chat.id, _entries.c.recorded_by == actor.id, _entries.c.voided_at.is_(None))
                .order_by(_entries.c.id.desc()).limit(1))).first()
            if latest is None or latest.import_id is None:
                return None
            if latest.created_at < now - self._undo_window:
                hours = int(self._undo_window.total_seconds() // 3600)
                raise UserError(f"Your last import is older than {hours} h, so it can't be undone from chat.")
            removed = await conn.execute(update(_entries).where(
                _entries.c.import_id == latest.import_id, _entries.c.voided_at.is_(None)).values(
                voided_at=now, voided_by=key))
            await conn.execute(update(_imports).where(_imports.c.id == latest.import_id).values(
                status="undone", undone_at=now))
            return UndoneImport(await _filename(conn, latest.import_id), int(removed.rowcount or 0))

    # -- recurring ------------------------------------------------------------------------------------------------

    async def mark_recurring(self, import_id: str, actor: Actor, place: int) -> RecurringHint:
        """Record the import's `place`th recurring payment as recurring in its chat (once, however often pressed)."""
        async with self._sessions() as session:
            row = await self._owned(session, import_id, actor, "mark")
        if not 0 <= place < len(row.hints or ()):
            raise NotFound("That suggestion is not on this import.")
        hint = RecurringHint.from_list(row.hints[place])
        values = {"chat_id": row.chat_id, "description": hint.description[:512], "amount_minor": hint.minor,
                  "currency": hint.currency, "day_of_month": hint.day, "marked_by": actor.id,
                  "created_at": self._clock()}
        async with engine_of(self._sessions).begin() as conn:
            upsert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
            await conn.execute(upsert(_recurring).values(values).on_conflict_do_nothing(
                index_elements=["chat_id", "description", "currency"]))
        return hint

    async def recurring(self, chat: ChatInfo) -> list[RecurringHint]:
        """What is marked recurring in a chat."""
        async with engine_of(self._sessions).connect() as conn:
            found = await conn.execute(select(
                _recurring.c.description, _recurring.c.amount_minor, _recurring.c.currency,
                _recurring.c.day_of_month).where(_recurring.c.chat_id == chat.id).order_by(_recurring.c.id))
            return [RecurringHint(description, minor, currency, day, 0) for description, minor, currency, day in found]


async def _learned_categories(conn: AsyncConnection, actor: Actor) -> dict[str, str]:
    """What the person's own newest entries say a payment is (normalised description → category): their choices,
    corrections included, come before the keywords."""
    found = await conn.execute(select(_entries.c.description, _entries.c.category).where(
        _entries.c.recorded_by == actor.id, _entries.c.voided_at.is_(None), _entries.c.kind != "settlement",
        _entries.c.category != "other").order_by(_entries.c.id.desc()).limit(LEARNED_ENTRIES))
    learned: dict[str, str] = {}
    for description, category in found:
        learned.setdefault(normalised(description), category)
    learned.pop("", None)
    return learned


async def _remember_mapping(conn: AsyncConnection, user_id: int, bank_key: str, columns: dict[str, Any],
                            now: datetime) -> None:
    upsert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    statement = upsert(_mappings).values(user_id=user_id, bank_key=bank_key, mapping=columns, updated_at=now)
    await conn.execute(statement.on_conflict_do_update(
        index_elements=["user_id", "bank_key"], set_={"mapping": columns, "updated_at": now}))


async def _filename(conn: AsyncConnection, import_id: str) -> str:
    return str(await conn.scalar(select(_imports.c.filename).where(_imports.c.id == import_id)) or "the statement")

"""A bank statement from upload to summary card, and its Import, through the dispatcher (SQLite and PostgreSQL)."""
from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from app.runtime import Runtime, build_services, run
from bench.pg import create_database, drop_database
from bench.ratios import figure
from bots.console import turn_for
from core import db
from core.config import Settings
from core.dispatcher import Dispatcher
from core.models import Chat, Entry, User
from core.replies import Card, Reply, Text
from core.store import MemoryStore
from core.turn import Attachment
from handlers import all_routers

MERCHANTS = ("SHWAPNO SUPERMARKET", "AGORA", "UBER TRIP", "PATHAO FOOD", "DARAZ", "NETFLIX.COM", "GP RECHARGE",
             "DESCO PREPAID", "STAR KABAB", "BKASH TRANSFER", "PHARMACY", "KAZI TRADERS", "AMAZON MKTPLACE")
EXISTING_SHARE = 10  # one row in this many is in the ledger already (so the duplicate check has work to do)
TARGETS = {"card_s": 3.0, "import_s": 2.0}


def statement(rows: int, seed: int = 7) -> tuple[bytes, list[tuple[date, str, int]]]:
    """A CSV statement of `rows` expenses and incomes over the last year, and every row as (day, what, paisa)."""
    rng = random.Random(seed)
    today = datetime.now(UTC).date()
    lines, parsed = ["Date,Description,Debit,Credit,Balance"], []
    for n in range(rows):
        day = today - timedelta(days=rng.randrange(360))
        what = f"{rng.choice(MERCHANTS)} {rng.randrange(10_000):04d}"
        paisa = rng.randrange(5_000, 2_500_000)
        income = n % 25 == 0
        amount = f"{paisa / 100:.2f}"
        lines.append(f"{day:%d/%m/%Y},{what},{'' if income else amount},{amount if income else ''},"
                     f"{rng.randrange(10**7)}")
        parsed.append((day, what, -paisa if not income else paisa))
    return ("\n".join(lines) + "\n").encode(), parsed


async def _runtime(url: str) -> Runtime:
    settings = Settings(_env_file=None, database_url=url, rate_limit_per_minute=1_000_000)
    database = db.Database.on(db.create_engine(url, settings.db_pool_size))
    await db.upgrade(database.engine)
    store = MemoryStore()
    services = build_services(settings, database.engine, store)
    return Runtime(settings, database, store, services, Dispatcher(services, all_routers()))


async def _existing(runtime: Runtime, rows: list[tuple[date, str, int]]) -> None:
    """Some of the statement's rows recorded in chat before (as people do), in one insert."""
    async with runtime.database.sessions.begin() as session:
        user = await session.scalar(select(User.id).where(User.name == "alice"))
        chat = await session.scalar(select(Chat.id).where(Chat.external_id == "dm:alice"))
        now = datetime.now(UTC)
        await session.execute(insert(Entry), [{
            "chat_id": chat, "user_id": user, "recorded_by": user, "kind": "expense" if minor < 0 else "income",
            "amount_minor": abs(minor), "currency": "BDT", "description": what.split()[0].lower(),
            "category": "other", "occurred_on": day, "created_at": now} for day, what, minor in rows[::EXISTING_SHARE]])


def _attached(name: str, content: bytes) -> Attachment:
    async def fetch(limit: int) -> bytes:
        return content[:limit + 1]

    return Attachment(name, len(content), "text/csv", fetch)


def _text(replies: list[Reply]) -> str:
    return " ".join(r.text if isinstance(r, Text) else r.title if isinstance(r, Card) else "" for r in replies)


async def measure(backend: str, rows: int) -> dict[str, Any]:
    content, parsed = statement(rows)
    with tempfile.TemporaryDirectory() as tmp:
        database = ""
        if backend == "sqlite":
            url = f"sqlite+aiosqlite:///{tmp}/bench.db"
        else:
            database, url = await create_database()
        runtime = await _runtime(url)
        try:
            await runtime.dispatcher.handle(turn_for("alice", None, "hi"))
            await _existing(runtime, parsed)
            async with runtime.database.sessions() as session:
                before = int(await session.scalar(select(func.count()).select_from(Entry)) or 0)
            turn = turn_for("alice", None)
            turn.attachment = _attached("statement.csv", content)
            started = time.perf_counter()
            card = (await runtime.dispatcher.handle(turn))[0]
            card_s = time.perf_counter() - started
            assert isinstance(card, Card) and card.title == "Import · statement.csv", _text([card])
            facts = dict(card.facts)
            started = time.perf_counter()
            done = await runtime.dispatcher.handle(turn_for("alice", None, button_key=card.actions[0].key))
            import_s = time.perf_counter() - started
            assert "✓ Imported" in _text(done), _text(done)
            async with runtime.database.sessions() as session:
                written = int(await session.scalar(select(func.count()).select_from(Entry)) or 0) - before
        finally:
            await runtime.close()
            if database:
                await drop_database(database)
    duplicates = int(facts["Duplicates skipped"].replace(",", ""))
    assert written == rows - duplicates, (written, rows, duplicates)
    return {"backend": backend, "rows": rows, "bytes": len(content), "duplicates": duplicates, "written": written,
            "card_s": round(card_s, 3), "import_s": round(import_s, 3),
            "within_targets": card_s <= TARGETS["card_s"] and import_s <= TARGETS["import_s"]}


async def main(rows: int, backends: list[str]) -> None:
    results = [await measure(backend, rows) for backend in backends]
    figures = [row for result in results for row in (
        figure(f"imports: {result['rows']:,}-row statement to summary card, {result['backend']}", "s",
               [float(result["card_s"])], target=f"<= {TARGETS['card_s']}"),
        figure(f"imports: its Import, {result['backend']}", "s", [float(result["import_s"])],
               target=f"<= {TARGETS['import_s']}"))]
    print(json.dumps({"bench": "imports", "targets": TARGETS, "results": results, "figures": figures}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="1,000 rows: checks the bench works")
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args()
    run(main(1_000 if args.quick else args.rows, args.backends.split(",")))

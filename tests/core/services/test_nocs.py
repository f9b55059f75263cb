"""The NOCS balance cache: the aggregation from the demo CC&B, replaced whole so that a reader never sees it empty."""
from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.sql import Delete
from sqlalchemy.util import await_only

from app.monitor_cli import monitoring_for
from app.runtime import Runtime
from core import db
from core.models import NocsBalanceRow
from core.services.monitoring import Monitoring
from core.services.monitoring_cards import CardStyle, nocs_card
from core.services.nocs import NocsSnapshot
from core.services.operations import NocsFigures, RunningBatch
from tests.ops import local, monitoring_of


@pytest.fixture
async def monitoring(runtime: Runtime, ccb: str) -> AsyncIterator[Monitoring]:
    async with monitoring_of(runtime) as attached:
        yield attached


async def test_refresh_caches_every_area_and_the_answer_comes_from_the_cache(monitoring: Monitoring) -> None:
    assert await monitoring.nocs.snapshot() is None
    refreshed = await monitoring.refresh_nocs_cache()
    cached = await monitoring.nocs.snapshot()
    assert refreshed is not None and cached is not None
    assert cached.areas == refreshed.areas and len(cached.areas) == 9
    total = cached.total()
    assert total.customers == 30 and total.credit_count + total.due_count <= 30
    assert total.net == total.due - total.credit and total.credit > 0
    assert all(isinstance(a.credit, Decimal) and a.credit == a.credit.quantize(Decimal("0.01")) for a in cached.areas)
    assert cached.find("mirpur") is cached.find("MIRPUR") is not None
    assert cached.find("Shaheb Bazar") is not None and cached.find("shaheb baz") is not None
    assert cached.find("Atlantis") is None and cached.find("") is None


async def test_a_reader_never_sees_the_cache_empty(runtime: Runtime, monitoring: Monitoring) -> None:
    """In the middle of a refresh (right after its DELETE, and at its COMMIT), another connection, as another
    replica's chat answer would, still reads the previous areas."""
    await monitoring.refresh_nocs_cache()
    reader = db.create_engine(runtime.settings.database_url)
    seen: list[int] = []
    replacing = False

    async def count() -> int:
        async with reader.connect() as conn:
            return int(await conn.scalar(select(func.count()).select_from(NocsBalanceRow)) or 0)

    def after_execute(conn: Any, statement: Any, *args: Any) -> None:
        nonlocal replacing
        if isinstance(statement, Delete) and getattr(statement.table, "name", "") == "nocs_balance_cache":
            replacing = True
            seen.append(await_only(count()))  # the writer's transaction is open and has deleted every row

    def before_commit(conn: Any) -> None:
        nonlocal replacing
        if replacing:  # the replacing transaction's commit (the payoff copy's clean-up commits after it)
            seen.append(await_only(count()))
            replacing = False

    event.listen(runtime.engine.sync_engine, "after_execute", after_execute)
    event.listen(runtime.engine.sync_engine, "commit", before_commit)
    try:
        await monitoring.refresh_nocs_cache()
    finally:
        event.remove(runtime.engine.sync_engine, "after_execute", after_execute)
        event.remove(runtime.engine.sync_engine, "commit", before_commit)
        await reader.dispose()
    assert seen == [9, 9]


class Aggregation:
    def __init__(self, areas: list[NocsFigures]) -> None:
        self.areas = areas

    async def pending_imd(self) -> int:
        return 0

    async def running_batches(self) -> list[RunningBatch]:
        return []

    async def nocs_balances(self) -> list[NocsFigures]:
        return self.areas

    async def rcdc_counts(self, since: datetime) -> list[tuple[str, str, int]]:
        return []


async def test_an_empty_aggregation_keeps_the_previous_figures(runtime: Runtime) -> None:
    area = NocsFigures("MIRPUR", 3, 2, Decimal("1500.50"), 1, Decimal("200.00"), Decimal("-1300.50"))
    source = Aggregation([area])
    monitoring = monitoring_for(runtime.settings, runtime.database.sessions, source)
    await monitoring.nocs.refresh_nocs_cache(local("2026-03-18 10:00"))
    source.areas = []
    kept = await monitoring.nocs.refresh_nocs_cache(local("2026-03-18 11:00"))
    assert kept is not None and kept.areas == [area] and kept.refreshed_at == local("2026-03-18 10:00")


def test_the_card_says_how_old_it_is_with_lakh_and_crore_grouping() -> None:
    big = NocsFigures("MIRPUR", 125_000, 100_000, Decimal("12345678.90"), 25_000, Decimal("2500000"),
                      Decimal("-9845678.90"))
    small = NocsFigures("UTTARA", 10, 2, Decimal("100"), 8, Decimal("1000.25"), Decimal("900.25"))
    snapshot = NocsSnapshot(local("2026-03-18 10:00"), "BDT", [big, small])
    style = CardStyle("Asia/Dhaka", "en_IN")
    card = nocs_card(snapshot, style, now=local("2026-03-18 10:23"))
    assert card.text == "As of 18 Mar 2026, 10:00 (23 minutes ago); refreshed hourly."
    facts = dict(card.facts)
    assert facts["NOCS areas"] == "2" and facts["Customers"] == "1,25,010"
    assert facts["Credit"] == "৳1,23,45,778.90 · 1,00,002 customers"
    assert facts["Due"] == "৳25,01,000.25 · 25,008 customers" and facts["Net"] == "Credit ৳98,44,778.65"
    assert [s.title for s in card.sections] == ["MIRPUR", "UTTARA"]
    one = nocs_card(snapshot, style, now=local("2026-03-18 13:00"), area=small)
    assert one.title == "NOCS balance · UTTARA" and dict(one.facts)["Net"] == "Due ৳900.25"
    assert "3 hours ago" in one.text

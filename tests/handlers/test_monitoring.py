"""Operations monitoring in chat: batch status, NOCS balance, RC/DC dashboard for operators; members refused."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.monitor_cli import monitoring_for
from core.models import AuditRecord, MonitorCycle
from core.services.monitoring import Monitoring
from integrations.ccb.operations import CcbOperations, OperationsQueries
from integrations.ccb.queries import make_engine
from tests.harness import ChatHarness
from tests.ops import person


async def cycles(chat: ChatHarness) -> int:
    async with chat.runtime.database.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(MonitorCycle)) or 0)


async def test_batch_status_runs_a_check_only_when_the_latest_is_old(chat: ChatHarness, monitoring: Monitoring) -> None:
    ops = await person(chat, "ops", "operator")
    said = await ops.say("any batch stuck?")
    card = said.card
    assert card.title == "Batch monitoring report" and said.fact("Pending IMD") == "2,345"
    assert said.fact("Running batches") == "3"
    titles = [s.title for s in card.sections]
    assert titles[:3] == ["🟢 BMHHS #1001 · ok", "🟡 C1-BILLG #3001 · warning", "🟢 D1-IMDLD #2001 · ok"]
    assert titles[3] == "24-hour statistics" and card.style == "warning"
    why = dict(card.sections[1].facts)["Why"]
    assert why.startswith("running 1h 15m with RPS 29.9") or why.startswith("running 1h 15m with RPS 30.00")
    assert dict(card.sections[2].facts)["RPS"].startswith("🟢 1")
    await ops.say("batch status", chat="ops-room")
    assert await cycles(chat) == 1, "the latest check is recent: answered from it"
    monitoring.stale_after = timedelta(0)
    await ops.say("batch status")
    assert await cycles(chat) == 2


async def test_nocs_balance_from_the_cache(chat: ChatHarness, monitoring: Monitoring) -> None:
    ops = await person(chat, "ops", "admin")
    assert "has not been computed yet" in (await ops.say("NOCS balance")).text
    await monitoring.refresh_nocs_cache()
    overall = await ops.say("NOCS balance")
    assert overall.card.title == "NOCS balance" and overall.fact("NOCS areas") == "9"
    assert overall.fact("Customers") == "30" and overall.fact("Credit").startswith("৳")
    assert "(just now); refreshed hourly" in overall.card.text and len(overall.card.sections) == 9
    mirpur = await ops.say("nocs balance for Mirpur")
    assert mirpur.card.title == "NOCS balance · MIRPUR" and mirpur.fact("Net").startswith(("Due ৳", "Credit ৳"))
    shaheb = await ops.say("what is the nocs balance of shaheb bazar?")
    assert shaheb.card.title == "NOCS balance · SHAHEB BAZ"
    unknown = await ops.say("nocs balance for Atlantis")
    assert "I don't know a NOCS area called \"Atlantis\". The areas are: AGRABAD, DHANMONDI" in unknown.text


async def test_rcdc_dashboard(chat: ChatHarness, monitoring: Monitoring) -> None:
    ops = await person(chat, "ops", "operator")
    said = await ops.say("RC/DC dashboard")
    card = said.card
    assert card.title == "RC/DC dashboard · last 24 hours" and said.fact("Commands") == "240"
    assert [s.title for s in card.sections] == ["Remote connect (RC)", "Remote disconnect (DC)"]
    for section in card.sections:
        facts = dict(section.facts)
        assert int(facts["Total"]) == sum(int(facts[k]) for k in ("Completed", "Pending", "Failed", "Timed out"))
        assert facts["Success rate"].endswith("%")
    assert said.fact("Success rate").endswith("%")


@pytest.mark.parametrize("line", ["batch status", "nocs balance for Mirpur", "rc/dc dashboard"])
async def test_members_are_refused_politely(chat: ChatHarness, monitoring: Monitoring, line: str) -> None:
    carol = await person(chat, "carol", "member")
    said = await carol.say(line)
    assert said.text == ("Sorry, operations monitoring is for operators and admins. "
                         "Ask an admin if you need access.")
    assert await cycles(chat) == 0
    async with chat.runtime.database.sessions() as session:
        outcome = await session.scalar(select(AuditRecord.outcome).order_by(AuditRecord.id.desc()).limit(1))
    assert outcome == "denied"


async def test_without_monitoring_the_deployment_says_so(chat: ChatHarness) -> None:
    ops = await person(chat, "ops", "operator")
    assert "Operations monitoring is not enabled on this deployment." in (await ops.say("batch status")).text


async def test_billing_system_down_gets_a_plain_answer(chat: ChatHarness) -> None:
    ops = await person(chat, "ops", "operator")
    refused = make_engine("postgresql+asyncpg://ccb@127.0.0.1:9/ccb", pool_size=1, connect_timeout=2)
    source = CcbOperations(OperationsQueries(refused), timezone="Asia/Dhaka")
    down = monitoring_for(chat.runtime.settings, chat.runtime.database.sessions, source, closers=[refused.dispose])
    chat.runtime.services.monitoring = down
    try:
        assert (await ops.say("RC/DC dashboard")).text == "The billing system is not answering, try again shortly."
        report = (await ops.say("batch status")).card
        assert report.style == "attention" and "Monitoring cannot reach the billing system" in report.text
        await ops.say("any batch stuck?")
        assert await cycles(chat) == 2, "after a failed cycle, asking tries again"
    finally:
        chat.runtime.services.monitoring = None
        await down.close()


async def test_help_says_what_each_role_can_ask(chat: ChatHarness) -> None:
    ops, carol = await person(chat, "ops", "operator"), await person(chat, "carol", "member")
    for line in ("help", "/start"):
        said = (await ops.say(line)).text
        assert "Split in a group" in said and '"nocs balance for Mirpur"' in said and '"batch status"' in said
        member = (await carol.say(line)).text
        assert "Split in a group" in member and "Operators and admins can also look customers up" in member
        assert '"batch status"' not in member

"""Customer lookups in chat against the seeded demo CC&B, on SQLite and on PostgreSQL."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from core.models import AuditRecord
from integrations.ccb.seed import account_id, meter_no
from tests.harness import ChatHarness


async def operator(chat: ChatHarness, name: str = "ops", role: str = "operator"):  # type: ignore[no-untyped-def]
    await chat.runtime.services.identity.create_user(name, role=role)
    return chat.user(name)


async def test_customer_card_and_every_button(chat: ChatHarness, ccb: str) -> None:
    ops = await operator(chat)
    said = await ops.say(f"customer {account_id(3)}")
    card = said.card
    assert card.title == f"Customer {account_id(3)}"
    facts = dict(card.facts)
    assert facts["Meter"] == meter_no(3) and facts["Status"] == "Active"
    assert facts["Balance"].startswith(("Credit ৳", "Due ৳"))
    assert [a.label for a in card.actions] == ["Balance", "Monthly billing", "Recharge history", "Search another"]

    billing = await ops.press(said, "Monthly billing")
    assert billing.card.replace and billing.card.sections
    first_month = dict(billing.card.sections[0].facts)
    assert first_month["Consumption"].endswith("kWh") and first_month["Charges"].startswith("৳")
    recharges = await ops.press(billing, "Recharge history")
    assert recharges.card.facts[-1][0].startswith("Total of ")
    balance = await ops.press(recharges, "Balance")
    assert "Last recharge" in dict(balance.card.facts)
    info = await ops.press(balance, "Info")
    assert "Phone" in dict(info.card.facts)
    another = await ops.press(info, "Search another")
    assert "Send a customer id or meter number" in another.text
    again = await ops.press(info, "Balance")  # a copy of the card still shows its own customer
    assert again.card.title == f"Customer {account_id(3)}"


async def test_each_operator_in_a_group_sees_the_customer_on_his_own_card(chat: ChatHarness, ccb: str) -> None:
    """Two operators look customers up in one group; a press on the first card still shows its customer."""
    anwar, bina = await operator(chat, "anwar"), await operator(chat, "bina")
    his = await anwar.say(f"customer {account_id(10)}", chat="ops-room")
    hers = await bina.say(f"customer {account_id(20)}", chat="ops-room")

    balance = await anwar.press(his, "Balance", chat="ops-room")
    assert balance.card.title == f"Customer {account_id(10)}"
    assert balance.fact("Name") == his.fact("Name") and balance.fact("Balance") == his.fact("Balance")
    billing = await bina.press(hers, "Monthly billing", chat="ops-room")
    assert billing.card.title == f"Customer {account_id(20)}" and billing.fact("Meter") == meter_no(20)


async def test_search_another_on_one_card_leaves_the_other_cards_working(chat: ChatHarness, ccb: str) -> None:
    anwar, bina = await operator(chat, "anwar"), await operator(chat, "bina")
    his = await anwar.say(f"customer {account_id(10)}", chat="ops-room")
    hers = await bina.say(f"customer {account_id(20)}", chat="ops-room")
    await bina.press(hers, "Search another", chat="ops-room")
    assert (await anwar.press(his, "Recharge history", chat="ops-room")).card.title == f"Customer {account_id(10)}"


async def test_a_press_after_the_result_expired_looks_the_cards_customer_up_again(chat: ChatHarness,
                                                                                   ccb: str) -> None:
    import asyncio

    from core.services.customers import LookupService

    service = chat.runtime.services.lookups
    assert service is not None
    chat.runtime.services.lookups = LookupService(service._directory, chat.runtime.store, cache_seconds=0.2)
    ops = await operator(chat)
    said = await ops.say(f"meter {meter_no(6)}")
    await asyncio.sleep(0.3)
    balance = await ops.press(said, "Balance")
    assert balance.card.title == f"Customer {account_id(6)}" and balance.card.replace
    assert balance.fact("Balance") == said.fact("Balance")


async def test_balance_is_shown_the_right_way_round(chat: ChatHarness, ccb: str) -> None:
    from decimal import Decimal

    from handlers.lookup import balance_text

    ops = await operator(chat)
    said = await ops.say(f"balance of {account_id(5)}")
    lookup = await chat.runtime.services.lookups.cached(  # type: ignore[union-attr]
        said.card.actions[0].payload["lookup"])
    assert lookup is not None
    expected = "Credit" if lookup.balance_amount < 0 else "Due"
    assert dict(said.card.facts)["Balance"].startswith(expected)
    from core.context import Context

    ctx = Context(turn=None, services=chat.runtime.services)  # type: ignore[arg-type]
    assert balance_text(ctx, Decimal("-1234.5")) == "Credit ৳1,234.50"
    assert balance_text(ctx, Decimal("100000")) == "Due ৳1,00,000.00"


@pytest.mark.parametrize(("text", "found"), [
    ("meter {meter}", True), ("{acct}", True), ("{meter}", True), ("customer 99999999", False),
    ("meter 999999999", False),
])
async def test_search_by_meter_bare_number_and_not_found(chat: ChatHarness, ccb: str, text: str,
                                                         found: bool) -> None:
    ops = await operator(chat)
    said = await ops.say(text.format(meter=meter_no(7), acct=account_id(7)))
    if found:
        assert said.card.title == f"Customer {account_id(7)}"
    else:
        assert "No customer found for" in said.text and "999999" in said.text


async def test_member_is_refused_and_the_attempt_is_audited(chat: ChatHarness, ccb: str) -> None:
    said = await chat.user("curious").say(f"customer {account_id(1)}")
    assert "customer lookups are for operators" in said.text
    async with chat.runtime.database.sessions() as session:
        record = await session.scalar(select(AuditRecord).where(AuditRecord.intent == "customer_lookup"))
    assert record is not None and record.outcome == "denied"
    assert record.detail["customer"] == account_id(1)


async def test_every_lookup_is_audited_with_the_customer(chat: ChatHarness, ccb: str) -> None:
    ops = await operator(chat)
    await ops.say(f"customer {account_id(2)}", chat="ops-room")
    async with chat.runtime.database.sessions() as session:
        record = await session.scalar(select(AuditRecord).where(AuditRecord.intent == "customer_lookup"))
    assert record is not None and record.outcome == "ok"
    assert (record.detail["customer"], record.detail["acct_id"], record.chat) == (
        account_id(2), account_id(2), "group:ops-room")


class TestLookupRateLimit:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, Any]:
        return {"lookup_rate_per_minute": 2}

    async def test_third_lookup_in_a_minute_waits(self, chat: ChatHarness, ccb: str) -> None:
        ops = await operator(chat)
        assert (await ops.say(f"customer {account_id(1)}")).card
        assert (await ops.say(f"customer {account_id(2)}")).card
        refused = (await ops.say(f"customer {account_id(3)}")).text
        assert "2 customer lookups a minute" in refused and "try again in" in refused

    async def test_switching_views_is_not_a_lookup(self, chat: ChatHarness, ccb: str) -> None:
        ops = await operator(chat)
        said = await ops.say(f"customer {account_id(1)}")
        for label in ("Balance", "Monthly billing", "Recharge history"):
            assert (await ops.press(said, label)).card.title == f"Customer {account_id(1)}"
        assert (await ops.say(f"customer {account_id(2)}")).card


async def test_personal_data_is_masked_in_group_chats(chat: ChatHarness, ccb: str) -> None:
    ops = await operator(chat)
    private = dict((await ops.say(f"customer {account_id(4)}")).card.facts)
    group = dict((await ops.say(f"customer {account_id(4)}", chat="ops-room")).card.facts)
    assert group["Name"] != private["Name"] and "*" in group["Name"]
    assert group["Phone"].startswith(private["Phone"][:3]) and "*" in group["Phone"]
    assert group["Address"] == "hidden in group chats"
    chat.runtime.settings.lookup_unmasked_chats.append("console:group:ops-room")
    allowed = dict((await ops.say(f"customer {account_id(4)}", chat="ops-room")).card.facts)
    assert allowed["Name"] == private["Name"]


async def test_unreachable_billing_system_gets_the_friendly_reply(chat: ChatHarness, ccb: str) -> None:
    from app.runtime import attach_lookups

    settings = chat.runtime.settings.model_copy(update={
        "ccb_database_url": "postgresql+asyncpg://nobody@127.0.0.1:1/ccb", "ccb_query_timeout_seconds": 3})
    await chat.runtime.services.ccb.dispose()
    attach_lookups(chat.runtime.services, settings)
    ops = await operator(chat)
    said = await ops.say(f"customer {account_id(1)}")
    assert said.text == "The billing system is not answering, try again shortly."


async def test_unreachable_oracle_gets_the_friendly_reply(chat: ChatHarness, ccb: str) -> None:
    from app.runtime import attach_lookups

    settings = chat.runtime.settings.model_copy(update={
        "ccb_database_url": "oracle+oracledb://reader:secret@127.0.0.1:1/?service_name=CCB",
        "ccb_query_timeout_seconds": 5})
    await chat.runtime.services.ccb.dispose()
    attach_lookups(chat.runtime.services, settings)
    ops = await operator(chat)
    said = await ops.say(f"meter {meter_no(1)}")
    assert said.text == "The billing system is not answering, try again shortly."


async def test_the_balance_is_the_sum_of_the_frozen_financial_transactions(chat: ChatHarness, ccb: str) -> None:
    from sqlalchemy import func

    from integrations.ccb.schema import ci_ft, ci_sa

    engine = chat.runtime.services.ccb.engine
    async with engine.connect() as conn:
        owed = await conn.scalar(select(func.sum(ci_ft.c.cur_amt)).join(ci_sa, ci_sa.c.sa_id == ci_ft.c.sa_id)
                                 .where(ci_sa.c.acct_id == account_id(5), ci_ft.c.freeze_dttm.is_not(None)))
    ops = await operator(chat)
    said = await ops.say(f"meter {meter_no(5)}")
    label, amount = dict(said.card.facts)["Balance"].split(" ৳")
    assert label == ("Due" if owed > 0 else "Credit")
    assert Decimal(amount.replace(",", "")) == abs(Decimal(str(owed))).quantize(Decimal("0.01"))


@pytest.mark.parametrize("backend", ["postgres"])
async def test_a_query_cut_off_by_the_timeout_leaves_the_pool_healthy(chat: ChatHarness, ccb: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A query the timeout cuts off gets the friendly reply; the lookups after it are answered from the same
    pool of one connection."""
    from app.runtime import attach_lookups

    sql_dir = tmp_path / "utility_sql"
    sql_dir.mkdir()
    (sql_dir / "customer_recharge_history.postgresql.sql").write_text(
        "SELECT pe.pay_dt, t.tender_amt, t.tndr_srce_cd AS channel, p.pay_id\n"
        f"  FROM (SELECT pg_sleep(CASE WHEN :acct_id = '{account_id(2)}' THEN 5 ELSE 0 END)) AS pause,\n"
        "       ci_pay p JOIN ci_pay_event pe ON pe.pay_event_id = p.pay_event_id\n"
        "       JOIN ci_pay_tndr t ON t.pay_event_id = p.pay_event_id\n"
        " WHERE p.acct_id = :acct_id ORDER BY pe.pay_dt DESC FETCH FIRST :max_rows ROWS ONLY\n")
    settings = chat.runtime.settings.model_copy(update={
        "ccb_sql_dir": str(sql_dir), "ccb_query_timeout_seconds": 1, "ccb_pool_size": 1})
    await chat.runtime.services.ccb.dispose()
    attach_lookups(chat.runtime.services, settings)
    ops = await operator(chat)
    assert (await ops.say(f"customer {account_id(2)}")).text == \
        "The billing system is not answering, try again shortly."
    for n in (3, 4, 6):
        assert (await ops.say(f"customer {account_id(n)}")).card.title == f"Customer {account_id(n)}"


@pytest.mark.parametrize("backend", ["postgres"])
async def test_busy_lookups_wait_for_the_pool_instead_of_opening_sessions(chat: ChatHarness, ccb: str) -> None:
    """CC&B sees at most CCB_POOL_SIZE sessions per process, however many lookups run at once."""
    import asyncio

    from sqlalchemy import event

    from app.runtime import attach_lookups

    settings = chat.runtime.settings.model_copy(update={"ccb_pool_size": 2, "lookup_rate_per_minute": 100})
    chat.runtime.settings = chat.runtime.services.settings = settings
    await chat.runtime.services.ccb.dispose()
    attach_lookups(chat.runtime.services, settings)
    sessions: list[object] = []
    engine = chat.runtime.services.ccb.engine
    event.listen(engine.sync_engine, "connect", lambda dbapi, _: sessions.append(dbapi))
    people = [await operator(chat, f"ops{n}") for n in range(6)]
    said = await asyncio.gather(*(person.say(f"customer {account_id(n + 1)}") for n, person in enumerate(people)))
    assert [reply.card.title for reply in said] == [f"Customer {account_id(n + 1)}" for n in range(6)]
    assert len(sessions) == 2


@pytest.mark.parametrize("backend", ["postgres"])
async def test_sessions_killed_on_the_server_are_replaced_without_failing_the_lookup(chat: ChatHarness,
                                                                                      ccb: str) -> None:
    """A DBA kills CC&B's sessions (or the server restarts) while they sit in the pool: the next lookup finds
    them dead, opens new ones and is answered; the pool holds only live sessions afterwards."""
    from sqlalchemy import text

    ops = await operator(chat)
    assert (await ops.say(f"customer {account_id(2)}")).card.title == f"Customer {account_id(2)}"
    engine = chat.runtime.services.ccb.engine
    kill = text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = :db AND pid <> pg_backend_pid()")
    async with chat.runtime.engine.connect() as conn:
        assert await conn.scalar(kill, {"db": engine.url.database}) >= 3, "one session per query of the lookup"
    for n in (3, 4):
        assert (await ops.say(f"customer {account_id(n)}")).card.title == f"Customer {account_id(n)}"

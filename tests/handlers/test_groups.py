"""A group chat is a shared ledger: splits, exact shares, balances with fewest transfers, settling up."""
from __future__ import annotations

import io
from typing import Any

import pytest
from sqlalchemy import event, select

from core.models import OutboxMessage, User
from tests.harness import ChatHarness


async def test_equal_split_then_balances(chat: ChatHarness) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="trip")
    card = await alice.say("split 900 taxi with @bob", chat="trip")
    assert card.fact("alice's share") == "৳450.00" and card.fact("bob's share") == "৳450.00"
    await alice.press(card, "Save", chat="trip")
    reply = await bob.say("balances", chat="trip")
    assert "bob owes alice ৳450.00" in reply.text


async def test_exact_shares_leave_the_rest_to_the_payer(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    card = await alice.say("900 taxi @karim 300 @nadia 200", chat="trip")
    assert card.fact("karim's share") == "৳300.00"
    assert card.fact("nadia's share") == "৳200.00"
    assert card.fact("alice's share") == "৳400.00"
    await alice.press(card, "Save", chat="trip")
    text = (await alice.say("balances", chat="trip")).text
    assert "karim owes alice ৳300.00" in text and "nadia owes alice ৳200.00" in text


async def test_uneven_split_keeps_every_paisa(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    card = await alice.say("split 100 snacks with @b @c", chat="g")
    shares = [card.fact(f"{n}'s share") for n in ("alice", "b", "c")]
    assert shares == ["৳33.34", "৳33.33", "৳33.33"]


async def test_fewest_transfers_across_three_people(chat: ChatHarness) -> None:
    alice, bob, carol = chat.user("alice"), chat.user("bob"), chat.user("carol")
    for person in (alice, bob, carol):
        await person.say("hi", chat="trip")
    await alice.press(await alice.say("split 300 dinner with @bob @carol", chat="trip"), "Save", chat="trip")
    await bob.press(await bob.say("split 300 lunch with @alice @carol", chat="trip"), "Save", chat="trip")
    text = (await carol.say("balances", chat="trip")).text
    # carol owes 100 to each; alice and bob are even with each other, so two transfers and no more
    assert text.count(" owes ") == 2
    assert "carol owes alice ৳100.00" in text and "carol owes bob ৳100.00" in text


async def test_settle_up_clears_the_balance(chat: ChatHarness) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="trip")
    await alice.press(await alice.say("split 900 taxi with @bob", chat="trip"), "Save", chat="trip")
    preview = await bob.say("settle up with @alice", chat="trip")
    assert preview.card.title == "Settle up · ৳450.00"
    assert preview.fact("From") == "bob" and preview.fact("To") == "alice"
    await bob.press(preview, "Save", chat="trip")
    assert "Everyone is settled up" in (await alice.say("balances", chat="trip")).text
    assert "settled up" in (await bob.say("settle up with @alice", chat="trip")).text


async def test_partial_settlement_with_an_amount(chat: ChatHarness) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="trip")
    await alice.press(await alice.say("split 900 taxi with @bob", chat="trip"), "Save", chat="trip")
    await bob.press(await bob.say("settle 200 with @alice", chat="trip"), "Save", chat="trip")
    assert "bob owes alice ৳250.00" in (await alice.say("balances", chat="trip")).text


async def test_currencies_are_never_summed(chat: ChatHarness) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="trip")
    await alice.press(await alice.say("split 900 tk taxi with @bob", chat="trip"), "Save", chat="trip")
    await alice.press(await alice.say("split $40 dinner with @bob", chat="trip"), "Save", chat="trip")
    text = (await bob.say("balances", chat="trip")).text
    assert "bob owes alice ৳450.00" in text and "bob owes alice $20.00" in text
    ask = await bob.say("settle up with @alice", chat="trip")
    assert "several currencies" in ask.text
    usd = await bob.say("settle up with @alice USD", chat="trip")
    assert usd.card.title == "Settle up · $20.00"
    summary = (await alice.say("summary", chat="trip")).text
    assert "BDT" in summary and "USD" in summary


async def test_mentioned_stranger_is_linked_when_they_first_talk(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.press(await alice.say("split 600 pizza with @dave", chat="flat"), "Save", chat="flat")
    async with chat.runtime.database.sessions() as session:
        dave = await session.scalar(select(User).where(User.name == "dave"))
        assert dave is not None and dave.provisional
    reply = await chat.user("dave").say("balances", chat="flat")
    assert "dave owes alice ৳300.00" in reply.text
    async with chat.runtime.database.sessions() as session:
        names = list(await session.scalars(select(User.name)))
        assert names.count("dave") == 1 and "dave2" not in names


async def test_people_in_a_split_are_told_through_the_outbox(chat: ChatHarness) -> None:
    from bots.console import ConsoleNotifier

    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi")  # bob has a private chat with the bot, so he can be reached
    await alice.press(await alice.say("split 500 groceries with @bob", chat="flat"), "Save", chat="flat")
    async with chat.runtime.database.sessions() as session:
        rows = list(await session.scalars(select(OutboxMessage)))
    assert [(r.target, r.status) for r in rows] == [("user:bob", "pending")]  # bob, in his private chat
    notifier = ConsoleNotifier(out=io.StringIO())
    report = await chat.runtime.services.outbox.deliver_due({"console": notifier})
    assert report.sent == 1
    assert "alice added you to groceries: your share is 250.00 BDT" in notifier.delivered[0][1]["text"]
    assert (await chat.runtime.services.outbox.counts()) == {"sent": 1}


async def test_on_the_console_a_platform_user_is_mentioned_by_name(chat: ChatHarness) -> None:
    await chat.runtime.services.identity.create_user("dave")  # `users create dave`: never chatted
    alice = chat.user("alice")
    await alice.press(await alice.say("split 300 pizza with @dave", chat="flat"), "Save", chat="flat")
    assert await _names(chat) == ["alice", "dave"]  # the same dave, not a new "dave2"
    said = await chat.user("dave").say("balances", chat="flat")
    assert "dave owes alice ৳150.00" in said.text


async def _names(chat: ChatHarness) -> list[str]:
    async with chat.runtime.database.sessions() as session:
        return sorted(await session.scalars(select(User.name)))


@pytest.mark.parametrize(("text", "expected"), [
    ("split 300 pizza with @alice @karim", "You mentioned yourself"),
    ("received 500 from @karim refund", "can't be split"),
    ("split 0 pizza with @karim", "more than zero"),
    ("split 300 pizza with @karim on 35th march", "couldn't understand the date"),
])
async def test_a_refused_preview_creates_nobody(chat: ChatHarness, text: str, expected: str) -> None:
    said = await chat.user("alice").say(text, chat="flat")
    assert expected in said.text
    assert await _names(chat) == ["alice"]


async def test_mentioned_people_are_created_only_when_the_split_is_saved(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    preview = await alice.say("split 900 taxi with @karim @nadia", chat="trip")
    assert preview.fact("karim's share") == "৳300.00" and preview.fact("nadia's share") == "৳300.00"
    assert await _names(chat) == ["alice"]
    saved = await alice.press(preview, "Save", chat="trip")
    assert "karim owes alice ৳300.00; nadia owes alice ৳300.00" in saved.text
    assert await _names(chat) == ["alice", "karim", "nadia"]
    again = await alice.press(preview, "Save", chat="trip")
    assert "Already saved" in again.text and "karim owes alice ৳300.00" in again.text
    text = (await alice.say("balances", chat="trip")).text
    assert "karim owes alice ৳300.00" in text and "nadia owes alice ৳300.00" in text


async def test_a_cancelled_preview_creates_nobody(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    preview = await alice.say("split 900 taxi with @karim", chat="trip")
    await alice.press(preview, "Cancel", chat="trip")
    assert "cancelled" in (await alice.press(preview, "Save", chat="trip")).text
    assert await _names(chat) == ["alice"]
    assert await chat.entry_count() == 0


async def test_two_hundred_mentions_create_nobody_at_preview_and_everyone_once_at_save(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    people = [f"p{n}" for n in range(200)]
    statements: list[str] = []

    def counted(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        statements.append(sql)

    engine = chat.runtime.engine.sync_engine
    event.listen(engine, "before_cursor_execute", counted)
    try:
        preview = await alice.say("split 20100 party with " + " ".join(f"@{p}" for p in people), chat="big")
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    assert len(statements) < 30, statements  # a few lookups for all 200 people, not a few per person
    assert preview.fact("p0's share") == "৳100.00" and preview.fact("p199's share") == "৳100.00"
    assert await _names(chat) == ["alice"]
    await alice.press(preview, "Save", chat="big")
    assert await _names(chat) == sorted(["alice", *people])
    text = (await chat.user("p199").say("balances", chat="big")).text
    assert "p199 owes alice ৳100.00" in text and text.count(" owes ") == 200
    assert await _names(chat) == sorted(["alice", *people])


async def test_saving_reuses_people_who_exist_and_links_newcomers_on_first_write(chat: ChatHarness) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="flat")
    first = await alice.say("split 300 snacks with @bob @karim", chat="flat")
    second = await alice.say("split 600 rent with @Karim", chat="flat")
    await alice.press(first, "Save", chat="flat")
    await alice.press(second, "Save", chat="flat")
    assert await _names(chat) == ["alice", "bob", "karim"]
    reply = await chat.user("karim").say("balances", chat="flat")
    assert "karim owes alice ৳400.00" in reply.text and "bob owes alice ৳100.00" in reply.text
    third = await alice.say("split 200 tea with @karim", chat="flat")
    await alice.press(third, "Save", chat="flat")
    assert await _names(chat) == ["alice", "bob", "karim"]
    assert "karim owes alice ৳500.00" in (await bob.say("balances", chat="flat")).text


async def test_settling_with_a_newcomer_creates_them_at_save(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    assert "settled up" in (await alice.say("settle up with @zoe", chat="flat")).text
    preview = await alice.say("settle 200 with @zoe", chat="flat")
    assert preview.fact("To") == "zoe"
    assert await _names(chat) == ["alice"]
    await alice.press(preview, "Save", chat="flat")
    assert await _names(chat) == ["alice", "zoe"]
    assert "zoe owes alice ৳200.00" in (await alice.say("balances", chat="flat")).text

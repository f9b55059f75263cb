"""Paying back in other words, through the real parser: who paid whom is what the ledger records."""
from __future__ import annotations

import pytest

from tests.harness import ChatHarness


async def _owes(chat: ChatHarness) -> None:
    """alice pays 2000 for dinner with bob: bob owes alice 1000."""
    alice = chat.user("alice")
    await chat.user("bob").say("hi", chat="trip")
    preview = await alice.say("dinner 2000 with @bob", chat="trip")
    await alice.press(preview, "Save", chat="trip")


async def test_i_paid_alice_back_without_an_at_sign_is_a_settlement(chat: ChatHarness) -> None:
    await _owes(chat)
    bob = chat.user("bob")
    preview = await bob.say("i paid alice 1000 back", chat="trip")
    assert preview.card.title == "Settle up · ৳1,000.00"
    assert (preview.fact("From"), preview.fact("To")) == ("bob", "alice")
    await bob.press(preview, "Save", chat="trip")
    assert "settled up" in (await bob.say("balances", chat="trip")).text.lower()


async def test_got_money_back_from_someone_records_them_paying(chat: ChatHarness) -> None:
    await _owes(chat)
    alice = chat.user("alice")
    preview = await alice.say("got 400 back from @bob", chat="trip")
    assert (preview.fact("From"), preview.fact("To")) == ("bob", "alice")
    await alice.press(preview, "Save", chat="trip")
    assert "bob owes alice ৳600.00" in (await alice.say("balances", chat="trip")).text


async def test_someone_owing_the_sender_the_whole_amount(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await chat.user("bob").say("hi", chat="trip")
    preview = await alice.say("@bob owes me 200 for coffee", chat="trip")
    assert preview.fact("bob's share") == "৳200.00"
    await alice.press(preview, "Save", chat="trip")
    assert "bob owes alice ৳200.00" in (await alice.say("balances", chat="trip")).text


async def test_a_correction_then_a_list_shows_the_corrected_amount(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    preview = await alice.say("lunch 500", chat="trip")
    changed = await alice.say("actually 550", chat="trip")
    assert changed.card.title.endswith("৳550.00")
    await alice.press(changed, "Save", chat="trip")
    listed = await alice.say("show my last 5 transactions", chat="trip")
    assert "550" in listed.text and "500.00" not in listed.text
    assert preview.card.title.endswith("৳500.00")



@pytest.mark.parametrize(("line", "amount", "left"), [("bob amar 300 shodh korse", "৳300.00", "৳700.00"),
                                                      ("received 400 from bob for his dinner share", "৳400.00",
                                                       "৳600.00")])
async def test_someone_paying_back_in_other_words(chat: ChatHarness, line: str, amount: str, left: str) -> None:
    """Said the Bengali-English way, or as their share received: bob pays alice back."""
    await _owes(chat)
    alice = chat.user("alice")
    preview = await alice.say(line, chat="trip")
    assert preview.card.title == f"Settle up · {amount}"
    assert (preview.fact("From"), preview.fact("To")) == ("bob", "alice")
    await alice.press(preview, "Save", chat="trip")
    assert f"bob owes alice {left}" in (await alice.say("balances", chat="trip")).text

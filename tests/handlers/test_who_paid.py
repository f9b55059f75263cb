"""Someone else paid: "bob paid 400 for the taxi" makes bob the payer and the sender one of the people sharing it."""
from __future__ import annotations

from typing import Any

import pytest

from core.intents import Intent
from core.replies import Card
from tests.harness import ChatHarness

# What the parser is to make of each line (issue 14, item 5); the "contract" runs feed these to the handlers.
CONTRACT: dict[str, dict[str, Any]] = {
    "bob paid 400 for the taxi": {"amount": "400", "currency": None, "direction": "expense", "description": "taxi",
                                  "category": "transport", "payer": "bob"},
    "@karim paid for dinner 1200 split with me": {"amount": "1200", "currency": None, "direction": "expense",
                                                  "description": "dinner", "category": "food", "payer": "karim"},
    "@karim paid 900 for me and @nadia": {"amount": "900", "currency": None, "direction": "expense",
                                          "category": "other", "payer": "karim", "mentions": ["nadia"]},
    "@me paid 300 for lunch": {"amount": "300", "currency": None, "direction": "expense", "description": "lunch",
                               "category": "food", "payer": "me"},
    "bob paid me a salary of 400": {"amount": "400", "currency": None, "direction": "income",
                                    "description": "salary", "category": "salary", "payer": "bob"},
}


@pytest.fixture(params=["contract", "parser"])
def parsing(request: pytest.FixtureRequest, chat: ChatHarness, monkeypatch: pytest.MonkeyPatch) -> str:
    """"contract": the lines above parse as the contract says; "parser": as the real parser parses them."""
    if request.param == "contract":
        parser = chat.runtime.services.parser
        real = parser.parse

        async def parse(text: str, **kwargs: Any) -> Intent:
            if text in CONTRACT:
                return Intent("record_transaction", 0.9, dict(CONTRACT[text]))
            return await real(text, **kwargs)

        monkeypatch.setattr(parser, "parse", parse)
    return str(request.param)


async def test_bob_paid_for_the_taxi_so_alice_owes_him_half(chat: ChatHarness, parsing: str) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="trip")
    preview = await alice.say("bob paid 400 for the taxi", chat="trip")
    assert preview.card.title == "Split · ৳400.00"
    assert preview.fact("Paid by") == "bob"
    assert preview.fact("bob's share") == "৳200.00" and preview.fact("alice's share") == "৳200.00"
    assert await chat.entry_count() == 0
    saved = await alice.press(preview, "Save", chat="trip")
    assert "alice owes bob ৳200.00" in saved.text
    assert "alice owes bob ৳200.00" in (await bob.say("balances", chat="trip")).text


async def test_someone_new_paid_and_the_sender_shares_it(chat: ChatHarness, parsing: str) -> None:
    alice = chat.user("alice")
    preview = await alice.say("@karim paid for dinner 1200 split with me", chat="trip")
    assert preview.fact("Paid by") == "karim"
    assert preview.fact("karim's share") == "৳600.00" and preview.fact("alice's share") == "৳600.00"
    await alice.press(preview, "Save", chat="trip")
    assert "alice owes karim ৳600.00" in (await alice.say("balances", chat="trip")).text


async def test_the_payer_the_sender_and_the_people_mentioned_share_equally(chat: ChatHarness, parsing: str) -> None:
    alice = chat.user("alice")
    preview = await alice.say("@karim paid 900 for me and @nadia", chat="trip")
    assert preview.fact("Paid by") == "karim"
    assert [preview.fact(f"{name}'s share") for name in ("karim", "alice", "nadia")] == ["৳300.00"] * 3
    await alice.press(preview, "Save", chat="trip")
    text = (await alice.say("balances", chat="trip")).text
    assert "alice owes karim ৳300.00" in text and "nadia owes karim ৳300.00" in text


async def test_i_paid_is_an_ordinary_expense(chat: ChatHarness, parsing: str) -> None:
    preview = await chat.user("alice").say("@me paid 300 for lunch", chat="trip")
    assert preview.card.title == "Expense · ৳300.00"
    assert "Paid by" not in dict(preview.card.facts)


async def test_income_has_no_other_payer(chat: ChatHarness, parsing: str) -> None:
    refused = await chat.user("alice").say("bob paid me a salary of 400", chat="trip")
    assert "Income can't have another payer" in refused.text
    assert await chat.entry_count() == 0


@pytest.mark.parametrize("line", ["bob paid 400 for me", "bob amar jonno 400 dise",
                                  "bob amar jonno 400 tk er boi kinse", "bob amar jonno ekta boi kine dise 400 tk"])
async def test_someone_who_paid_for_the_sender_alone_is_owed_all_of_it(chat: ChatHarness, line: str) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="trip")
    preview = await alice.say(line, chat="trip")
    assert preview.fact("Paid by") == "bob"
    assert preview.fact("alice's share") == "৳400.00"
    await alice.press(preview, "Save", chat="trip")
    assert "alice owes bob ৳400.00" in (await bob.say("balances", chat="trip")).text


async def test_a_thing_paid_for_the_sender_the_bengali_way_keeps_its_name(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    preview = await alice.say("rahim amar lunch er 300 dilo", chat="trip")
    assert preview.fact("Paid by") == "rahim" and preview.fact("alice's share") == "৳300.00"
    assert "lunch" in preview.text and "dilo" not in preview.text


@pytest.mark.parametrize(("line", "thing"), [("bob 400 dise taxi te", "taxi"), ("bob taxi er jonno 400 dise", "taxi"),
                                             ("bob bhai 400 dise taxi te", "taxi"), ("taxi 400 tk, bob dise", "taxi"),
                                             ("taxi 400, bob paid", "taxi"),
                                             ("bob current bill dise 400 tk", "current bill")])
async def test_someone_who_gave_for_a_thing_the_bengali_way_paid_it_and_shares_it(chat: ChatHarness, line: str,
                                                                                 thing: str) -> None:
    """Named first, after the amount in a clause of its own, or before a bill named bare."""
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="trip")
    preview = await alice.say(line, chat="trip")
    assert preview.fact("Paid by") == "bob"
    assert preview.fact("bob's share") == "৳200.00" and preview.fact("alice's share") == "৳200.00"
    assert thing in preview.text and "dise" not in preview.text and "bhai" not in preview.text
    assert ", bob" not in preview.text
    await alice.press(preview, "Save", chat="trip")
    assert "alice owes bob ৳200.00" in (await bob.say("balances", chat="trip")).text


@pytest.mark.parametrize("line", ["she paid 500 for me", "ora amar jonno 500 dise", "se 500 dise taxi te",
                                  "tara amar jonno 500 tk er boi kinse", "সে আমার জন্য ৫০০ টাকা দিছে"])
async def test_someone_unnamed_who_paid_for_the_sender_is_asked_for_not_recorded_as_the_senders(
        chat: ChatHarness, line: str) -> None:
    said = await chat.user("alice").say(line, chat="trip")
    assert "Who paid it?" in said.text and not any(isinstance(r, Card) for r in said.replies)
    assert await chat.entry_count() == 0


@pytest.mark.parametrize("line", ["se baki 3400 shodh korse", "o amar 500 ta diye dise"])
async def test_a_debt_paid_back_by_someone_unnamed_asks_who_and_settles_nothing(chat: ChatHarness, line: str) -> None:
    said = await chat.user("alice").say(line, chat="trip")
    assert "Who paid you back?" in said.text and not any(isinstance(r, Card) for r in said.replies)
    assert await chat.entry_count() == 0


@pytest.mark.parametrize("line", ["bob paid, not me", "oita bob dise, ami na", "no, bob paid it"])
async def test_who_paid_said_again_changes_nothing_and_says_how(chat: ChatHarness, line: str) -> None:
    alice = chat.user("alice")
    preview = await alice.say("dinner 600", chat="trip")
    said = await alice.say(line, chat="trip")
    assert "can't change who paid" in said.text and "Cancel" in said.text
    assert await chat.entry_count() == 0
    saved = await alice.press(preview, "Save", chat="trip")
    assert "✓ Saved expense ৳600.00" in saved.text

"""Income written as an expense, or the other way round, put right in chat: the preview turns in place, a saved entry
is offered old → new and replaced only on Save; split or someone else's expenses can't become income."""
from __future__ import annotations

import pytest

from tests.harness import ChatHarness


@pytest.mark.parametrize("fix", ["make it income instead of expense", "oita income chilo, expense na",
                                 "আয় হবে, খরচ না"])
async def test_an_expense_preview_becomes_income(chat: ChatHarness, fix: str) -> None:
    alice = chat.user("alice")
    preview = await alice.say("freelance payment 5000")
    assert preview.card.title == "Expense · ৳5,000.00"
    changed = await alice.say(fix)
    assert changed.card.title == "Income · ৳5,000.00"
    assert "Changed the type: expense → income" in changed.text
    assert changed.fact("Category") == "income"  # the expense's "other" follows the kind
    saved = await alice.press(changed, "Save")
    assert "✓ Saved income ৳5,000.00" in saved.text
    assert "৳5,000.00" in (await alice.say("my income this month")).text
    assert "No spending recorded" in (await alice.say("how much did i spend this month")).text


async def test_the_last_income_becomes_an_expense_on_save(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.press(await alice.say("got salary 45000"), "Save")
    card = await alice.say("the last entry should be an expense")
    assert card.card.title.startswith("Correct · ")
    assert card.fact("Type") == "income → expense"
    assert "No spending recorded" in (await alice.say("how much did i spend this month")).text  # nothing yet
    saved = await alice.press(card, "Save")
    assert "✓ Corrected" in saved.text and "type income → expense" in saved.text
    assert await chat.entry_count() == 1
    spent = await alice.say("how much did i spend this month")
    assert "৳45,000.00" in spent.text and "salary" in spent.text  # a named category stays
    assert "No income recorded" in (await alice.say("my income this month")).text


@pytest.mark.parametrize(("expense", "refusal"), [
    ("split 900 taxi with @bob", "split with other people; income can't be split"),
    ("@bob paid 400 for the taxi", "was paid by bob; income can't have another payer"),
])
async def test_a_shared_expense_cannot_become_income(chat: ChatHarness, expense: str, refusal: str) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="trip")
    await alice.say(expense, chat="trip")
    refused = await alice.say("make it income", chat="trip")
    assert refusal in refused.text
    assert await chat.entry_count() == 0


async def test_income_already(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.say("got salary 45000")
    said = await alice.say("it should be income")
    assert "It is already income." in said.text


async def test_a_settlement_has_no_kind_to_put_right(chat: ChatHarness) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="flat")
    await alice.press(await alice.say("paid @bob 500 back", chat="flat"), "Save", chat="flat")
    refused = await alice.say("make it income", chat="flat")
    assert "That is a settlement, which can't become income" in refused.text

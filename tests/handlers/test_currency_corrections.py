"""An amount written in the wrong currency, put right in chat ("make it usd not taka"): the preview changes in place,
a saved entry is offered old → new and replaced only on Save, a split is split again in the new currency's units."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import read
from tests.harness import ChatHarness


@pytest.mark.parametrize("fix", ["make it usd not taka", "it was dollars not taka", "currency ta usd hobe",
                                 "taka na dollar"])
async def test_a_preview_in_the_wrong_currency_changes_in_place(chat: ChatHarness, fix: str) -> None:
    alice = chat.user("alice")
    preview = await alice.say("domain renewal 15")
    assert preview.card.title == "Expense · ৳15.00"
    changed = await alice.say(fix)
    assert changed.card.title == "Expense · $15.00"
    assert "Changed the currency: ৳15.00 → $15.00" in changed.text
    saved = await alice.press(changed, "Save")
    assert "$15.00" in saved.text
    assert "$15.00" in (await alice.say("show my last 5 transactions")).text


async def test_the_last_entry_changes_currency_only_on_save(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.press(await alice.say("hosting 20"), "Save")
    card = await alice.say("change the currency of the last entry to eur")
    assert card.card.title.startswith("Correct · ")
    assert card.fact("Currency") == "৳20.00 → €20.00"
    assert "৳20.00" in (await alice.say("show my last 5 transactions")).text  # nothing changed yet
    saved = await alice.press(card, "Save")
    assert "✓ Corrected" in saved.text
    listed = (await alice.say("show my last 5 transactions")).text
    assert "€20.00" in listed and "৳20.00" not in listed
    assert await chat.entry_count() == 1


async def test_a_split_is_split_again_in_the_new_currency(chat: ChatHarness) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="trip")
    await alice.say("split 10 taxi with @bob", chat="trip")
    changed = await alice.say("make it usd", chat="trip")
    assert changed.fact("bob's share") == "$5.00" and changed.fact("alice's share") == "$5.00"
    await alice.press(changed, "Save", chat="trip")
    assert "bob owes alice $5.00" in (await bob.say("balances", chat="trip")).text


async def test_an_amount_the_new_currency_cannot_hold_is_refused(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.say("coffee 2.50")
    refused = await alice.say("make it yen")
    assert "JPY" in refused.text
    assert (await alice.say("actually 3")).card.title == "Expense · ৳3.00"  # the preview stayed as it was


async def test_the_same_currency_again_is_said_so(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.say("lunch 250")
    assert "It is already in BDT." in (await alice.say("make it taka")).text


def test_the_chats_own_currency_is_still_a_setting() -> None:
    assert read("change currency to usd")[0] == "settings"


async def test_exact_shares_keep_their_figures_when_the_new_currency_can_hold_them(chat: ChatHarness) -> None:
    alice, bob, carol = chat.user("alice"), chat.user("bob"), chat.user("carol")
    for person in (bob, carol):
        await person.say("hi", chat="trip")
    await alice.say("900 taxi @bob 300 @carol 200", chat="trip")
    changed = await alice.say("make it yen", chat="trip")  # yen has no cents, and these figures need none
    assert changed.fact("bob's share") == "JP¥300" and changed.fact("carol's share") == "JP¥200"
    await alice.press(changed, "Save", chat="trip")
    assert "bob owes alice JP¥300" in (await bob.say("balances", chat="trip")).text


async def test_exact_shares_with_cents_the_new_currency_cannot_hold_are_refused(chat: ChatHarness) -> None:
    alice, bob, carol = chat.user("alice"), chat.user("bob"), chat.user("carol")
    for person in (bob, carol):
        await person.say("hi", chat="trip")
    await alice.say("10 taxi @bob 3.50 @carol 2.50", chat="trip")
    refused = await alice.say("make it yen", chat="trip")
    assert "shares written for each person, which JPY can't hold as written" in refused.text


async def test_the_currency_it_was_said_not_to_be_must_be_the_previews(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.say("lunch 250")
    refused = await alice.say("make it usd not euro")
    assert "It is in BDT, not EUR" in refused.text


async def test_an_amount_with_decimals_the_currency_lacks_is_put_right_first(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.say("tea 0.40")
    refused = await alice.say("make it yen")
    assert "0.40 can't be written in JPY, which has no decimals" in refused.text and "make it 1" in refused.text


async def test_a_settlement_preview_is_not_passed_over_for_the_last_entry(chat: ChatHarness) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="flat")
    await alice.press(await alice.say("lunch 250", chat="flat"), "Save", chat="flat")
    await alice.say("settle 200 with @bob", chat="flat")
    refused = await alice.say("make it usd", chat="flat")
    assert "That preview is a settlement" in refused.text
    assert "৳250.00" in (await alice.say("show my last 5 transactions", chat="flat")).text


async def test_a_split_corrected_to_another_currency_says_who_owes_what(chat: ChatHarness) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="trip")
    await alice.press(await alice.say("split 10 taxi with @bob", chat="trip"), "Save", chat="trip")
    card = await alice.say("change the currency of the last entry to usd", chat="trip")
    saved = await alice.press(card, "Save", chat="trip")
    assert "bob owes alice $5.00" in saved.text


@pytest.mark.parametrize("fix", ["change last entry currency to usd", "make last entry usd", "tk na dollar"])
async def test_the_last_entry_named_first_or_the_bengali_way(chat: ChatHarness, fix: str) -> None:
    alice = chat.user("alice")
    await alice.press(await alice.say("hosting 20"), "Save")
    card = await alice.say(fix)
    assert card.fact("Currency") == "৳20.00 → $20.00"


async def test_a_word_in_capitals_that_is_also_a_code_changes_nothing(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.say("lunch 250")
    await alice.say("IT WAS BAD")
    assert (await alice.say("actually 300")).card.title == "Expense · ৳300.00"

"""Recording expenses and income: preview first, Save writes once, owners and expiry are enforced."""
from __future__ import annotations

import asyncio
from typing import Any

import pytest

from core.intents import Intent
from tests.harness import ChatHarness, Clock


async def test_record_shows_preview_and_writes_nothing_until_save(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    preview = await alice.say("spent 450 tk on groceries")
    assert preview.card.title == "Expense · ৳450.00"
    assert preview.fact("What") == "groceries"
    assert preview.fact("Category") == "groceries"
    assert [a.label for a in preview.card.actions] == ["Save", "Change category", "Cancel"]
    assert await chat.entry_count() == 0

    saved = await alice.press(preview, "Save")
    assert "✓ Saved expense ৳450.00 — groceries" in saved.text
    assert saved.replies[0].replace is True  # the preview is edited in place
    assert await chat.entry_count() == 1


async def test_save_twice_and_concurrently_writes_one_entry(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    preview = await alice.say("lunch 250")
    key = preview.button("Save")
    results = await asyncio.gather(*(alice.press_key(key) for _ in range(5)))
    assert await chat.entry_count() == 1
    assert sum("Already saved" in r.text for r in results) == 4
    again = await alice.press(preview, "Save")
    assert "Already saved" in again.text
    assert await chat.entry_count() == 1


async def test_someone_else_cannot_press_my_buttons(chat: ChatHarness) -> None:
    alice, mallory = chat.user("alice"), chat.user("mallory")
    preview = await alice.say("split 900 taxi with @mallory", chat="trip")
    refused = await mallory.press(preview, "Save", chat="trip")
    assert "Only the person who asked can press this button" in refused.text
    assert await chat.entry_count() == 0
    # a key carried into another chat is refused too
    elsewhere = await alice.press(preview, "Save", chat="other")
    assert "does not belong to this chat" in elsewhere.text
    assert await chat.entry_count() == 0


async def test_forged_button_key_is_refused(chat: ChatHarness) -> None:
    said = await chat.user("alice").press_key("forged-key-123")
    assert "not valid any more" in said.text
    assert await chat.entry_count() == 0


class TestTimeRunsOut:
    @pytest.fixture
    def services_clock(self) -> Clock:
        return Clock()

    async def test_a_preview_expires_and_an_old_entry_cannot_be_undone(self, chat: ChatHarness,
                                                                       services_clock: Clock) -> None:
        alice, settings = chat.user("alice"), chat.runtime.settings
        coffee, tea = await alice.say("coffee 120"), await alice.say("tea 80")
        services_clock.advance(settings.draft_ttl_seconds - 1)
        assert "✓ Saved" in (await alice.press(coffee, "Save")).text
        services_clock.advance(2)
        late = await alice.press(tea, "Save")
        assert "This preview has expired and was not saved" in late.text
        assert await chat.entry_count() == 1

        services_clock.advance(settings.undo_window_seconds)  # coffee was saved 2 s before: now it is too old
        refused = await alice.say("undo")
        assert "older than 24 h, so it can't be undone" in refused.text
        assert await chat.entry_count() == 1


async def test_cancel_and_change_category(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    preview = await alice.say("paid 300 for movie tickets")
    assert preview.fact("Category") == "entertainment"
    choices = await alice.press(preview, "Change category")
    updated = await alice.press(choices, "Food")
    assert updated.fact("Category") == "food" and updated.card.replace
    saved = await alice.press(updated, "Save")
    assert "(food)" in saved.text

    second = await alice.say("taxi 200")
    cancelled = await alice.press(second, "Cancel")
    assert "Cancelled" in cancelled.text
    after = await alice.press(second, "Save")
    assert "cancelled" in after.text
    assert await chat.entry_count() == 1


async def test_income_and_currencies(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    income = await alice.say("received salary 50,000 tk")
    assert income.card.title == "Income · ৳50,000.00"
    euros = await alice.say("1.250,50 € hotel in Rome")
    assert euros.card.title == "Expense · €1,250.50"
    changed = await alice.say("currency usd")
    assert "USD" in changed.text
    dollars = await alice.say("lunch 12.5")
    assert dollars.card.title == "Expense · $12.50"


async def test_undo_removes_only_my_last_entry(chat: ChatHarness) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await alice.press(await alice.say("lunch 100", chat="team"), "Save", chat="team")
    await alice.press(await alice.say("dinner 200", chat="team"), "Save", chat="team")
    await bob.press(await bob.say("tea 20", chat="team"), "Save", chat="team")
    undone = await alice.say("undo", chat="team")
    assert "dinner" in undone.text
    assert await chat.entry_count() == 2
    nothing = await chat.user("carol").say("undo", chat="team")
    assert "nothing to undo" in nothing.text


@pytest.mark.parametrize(("text", "expected"), [
    ("", "empty message"),
    ("spent 0 on lunch", "more than zero"),
    ("spent -50 on lunch", "more than zero"),
    ("spent 99,999,999,999 tk on a yacht", "larger than this ledger accepts"),
    ("coffee 5 XYZ", "don't know the currency 'XYZ'"),
    ("split 300 pizza with @alice", "You mentioned yourself"),
    ("spent 20 on tea on 35th march", "couldn't understand the date '35th march'"),
    ("received 500 from @bob refund", "can't be split"),
])
async def test_bad_input_gets_a_specific_reply(chat: ChatHarness, text: str, expected: str) -> None:
    said = await chat.user("alice").say(text, chat="g")
    assert expected in said.text
    assert "Traceback" not in said.text
    assert await chat.entry_count() == 0


async def test_overlong_message_is_refused(chat: ChatHarness) -> None:
    said = await chat.user("alice").say("lunch 100 " + "very " * 2000)
    assert "too long" in said.text


async def test_autosave_saves_confident_parses(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    assert "Auto-save is on" in (await alice.say("autosave on")).text
    said = await alice.say("spent 450 tk on groceries")
    assert "✓ Saved" in said.text and await chat.entry_count() == 1
    unsure = await alice.say("snacks 40")  # no verb, no currency: still a preview
    assert unsure.card.actions
    assert await chat.entry_count() == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("lunch 100 on 31 dec 9999", "The date '31 dec 9999' is out of range"),
    ("31 dec 9999 lunch 100", "The date '31 dec 9999' is out of range"),
    ("lunch 100 on 1 jan 0001", "The date '1 jan 0001' is out of range"),
    ("lunch 100 on 0001-01-01", "The date '0001-01-01' is out of range"),
    ("lunch 100 on 31/12/1999", "The date '31/12/1999' is out of range"),
    ("lunch 100 on 1/1/2099", "The date '1/1/2099' is out of range"),
    ("lunch 100 99999999 days ago", "The date '99999999 days ago' is out of range"),
    ("lunch 100 " + "9" * 3900 + " days ago", "is out of range"),
    ("spent 1e309 on lunch", "'1e309' is not an amount I understand"),
    ("lunch 1E+3 tk", "'1E+3' is not an amount I understand"),
    ("paid 1_000 for lunch", "'1_000' is not an amount I understand"),
    ("900 taxi @karim 1e309", "'1e309' is not an amount I understand"),
    ("settle 1e309 with @karim", "'1e309' is not an amount I understand"),
])
async def test_odd_numbers_and_dates_are_refused_plainly(chat: ChatHarness, text: str, expected: str) -> None:
    said = await chat.user("alice").say(text, chat="g")
    assert expected in said.text, said.text
    assert "reference" not in said.text and "Traceback" not in said.text
    assert await chat.entry_count() == 0


@pytest.mark.parametrize("text", ["summary dec 9999", "summary jan 0000", "export dec 9999", "spending in jan 0001"])
async def test_odd_periods_are_answered_without_a_crash(chat: ChatHarness, text: str) -> None:
    said = await chat.user("alice").say(text)
    assert said.replies and "reference" not in said.text


async def test_an_out_of_range_date_from_any_parser_is_never_stored(chat: ChatHarness, monkeypatch: Any) -> None:
    """A year-1 date used to reach PostgreSQL as -infinity; whichever parser answers, it is refused."""
    async def year_one(text: str, **_: Any) -> Intent:
        return Intent("record_transaction", 0.9, {"amount": "100", "currency": "BDT", "direction": "expense",
                                                  "description": "lunch", "date": "0001-01-01"}, parser="openai")

    monkeypatch.setattr(chat.runtime.services.parser, "parse", year_one)
    said = await chat.user("alice").say("lunch 100 on the first day of the first year")
    assert "The date 0001-01-01 is out of range" in said.text
    assert await chat.entry_count() == 0


@pytest.mark.parametrize(("text", "why"), [
    ("lunch 0.5 JPY", "0.5 JPY has more decimals than JPY uses (no decimals)"),
    ("lunch 10.005 USD", "10.005 USD has more decimals than USD uses (2 decimals)"),
    ("tea 0.0005 KWD", "0.0005 KWD has more decimals than KWD uses (3 decimals)"),
])
async def test_an_amount_finer_than_its_currency_is_refused_not_rounded(chat: ChatHarness, text: str,
                                                                         why: str) -> None:
    said = await chat.user("alice").say(text)
    assert why in said.text
    assert await chat.entry_count() == 0


async def test_an_amount_as_fine_as_its_currency_is_kept_exactly(chat: ChatHarness) -> None:
    said = await chat.user("alice").say("tea 0.125 KWD")
    assert "0.125" in said.card.title

"""Corrections in chat: "actually 550" changes the open preview; after Save, "make it 550" offers old → new and
replaces the entry only when saved."""
from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from core.intents import Intent
from core.nlu.dates import local_today
from tests.harness import ChatHarness


def contract(text: str, now: datetime, tz: str) -> dict[str, Any] | None:
    """What the parser is to make of each correction (issue 14, item 6a)."""
    yesterday = (local_today(now, tz) - timedelta(days=1)).isoformat()
    lines: dict[str, dict[str, Any]] = {
        "actually 550": {"field": "amount", "amount": "550", "currency": None},
        "make it 550": {"field": "amount", "amount": "550", "currency": None},
        "make it 600": {"field": "amount", "amount": "600", "currency": None},
        "no wait it was 550": {"field": "amount", "amount": "550", "currency": None},
        "change the date to yesterday": {"field": "date", "date": yesterday},
        "change last entry category to transport": {"field": "category", "category": "transport", "target": "last"},
    }
    return lines.get(text)


@pytest.fixture(params=["contract", "parser"])
def parsing(request: pytest.FixtureRequest, chat: ChatHarness, monkeypatch: pytest.MonkeyPatch) -> str:
    """"contract": the corrections above parse as the contract says; "parser": as the real parser parses them."""
    if request.param == "contract":
        parser = chat.runtime.services.parser
        real = parser.parse

        async def parse(text: str, **kwargs: Any) -> Intent:
            entities = contract(text, kwargs["now"], kwargs["tz"])
            return Intent("correct_entry", 0.9, entities) if entities else await real(text, **kwargs)

        monkeypatch.setattr(parser, "parse", parse)
    return str(request.param)


def day_shown(chat: ChatHarness, days_ago: int) -> str:
    """A day as cards show it, counted back from today in the deployment's time zone."""
    today = local_today(datetime.now(UTC), chat.runtime.settings.timezone)
    return f"{today - timedelta(days=days_ago):%d %b %Y}"


async def test_actually_changes_the_open_preview(chat: ChatHarness, parsing: str) -> None:
    alice = chat.user("alice")
    await alice.say("spent 450 tk on groceries")
    changed = await alice.say("actually 550")
    assert changed.card.title == "Expense · ৳550.00"
    assert "Changed the amount: ৳450.00 → ৳550.00" in changed.text
    assert changed.fact("What") == "groceries"
    assert await chat.entry_count() == 0
    saved = await alice.press(changed, "Save")
    assert "✓ Saved expense ৳550.00 — groceries" in saved.text
    assert await chat.entry_count() == 1


async def test_no_wait_changes_a_split_preview_and_splits_it_again(chat: ChatHarness, parsing: str) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="trip")
    await alice.say("split 900 taxi with @bob", chat="trip")
    changed = await alice.say("no wait it was 550", chat="trip")
    assert changed.fact("alice's share") == "৳275.00" and changed.fact("bob's share") == "৳275.00"
    await alice.press(changed, "Save", chat="trip")
    assert "bob owes alice ৳275.00" in (await bob.say("balances", chat="trip")).text


async def test_make_it_replaces_the_saved_entry_on_save(chat: ChatHarness, parsing: str) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="trip")
    await alice.press(await alice.say("split 500 taxi with @bob", chat="trip"), "Save", chat="trip")
    card = await alice.say("make it 600", chat="trip")
    assert card.fact("Amount") == "৳500.00 → ৳600.00"
    assert card.fact("bob's share") == "৳250.00 → ৳300.00"
    assert card.fact("Entry") == f"taxi · ৳500.00 · {day_shown(chat, 0)}"
    assert [a.label for a in card.card.actions] == ["Save", "Cancel"]
    assert "bob owes alice ৳250.00" in (await bob.say("balances", chat="trip")).text  # nothing changes before Save

    saved = await alice.press(card, "Save", chat="trip")
    assert "✓ Corrected taxi: amount ৳500.00 → ৳600.00" in saved.text and "bob owes alice ৳300.00" in saved.text
    assert await chat.entry_count() == 1
    assert "bob owes alice ৳300.00" in (await bob.say("balances", chat="trip")).text

    again = await alice.press(card, "Save", chat="trip")
    assert "Already saved" in again.text
    assert await chat.entry_count() == 1


async def test_concurrent_presses_correct_once(chat: ChatHarness, parsing: str) -> None:
    alice = chat.user("alice")
    await alice.press(await alice.say("lunch 500"), "Save")
    card = await alice.say("make it 550")
    results = await asyncio.gather(*(alice.press_key(card.button("Save")) for _ in range(4)))
    assert sum("Already saved" in r.text for r in results) == 3
    assert await chat.entry_count() == 1
    assert "৳550.00" in (await alice.say("summary")).text


async def test_change_the_date_to_yesterday(chat: ChatHarness, parsing: str) -> None:
    alice = chat.user("alice")
    await alice.press(await alice.say("lunch 250"), "Save")
    card = await alice.say("change the date to yesterday")
    assert card.fact("Date") == f"{day_shown(chat, 0)} → {day_shown(chat, 1)}"
    saved = await alice.press(card, "Save")
    assert "✓ Corrected lunch: date" in saved.text
    await alice.say("lunch 100")
    on_preview = await alice.say("change the date to yesterday")
    assert on_preview.fact("Date") == day_shown(chat, 1) and "Changed the date" in on_preview.text


async def test_change_the_last_entry_category_leaves_the_preview_alone(chat: ChatHarness, parsing: str) -> None:
    alice = chat.user("alice")
    await alice.press(await alice.say("spent 300 tk on groceries"), "Save")
    await alice.say("coffee 120")
    card = await alice.say("change last entry category to transport")
    assert card.card.title == "Correct · groceries"
    assert card.fact("Category") == "groceries → transport"
    cancelled = await alice.press(card, "Cancel")
    assert "was not changed" in cancelled.text
    assert await chat.entry_count() == 1


async def test_nothing_to_correct_yet(chat: ChatHarness, parsing: str) -> None:
    said = await chat.user("alice").say("make it 550")
    assert "There's nothing to correct yet" in said.text
    assert await chat.entry_count() == 0


@pytest.mark.parametrize("slip", ["bhul hoise, 550 hobe", "ভুল হইছে, ৫৫০ হবে"])
async def test_a_mistake_owned_the_bengali_way_changes_the_open_preview(chat: ChatHarness, slip: str) -> None:
    alice = chat.user("alice")
    await alice.say("bazar 450 tk")
    changed = await alice.say(slip)
    assert "Changed the amount: ৳450.00 → ৳550.00" in changed.text
    saved = await alice.press(changed, "Save")
    assert "✓ Saved expense ৳550.00" in saved.text
    assert await chat.entry_count() == 1

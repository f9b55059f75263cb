"""Listing entries in chat: a page at a time with Older / Newer, filters in the title, user text shown as text."""
from __future__ import annotations

from typing import Any

import pytest

from core.intents import Intent
from tests.harness import ChatHarness, Said


@pytest.fixture
def parses(chat: ChatHarness, monkeypatch: pytest.MonkeyPatch) -> dict[str, Intent]:
    """Texts the test reads as a given parse (the parser's rules for these phrasings are written separately);
    every other text goes to the real parser."""
    scripted: dict[str, Intent] = {}
    parser = chat.runtime.services.parser
    real = parser.parse

    async def parse(text: str, **kwargs: Any) -> Intent:
        return scripted[text] if text in scripted else await real(text, **kwargs)

    monkeypatch.setattr(parser, "parse", parse)
    return scripted


def _listing(**entities: Any) -> Intent:
    return Intent("list_entries", 0.9, entities)


async def _record(chat: ChatHarness, who: str, text: str, where: str | None = None) -> None:
    person = chat.user(who)
    await person.press(await person.say(text, chat=where), "Save", chat=where)


def _days(said: Said) -> list[str]:
    return [line.split(" · ")[0] for line in said.card.text.splitlines()]


async def test_twelve_entries_five_at_a_time(chat: ChatHarness, parses: dict[str, Intent]) -> None:
    for day in range(1, 13):
        await _record(chat, "alice", f"coffee {10 + day} on {day} jan 2025", "flat")
    await chat.user("bob").say("hi", chat="flat")
    parses["show my last 5 transactions"] = _listing(limit=5)
    alice, bob = chat.user("alice"), chat.user("bob")
    first = await alice.say("show my last 5 transactions", chat="flat")
    assert first.card.title == "Entries"
    assert _days(first) == ["12 Jan 2025", "11 Jan 2025", "10 Jan 2025", "09 Jan 2025", "08 Jan 2025"]
    assert first.card.text.splitlines()[0] == "12 Jan 2025 · coffee (food) · ৳22.00"
    assert first.fact("Showing") == "1–5 of 12"
    assert first.fact("Total spent") == "৳198.00"  # all twelve, not the page
    assert [a.label for a in first.card.actions] == ["Older"]
    second = await alice.press(first, "Older", chat="flat")
    assert second.card.replace
    assert _days(second)[0] == "07 Jan 2025" and second.fact("Showing") == "6–10 of 12"
    assert second.fact("Total spent") == "৳198.00"
    assert [a.label for a in second.card.actions] == ["Newer", "Older"]
    third = await bob.press(second, "Older", chat="flat")  # a list is a read: anyone in the group may page
    assert _days(third) == ["02 Jan 2025", "01 Jan 2025"] and third.fact("Showing") == "11–12 of 12"
    assert third.card.text.splitlines()[-1].endswith("· paid by alice")  # bob is reading: alice paid
    assert [a.label for a in third.card.actions] == ["Newer"]
    back = await alice.press(third, "Newer", chat="flat")
    assert back.fact("Showing") == "6–10 of 12" and "paid by" not in back.card.text


async def test_search_names_the_filter_and_finds_by_description(chat: ChatHarness, parses: dict[str, Intent]) -> None:
    await _record(chat, "alice", "shwapno groceries 450 on 3 jan 2025")
    await _record(chat, "alice", "meena bazar 300 on 5 feb 2025")
    parses["find shwapno"] = _listing(search="shwapno")
    said = await chat.user("alice").say("find shwapno")
    assert said.card.title == "Entries · “shwapno”"
    assert said.card.text == "03 Jan 2025 · shwapno groceries (groceries) · ৳450.00"
    assert said.fact("Total spent") == "৳450.00" and said.card.actions == []
    parses["find daraz"] = _listing(search="daraz")
    assert (await chat.user("alice").say("find daraz")).text.startswith("No entries match “daraz”")


async def test_entries_with_a_person_in_a_period(chat: ChatHarness, parses: dict[str, Intent]) -> None:
    await chat.user("bob").say("hi", chat="trip")
    await _record(chat, "alice", "split 900 taxi with @bob", "trip")
    await _record(chat, "alice", "dinner 200", "trip")
    await _record(chat, "bob", "lunch 300 on 4 jan 2025", "trip")
    await _record(chat, "alice", "hotel 300 on 5 jan 2025", "trip")
    parses["entries with @bob"] = _listing(mentions=["bob"])
    said = await chat.user("alice").say("entries with @bob", chat="trip")
    assert said.card.title == "Entries · with bob"
    assert [line.split(" · ")[1] for line in said.card.text.splitlines()] == ["taxi (transport)", "lunch (food)"]
    assert said.card.text.splitlines()[1].endswith("৳300.00 · paid by bob")
    parses["entries with @bob in january 2025"] = _listing(
        mentions=["bob"], period={"start": "2025-01-01", "end": "2025-01-31"})
    january = await chat.user("alice").say("entries with @bob in january 2025", chat="trip")
    assert january.card.title == "Entries · with bob · January 2025"
    assert _days(january) == ["04 Jan 2025"]
    parses["entries with @zed"] = _listing(mentions=["zed"])
    assert "I don't know anyone called zed" in (await chat.user("alice").say("entries with @zed", chat="trip")).text


async def test_income_only(chat: ChatHarness, parses: dict[str, Intent]) -> None:
    await _record(chat, "alice", "received salary 50000 on 1 jan 2025")
    await _record(chat, "alice", "lunch 100 on 2 jan 2025")
    parses["show my income"] = _listing(direction="income")
    said = await chat.user("alice").say("show my income")
    assert said.card.title == "Income"
    assert len(said.card.text.splitlines()) == 1 and "৳50,000.00" in said.card.text
    assert said.fact("Total received") == "৳50,000.00" and "Total spent" not in dict(said.card.facts)
    parses["show my settlements"] = _listing(direction="settlement")
    assert (await chat.user("alice").say("show my settlements")).text.startswith("No entries match settlements")


async def test_a_description_is_shown_as_text_never_as_markup(chat: ChatHarness, parses: dict[str, Intent]) -> None:
    from bots.teams.cards import adaptive_card
    from bots.telegram.render import render_card

    parses["<script>alert(1)</script> 120"] = Intent("record_transaction", 0.9, {
        "amount": "120", "currency": "BDT", "direction": "expense", "description": "<script>alert(1)</script>",
        "category": "food"})
    await _record(chat, "alice", "<script>alert(1)</script> 120")
    parses["list"] = _listing()
    card = (await chat.user("alice").say("list")).card
    assert "<script>alert(1)</script> (food) · ৳120.00" in card.text
    html = render_card(card).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "<script>" in str(adaptive_card(card))  # Teams shows TextBlocks as text: no HTML is interpreted


async def test_nothing_recorded_and_a_limit_out_of_range(chat: ChatHarness, parses: dict[str, Intent]) -> None:
    parses["list"] = _listing()
    assert "Nothing is recorded in this chat yet" in (await chat.user("alice").say("list")).text
    parses["list 500"] = _listing(limit=500)
    assert "1 to 50 entries" in (await chat.user("alice").say("list 500")).text


async def test_a_private_list_is_only_mine(chat: ChatHarness, parses: dict[str, Intent]) -> None:
    await _record(chat, "alice", "lunch 100")
    await _record(chat, "bob", "taxi 999")
    parses["list"] = _listing()
    said = await chat.user("alice").say("list")
    assert "lunch" in said.card.text and "taxi" not in said.card.text


async def test_asked_in_words(chat: ChatHarness) -> None:
    """As the parser reads it today (no scripted parse)."""
    for day in range(1, 8):
        await _record(chat, "alice", f"coffee {10 + day} on {day} jan 2025")
    said = await chat.user("alice").say("show my last 5 transactions")
    assert said.fact("Showing") == "1–5 of 7" and said.fact("Total spent") == "৳98.00"
    assert [a.label for a in said.card.actions] == ["Older"]


async def test_a_charge_asked_after_by_its_amount_lists_the_entries_of_that_amount(chat: ChatHarness) -> None:
    """As the parser reads it today: "whats this 12.99 charge" finds the 12.99 entries, none other."""
    await _record(chat, "alice", "netflix 12.99 on 3 jan 2025")
    await _record(chat, "alice", "coffee 13 on 4 jan 2025")
    await _record(chat, "alice", "spotify 12.99 on 5 jan 2025")
    said = await chat.user("alice").say("whts this 12.99 charge")
    assert said.card.title.startswith("Entries · amount 12.99")
    assert _days(said) == ["05 Jan 2025", "03 Jan 2025"]
    assert said.fact("Total spent") == "৳25.98"
    assert (await chat.user("alice").say("what is this 7 charge")).text.startswith("No entries match amount 7")


async def test_the_list_command_from_the_menu_with_a_count(chat: ChatHarness) -> None:
    """As the parser reads it today: "/list 2" (the Telegram menu's command) is the list card, never a record of 2."""
    for day in range(1, 4):
        await _record(chat, "alice", f"bus {40 + day} on {day} jan 2025")
    said = await chat.user("alice").say("/list 2")
    assert said.card.title == "Entries" and _days(said) == ["03 Jan 2025", "02 Jan 2025"]
    assert said.fact("Total spent") == "৳126.00"  # "bus 41", "bus 42", "bus 43": each note a record of its fare

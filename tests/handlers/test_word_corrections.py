"""A word of the description put right ("it was dinner not lunch", "oita lunch na dinner chilo"): on the open preview
at once, on the last saved entry as a correction to save; the rest of the description stays."""
from __future__ import annotations

from tests.harness import ChatHarness


async def test_a_word_of_the_open_preview_is_put_right_and_the_rest_kept(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.say("lunch at pizza place 450")
    changed = await alice.say("it was dinner not lunch")
    assert "Changed the description: lunch at pizza place → dinner at pizza place" in changed.text
    assert changed.fact("What") == "dinner at pizza place"
    assert await chat.entry_count() == 0
    saved = await alice.press(changed, "Save")
    assert "✓ Saved expense ৳450.00 — dinner at pizza place" in saved.text


async def test_a_word_of_the_saved_entry_is_put_right_when_the_correction_is_saved(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.press(await alice.say("lunch 250"), "Save")
    card = await alice.say("oita lunch na dinner chilo")
    assert card.fact("Description") == "lunch → dinner"
    saved = await alice.press(card, "Save")
    assert "✓ Corrected lunch: description lunch → dinner" in saved.text
    assert "dinner" in (await alice.say("show my last 5 transactions")).text


async def test_a_word_the_description_does_not_hold_is_said_so(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.say("taxi home 300")
    said = await alice.say("it was dinner not lunch")
    assert 'The description is "taxi home", with no "lunch" in it' in said.text
    kept = await alice.say("actually 350")
    assert kept.fact("What") == "taxi home"


async def test_a_capital_is_kept_and_the_word_put_right_wherever_it_stands(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.say("Lunch box and lunch 450")
    changed = await alice.say("it was dinner not lunch")
    assert changed.fact("What") == "Dinner box dinner"

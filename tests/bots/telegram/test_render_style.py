"""`Card.style` in Telegram, which has no colours: a mark before the title."""
from __future__ import annotations

from bots.telegram.render import render_card
from core.replies import Card


def test_the_style_is_a_mark_before_the_title() -> None:
    assert render_card(Card("Batch stuck: BMHHS", style="attention")).text == "🚨 <b>Batch stuck: BMHHS</b>"
    assert render_card(Card("Batch recovered", style="good")).text.startswith("✅ <b>")
    assert render_card(Card("Balances")).text == "<b>Balances</b>"

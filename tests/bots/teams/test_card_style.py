"""`Card.style` in Teams: a coloured title and the card's text and facts on a band of that colour, still valid 1.5."""
from __future__ import annotations

import json

import jsonschema

from bots.teams.cards import adaptive_card
from core.replies import Card, Section
from tests.data import ADAPTIVE_CARD_1_5


def test_an_urgent_card_is_coloured_and_valid() -> None:
    validator = jsonschema.Draft6Validator(json.loads(ADAPTIVE_CARD_1_5.read_text()))
    card = Card("Batch stuck: BMHHS #1001", text="records not increasing since 11:00", style="attention",
                facts=[("RPS", "🔴 8.54")], sections=[Section("Compared with the previous check", [("Trend", "↘")])])
    built = adaptive_card(card)
    assert not list(validator.iter_errors(built))
    title, band, section = built["body"]
    assert title["type"] == "TextBlock" and title["color"] == "Attention"
    assert band["type"] == "Container" and band["style"] == "attention"
    assert [item["type"] for item in band["items"]] == ["TextBlock", "FactSet"]
    assert section["items"][0]["text"] == "Compared with the previous check"
    plain = adaptive_card(Card("Balances", facts=[("a", "b")]))
    assert "color" not in plain["body"][0] and plain["body"][1]["type"] == "FactSet"

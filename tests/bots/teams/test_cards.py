"""Every card the product can send is a valid Adaptive Card 1.5 (the official schema), under Teams' 28 KB."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from app.cards import SCRIPT, dump
from bots.teams.cards import MAX_BYTES, adaptive_card, plain
from core.replies import Action, Card, Section
from tests.data import ADAPTIVE_CARD_1_5

SCHEMA_PATH = ADAPTIVE_CARD_1_5


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft6Validator:
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.Draft6Validator.check_schema(schema)
    return jsonschema.Draft6Validator(schema)


def assert_valid(validator: jsonschema.Draft6Validator, card: dict) -> None:  # type: ignore[type-arg]
    errors = sorted(validator.iter_errors(card), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


async def test_every_dumped_card_kind_is_valid(tmp_path: Path, validator: jsonschema.Draft6Validator) -> None:
    written = await dump(tmp_path)
    assert {p.stem for p in written} == {kind for *_, kind in SCRIPT if kind}
    for path in written:
        card = json.loads(path.read_text())
        assert_valid(validator, card)
        assert len(path.read_bytes()) <= MAX_BYTES
        assert card["version"] == "1.5" and card["body"][0]["type"] == "TextBlock"
    preview = json.loads((tmp_path / "ledger_preview.json").read_text())
    actions = next(item for item in preview["body"] if item["type"] == "ActionSet")["actions"]
    assert [a["title"] for a in actions] == ["Save", "Change category", "Cancel"]
    assert all(a["type"] == "Action.Execute" and set(a["data"]) == {"key"} for a in actions)
    choice = json.loads((tmp_path / "category_choice.json").read_text())
    dropdown = next(item for item in choice["body"] if item["type"] == "Input.ChoiceSet")
    assert len(dropdown["choices"]) == 11 and dropdown["isRequired"] is True
    assert [item["type"] for item in choice["body"]][-2:] == ["Input.ChoiceSet", "ActionSet"]


def test_more_actions_than_teams_shows_become_a_dropdown(validator: jsonschema.Draft6Validator) -> None:
    categories = [Action("ledger.set_category", name.title(), key=f"card.{n}")
                  for n, name in enumerate(["food", "rent", "transport", "health", "other"])]
    card = Card("Category?", actions=[*categories, Action("ledger.cancel", "Cancel", key="card.5")])
    built = adaptive_card(card)
    assert_valid(validator, built)
    dropdown, execute, buttons = built["body"][1:]
    assert [(c["title"], c["value"]) for c in dropdown["choices"]][2] == ("Transport", "card.2")
    assert execute["actions"] == [{"type": "Action.Execute", "title": "OK", "verb": "choose",
                                   "data": {"input": dropdown["id"]}}]
    assert [a["title"] for a in buttons["actions"]] == ["Cancel"]
    few = adaptive_card(Card("Category?", actions=categories))
    assert [item["type"] for item in few["body"]] == ["TextBlock", "ActionSet"], "five buttons stay buttons"


def test_the_validator_catches_a_broken_card(validator: jsonschema.Draft6Validator) -> None:
    broken = adaptive_card(Card("x"))
    broken["body"][0]["type"] = "TextBlok"
    assert list(validator.iter_errors(broken))


def test_huge_card_is_shortened_and_stays_valid(validator: jsonschema.Draft6Validator) -> None:
    card = Card("Recharges", facts=[(f"2026-01-{i % 28 + 1:02d} · BKASH", "৳1,000.00") for i in range(900)],
                sections=[Section(f"Month {i}", [("kWh", "123.4")]) for i in range(50)],
                actions=[Action("lookup.info", "Info", key="k1")])
    built = adaptive_card(card)
    assert len(json.dumps(built, ensure_ascii=False).encode()) <= MAX_BYTES
    assert "…and" in json.dumps(built, ensure_ascii=False) and " more" in built["body"][-2]["text"]
    assert_valid(validator, built)


def test_user_text_is_not_markdown() -> None:
    assert plain("*bold* [link](http://x) _it_") == r"\*bold\* \[link\](http://x) \_it\_"
    assert plain("- not a list") == r"\- not a list"

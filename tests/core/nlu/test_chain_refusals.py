"""A message the rules must refuse ("31 dec 9999", "1e309") is not handed to the LLM, which could only drop the
odd value and have the entry recorded with today's date or another amount."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.intents import Intent
from core.nlu.chain import ParserChain
from core.nlu.rules import RuleParser
from core.turn import Mention

NOW = datetime(2026, 3, 18, 9, 30, tzinfo=UTC)


class ForgetfulModel:
    """Answers every message as a plain 100 expense of today."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    async def parse(self, text: str, *, mentions: list[Mention], now: datetime, tz: str,
                    user_key: str = "") -> Intent:
        self.asked.append(text)
        return Intent("record_transaction", 0.9, {"amount": "100", "currency": None, "direction": "expense"},
                      parser="openai")


@pytest.mark.parametrize(("text", "refused"), [
    ("lunch 100 on 31 dec 9999", "date_out_of_range"),
    ("lunch 100 on 35th march", "date_text"),
    ("lunch 1E+3 tk", "amount_text"),
    ("coffee 100 XYZ", "currency_text"),
])
async def test_a_value_to_refuse_keeps_the_rules_answer(text: str, refused: str) -> None:
    model = ForgetfulModel()
    chain = ParserChain(RuleParser(), model, threshold=0.99)
    intent = await chain.parse(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    assert refused in intent.entities and intent.parser == "rules"
    assert model.asked == []


async def test_an_unsure_parse_without_odd_values_still_asks_the_model() -> None:
    model = ForgetfulModel()
    chain = ParserChain(RuleParser(), model, threshold=0.99)
    intent = await chain.parse("snacks 40", mentions=[], now=NOW, tz="Asia/Dhaka")
    assert intent.parser == "openai" and model.asked == ["snacks 40"]

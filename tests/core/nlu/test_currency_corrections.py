"""A currency put right ("make it usd not taka") as the offline parser reads it, and look-alikes that are not."""
from __future__ import annotations

from datetime import date

import pytest

from core.services.ledger_requests import CorrectionRequest
from tests.core.nlu.reading import read


@pytest.mark.parametrize(("text", "currency", "target"), [
    ("make it usd not taka", "USD", None), ("it was dollars not taka", "USD", None), ("make it $", "USD", None),
    ("it was in euros", "EUR", None), ("currency ta usd hobe", "USD", None), ("taka na dollar", "USD", None),
    ("oops, currency is usd", "USD", None), ("make it yen", "JPY", None),
    ("change the currency of the last entry to eur", "EUR", "last"),
    ("change last entry currency to usd", "USD", "last"),
    ("make last entry usd", "USD", "last"), ("last entry ta usd hobe", "USD", "last"), ("tk na dollar", "USD", None),
    ("usd na bdt", "BDT", None), ("dollar hobe, taka na", "USD", None), ("usd, not taka", "USD", None),
    ("not taka, usd", "USD", None), ("actually usd", "USD", None), ("it’s usd", "USD", None),
    ("make it usd instead of taka", "USD", None), ("wrong currency, should be usd", "USD", None)])
def test_a_currency_put_right(text: str, currency: str, target: str | None) -> None:
    intent, entities = read(text)
    assert (intent, entities["field"], entities["currency"], entities.get("target")) == (
        "correct_entry", "currency", currency, target)


@pytest.mark.parametrize(("text", "intent"), [
    ("change currency to usd", "settings"), ("make it 550", "correct_entry"), ("make it happen", "unknown"),
    ("it was nice", "unknown"), ("make it USD not USD", "unknown"), ("it was try not taka", "unknown"),
    ("taka na dibo", "unknown"), ("currency is usd", "unknown"), ("IT WAS BAD", "unknown"), ("ITS ALL", "unknown"),
    ("MAKE IT TOP", "unknown"), ("make it XXX", "unknown"), ("tk 500 lunch", "record_transaction"),
    ("not bad", "unknown")])
def test_look_alikes_are_not_a_currency_put_right(text: str, intent: str) -> None:
    name, entities = read(text)
    assert name == intent and entities.get("field") != "currency"


def test_the_currency_it_was_said_not_to_be_is_kept() -> None:
    assert read("make it usd not euro")[1]["currency_was"] == "EUR"


@pytest.mark.parametrize(("entities", "field"), [({"currency": "USD"}, "currency"),
                                                 ({"amount": "550", "currency": "USD"}, "amount")])
def test_a_model_answer_with_a_currency_alone_corrects_the_currency(entities: dict[str, str], field: str) -> None:
    assert CorrectionRequest.from_entities(entities, today=date(2026, 3, 20)).field == field

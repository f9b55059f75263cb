"""A currency put right ("make it usd not taka") as the offline parser reads it, and look-alikes that are not."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import read


@pytest.mark.parametrize(("text", "currency", "target"), [
    ("make it usd not taka", "USD", None), ("it was dollars not taka", "USD", None), ("make it $", "USD", None),
    ("it was in euros", "EUR", None), ("currency ta usd hobe", "USD", None), ("taka na dollar", "USD", None),
    ("oops, currency is usd", "USD", None), ("make it yen", "JPY", None),
    ("change the currency of the last entry to eur", "EUR", "last")])
def test_a_currency_put_right(text: str, currency: str, target: str | None) -> None:
    intent, entities = read(text)
    assert (intent, entities["field"], entities["currency"], entities.get("target")) == (
        "correct_entry", "currency", currency, target)


@pytest.mark.parametrize(("text", "intent"), [
    ("change currency to usd", "settings"), ("make it 550", "correct_entry"), ("make it happen", "unknown"),
    ("it was nice", "unknown"), ("make it USD not USD", "unknown"), ("it was try not taka", "unknown"),
    ("taka na dibo", "unknown")])
def test_look_alikes_are_not_a_currency_put_right(text: str, intent: str) -> None:
    name, entities = read(text)
    assert name == intent and entities.get("field") != "currency"

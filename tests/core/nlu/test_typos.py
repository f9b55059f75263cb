"""Slips of the words ledger questions turn on are put right; English words, names and the rest stay as typed."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.parsing import intent_classifier
from core.nlu.offline import OfflineParser
from core.nlu.rules import RuleParser
from core.nlu.typos import Speller

NOW = datetime(2026, 3, 20, 10, tzinfo=UTC)
PARSER = OfflineParser(RuleParser(bot_names=frozenset({"Switchboard"})), intent_classifier())
SPELLER = Speller()


@pytest.mark.parametrize(("text", "right"), [
    ("how much did i sepnd this mnth", "how much did i spend this month"),  # swapped, dropped
    ("show my recent transcations", "show my recent transactions"),
    ("am i over my buget", "am i over my budget"),
    ("spennt 200 on lunch", "spent 200 on lunch"),  # a letter added
    ("Show My Lst 5 Purchses", "Show My Lst 5 purchases"),  # only the slip changes, in lower case
])
def test_slips_of_key_words_are_put_right(text: str, right: str) -> None:
    assert SPELLER.correct(text) == right


@pytest.mark.parametrize("text", [
    "how much did i send to mom",  # "send" and "sending" are words, one slip from "spend" and "spending"
    "i was sending money home", "a moth in the kitchen", "change my pin",
    "@spnt owes me 200",  # a handle is a name
    "koto khoroch holo ei mashe",
    "cust 30000005 er balance koto",  # how utility staff write "customer"; not a slip of "cost"
    "thats 500 for lunch", "weve spent 2000 on groceries", "totan owes me 500",  # contractions and names
    "latkes 300", "edger 200", "valance 900",  # words two slips away, or slipped on the first letter
    "@bob.totan owes me 500", "/link PURCHAZE",  # a handle, a command's code
])
def test_words_and_names_stay_as_typed(text: str) -> None:
    assert SPELLER.correct(text) is text


@pytest.mark.parametrize(("text", "name", "entities"), [
    ("hw much did i sepnd this mnth", "spending_summary", {"period": {"start": "2026-03-01", "end": "2026-03-31"}}),
    ("how much did i spnd on grocerys last week", "spending_summary",
     {"category": "groceries", "period": {"start": "2026-03-09", "end": "2026-03-15"}}),
    ("spnt 230 on bread n eggs", "record_transaction", {"amount": "230"}),
    ("whts this 12.99 charge", "list_entries", {}),  # a question, not a 12.99 expense
    ("cust 30000005 er balance koto", "customer_lookup", {"query": "30000005"}),
])
def test_a_message_with_slips_is_understood(text: str, name: str, entities: dict[str, object]) -> None:
    intent = PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    assert intent.name == name
    assert {key: intent.entities.get(key) for key in entities} == entities

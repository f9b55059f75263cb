"""The classifier beside the rules: it may turn an unsure write down or name a read, never propose a write."""
from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from app.parsing import intent_classifier
from core.intents import WRITE_INTENTS
from core.nlu.classifier import MODEL_PATH, IntentClassifier
from core.nlu.offline import OfflineParser
from core.nlu.rules import RuleParser
from tests.data import CLINC150

NOW = datetime(2026, 3, 20, 10, tzinfo=UTC)
RULES = RuleParser(bot_names=frozenset({"Switchboard"}))
PARSER = OfflineParser(RULES, intent_classifier())


def test_the_committed_model_is_small_and_knows_our_intents() -> None:
    assert MODEL_PATH.stat().st_size <= 5 * 1024 * 1024
    model = IntentClassifier.load()
    assert {"list_entries", "spending_summary", "record_transaction", "not_ours"} <= set(model.labels)


def test_questions_the_rules_miss_are_read_by_the_classifier_with_the_rules_entities() -> None:
    text = "show me all video games purchased"
    assert RULES.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka").name == "unknown"
    parsed = PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    assert (parsed.name, parsed.parser) == ("list_entries", "classifier")
    assert parsed.entities["category"] == "entertainment"
    assert "classifier" in parsed.reason


def test_the_classifier_never_proposes_a_write_on_its_own() -> None:
    requests = [text for text, _ in json.loads(CLINC150.read_text())["val"]]
    for text in requests:
        parsed = PARSER.parse_sync(text, mentions=[], now=NOW, tz="UTC")
        if parsed.parser == "classifier":
            assert parsed.name not in WRITE_INTENTS, text


def test_an_unsure_write_that_reads_as_someone_elses_request_is_turned_down() -> None:
    text = "book 2 tickets for 7"
    ruled = RULES.parse_sync(text, mentions=[], now=NOW, tz="UTC")
    parsed = PARSER.parse_sync(text, mentions=[], now=NOW, tz="UTC")
    assert parsed.name not in WRITE_INTENTS
    if ruled.name in WRITE_INTENTS:  # the veto, not the rules, kept it out
        assert "turned down" in parsed.reason


def test_a_sure_write_is_not_second_guessed() -> None:
    parsed = PARSER.parse_sync("spent 450 tk on groceries", mentions=[], now=NOW, tz="UTC")
    assert (parsed.name, parsed.entities["amount"], parsed.parser) == ("record_transaction", "450", "rules")


def test_a_refusal_stands_whatever_the_classifier_thinks() -> None:
    parsed = PARSER.parse_sync("1e309 taka lunch", mentions=[], now=NOW, tz="UTC")
    assert parsed.entities.get("amount_text") == "1e309"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_gets_an_answer(text: str) -> None:
    parsed = PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    assert parsed.name


def test_an_orders_or_a_parcels_number_is_no_customer_to_look_up() -> None:
    for text in ("order #4410023 status", "tracking no 77812399", "parcel 30000005 kothay"):
        assert PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka").name != "customer_lookup", text
    for text in ("30000005 status", "30000005 er balance koto"):
        assert PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka").name == "customer_lookup", text

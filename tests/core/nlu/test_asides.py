"""Greetings, "can you tell me" and "thanks" around a request change nothing of how it is read."""
from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from app.parsing import intent_classifier
from core.intents import WRITE_INTENTS
from core.nlu.asides import without_asides
from core.nlu.offline import OfflineParser
from core.nlu.rules import RuleParser

NOW = datetime(2026, 3, 20, 10, tzinfo=UTC)
PARSER = OfflineParser(RuleParser(bot_names=frozenset({"Switchboard"})), intent_classifier())
RULES = RuleParser(bot_names=frozenset({"Switchboard"}))


@pytest.mark.parametrize(("text", "asked"), [
    ("hey can you tell me what i spent", "what i spent"),
    ("Hey, quick question: txns this week? Thanks!", "txns this week?"),
    ("ok so did i pay mike back", "did i pay mike back"),
    ("i need to know how much i spent on food thank you so much", "how much i spent on food"),
    ("what did i spend pls", "what did i spend"),
    ("Please transfer 50 dollars to Andreas", "transfer 50 dollars to Andreas"),
])
def test_asides_are_taken_off(text: str, asked: str) -> None:
    assert without_asides(text) == asked


@pytest.mark.parametrize("text", ["so far this month what did i spend", "thanks", "hey", "please",
                                  "bob paid 400 for me", "tell me"])
def test_a_request_of_its_own_stays_as_typed(text: str) -> None:
    assert without_asides(text) is text


@pytest.mark.parametrize(("text", "plain"), [
    ("hey can you tell me what i spent on groceries last month thanks", "what i spent on groceries last month"),
    ("i'd like to know what did i spend at amazon on black friday", "what did i spend at amazon on black friday"),
    ("quick question, how much did the dinner at olive garden cost", "how much did the dinner at olive garden cost"),
    ("i need to know is my rent payment for this month in there", "is my rent payment for this month in there"),
    ("can you tell me when did i last pay my water bill", "when did i last pay my water bill"),
    ("list my paychecks from this year please", "list my paychecks from this year"),
])
def test_a_question_with_asides_is_read_as_without(text: str, plain: str) -> None:
    with_asides = PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    without = PARSER.parse_sync(plain, mentions=[], now=NOW, tz="Asia/Dhaka")
    assert with_asides.name == without.name != "unknown"
    assert with_asides.entities == without.entities


@pytest.mark.parametrize(("text", "not_this"), [
    ("please what's the $12.99 charge from tuesday", "record_transaction"),  # a question, not a $12.99 expense
    ("ok so did i pay mike back for dinner", "settle_up"),  # asked, not a settlement
])
def test_an_aside_does_not_turn_a_question_into_a_write(text: str, not_this: str) -> None:
    assert PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka").name != not_this
    assert RULES.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka").name != not_this


@pytest.mark.parametrize(("text", "name"), [
    ("hello, anyone there", "smalltalk"), ("hey there", "smalltalk"), ("thank you so much", "smalltalk"),
    ("hey, help", "help"), ("hey txns?", "list_entries"), ("txns thanks", "list_entries"),
])
def test_greetings_and_thanks_alone_are_small_talk_and_around_one_word_they_are_asides(text: str, name: str) -> None:
    assert PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka").name == name


def test_a_long_message_ending_in_thanks_is_read_in_no_time() -> None:
    """The trailing aside is looked for near the end: a search from every start would be quadratic."""
    started = time.perf_counter()
    for _ in range(20):
        without_asides("." * 8000 + "x thanks")
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(("text", "amount"), [
    ("ajke lunch 250 dilam, total koto", "250"), ("lunch 250, total koto hoilo", "250"),
    ("paid 500 for bazar. what's my total now?", "500"), ("rickshaw 60 add koro, ajke total koto", "60"),
])
def test_a_record_with_the_total_asked_after_it_is_the_record(text: str, amount: str) -> None:
    intent = PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    assert (intent.name, intent.entities["amount"]) == ("record_transaction", amount)


@pytest.mark.parametrize("text", ["ei mashe total koto", "how much did i spend in march, total how much"])
def test_a_total_asked_with_nothing_to_record_stays_a_question(text: str) -> None:
    assert PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka").name == "spending_summary"


def test_a_count_before_a_total_asked_records_nothing() -> None:
    """"3 items, total koto": no amount to record (whether it is read as a summary rests on the classifier)."""
    assert PARSER.parse_sync("3 items, total koto", mentions=[], now=NOW, tz="Asia/Dhaka").name not in WRITE_INTENTS


@pytest.mark.parametrize(("text", "intent"), [
    ("lunch 250, dinner 400, total koto", "unknown"), ("3 ta burger 250 kore, total koto", "spending_summary"),
    ("burger 250 each for 3 people, total how much", "spending_summary"), ("i owe rahim 500, total koto", "balances"),
    ("rahim owes me 500, total koto", "balances"),
])
def test_several_amounts_or_a_debt_before_the_total_are_no_single_record(text: str, intent: str) -> None:
    assert PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka").name == intent


def test_a_total_asked_many_times_is_read_once() -> None:
    started = time.perf_counter()
    intent = RULES.parse_sync("লাঞ্চ ২৫০" + ",মোট কত" * 569, mentions=[], now=NOW, tz="Asia/Dhaka")
    assert intent.name == "record_transaction" and time.perf_counter() - started < 1.0  # it was 2.3 s: one parse each

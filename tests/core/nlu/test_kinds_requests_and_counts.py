"""Income put for an expense (or the other way round) is a correction of the entry's kind, a request to record keeps
no request word in the description, a count before "for" a price is no amount, and a mistake owned before a
correction still corrects: as the offline parser reads them."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import read as parse


@pytest.mark.parametrize(("text", "kind"), [
    ("make it income instead of expense", "income"), ("that was income not expense", "income"),
    ("it should be income", "income"), ("mark it as income", "income"), ("not an expense, it's income", "income"),
    ("Income, not expense.", "income"), ("make it an expense", "expense"), ("that's an expense not income", "expense"),
    ("oita income chilo, expense na", "income"), ("khoroch na, income", "income"), ("income hisabe rakho", "income"),
    ("আয় হবে, খরচ না", "income"), ("এটা আয়, খরচ না", "income"), ("it’s income", "income"),
    ("not expense, income", "income"), ("the type should be income", "income"), ("convert it to income", "income"),
])
def test_the_kind_put_right(text: str, kind: str) -> None:
    assert parse(text) == ("correct_entry", {"field": "direction", "direction": kind})


def test_the_last_entry_kind_put_right_targets_it() -> None:
    assert parse("the last entry should be income") == (
        "correct_entry", {"field": "direction", "direction": "income", "target": "last"})


@pytest.mark.parametrize("text", ["income", "income not income", "my income this year", "it was income tax",
                                  "income koto", "no income", "no expenses", "nope, no income"])
def test_no_kind_to_put_right(text: str) -> None:
    assert parse(text)[0] != "correct_entry"


@pytest.mark.parametrize(("text", "description"), [
    ("add netflix 500", "netflix"), ("log expense: uber 320", "uber"), ("put down 300 for taxi", "taxi"),
    ("can u record an expense 15$ netflix", "netflix"), ("add 300 as expense for medicines", "medicines"),
    ("record 60 pounds spent at tesco", "tesco"), ("record player 5000", "record player"),
    ("track pants 1200", "track pants"), ("bought note book 120", "note book"), ("note down 300 for taxi", "taxi"),
])
def test_a_request_word_is_no_part_of_the_description(text: str, description: str) -> None:
    name, entities = parse(text)
    assert (name, entities["description"]) == ("record_transaction", description)


def test_a_request_alone_leaves_the_description_to_the_category() -> None:
    name, entities = parse("record income 5000")
    assert (name, entities["amount"], entities["direction"]) == ("record_transaction", "5000", "income")
    assert "description" not in entities


@pytest.mark.parametrize(("text", "amount"), [
    ("add 220 for rickshaw to karwan bazar", "220"), ("Can you put down 1200 for the doctor visit today", "1200"),
    ("bought 200 bricks for 9000", "9000"), ("bought 2 hundred bricks for 9000", "9000"),
    ("bought two hundred bricks for 9000", "9000"), ("spent 3 hundred on textbooks", "300"),
    ("bought 200 bricks for BDT 9000", "9000"), ("paid 5000 bills for 2 months", "5000"),
    ("paid 3500 salaries for 2 staff", "3500"), ("gave 500 tips for 2 waiters", "500"),
])
def test_the_amount_asked_to_be_recorded(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"]) == ("record_transaction", amount)


@pytest.mark.parametrize("text", ["add milk to my shopping list", "add 2 eggs to my shopping list",
                                  "add a meeting at 5 pm to my calendar", "put down 3 names for the quiz",
                                  "postcode 1207", "৩ তলার ফ্ল্যাটে পানি নাই",
                                  "log 5 hours of overtime for the zone 4 outage yesterday",
                                  "note: generator fuel 40 litre used in zone 3 substation tonight",
                                  "add 3 more members to whatsapp group for the trip", "add 500 to my savings"])
def test_no_record_asked(text: str) -> None:
    assert parse(text)[0] != "record_transaction"


@pytest.mark.parametrize(("text", "entities"), [
    ("edit last entry: category food", {"field": "category", "category": "food", "target": "last"}),
    ("correct it to 38,500", {"field": "amount", "amount": "38500", "currency": None}),
    ("actually 1450 chilo, not 1350", {"field": "amount", "amount": "1450", "currency": None}),
    ("wrong category, put it under utilities", {"field": "category", "category": "utilities"}),
    ("oops thats wrong, it was on the 14th", {"field": "date", "date": "2026-03-14"}),
    ("description ta change koro - Rina bday cake", {"field": "description", "description": "Rina bday cake"}),
    ("wrong date, should be 12", {"field": "date", "date": "2026-03-12"}),
    ("wrong category, should be transport", {"field": "category", "category": "transport"}),
    ("1450 chilo, not 1350", {"field": "amount", "amount": "1450", "currency": None}),
])
def test_corrections_said_after_a_mistake_owned(text: str, entities: dict[str, object]) -> None:
    assert parse(text) == ("correct_entry", entities)


@pytest.mark.parametrize(("text", "intent"), [
    ("undo, posted twice 🤦", "undo_last"), ("undo that, wrong group", "undo_last"), ("haha ok", "smalltalk"),
    ("shukriya", "smalltalk"), ("gn all", "smalltalk"), ("ki ki command ache?", "help"),
])
def test_short_replies(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize("text", ["wrong category, it was 500", "undo that, wrong category, should be transport",
                                  "undo, wrong, make it five hundred", "update it to 2.0",
                                  "undo put me in trouble lol"])
def test_no_amount_put_right_and_nothing_undone(text: str) -> None:
    name, entities = parse(text)
    assert name != "undo_last" and "amount" not in entities

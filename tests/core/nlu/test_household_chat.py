"""A household's and friends' chat in Bengali-English: amounts put right the Bengali way, debts paid back in more
words, proposals and hearsay that set or record nothing, as the offline parser reads them."""
from __future__ import annotations

from typing import Any

import pytest

from tests.core.nlu.reading import read as parse


@pytest.mark.parametrize(("text", "amount"), [
    ("ভুল হইছে, ৩২০০ না ২৩০০", "2300"), ("bhul hoise, 250 na 2500", "2500"), ("na 1200 na 1020 hobe", "1020"),
    ("2500 not 250", "2500"), ("ota 500 na 5000 chilo", "5000"), ("na na oita 350 chilo, 530 na", "350"),
])
def test_in_bengali_na_follows_the_amount_it_denies(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities["field"], entities["amount"]) == ("correct_entry", "amount", amount)


@pytest.mark.parametrize(("text", "expected"), [
    ("last entry ta 2000 koro", {"field": "amount", "amount": "2000", "currency": None, "target": "last"}),
    ("oi entry te description 'hotel advance' lekho", {"field": "description", "description": "hotel advance"}),
])
def test_the_last_entry_put_right_in_bengali_english(text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == ("correct_entry", expected)


def test_the_last_one_removed_in_bengali_script() -> None:
    assert parse("শেষেরটা বাদ দাও")[0] == "undo_last"


@pytest.mark.parametrize(("text", "mentions", "payer"), [
    ("sabbir amar 300 shodh korse", ["sabbir"], "sabbir"),
    ("arif ke 2000 return korlam jeta dhar nisilam", ["arif"], None),
    ("repaid @farhan 300 for yesterday's coffee", ["farhan"], None),
    ("received 1000 from @tanim for his share", ["tanim"], "tanim"),
    ("received 2500 from tanim for his trip share", ["tanim"], "tanim"),
    ("sabbir r amar baki 450 clear korlam nagad e", ["sabbir"], None),
])
def test_debts_paid_back_in_more_words(text: str, mentions: list[str], payer: str | None) -> None:
    name, entities = parse(text)
    assert (name, entities["mentions"], entities.get("payer")) == ("settle_up", mentions, payer)


@pytest.mark.parametrize("text", ["product return korlam, 500 ferot pabo", "repaid the loan 5000", "repaid loan 5000",
                                  "repaid brac 5000", "dokan ke 300 return korlam", "shop ke shoes return korlam 2500",
                                  "received 3000 from client for his project share"])
def test_a_return_or_a_loan_with_no_one_named_is_no_settlement(text: str) -> None:
    assert parse(text)[0] != "settle_up"


@pytest.mark.parametrize("text", ["next trip bandarban e, budget 10k per head rakhle kemon?",
                                  "she paid 500 for me, so i owe her",
                                  "boss said budget for the party is 20k", "rakib er salary naki 80k 😳",
                                  "@joy tor kache koto ase cash?"])
def test_proposals_hearsay_and_questions_to_others_set_and_record_nothing(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "amount", "direction"), [
    ("book kinlam 1100 nilkhet theke", "1100", "expense"), ("bazar 2k, mach r shobji", "2000", "expense"),
    ("collected the parcel, paid 200 delivery", "200", "expense"),
])
def test_records_said_the_short_way(text: str, amount: str, direction: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"], entities["direction"]) == ("record_transaction", amount, direction)


@pytest.mark.parametrize("text", ["ei mashe bazar er budget 8000",
                                  "set grocery budget to 8000, should we also do transport?"])
def test_a_budget_set_outright_is_still_set(text: str) -> None:
    assert parse(text)[0] == "budget_set"


@pytest.mark.parametrize("text", ["bazar 500 dilam naki", "rahim ke 500 dilam kina"])
def test_asked_the_bengali_way_is_no_record(text: str) -> None:
    assert parse(text)[0] != "record_transaction"


@pytest.mark.parametrize("text", ["collected 5000 from the atm", "collected 12000 from 3 customers for bill",
                                  "collected 1000 from rafi for his share"])
def test_money_collected_is_no_income_of_the_senders(text: str) -> None:
    assert parse(text)[1].get("direction") != "income"


@pytest.mark.parametrize("text", ["last entry er category ki chilo?", "ei entry er note ta dekhao",
                                  "shesh entry er description ta ki", "last entry er category ta thik koro",
                                  "last entry er category thik ache", "oi entry te description nai keno"])
def test_a_question_about_an_entrys_field_changes_nothing(text: str) -> None:
    assert parse(text)[0] != "correct_entry"


@pytest.mark.parametrize("text", ["where did the 5000 go, ami to 2000 dilam", "who got the 1000 i pathalam",
                                  "was it 500 or 600 dilam", "why 500 dilam bazar e"])
def test_a_question_without_its_mark_is_no_record(text: str) -> None:
    assert parse(text)[0] != "record_transaction"


@pytest.mark.parametrize("text", ["set food budget to 5000 as she said",
                                  "set grocery budget 6000 and how about transport 2000"])
def test_a_budget_set_outright_beside_talk_is_set(text: str) -> None:
    assert parse(text)[0] == "budget_set"


@pytest.mark.parametrize(("text", "intent"), [("amazon ke 500 return korlam", "record_transaction"),
                                              ("landlord ke 5000 return korlam", "record_transaction"),
                                              ("@arif ke 2000 return korlam", "settle_up"),
                                              ("nabil amar 500 ferot dise na", "unknown")])
def test_money_returned_settles_only_a_debt(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


def test_bought_for_the_sender_but_the_sender_paid_is_the_senders_own() -> None:
    assert "payer" not in parse("rafi amar jonno 300 tk er boi kinse kintu ami taka dilam")[1]


def test_a_word_ending_in_te_is_kept_whole() -> None:
    assert parse("oita coffee na chocolate chilo")[1]["description"] == "chocolate"

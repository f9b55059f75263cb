"""Messages typed fast or dictated (people-7's kind): an amount taken back in the same breath, money that came in,
corrections and undo in Bengali script, a plan or a sum in Bengali script, small talk and help."""
from __future__ import annotations

import pytest

from core.intents import WRITE_INTENTS
from tests.core.nlu.reading import parse


@pytest.mark.parametrize(("text", "amount", "description"), [
    ("lunch 500 no wait 550", "550", "lunch"),
    ("dupure lunch 320 na na 350", "350", "dupure lunch"),
    ("paid the course fee 12500 no sorry 12000 they gave a discount", "12000", "course fee they discount"),
    ("electrician ke 500 dilam na 600", "600", "electrician"),
    ("taxi 300 sorry 350", "350", "taxi"),
    ("$20 no wait $25 for the cab", "25", "cab"),
    ("lunch 300 actually 350 with tip", "350", "lunch tip"),  # the whole said again, with what is in it
    ("groceries 1200 wait 1500 after discount", "1500", "groceries after discount"),
])
def test_an_amount_taken_back_is_replaced_by_the_one_said_instead(text: str, amount: str, description: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"], entities["description"]) == ("record_transaction", amount, description)


@pytest.mark.parametrize(("text", "amount"), [
    ("paid 500 for lunch, no 200 was for coffee", "500"),  # words between the two: nothing taken back
    ("bought shoes 3000 tk wait 500 tk discount", "3000"),  # the second a part of the first
    ("dinner 2000 tk actually 500 tk was my share", "2000"),
    ("coffee 120 actually 2 coffee 240", "240"),  # said again from a count: how many, then the amount
    ("burger 450 sorry 2 burger 900", "900"),
    ("lunch 550 not 500", "550"),  # "not": the first stands
    ("2 coffee 240", "240"),
])
def test_an_amount_is_kept_unless_taken_back_right_after_it(text: str, amount: str) -> None:
    assert parse(text)[1]["amount"] == amount


def test_a_payment_denied_is_still_no_record() -> None:
    assert parse("bazar e 500 dilam na")[0] == "unknown"


@pytest.mark.parametrize("text", [
    "client theke 15000 payment aise", "freelancing theke 300 dollar aise", "upwork theke 250 dollar asche",
    "bhai r theke 5000 taka aise", "abbu e theke 500 aise", "client has paid the invoice $1200",
    "client finally paid the invoice $1200", "my brother sent 10000 taka for ammu's treatment"])
def test_money_that_came_in_is_income(text: str) -> None:
    name, entities = parse(text)
    assert (name, entities["direction"]) == ("record_transaction", "income")


@pytest.mark.parametrize("text", [
    "office theke 2000 taka aise naki?", "my brother sent 500 to the driver",
    "sister sent me the electricity bill 2300", "client paid the invoice?", "client never paid the invoice $1200",
    "client hasnt paid the invoice $500",
    "bank er theke 20000 taka aise", "karim er theke 2000 taka aise dhar", "loan theke 50000 aise",
    "savings theke 10000 taka aise", "card theke 1200 taka aise"])
def test_money_asked_after_or_sent_to_others_is_no_income(text: str) -> None:
    name, entities = parse(text)
    assert name != "record_transaction" or entities["direction"] == "expense"


@pytest.mark.parametrize(("text", "amount"), [
    ("wait that last one should be 750 not 570", "750"), ("the last one was 750 not 570", "750"),
    ("amount ta change koro 1200 koro", "1200"), ("শেষেরটা ৮০০ না, ৬০০ হবে", "600")])
def test_corrections_of_the_last_amount(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities["field"], entities["amount"]) == ("correct_entry", "amount", amount)


def test_the_last_one_described_is_no_correction() -> None:
    assert parse("the last one was delicious")[0] == "unknown"


@pytest.mark.parametrize(("text", "intent"), [
    ("শেষ এন্ট্রিটা মুছে দাও", "undo_last"), ("শেষেরটা মুছে দাও", "undo_last"), ("শেষেরটা ডিলিট করো", "undo_last"),
    ("ok bye kal kotha hobe", "smalltalk"), ("এই বট দিয়ে কী কী করা যায়?", "help")])
def test_fixed_phrases_in_bengali_and_bengali_english(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


def test_a_payment_promised_in_bengali_script_is_not_recorded() -> None:
    name, entities = parse("রাতে ৫০০ টাকা দিয়ে দেব তোমাকে")
    assert name not in WRITE_INTENTS and entities.get("plan") == "record_transaction"


def test_a_division_asked_in_bengali_script_is_a_sum() -> None:
    assert parse("৪৫০০ কে ৩ দিয়ে ভাগ করলে কত") == ("unknown", {"outside": "sum"})


@pytest.mark.parametrize("text", ["500 er sathe 300 jog korle", "৫০০ এর সাথে ৩০০ যোগ করলে"])
def test_an_addition_asked_in_bengali_is_a_sum(text: str) -> None:
    assert parse(text) == ("unknown", {"outside": "sum"})


@pytest.mark.parametrize(("text", "amount"), [("বাজার ৯০০ টাকা, ৩ জনে ভাগ করলে ৩০০ করে", "900"),
                                              ("dinner 1500 taka, 3 jon e bhag korle 500 kore", "1500")])
def test_a_record_told_with_its_split_is_no_sum(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"]) == ("record_transaction", amount)

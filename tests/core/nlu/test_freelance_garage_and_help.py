"""A freelancer's and a garage owner's money coming in, prices someone else says, help asked in passing and
corrections labelled or said after the thing, as the offline parser reads them."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import read as parse


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("client from Germany paid invoice 780 EUR", "780", "EUR"),
    ("customer paid 500", "500", None),  # a shop's or a freelancer's customer pays the sender
    ("kalam jama dilo 350", "350", None),  # a driver's day's money handed to the owner
    ("মনির আজকের জমা ৩৫০ টাকা দিছে", "350", "BDT"),
])
def test_money_a_client_a_platform_or_a_driver_hands_over_is_income(text: str, amount: str,
                                                                     currency: str | None) -> None:
    name, entities = parse(text)
    assert name == "record_transaction" and entities["direction"] == "income"
    assert (entities["amount"], entities["currency"]) == (amount, currency)


@pytest.mark.parametrize("text", ["client paid the courier 200", "bank e jama dilam 5000", "paid payout 3000 to riders",
                                  "bhai electricity bill jama dilo 800"])
def test_a_client_paying_someone_else_a_deposit_or_a_bill_paid_stays_spent(text: str) -> None:
    assert parse(text)[1]["direction"] == "expense"


@pytest.mark.parametrize("text", ["customer sent 500 to wrong number", "customer transferred 3000 yesterday but not "
                                  "reflected", "abbu bank e 5000 jama dise", "ভাই কলেজে ফি জমা দিলেন ৩০০০",
                                  "bhai landlord er kache 5000 advance jama dise", "ota ki chilo, expense na income"])
def test_money_that_never_reached_the_sender_or_a_question_writes_nothing(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "amount"), [("paid 1200 rent, landlord said next month is 1500", "1200"),
                                              ("received 5000 from client, he said it is 5000 advance", "5000")])
def test_a_payment_beside_what_someone_says_is_recorded(text: str, amount: str) -> None:
    assert parse(text)[1]["amount"] == amount


@pytest.mark.parametrize("text", ["headmaster says the new guide books cost 350 each",
                                  "riyal er rate 32 tk ekhon, chacha kal pathabe"])
def test_a_price_someone_says_and_a_rate_told_record_nothing(text: str) -> None:
    assert parse(text)[0] == "unknown"


def test_a_price_said_beside_the_senders_own_payment_is_still_recorded() -> None:
    assert parse("mom said dinner is 500, i paid")[1]["amount"] == "500"


@pytest.mark.parametrize("text", ["how do i split with only 3 people?", "ki ki korte paro tumi bot?"])
def test_how_to_asked_in_passing_is_help(text: str) -> None:
    assert parse(text)[0] == "help"


@pytest.mark.parametrize(("text", "expected"), [
    ("correction: it was 420 not 450", {"field": "amount", "amount": "420"}),
    ("edit: 820", {"field": "amount", "amount": "820"}),  # a label before the amount alone, as before
    ("ota gift chilo, expense na income", {"field": "direction", "direction": "income"}),
])
def test_corrections_labelled_or_with_the_thing_named_first(text: str, expected: dict[str, str]) -> None:
    name, entities = parse(text)
    assert name == "correct_entry" and expected.items() <= entities.items()


@pytest.mark.parametrize("text", ["Fiverr payout 120 usd", "upwork theke payout 300 dollar"])
def test_a_platforms_payout_is_income(text: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction" and entities["direction"] == "income"


def test_someone_elses_pay_told_as_news_records_nothing_and_the_senders_own_does() -> None:
    assert parse("Sabbir got paid 2k usd for one landing page lol")[0] == "unknown"
    assert parse("salary got paid today 50000 lol")[1]["direction"] == "income"
    assert parse("got paid 5000 for the gig lol")[1]["direction"] == "income"

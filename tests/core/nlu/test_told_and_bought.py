"""Money told that nobody paid (a market price), a thing "got" for a price (bought, not received), an
acknowledgement before a record, and a day's budget said the Bengali way, as the offline parser reads them."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from app.parsing import intent_classifier
from core.nlu.offline import OfflineParser
from core.nlu.rules import RuleParser

NOW = datetime(2026, 3, 20, 10, tzinfo=UTC)
PARSER = OfflineParser(RuleParser(bot_names=frozenset({"Switchboard"})), intent_classifier())


def parse(text: str) -> tuple[str, dict[str, Any]]:
    intent = PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    return intent.name, intent.entities


@pytest.mark.parametrize("text", ["মুরগির দাম আজ ২২০ টাকা কেজি", "murgir dam aj 220 taka kg",
                                  "dim er dam 150 taka dozen", "chicken is 220 a kilo today",
                                  "piyaj er dam barse, 120 taka kg ekhon"])
def test_a_price_per_kilo_or_dozen_told_is_no_record(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "amount"), [("alu 2 kg 100 taka kinlam", "100"), ("bought rice 60 per kg", "60")])
def test_a_price_beside_the_senders_verb_is_still_recorded(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction"
    assert entities["amount"] == amount and entities["direction"] == "expense"


@pytest.mark.parametrize(("text", "direction"), [
    ("got new shoes for 2000", "expense"), ("got a haircut for 300", "expense"),
    ("got it for 500 at the mall", "expense"), ("got 500 from bob", "income"),
    ("got 500 for the old bike", "income"), ("got a refund for 200 from daraz", "income"),
    ("got paid for the gig 3000", "income"), ("paid for lunch 300", "expense"),
])
def test_a_thing_got_for_a_price_was_bought_and_money_got_came_in(text: str, direction: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction"
    assert entities["direction"] == direction


@pytest.mark.parametrize("text", ["ok got it, paid 200 for tea", "got it. paid 200 for tea",
                                  "noted, paid 200 for tea"])
def test_an_acknowledgement_before_a_record_is_no_income(text: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction"
    assert entities["direction"] == "expense" and entities["amount"] == "200"


@pytest.mark.parametrize("text", ["দিনে ৫০০ টাকা বাজেট খাবারের জন্য", "dine 500 taka budget food er jonno"])
def test_a_days_budget_said_the_bengali_way_is_set_per_day(text: str) -> None:
    assert parse(text) == ("budget_set", {"amount": "500", "currency": "BDT", "category": "food",
                                          "period_unit": "day"})


def test_a_count_of_days_before_the_spending_sets_no_budget() -> None:
    assert parse("2 dine 6000 taka khoroch hoise budget er baire")[0] != "budget_set"


@pytest.mark.parametrize(("text", "amount"), [("আব্বু ১০০০০ টাকা পাঠাইছে বিকাশে", "10000"),
                                             ("ঈদ বোনাস পাইছি ৮০০০ টাকা 🎉", "8000"), ("টিউশনির টাকা পাইলাম ৫০০০", "5000")])
def test_money_got_or_sent_to_the_sender_in_spoken_bengali_is_income(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction"
    assert entities["amount"] == amount and entities["direction"] == "income"


@pytest.mark.parametrize(("text", "amount"), [("gulshan theke cng te ashlam 250 vara", "250"),
                                             ("hotel e dupure khaisi, 380 bill", "380")])
def test_a_fare_or_a_bill_said_last_is_the_amount(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction" and entities["amount"] == amount


@pytest.mark.parametrize("text", ["oi customer er 1,75,000 taka bokeya, case e jabe mone hoy",
                                  "ei kwh calculation ta keu bujhay den: 450 unit e 3,890 taka keno",
                                  "রিডিং 3421 থেকে 3980, মানে 559 ইউনিট", "reading 3421 theke 3980",
                                  "TR 445 er fuse gese, line crew pathaisi"])
def test_arrears_a_figure_asked_why_readings_and_a_transformers_number_are_no_record(text: str) -> None:
    assert parse(text)[0] == "unknown"


def test_a_mentioned_persons_amount_paid_off_is_a_settlement() -> None:
    name, entities = parse("@tanim er 1200 tk shodh kore dilam")
    assert name == "settle_up"
    assert entities["mentions"] == ["tanim"] and entities["amount"] == "1200"
    assert parse("bazar er 500 shodh korlam")[0] == "record_transaction"  # a market's 500 is nobody's debt


@pytest.mark.parametrize("text", ["delete that", "oops wrong group, delete that"])
def test_delete_that_takes_the_last_entry_back(text: str) -> None:
    assert parse(text)[0] == "undo_last"


def test_a_periods_limit_with_its_category_before_it_sets_a_budget() -> None:
    assert parse("monthly transport limit 2000") == ("budget_set", {
        "amount": "2000", "currency": None, "category": "transport", "period_unit": "month"})


@pytest.mark.parametrize("text", ["@tasnim how much did the caterer quote?",
                                  "@Mamun send me the NOCS target sheet for June when you get a chance",
                                  "@Jewel tui ki 41002388 er file ta scan korsos?"])
def test_a_question_or_request_put_to_the_person_mentioned_first_is_theirs(text: str) -> None:
    assert parse(text) == ("unknown", {"outside": "talk"})

"""Questions about one's own spending in more words: totals compared, records paid for, the largest few, and someone
else's spending (no question about the sender's records), as the offline parser reads them."""
from __future__ import annotations

from typing import Any

import pytest

from tests.core.nlu.reading import read as parse


@pytest.mark.parametrize(("text", "category"), [
    ("did i spend more than 200 on groceries this month", "groceries"),
    ("have i spent over 500 on uber this year", "transport"),
])
def test_a_total_compared_with_an_amount_is_the_total_not_the_records_over_it(text: str, category: str) -> None:
    name, entities = parse(text)
    assert name == "spending_summary"
    assert entities["category"] == category and "min_amount" not in entities


@pytest.mark.parametrize("text", ["what stuff did i pay for with mike last week",
                                  "what have i paid for on alex's behalf", "what things did i pay for this month"])
def test_the_things_paid_for_are_listed(text: str) -> None:
    assert parse(text)[0] == "list_entries"


@pytest.mark.parametrize(("text", "limit"), [("top 5 biggest expenses this year", 5),
                                             ("my 3 largest purchases last month", 3),
                                             ("show the 10 biggest transactions", 10)])
def test_the_largest_few_are_listed_largest_first_and_counted(text: str, limit: int) -> None:
    name, entities = parse(text)
    assert name == "list_entries"
    assert entities["order"] == "largest" and entities["limit"] == limit


@pytest.mark.parametrize("text", ["my husband spends way too much on golf", "how much does my company spend on travel",
                                  "how much do their kids spend on snacks"])
def test_someone_elses_spending_is_no_question_about_the_senders_records(text: str) -> None:
    assert parse(text)[0] == "unknown"


def test_a_household_still_asks_about_its_own_records() -> None:
    assert parse("how much does our family spend on food") == ("spending_summary", {"category": "food"})


@pytest.mark.parametrize("text", ["how much did govt allot for defence in the budget",
                                  "what is the national health budget this year",
                                  "how much money does virat kohli earn", "give me tips to stop overspending"])
def test_a_countrys_budget_a_stars_pay_and_advice_are_not_the_senders_records(text: str) -> None:
    assert parse(text)[0] == "unknown"


def test_how_much_more_may_be_spent_is_the_budgets_status() -> None:
    assert parse("how much more can i spend this month as per budget")[0] == "budget_status"


@pytest.mark.parametrize(("text", "wanted"), [
    ("could you pls tell me what i spent in the month of may",
     {"period": {"start": "2025-05-01", "end": "2025-05-31"}}),
    ("apollo pharmacy total", {"category": "health"}),
    ("grocery total?", {"category": "groceries"}),
])
def test_a_period_or_a_things_total_said_in_few_words_is_a_summary(text: str, wanted: dict[str, Any]) -> None:
    assert parse(text) == ("spending_summary", wanted)


@pytest.mark.parametrize("text", ["ok total", "grand total", "sub total"])
def test_total_said_alone_names_nothing_to_total(text: str) -> None:
    assert parse(text)[0] != "spending_summary"


@pytest.mark.parametrize(("text", "intent"), [("how much does my wife spend on shopping", "unknown"),
                                             ("how much do my kids spend on snacks", "unknown"),
                                             ("how much does my car spend on fuel", "spending_summary")])
def test_a_persons_spending_is_theirs_and_a_things_is_the_senders(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


def test_a_flats_spending_is_the_groups_own() -> None:
    assert parse("how much does our flat spend on electricity")[0] == "spending_summary"


@pytest.mark.parametrize(("text", "expected"), [
    ("it was dinner not lunch", {"field": "description", "description": "dinner", "replaces": "lunch"}),
    ("oita lunch na dinner chilo", {"field": "description", "description": "dinner", "replaces": "lunch"}),
    ("oita dinner chilo, lunch na", {"field": "description", "description": "dinner", "replaces": "lunch"}),
    ("that's transport not shopping", {"field": "category", "category": "transport"}),
    ("it was medicine not food", {"field": "category", "category": "health"}),
])
def test_a_word_in_place_of_another_corrects_the_description_unless_a_category_is_named(
        text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == ("correct_entry", expected)


@pytest.mark.parametrize(("text", "direction"), [("has the irs refund come in yet", "income"),
                                                 ("did my freelance client pay me yet", "income"),
                                                 ("has my paycheck come in yet", "income")])
def test_money_expected_is_looked_for_among_the_entries(text: str, direction: str) -> None:
    name, entities = parse(text)
    assert name == "list_entries" and entities["direction"] == direction


@pytest.mark.parametrize("text", ["send $50 to my sister for the dinner", "send 50 dollars to mike",
                                  "can i get a refund on the gym charge", "how much should i save each month"])
def test_money_to_send_a_refund_to_claim_and_advice_are_no_ledger_matters(text: str) -> None:
    assert parse(text)[0] == "unknown"


def test_a_calendar_year_is_a_year_and_hindi_periods_are_read() -> None:
    name, entities = parse("how much did i pay out in medical bills last calendar year")
    assert name == "spending_summary" and entities["period"] == {"start": "2025-01-01", "end": "2025-12-31"}
    assert parse("kitna kharcha hua is mahine")[1]["period"] == {"start": "2026-03-01", "end": "2026-03-31"}


def test_money_sent_is_still_recorded() -> None:
    name, entities = parse("sent $50 to john")
    assert name == "record_transaction" and entities["amount"] == "50"


def test_no_money_or_the_senders_own_money_asks_no_payer() -> None:
    assert "unnamed_payer" not in parse("he covered for me at work today")[1]
    name, entities = parse("she paid for me last time so I'm paying today 800")
    assert name == "record_transaction" and entities["amount"] == "800"

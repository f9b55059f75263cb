"""A year asked about is no amount, a product worked out is no payment, a slip owned is a correction, who paid said
again is neither, a pronoun in Bengali script pays for no one the bot can name, and a tenant pays the landlord: as
the offline parser reads them."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import read as parse


@pytest.mark.parametrize(("text", "period"), [
    ("total spent on medicine 2024", ("2024-01-01", "2024-12-31")),
    ("total spent on medicine 2024?", ("2024-01-01", "2024-12-31")),
    ("how much did i spend on medicine 2024", ("2024-01-01", "2024-12-31")),
    ("what did i spend on fuel 2023", ("2023-01-01", "2023-12-31")),
    ("2024 e medicine e koto khoroch", ("2024-01-01", "2024-12-31")),
    ("how much have i spent on starbucks since the beginning of 2019", ("2019-01-01", "2026-03-20")),
])
def test_a_year_last_in_a_question_about_totals_is_its_period(text: str, period: tuple[str, str]) -> None:
    name, entities = parse(text)
    assert name == "spending_summary"
    assert (entities["period"]["start"], entities["period"]["end"]) == period
    assert "amount" not in entities


@pytest.mark.parametrize(("text", "amount"), [
    ("total spent on groceries 500", "500"), ("total spent on groceries 2000", "2000"),
    ("total spent on rent 2024 taka", "2024"),
])
def test_an_amount_told_as_a_total_is_still_recorded(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"]) == ("record_transaction", amount)


@pytest.mark.parametrize("text", ["4 jon x 800 = 3200 hobe probably", "4 x 800 = 3200", "12 x 150 = 1800 taka hobe"])
def test_a_product_worked_out_records_nothing(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize("text", ["bhul hoise 500 hobe", "vul hoise, 500 hobe", "ভুল হইছে, ৫০০ হবে"])
def test_a_mistake_owned_then_the_amount_puts_it_right(text: str) -> None:
    name, entities = parse(text)
    assert (name, entities["field"], entities["amount"]) == ("correct_entry", "amount", "500")


@pytest.mark.parametrize("text", ["সে আমার জন্য ৫০০ টাকা দিছে", "ও আমার জন্য ৫০০ টাকা দিছে",
                                  "উনি আমার জন্য ৫০০ টাকা দিয়েছেন", "ওরা আমার জন্য ৫০০ টাকা দিছে"])
def test_a_pronoun_paying_for_the_sender_in_bengali_script_asks_who(text: str) -> None:
    assert parse(text) == ("unknown", {"unnamed_payer": True})


def test_someone_named_paying_for_the_sender_in_bengali_script_is_the_payer() -> None:
    name, entities = parse("রফিক আমার জন্য ৫০০ টাকা দিছে")
    assert (name, entities["payer"], entities["amount"]) == ("record_transaction", "রফিক", "500")


def test_and_between_two_things_stays_in_the_description() -> None:
    assert parse("চাল ও ডাল ৫০০ টাকা")[1]["description"] == "চাল ও ডাল"


@pytest.mark.parametrize("text", ["নিচতলার ভাড়াটিয়া ভাড়া দিছে ১৪০০০ টাকা", "bharatia bhara dise 14000",
                                  "nichtolar bharatia 14000 taka bhara dise"])
def test_a_tenants_rent_is_the_landlords_income(text: str) -> None:
    name, entities = parse(text)
    assert (name, entities["direction"], entities["amount"]) == ("record_transaction", "income", "14000")


def test_rent_paid_to_a_tenant_is_spent() -> None:
    name, entities = parse("bharatia ke 500 dilam")
    assert (name, entities["direction"]) == ("record_transaction", "expense")


@pytest.mark.parametrize("text", ["rafi paid, not me", "not me, rakib paid", "no, bob paid it", "nope, @bob paid",
                                  "oita sumi dise, ami na", "ami dei nai, sumi dise", "no wait, rafi paid",
                                  "ওইটা সুমি দিছে, আমি না"])
def test_who_paid_said_again_is_no_record_and_no_correction(text: str) -> None:
    assert parse(text) == ("unknown", {"payer_fix": True})


@pytest.mark.parametrize("text", ["no one paid not me", "no i paid", "bob paid 400 not me", "no, fully paid",
                                  "actually bkash paid"])
def test_no_payer_named_or_an_amount_told_is_no_payer_put_right(text: str) -> None:
    assert "payer_fix" not in parse(text)[1]

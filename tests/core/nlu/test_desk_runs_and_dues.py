"""A desk's runs asked or called off, alerts turned off for the sender, what came that is no money, and dues paid off
the Bengali way: as the offline parser reads them."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import read as parse


@pytest.mark.parametrize("text", ["restart the bill print job", "বিলিং ব্যাচ চালু করো", "BMHHS abar run koro"])
def test_a_run_asked_for(text: str) -> None:
    assert parse(text)[0] == "run_job"


@pytest.mark.parametrize("text", ["rerun lagbe na, BMHHS nijei recover korse", "restart the server",
                                  "no need to rerun BMHHS", "AC ta chalu koro", "restart my pc, batch monitor is slow",
                                  "restart batch-monitor tonight", "batch ta kal chalu koro",
                                  "batch er notification chalu koro", "restart the batch monitor at 10 pm"])
def test_no_run_asked_for(text: str) -> None:
    assert parse(text)[0] != "run_job"


@pytest.mark.parametrize(("text", "intent"), [("overnight jobs summary please", "batch_status"),
                                              ("job report submit korsi 500 taka print", "record_transaction")])
def test_a_jobs_report_asked_for_and_a_print_job_paid(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize("text", ["alert notification off koro amar jonno", "amake alert theke bad dao"])
def test_alerts_turned_off_for_the_sender(text: str) -> None:
    assert parse(text)[0] == "unsubscribe_alerts"


@pytest.mark.parametrize("text", ["amake alerts theke bad diben na", "amake alert theke bad dao?"])
def test_alerts_not_turned_off(text: str) -> None:
    assert parse(text)[0] != "unsubscribe_alerts"


@pytest.mark.parametrize("text", ["voltage drop 180V at Mirpur 10, complaint ashche", "customer call asche 30 ta",
                                  "current asche 2 ghonta pore"])
def test_what_came_is_no_money(text: str) -> None:
    assert parse(text)[0] != "record_transaction"


@pytest.mark.parametrize(("text", "amount"), [("salary ashche 45000", "45000"), ("bkash e 2000 ashche", "2000"),
                                              ("customer payment asche 5000", "5000")])
def test_money_that_came_is_income(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"], entities["direction"]) == ("record_transaction", amount, "income")


@pytest.mark.parametrize(("text", "entities"), [
    ("tanvir ke 1200 taka dhar shodh korlam", {"mentions": ["tanvir"], "amount": "1200", "currency": "BDT"}),
    ("rahim bhai ke 500 dhar shodh korlam", {"mentions": ["rahim"], "amount": "500", "currency": None}),
    ("aj @tanim ke 1200 shodh korlam", {"mentions": ["tanim"], "amount": "1200", "currency": None}),
    ("Karim bhai baki 3400 shodh korse", {"mentions": ["Karim"], "payer": "Karim", "amount": "3400",
                                          "currency": None}),
])
def test_dues_paid_off(text: str, entities: dict[str, object]) -> None:
    assert parse(text) == ("settle_up", entities)


@pytest.mark.parametrize("text", ["dokan ke 500 taka shodh korlam", "bank ke 5000 shodh korlam",
                                  "school ke 5000 shodh korlam", "ami tanvir ke 1200 taka shodh korlam"])
def test_paid_off_with_no_debt_named_is_a_record(text: str) -> None:
    assert parse(text)[0] == "record_transaction"


@pytest.mark.parametrize("text", ["karim baki 3400 shodh korse na", "se baki 3400 shodh korse",
                                  "rahim baki shodh korse"])
def test_dues_not_paid_to_the_sender_are_no_settlement(text: str) -> None:
    assert parse(text)[0] != "settle_up"


@pytest.mark.parametrize("text", ["se baki 3400 shodh korse", "o amar 500 ta diye dise",
                                  "ora amar dhar shodh kore dise"])
def test_dues_paid_back_by_someone_named_only_as_he_or_they_ask_who(text: str) -> None:
    assert parse(text) == ("unknown", {"unnamed_payer": "paid back"})


@pytest.mark.parametrize("text", ["se baki 3400 shodh korse na", "se baki 3400 shodh korse?"])
def test_dues_denied_or_asked_about_by_someone_unnamed_ask_nothing(text: str) -> None:
    assert "unnamed_payer" not in parse(text)[1]

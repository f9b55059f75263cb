"""A tailor's and a household's records, undo and corrections said the Bengali-English way, and a utility desk's
talk told around its alerts, batches and NOCS offices, as the offline parser reads them."""
from __future__ import annotations

from typing import Any

import pytest

from tests.core.nlu.reading import read as parse


@pytest.mark.parametrize(("text", "amount", "category"), [
    ("gold er ring 18500 kinlam", "18500", "other"),  # a ring bought, not a phone's ring
    ("islampur theke cotton kapor 40 gaj 9200 kinlam", "9200", "other"),  # cloth by the yard, then its price
    ("dim 150 taka dozen kinlam", "150", "other"),  # a price per dozen, paid
    ("gas cylinder 1450 tk", "1450", "utilities"),
])
def test_things_bought_by_a_unit_or_named_like_a_label_are_recorded(text: str, amount: str, category: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction"
    assert entities["amount"] == amount and entities["category"] == category


@pytest.mark.parametrize("text", ["ডাব এখানে ৭০ টাকা পিস, ঢাকায় ১০০", "alu 60 taka kg", "ei shirt ta 2500 tk, nibo? 🤔",
                                  "ajke total 145000 tk vending hoise Gazipur e",
                                  "oi customer 3 din dhore token pay na, 40099812, ki korbo bolen to"])
def test_prices_told_a_question_an_offices_takings_and_a_customers_number_record_nothing(text: str) -> None:
    assert parse(text)[0] == "unknown"


def test_a_long_number_paid_for_with_no_customer_named_is_still_an_amount() -> None:
    assert parse("paid 30000005 for land")[1]["amount"] == "30000005"


@pytest.mark.parametrize("text", ["delete kore dao last ta", "oops ota bhul hoise, delete kore dao last ta",
                                  "undo ta koro, vul group e likhsi", "last ta undo koro plz"])
def test_the_last_entry_undone_the_bengali_english_way(text: str) -> None:
    assert parse(text)[0] == "undo_last"


@pytest.mark.parametrize(("text", "expected"), [
    ("chal ta 1950 na, 2050 hobe", {"field": "amount", "amount": "2050"}),
    ("1480 hobe, borhani add korte bhulsi", {"field": "amount", "amount": "1480"}),
    ("description e likho ammu r birthday gift", {"field": "description", "description": "ammu r birthday gift"}),
])
def test_corrections_with_a_comma_a_reason_or_the_verb_first(text: str, expected: dict[str, Any]) -> None:
    name, entities = parse(text)
    assert name == "correct_entry" and expected.items() <= entities.items()


def test_a_description_asked_about_is_no_correction() -> None:
    assert parse("description e ki likhbo?")[0] != "correct_entry"


def test_a_markets_debt_paid_off_is_a_record_not_a_settlement_with_the_market() -> None:
    assert parse("bazar er 500 dhar shodh korlam")[0] == "record_transaction"


@pytest.mark.parametrize(("text", "amount", "direction"), [
    ("taxi 300 (rafi?)", "300", "expense"),  # a "?" inside brackets asks nothing of the bot
    ("grahok theke 10000000 pelam", "10000000", "income"),  # the sender's own money, a customer named
    ("keyboard 1500 tk pc er jonno", "1500", "expense"),  # "pc" a computer, not a piece
    ("ajke 17 ta alert ack korsi, rickshaw 60 dilam", "60", "expense"),  # alerts told done, then money paid
    ("nocs office e giye 1500 taka recharge korlam", "1500", "expense"),  # the sender's own recharge
])
def test_records_beside_the_new_readings_stay_records(text: str, amount: str, direction: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction"
    assert (entities["amount"], entities["direction"]) == (amount, direction)


@pytest.mark.parametrize(("text", "not_intent"), [
    ("ring 16 size er ta kinlam", "record_transaction"),  # a ring's size is no price
    ("note likho kal rafi ke 500 dite hobe", "correct_entry"), ("description e likho na", "correct_entry"),
    ("15 hobe, date likhte bhulsi", "correct_entry"), ("500 hobe, rafi ke dite bhule gesi", "correct_entry"),
    ("last month er 5000 hisab clear korlam", "settle_up"),
    ("BILLG job ta kal rat e fail korsilo, ami rerun kore disi", "batch_status"),  # told, not asked
])
def test_near_misses_of_the_new_readings(text: str, not_intent: str) -> None:
    assert parse(text)[0] != not_intent


def test_alerts_told_done_then_a_command_is_the_command() -> None:
    assert parse("rcdc alert gula mute kore dilam, ekhon unsubscribe koro")[0] == "unsubscribe_alerts"


def test_oxygen_is_health_and_a_gas_cylinder_utilities() -> None:
    assert parse("oxygen cylinder 5000 dilam")[1]["category"] == "health"


@pytest.mark.parametrize("text", ["customer 01712-009988 call dise, blouse ready kina jante",
                                  "customer 01712-009988 er balance"])
def test_a_phone_number_in_two_groups_is_no_customer(text: str) -> None:
    assert parse(text)[0] != "customer_lookup"


@pytest.mark.parametrize("text", ["bot ki ki command bujhe?", "alert commands ki ki ase?",
                                  "NOCS balance dekhte ki likhbo?"])
def test_what_to_write_asked_is_help(text: str) -> None:
    assert parse(text)[0] == "help"


@pytest.mark.parametrize("text", ["ajke 17 ta alert close korsi, report pathacchi", "alert 75 ack korlam",
                                  "aj nocs e 312 ta recharge hoise", "Dhanmondi nocs balance top up done 5 lakh",
                                  "BMHHS e 3 ta thread fail dekhacche keno? keu jano?",
                                  "batch delay er jonno customer complaint aschhe 40 ta",
                                  "meter reading upload 18450 ta pending, kal sokale finish korbo"])
def test_a_desks_work_told_or_asked_of_colleagues_is_talk(text: str) -> None:
    assert parse(text) == ("unknown", {"outside": "talk"})


@pytest.mark.parametrize(("text", "intent"), [
    ("alert 17 close koro", "alert_update"), ("gulshan nocs balance koto", "nocs_balance"),
    ("nocs e ajke koto recharge hoise?", "nocs_balance"), ("BMHHS status?", "batch_status"),
    ("BILLG job ta last night e fail korse naki dekhao to", "batch_status"),
])
def test_the_same_desk_asking_the_bot_is_answered(text: str, intent: str) -> None:
    assert parse(text)[0] == intent

"""The rule parser on the sentences the ledger depends on (the full corpus lives with the parser issue)."""
from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from core.nlu.corrections import latest_day
from core.nlu.rules import RuleParser

NOW = datetime(2026, 3, 20, 10, tzinfo=UTC)


def parse(text: str) -> tuple[str, dict[str, Any]]:
    intent = RuleParser(bot_names=frozenset({"switchboard_bot", "Switchboard"})).parse_sync(
        text, mentions=[], now=NOW, tz="Asia/Dhaka")
    return intent.name, intent.entities


@pytest.mark.parametrize(("text", "intent", "expected"), [
    ("@john $50 lunch at pizza place", "record_transaction",
     {"amount": "50", "currency": "USD", "description": "lunch at pizza place", "mentions": ["john"]}),
    ("paid electricity bill 1,250.50 tk on 17 march", "record_transaction",
     {"amount": "1250.50", "currency": "BDT", "category": "utilities", "date": "2026-03-17"}),
    ("900 taxi @karim 300 @nadia 200", "record_transaction",
     {"amount": "900", "shares": {"karim": "300", "nadia": "200"}}),
    ("1,00,000 tk rent", "record_transaction", {"amount": "100000", "category": "rent"}),
    ("spent 2.4k on rent", "record_transaction", {"amount": "2400"}),
    ("five hundred taka for dinner", "record_transaction", {"amount": "500", "currency": "BDT"}),
    ("received salary 50000", "record_transaction", {"direction": "income", "category": "salary"}),
    ("<at>Switchboard</at> lunch 300 with <at>Karim Ahmed</at>", "record_transaction",
     {"mentions": ["Karim Ahmed"]}),
    ("@switchboard_bot balances", "balances", {}),
    ("balance of 12345678", "customer_lookup", {"query": "12345678", "by": "auto", "view": "balance"}),
    ("meter 987654321", "customer_lookup", {"query": "987654321", "by": "meter"}),
    ("are any batches stuck?", "batch_status", {}),
    ("summary last month", "spending_summary", {"period": {"start": "2026-02-01", "end": "2026-02-28"}}),
    ("settle up with @bob", "settle_up", {"mentions": ["bob"]}),
    ("budget food 5000 per month", "budget_set", {"amount": "5000", "category": "food"}),
    ("undo", "undo_last", {}),
])
def test_parses(text: str, intent: str, expected: dict[str, Any]) -> None:
    name, entities = parse(text)
    assert name == intent
    assert {k: entities.get(k) for k in expected} == expected


@pytest.mark.parametrize("text", ["01712345678", "2+2", "10:30", "3-1", "20%", "+8801712345678"])
def test_numbers_alone_are_never_a_write(text: str) -> None:
    assert parse(text)[0] not in ("record_transaction", "settle_up", "budget_set", "undo_last")


@pytest.mark.parametrize("code", ["RS7R6ZC4", "TK9ABCDE", "USD2MNPQ", "bdt5wxyz"])
def test_a_link_code_that_starts_like_an_amount_is_still_a_link_code(code: str) -> None:
    """Codes are drawn from letters and digits, so some begin like "rs7" or "tk9": still the command."""
    for text in (f"/link {code}", f"link {code.lower()}", f"@switchboard_bot /link {code}",
                 f"/link@switchboard_bot {code}"):
        assert parse(text) == ("link_account", {"code": code.upper()})


@pytest.mark.parametrize(("text", "intent", "expected"), [
    ("budget 15000 for groceries this month", "budget_set", {"amount": "15000", "category": "groceries"}),
    ("limit transport to 3000 a month", "budget_set", {"amount": "3000", "category": "transport"}),
    ("cap my entertainment at 2000", "budget_set", {"amount": "2000", "category": "entertainment"}),
    ("ei mashe bajar er budget 12000", "budget_set", {"amount": "12000", "category": "groceries"}),
    ("turn on alerts", "subscribe_alerts", {"topic": "all"}),
    ("enable stuck batch alerts", "subscribe_alerts", {"topic": "batch"}),
    ("alert chalu koro", "subscribe_alerts", {"topic": "all"}),
    ("turn off batch alerts", "unsubscribe_alerts", {"topic": "batch"}),
    ("no more notifications pls", "unsubscribe_alerts", {"topic": "all"}),
    ("unsub", "unsubscribe_alerts", {"topic": "all"}),
    ("alert bondho koro", "unsubscribe_alerts", {"topic": "all"}),
    ("undo pls", "undo_last", {}), ("undo the last thing", "undo_last", {}), ("last ta delete koro", "undo_last", {}),
    ("শেষেরটা মুছে দাও", "undo_last", {}),
])
def test_commands_as_people_word_them(text: str, intent: str, expected: dict[str, Any]) -> None:
    name, entities = parse(text)
    assert name == intent
    assert {k: entities.get(k) for k in expected} == expected


@pytest.mark.parametrize("text", ["scratch that", "delete it", "what alerts am i subscribed to"])
def test_what_may_mean_the_open_preview_or_a_question_is_no_command(text: str) -> None:
    """"scratch that" after a preview means the preview, not the entry saved before it: only "undo" undoes."""
    assert parse(text)[0] not in ("undo_last", "subscribe_alerts")


@pytest.mark.parametrize(("text", "amount"), [
    ("won 500 in the office quiz", "500"), ("recieved 2200 from rahim for the ticket", "2200"),
    ("won 500 bucks in poker", "500"), ("salary pelam 30000, bazar e 2000 dilam", "30000"),
    ("got 1500 rupees back from the shop", "1500"), ("got my security deposit back 20000", "20000"),
    ("dokan theke 1500 ferot pailam", "1500"),
])
def test_a_prize_a_misspelt_receipt_and_money_back_from_a_shop_are_income(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities.get("amount"), entities.get("direction")) == ("record_transaction", amount, "income")


def test_money_back_from_a_person_is_still_a_settlement() -> None:
    assert parse("got 400 back from @bob")[0] == "settle_up"
    assert parse("got 500 back from my brother")[0] == "settle_up"
    assert parse("we won 3-2")[0] == "unknown"
    assert parse("we won 3 matches, party 2000")[1]["direction"] == "expense"


@pytest.mark.parametrize("text", ["bank er loan shodh korlam 5000", "cleared my loan 50000", "loan shodh korlam 20000",
                                  "you owe nothing for the trip, i paid 800"])
def test_a_loan_paid_off_to_no_one_named_is_a_record(text: str) -> None:
    assert parse(text)[0] == "record_transaction"


@pytest.mark.parametrize(("text", "wanted"), [
    ("না, ৬৫০ টাকা ছিল", {"field": "amount", "amount": "650", "currency": "BDT"}),
    ("na, 650 taka chilo", {"field": "amount", "amount": "650", "currency": "BDT"}),
    ("rename it to electricity bill", {"field": "description", "description": "electricity bill"}),
    ("rename the last one to groceries", {"field": "description", "description": "groceries", "target": "last"}),
    ("তারিখ গতকাল হবে", {"field": "date", "date": "2026-03-19"}),
    ("not food, it's transport", {"field": "category", "category": "transport"}),
    ("2500 not 250", {"field": "amount", "amount": "2500", "currency": None}),
    ("date 12 hobe", {"field": "date", "date": "2026-03-12"}), ("তারিখ ১২ হবে", {"field": "date", "date": "2026-03-12"}),
    ("change the date to the 25th", {"field": "date", "date": "2026-02-25"}),  # the 25th already past: February's
    ("ক্যাটাগরি খাবার করে দাও", {"field": "category", "category": "food"}),
])
def test_corrections_in_bengali_and_a_rename(text: str, wanted: dict[str, Any]) -> None:
    assert parse(text) == ("correct_entry", wanted)


@pytest.mark.parametrize(("text", "wanted"), [("/list", {}), ("/history", {}), ("/list 5", {"limit": 5}),
                                              ("/list@SwitchboardBot 500", {"limit": 50}),
                                              ("/list 5 food", {"limit": 5, "category": "food"}),
                                              ("/transactions 2500", {})])
def test_the_list_command(text: str, wanted: dict[str, Any]) -> None:
    assert parse(text) == ("list_entries", wanted)


@pytest.mark.parametrize(("text", "wanted"), [
    ("clear my debt with @nabil", {"mentions": ["nabil"]}),
    ("zero out my balance with @tom", {"mentions": ["tom"]}),
    ("i owe @sara nothing now, paid her 650", {"mentions": ["sara"], "amount": "650", "currency": None}),
    ("@jerry paid me the 1100 he owed", {"mentions": ["jerry"], "payer": "jerry", "amount": "1100", "currency": None}),
    ("@mou cleared her 600", {"mentions": ["mou"], "payer": "mou", "amount": "600", "currency": None}),
    ("karim er dhar shodh korlam 3000", {"mentions": ["karim"], "amount": "3000", "currency": None}),
    ("@ovi er sathe hisab clear", {"mentions": ["ovi"]}), ("shob hisab mitao", {"mentions": []}),
    ("হিসাব মিটিয়ে দাও", {"mentions": []}), ("i want to settle up", {"mentions": []}),
    ("ami karim er dhar shodh korlam 3000", {"mentions": ["karim"], "amount": "3000", "currency": None}),
    ("karim bhai er dhar shodh korlam 3000", {"mentions": ["karim"], "amount": "3000", "currency": None}),
    ("@karim হিসাব মিটাও", {"mentions": ["karim"]}),
])
def test_settlements_in_other_words(text: str, wanted: dict[str, Any]) -> None:
    assert parse(text) == ("settle_up", wanted)


@pytest.mark.parametrize(("text", "wanted"), [
    ("did we settle", {}), ("have we settled up", {}), ("i want to know if we settled", {}),
    ("did we settle with @bob", {"mentions": ["bob"]}), ("has @rahim settled his share", {"mentions": ["rahim"]}),
    ("have we settled already", {}),
])
def test_asked_whether_settled_shows_the_balances(text: str, wanted: dict[str, Any]) -> None:
    assert parse(text) == ("balances", wanted)


@pytest.mark.parametrize(("text", "wanted"), [
    ("send me a csv of all entries", {"format": "csv"}), ("show my transactions as excel", {"format": "xlsx"}),
])
def test_records_asked_for_as_a_file_are_an_export(text: str, wanted: dict[str, Any]) -> None:
    assert parse(text) == ("export", wanted)


@pytest.mark.parametrize(("text", "wanted"), [
    ("search pizza", ("list_entries", {"search": "pizza"})), ("/find taxi", ("list_entries", {"search": "taxi"})),
    ("find atm", ("unknown", {})), ("search it", ("unknown", {})),
    ("when did i pay my car insurance", ("list_entries", {"search": "car insurance"})),
    ("rename this group to family", ("unknown", {})),
    ("search for Pizza Hut", ("list_entries", {"search": "Pizza Hut"})), ("find my phone", ("unknown", {})),
    ("please search for portland's timezone", ("unknown", {})),
])
def test_a_search_of_ones_entries_by_a_word_or_two(text: str, wanted: tuple[str, dict[str, Any]]) -> None:
    assert parse(text) == wanted


def test_a_day_of_the_month_alone_is_the_latest_such_day() -> None:
    assert latest_day(12, date(2026, 3, 20)) == date(2026, 3, 12)
    assert latest_day(31, date(2026, 3, 20)) == date(2026, 1, 31)  # February has no 31st
    assert latest_day(29, date(2024, 3, 1)) == date(2024, 2, 29)
    assert latest_day(31, date(2026, 1, 5)) == date(2025, 12, 31)


@pytest.mark.parametrize("text", ["bazar e 2000 dilam, salary pelam 30000", "refund pelam na, dokan e 500 dilam",
                                  "driver er salary 12000 dilam, receipt pelam"])
def test_money_given_in_its_own_clause_is_spending(text: str) -> None:
    assert parse(text)[1]["direction"] == "expense"


@pytest.mark.parametrize(("text", "wanted"), [
    ("did i settle the electricity bill this month", "list_entries"), ("search for it", "unknown"),
    ("rename it electricity bill", "correct_entry"), ("rename this group to family", "unknown"),
    ("2500 na 250", "correct_entry"),
])
def test_what_the_third_review_found(text: str, wanted: str) -> None:
    assert parse(text)[0] == wanted


def test_the_thing_paid_for_is_searched_without_its_period() -> None:
    assert parse("when did i pay the plumber last month")[1]["search"] == "plumber"
    assert "search" not in parse("when did i pay it")[1]


@pytest.mark.parametrize(("text", "direction"), [
    ("client paid me $350 for the logo job", "income"), ("papa sent 2 lakh for the wedding shopping", "income"),
    ("bday money from nan £50 🥹", "income"), ("made 140 in tips tonight 💵", "income"),
    ("maid salary 6000 rs for march", "expense")])
def test_money_from_clients_and_family_and_salaries_paid_to_staff(text: str, direction: str) -> None:
    name, entities = parse(text)
    assert (name, entities["direction"]) == ("record_transaction", direction)


def test_money_sent_from_ones_own_account_is_no_income() -> None:
    name, entities = parse("i sent money from my account 500")
    assert name != "record_transaction" or entities["direction"] == "expense"


def test_got_paid_is_no_one_named_got() -> None:
    assert "payer" not in parse("got paid 3200 salary")[1]


@pytest.mark.parametrize(("text", "wanted"), [
    ("edit last one: amount 62", "correct_entry"), ("scrap the last entry", "undo_last"),
    ("take back the last entry pls", "undo_last"), ("@priya sent me the 48 she owed 👍", "settle_up"),
    ("can you track budgets?", "help"), ("you're the best lol", "smalltalk"),
    ("what's been added today", "list_entries"), ("করিমের ধার শোধ করলাম ৩০০০", "settle_up"),
    ("flight is TG 661 leaves 09:40", "unknown"), ("ill transfer u the 40 on friday when i get paid", "unknown")])
def test_people_abroad_typing_to_the_bot(text: str, wanted: str) -> None:
    assert parse(text)[0] == wanted


@pytest.mark.parametrize("text", ["train to brighton 24.90 return", "uber from shoreditch was 18.70"])
def test_cents_written_make_a_note_as_sure_as_a_currency(text: str) -> None:
    intent = RuleParser().parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    assert intent.name == "record_transaction" and intent.confidence >= 0.75


@pytest.mark.parametrize("text", ["paid $30 in tips at dinner", "dad gave 500 to the guard",
                                  "my dad gave the plumber 3000"])
def test_tips_paid_and_a_relative_paying_someone_are_spending(text: str) -> None:
    assert parse(text)[1]["direction"] == "expense"


@pytest.mark.parametrize("text", ["the train leaves 14.45", "uber driver rating 4.90", "10.30 e meeting"])
def test_times_and_scores_with_two_decimals_are_not_as_sure_as_money(text: str) -> None:
    intent = RuleParser().parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    assert intent.name != "record_transaction" or intent.confidence < 0.75

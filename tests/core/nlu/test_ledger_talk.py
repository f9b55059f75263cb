"""Corrections, lists, who paid, filtered summaries and settling in other words, as the offline parser reads them."""
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


@pytest.mark.parametrize(("text", "field", "value"), [
    ("actually 550", "amount", "550"), ("make it 550", "amount", "550"), ("no wait it was 450", "amount", "450"),
    ("wrong amount, should be 320", "amount", "320"), ("oops, 2500 not 250", "amount", "2500"),
    ("tk 2500 not 250", "amount", "2500"), ("not 250, 2500", "amount", "2500"), ("not 250 its 2500", "amount", "2500"),
    ("৳2500 not 250", "amount", "2500"),
    ("change the date to yesterday", "date", "2026-03-19"), ("change last entry date to 5 march", "date", "2026-03-05"),
    ("change last entry category to transport", "category", "transport"),
    ("change the description to electricity bill", "description", "electricity bill"),
])
def test_corrections_name_the_field_and_its_new_value(text: str, field: str, value: str) -> None:
    name, entities = parse(text)
    assert name == "correct_entry"
    assert entities["field"] == field and entities[field] == value


@pytest.mark.parametrize(("text", "field", "value"), [
    ("no wait, 1,300", "amount", "1300"), ("edit: 820", "amount", "820"), ("taka ta bhul, 380 hobe", "amount", "380"),
    ("last entry is wrong, it was 420", "amount", "420"), ("edit last entry amount 1750", "amount", "1750"),
    ("that was the day before yesterday", "date", "2026-03-18"),
    ("actually it was yesterday not today", "date", "2026-03-19"),
    ("put it under utilities instead", "category", "utilities"), ("that's transport not shopping", "category",
                                                                   "transport"),
    ("last one should be medicine, not food", "category", "health"),
    ("category ta transport koro", "category", "transport"), ("move it to yesterday", "date", "2026-03-19"),
    ("move it to transport", "category", "transport"),
])
def test_corrections_as_people_word_them(text: str, field: str, value: str) -> None:
    name, entities = parse(text)
    assert (name, entities["field"], entities[field]) == ("correct_entry", field, value)


def test_a_correction_of_the_last_entry_says_so() -> None:
    assert parse("change last entry category to transport")[1]["target"] == "last"
    assert "target" not in parse("actually 550")[1]


@pytest.mark.parametrize("text", ["make it 5 people", "change my name to master", "it was a great day",
                                  "actually i need 4 chairs", "change the name that you call me"])
def test_sentences_that_only_look_like_corrections_are_not(text: str) -> None:
    assert parse(text)[0] != "correct_entry"


@pytest.mark.parametrize(("text", "wanted"), [
    ("show my last 5 transactions", {"limit": 5}),
    ("what did I spend at Shwapno", {"search": "Shwapno"}),
    ("entries with @bob this month", {"mentions": ["bob"], "period": {"start": "2026-03-01", "end": "2026-03-31"}}),
    ("list my expenses last week", {"period": {"start": "2026-03-09", "end": "2026-03-15"}}),
    ("show me my transactions on groceries", {"category": "groceries"}),
    ("show my income entries", {"direction": "income"}),
    ("show my deposits this week", {"direction": "income"}),
    ("list my purchases from Target", {"direction": "expense", "search": "Target"}),
    ("what did I spend at Shwapno", {"direction": "expense"}),
    ("show my recent transactions", {"direction": None}),
])
def test_list_requests_carry_their_filters(text: str, wanted: dict[str, Any]) -> None:
    name, entities = parse(text)
    assert name == "list_entries"
    assert {key: entities.get(key) for key in wanted} == wanted


@pytest.mark.parametrize(("text", "payer", "mentions"), [
    ("bob paid 400 for the taxi", "bob", None),
    ("@karim paid for dinner 1200 split with me", "karim", None),
    ("<at>Karim Uddin</at> paid 900 for lunch with @nadia", "Karim Uddin", ["nadia"]),
])
def test_someone_else_paying_is_the_payer_not_a_share(text: str, payer: str, mentions: list[str] | None) -> None:
    name, entities = parse(text)
    assert name == "record_transaction"
    assert entities["payer"] == payer and entities.get("mentions") == mentions
    assert payer.lower() not in entities.get("description", "").lower()


@pytest.mark.parametrize("text", ["i paid 400 for the taxi", "we paid 1200 for dinner", "just paid 50 for tea"])
def test_i_or_we_paying_names_no_payer(text: str) -> None:
    assert "payer" not in parse(text)[1]


def test_someone_owing_the_sender_is_a_split_for_them() -> None:
    name, entities = parse("@bob owes me 200 for coffee")
    assert (name, entities["mentions"], entities["split"], entities["amount"]) == (
        "record_transaction", ["bob"], "for", "200")


@pytest.mark.parametrize(("text", "who", "to_me"), [
    ("I paid back @alice 1000", "alice", False), ("i paid alice 1000 back", "alice", False),
    ("got 1500 back from @joy", "joy", True), ("setle up with @sakib", "sakib", False),
])
def test_paying_back_is_a_settlement_in_the_right_direction(text: str, who: str, to_me: bool) -> None:
    name, entities = parse(text)
    assert name == "settle_up" and entities["mentions"] == [who]
    assert (entities.get("payer") == who) is to_me


@pytest.mark.parametrize(("text", "wanted"), [
    ("how much on food this month", {"category": "food"}),
    ("my income this year", {"direction": "income"}),
    ("my share this month", {"share": "mine"}),
    ("how much did i spend with @bob this month", {"mentions": ["bob"]}),
    ("food e koto khoroch holo ei mashe", {"category": "food"}),
])
def test_summaries_carry_their_filters(text: str, wanted: dict[str, Any]) -> None:
    name, entities = parse(text)
    assert name == "spending_summary"
    assert {key: entities.get(key) for key in wanted} == wanted


@pytest.mark.parametrize("text", [
    "is there a charge from spotify this month", "did apple charge me for icloud", "have i been charged by netflix",
    "when was my last purchase at chipotle", "did my rent payment clear", "what have i bought this week",
    "show me the lyft rides on my card", "where did i last use my card", "how much was my last purchase",
])
def test_asking_after_particular_records_is_a_list(text: str) -> None:
    assert parse(text)[0] == "list_entries"


@pytest.mark.parametrize(("text", "period"), [
    ("amount spent on restaurants in the past 30 days", ("2026-02-19", "2026-03-20")),
    ("hotel expenses in 2024 total", ("2024-01-01", "2024-12-31")),
])
def test_spending_over_a_counted_period_is_a_summary(text: str, period: tuple[str, str]) -> None:
    name, entities = parse(text)
    assert name == "spending_summary"
    assert (entities["period"]["start"], entities["period"]["end"]) == period


@pytest.mark.parametrize(("text", "period"), [
    ("what's my spending on my debit card this month", ("2026-03-01", "2026-03-31")),
    ("how much was spent on my capital one card in 2025", ("2025-01-01", "2025-12-31")),
    ("how much did i spend on my visa last month", ("2026-02-01", "2026-02-28")),
    ("i spent what dollar amount last month on mastercard", ("2026-02-01", "2026-02-28")),
    ("what's the total of my purchases this month", ("2026-03-01", "2026-03-31")),
    ("how much were my uber charges last month", ("2026-02-01", "2026-02-28")),
])
def test_a_figure_of_a_card_or_of_named_records_is_their_list_with_its_total(text: str,
                                                                              period: tuple[str, str]) -> None:
    name, entities = parse(text)
    assert name == "list_entries"
    assert (entities["period"]["start"], entities["period"]["end"]) == period
    assert entities.get("category") != "travel"  # "my visa" is a card, not a trip


@pytest.mark.parametrize(("text", "category"), [
    ("how much did i spend on food last month", "food"), ("how much did i spend on gift cards", "shopping"),
    ("what did i spend on groceries this week", "groceries"),
])
def test_a_figure_of_a_category_stays_a_summary(text: str, category: str) -> None:
    assert parse(text)[0] == "spending_summary" and parse(text)[1]["category"] == category


def test_a_visa_paid_for_is_still_travel() -> None:
    assert parse("paid 5000 for visa")[1]["category"] == "travel"


@pytest.mark.parametrize(("text", "item"), [
    ("how much did i spend on tires", "tires"), ("how much have i spent on the dog this year", "dog"),
    ("what did i spend on christmas presents", "christmas presents"), ("how much money did i blow on my car", "car"),
])
def test_a_figure_for_a_thing_no_category_names_narrows_the_summary_to_it(text: str, item: str) -> None:
    name, entities = parse(text)
    assert (name, entities.get("item"), entities.get("category")) == ("spending_summary", item, None)


@pytest.mark.parametrize("text", ["how much do i spend on average", "how much did i spend on monday",
                                  "how much did i spend on food", "how much have i spent on it",
                                  "how much did i spend on the weekend", "how much did i make on fiverr"])
def test_a_period_a_category_or_a_vague_word_is_no_item(text: str) -> None:
    assert "item" not in parse(text)[1]


@pytest.mark.parametrize(("text", "category"), [
    ("how much did i spend from my food budget last month", "food"),
    ("what have i spent in my entertainment budget so far this month", "entertainment"),
    ("what did i spend from my grocery budget yesterday", "groceries"),
    ("im trying to budget, how much did i spend on groceries in october", "groceries"),
])
def test_spending_from_a_budget_is_a_summary_with_the_budget_beside_it(text: str, category: str) -> None:
    name, entities = parse(text)
    assert (name, entities["category"], entities["budget"]) == ("spending_summary", category, True)


@pytest.mark.parametrize(("text", "entities"), [
    ("how much is left in my grocery budget", {"category": "groceries"}),
    ("what's my food budget", {"category": "food"}),
    ("am i over budget on dining", {}), ("how much can i still spend this month", {}),
    ("how much money is left in my budget this week", {}), ("is my travel budget used up", {"category": "travel"}),
])
def test_the_budget_itself_is_its_status(text: str, entities: dict[str, str]) -> None:
    assert parse(text) == ("budget_status", entities)


@pytest.mark.parametrize("text", ["did i go over my budget last month", "did i stay within budget in february",
                                  "how much was left in my food budget last week"])
def test_a_budget_asked_of_a_period_already_over_is_that_periods_summary(text: str) -> None:
    """Today's status cannot say how last month went; the summary of that period carries its budget section."""
    name, entities = parse(text)
    assert (name, entities["budget"]) == ("spending_summary", True)
    assert entities["period"]["end"] < NOW.date().isoformat()


@pytest.mark.parametrize("text", ["paid rent in 2000 tk", "lunch in 2024 taka"])
def test_a_year_shaped_amount_with_its_currency_stays_an_amount(text: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction" and entities["amount"] in {"2000", "2024"}


@pytest.mark.parametrize("text", [
    "i dont recognize a $89 charge from somewhere called xyz", "why was my transaction declined",
    "transfer $200 from savings to checking", "i'm seeing transactions i never made",
    "my direct deposit didn't show up today", "when's my next statement due date",
])
def test_a_matter_for_the_bank_is_neither_recorded_nor_listed(text: str) -> None:
    intent = PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    assert (intent.name, intent.entities) == ("unknown", {"outside": "bank"})


@pytest.mark.parametrize("text", ["i didnt make it to lunch but paid 300 anyway", "lunch 300 not 250",
                                  "paid courier 500, the parcel has not arrived yet"])
def test_a_negation_alone_does_not_make_a_bank_matter(text: str) -> None:
    assert parse(text)[0] == "record_transaction"


def test_money_never_paid_back_shows_what_is_owed_instead_of_settling() -> None:
    assert parse("i never got my 500 back from @bob") == ("balances", {"mentions": ["bob"]})
    assert parse("got 500 back from @bob")[0] == "settle_up"
    assert parse("settle up with @bob, he hasn't paid me back")[0] == "settle_up"


def test_the_classifier_settles_a_total_or_a_list_only_when_all_but_sure() -> None:
    overruled = PARSER.parse_sync("show me what i spent yesterday", mentions=[], now=NOW, tz="Asia/Dhaka")
    assert (overruled.name, overruled.parser) == ("list_entries", "classifier")
    assert "overruled" in overruled.reason
    at_a_place = PARSER.parse_sync("What did I spend at Agora this week", mentions=[], now=NOW, tz="Asia/Dhaka")
    assert (at_a_place.name, at_a_place.entities.get("search")) == ("list_entries", "Agora")
    in_total = PARSER.parse_sync("what did i spend in total on dining out last month", mentions=[], now=NOW,
                                 tz="Asia/Dhaka")
    assert in_total.name == "spending_summary"
    kept = PARSER.parse_sync("amount spent on restaurants in the past 30 days", mentions=[], now=NOW, tz="Asia/Dhaka")
    assert (kept.name, kept.parser) == ("spending_summary", "rules")


@pytest.mark.parametrize(("text", "intent", "wanted"), [
    ("recent txns", "list_entries", {}),
    ("did i already add the electric bill", "list_entries", {"category": "utilities"}),
    ("how much was the internet bill in jan", "list_entries", {"category": "utilities"}),
    ("how much more can i spend on clothes this month", "budget_status", {"category": "shopping"}),
    ("whats my weekly grocery limit", "budget_status", {"category": "groceries"}),
    ("how much did i make in tips last week", "spending_summary", {"direction": "income"}),
    ("how much did i spend at costco last month", "spending_summary", {"search": "costco"}),
    ("what did i spend at the grocery store yesterday", "spending_summary", {"category": "groceries", "search": None}),
])
def test_ledger_questions_as_people_word_them(text: str, intent: str, wanted: dict[str, Any]) -> None:
    name, entities = parse(text)
    assert name == intent
    assert {key: entities.get(key) for key in wanted} == wanted


@pytest.mark.parametrize("text", [
    "what's my credit card limit", "whats my bank balance", "why did the bank charge me an overdraft fee",
    "zelle my mom 50", "recommend a good budget app", "how much should a family of 4 budget for groceries",
    "what are some ways to cut spending on groceries", "how much does netflix cost per month",
])
def test_the_banks_business_advice_and_prices_are_not_ledger_questions(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "intent"), [
    ("spent 500 from my food budget this month", "record_transaction"), ("bank charges 50", "record_transaction"),
    ("overdraft fee 35", "record_transaction"), ("send 500 to @bob", "record_transaction"),
    ("bonus 5000 was added to my account", "record_transaction"), ("sub to netflix 500", "record_transaction"),
    ("limit bob to 500", "unknown"), ("put it in the fridge", "unknown"), ("file it as done", "unknown"),
])
def test_statements_that_share_words_with_questions_and_commands_stay_what_they_are(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize(("text", "wanted"), [
    ("how much did i spend at costco recently", {"search": "costco"}),
    ("what did i spend at Pizza Hut", {"search": "Pizza Hut", "category": None}),
    ("how much were my recent purchases", {"limit": None}),
    ("how much was the uber charge", {"limit": None}),
])
def test_lists_narrow_to_the_shop_named_and_no_further(text: str, wanted: dict[str, Any]) -> None:
    name, entities = parse(text)
    assert name in ("list_entries", "spending_summary")
    assert {key: entities.get(key) for key in wanted} == wanted


@pytest.mark.parametrize(("text", "name"), [
    ("how much money did i make last month", "spending_summary"),
    ("how much money went into my account last month", "spending_summary"),
    ("what did i make in the last year", "spending_summary"),
    ("how much was deposited in my account in january", "list_entries"),
])
def test_income_asked_without_the_word_is_income(text: str, name: str) -> None:
    assert parse(text)[0] == name and parse(text)[1]["direction"] == "income"


def test_spending_is_no_income() -> None:
    assert parse("how much did i spend on apps this month")[0] == "spending_summary"
    assert "direction" not in parse("how much did i spend on apps this month")[1]



@pytest.mark.parametrize(("text", "wanted"), [
    ("where did i use my card today", {"period": {"start": "2026-03-20", "end": "2026-03-20"}}),
    ("what hit my visa this week", {"period": {"start": "2026-03-16", "end": "2026-03-22"}}),
    ("since christmas whats gone on my citi card", {}),
    ("please pull up my checking account activity", {}),
    ("list all the refunds i got in april", {"period": {"start": "2025-04-01", "end": "2025-04-30"},
                                            "direction": "income"}),
    ("show charges and deposits on my visa", {"direction": None}),
    ("txns?", {}),
    ("my purchases", {"direction": "expense"}),
])
def test_what_went_through_a_card_or_account_and_bare_record_nouns_are_lists(text: str,
                                                                               wanted: dict[str, Any]) -> None:
    name, entities = parse(text)
    assert name == "list_entries"
    assert {key: entities.get(key) for key in wanted} == wanted


@pytest.mark.parametrize(("text", "intent"), [
    ("i left my card at the restaurant", "unknown"), ("i used my card to pay rent 500", "record_transaction"),
    ("got refunds from daraz 500", "record_transaction"), ("paid 60 at the bus stop, payment by bkash",
                                                           "record_transaction"),
    ("how much do i owe for the birthday card", "balances"),
    ("how much did i spend on my shopping list this week", "spending_summary"),
    ("how much income tax did i pay this year", "spending_summary"),
])
def test_records_and_ledger_questions_near_the_new_words_stay_what_they_were(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


def test_the_last_30_days_is_a_period_not_a_count() -> None:
    assert parse("please summarize my expenses for the last 30 days")[0] == "spending_summary"
    name, entities = parse("show my transactions from the last 30 days")
    assert name == "list_entries" and "limit" not in entities
    assert entities["period"] == {"start": "2026-02-19", "end": "2026-03-20"}
    assert parse("show my last 5 transactions from the last 30 days")[1]["limit"] == 5


@pytest.mark.parametrize("text", [
    "show me my recent photos", "show my calendar for last week", "how many calories did i eat last week",
    "how much time did i spend on my phone this week", "how much paid time off have i used",
    "what did i put on my shopping list", "how much is my income tax", "what stocks should i buy",
])
def test_questions_about_things_that_are_not_money_are_not_ledger_reads(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "wanted"), [
    ("purchases above $50 this week", {"min_amount": "50", "currency": "USD"}),
    ("transactions between 20 and 50 dollars today", {"min_amount": "20", "max_amount": "50", "currency": "USD"}),
    ("show expenses under 500 tk last month", {"max_amount": "500", "currency": "BDT"}),
    ("filter my transactions to only ones over 100", {"min_amount": "100", "currency": None}),
    ("top 5 biggest purchases this year", {"limit": 5, "order": "largest"}),
])
def test_a_list_asked_with_an_amount_bound_is_a_list_never_a_record(text: str, wanted: dict[str, Any]) -> None:
    name, entities = parse(text)
    assert name == "list_entries"
    assert {key: entities.get(key) for key in wanted} == wanted


@pytest.mark.parametrize("text", [
    "did netflix chrage me this month", "pls check if youtube premium billed me already",
    "i want to know if my gym membership was billed in october", "how much was the ubr ride to the airport",
    "how much was the tab at chilis last nite", "account history for june",
    "show me everything that went through my account in november", "lately what has been paid with my debit card",
    "could you please list all the cash i took out of the atm in june",
    "could you please list the settlements between me and sarah",
    "we're splitting rent and i need to see every payment i've made to my roommate since january",
])
def test_records_asked_after_in_other_words_are_lists(text: str) -> None:
    assert parse(text)[0] == "list_entries"


@pytest.mark.parametrize("text", [
    "has my spedning on clothes gone up", "is clothes shopping costing me more these days",
    "wher does all my money go", "are my outlays on takeout excessive lately",
    "could you please tell me how much income i received in march",
    "we just got back from vacation and i want to know how much money the whole trip cost us",
])
def test_spending_questions_with_typos_and_other_words_are_summaries(text: str) -> None:
    assert parse(text)[0] == "spending_summary"


@pytest.mark.parametrize(("text", "intent"), [
    ("dinner 800 paid with my card", "record_transaction"), ("took 2000 cash from atm", "record_transaction"),
    ("atm withdrawals 2000", "record_transaction"), ("i spent 500 on rice, prices went up", "record_transaction"),
    ("got back from vacation, karim paid me back 500", "settle_up"),
    ("what's the outstanding balance on the dinner bill", "balances"), ("account balance with karim", "balances"),
])
def test_records_debts_and_settlements_beside_list_words_stay_what_they_are(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


def test_a_day_range_is_a_period_and_a_summary_with_a_bound_is_the_list() -> None:
    name, entities = parse("show transactions between 1 and 15 june")
    assert name == "list_entries" and "min_amount" not in entities and "period" in entities
    name, entities = parse("expenses over 500 this month")
    assert name == "list_entries" and entities["min_amount"] == "500"
    assert parse("transactions between $20 and 50")[1]["max_amount"] == "50"
    assert "direction" not in parse("how much income tax did i pay")[1]


@pytest.mark.parametrize(("text", "bound"), [("spent more than 500 on groceries", "500"),
                                             ("paid over 200 for lunch", "200")])
def test_a_bound_with_a_spending_verb_is_no_amount_and_says_which(text: str, bound: str) -> None:
    assert parse(text) == ("unknown", {"vague_amount": bound})
    assert parse("find a laptop under 500") == ("unknown", {})


@pytest.mark.parametrize("text", ["what do i owe in federal taxes", "how much tax do i owe this year",
                                  "how much do i owe for state taxes"])
def test_taxes_owed_are_no_debt_between_people(text: str) -> None:
    assert parse(text)[0] != "balances"


def test_a_debt_for_a_taxi_is_still_a_debt() -> None:
    assert parse("how much do i owe karim for the taxi")[0] == "balances"


@pytest.mark.parametrize("text", ["spending since jan 2025", "groceries since june 2025", "rent since jan 2025",
                                  "expenses between 1 jan 2025 and 5 feb 2025"])
def test_a_year_inside_a_range_or_a_start_is_no_amount(text: str) -> None:
    assert parse(text)[0] not in ("record_transaction", "settle_up")


@pytest.mark.parametrize("text", ["what is my budget for may", "what's my food budget for april"])
def test_a_budget_for_a_month_still_to_come_is_its_status(text: str) -> None:
    assert parse(text)[0] == "budget_status"


@pytest.mark.parametrize("text", ["how much did i spend on fri", "how much did i spend on may 5",
                                  "how much did i spend on saturdays", "how much did i spend on cash this month",
                                  "how much did i spend on five hundred", "how much did i spend on a daily basis"])
def test_days_payment_means_and_numbers_are_no_items(text: str) -> None:
    assert "item" not in parse(text)[1]


@pytest.mark.parametrize(("text", "item"), [("how much did i spend on tires please", "tires"),
                                            ("how much have i spent on tires ytd", "tires"),
                                            ("how much did i spend on diapers between jan and march", "diapers")])
def test_a_word_after_the_item_is_not_part_of_it(text: str, item: str) -> None:
    assert parse(text)[1]["item"] == item


@pytest.mark.parametrize(("text", "category"), [("bar exam fee 5000", "education"), ("dining chairs 8000", "other"),
                                                ("take out 2000 cash", "other")])
def test_words_near_a_keyword_keep_their_own_category(text: str, category: str) -> None:
    assert parse(text)[1]["category"] == category


def test_what_was_cooked_is_no_income() -> None:
    assert parse("what did i make this morning for breakfast")[1].get("direction") != "income"



def test_a_year_after_from_is_the_lists_period() -> None:
    assert parse("show my transactions from 2025") == (
        "list_entries", {"period": {"start": "2025-01-01", "end": "2025-12-31"}})
    assert parse("what did i make in 2025")[1] == {"period": {"start": "2025-01-01", "end": "2025-12-31"},
                                                   "direction": "income"}


def test_a_year_asked_for_is_the_period_not_an_amount() -> None:
    name, entities = parse("give me my total spent for 2023")
    assert name == "spending_summary"
    assert entities["period"] == {"start": "2023-01-01", "end": "2023-12-31"}


@pytest.mark.parametrize("text", ["where did all my cash go in december", "where did my funds go last month",
                                  "where is all my cash going"])
def test_where_the_money_went_is_the_spending_summary(text: str) -> None:
    assert parse(text)[0] == "spending_summary"


@pytest.mark.parametrize(("text", "name"), [
    ("when did i buy the printer ink", "list_entries"),
    ("what did i pay for the flight to chicago", "list_entries"),
    ("what did i spend money on on friday", "list_entries"),  # which things, not how much
    ("itemize my spending for yesterday", "list_entries"),
    ("show me every expense between 200 and 500", "list_entries"),
    ("the sum of my last four grocery trips", "list_entries"),  # named records' figure: their list and its total
    ("give me a list of my fast food buys", "list_entries"),
    ("how much money did my last purchase cost", "list_entries"),
    ("what amount was the tab at chilis last night", "list_entries"),  # a record's figure, not a debt
    ("where did my dollars go last month", "spending_summary"),
    ("remind me when i last paid the water bill", "list_entries"),
    ("i think i paid the daycare twice this month, can you check?", "list_entries"),
    ("last paycheck amount", "list_entries"), ("how much did my last haircut cost", "list_entries"),
    ("please show me what i paid to the plumber back in the spring", "list_entries"),
    ("i need the complete list of outgoings recorded between the 1st and the 15th of this month", "list_entries"),
    ("how much did i spend on gas last year in total", "spending_summary"),
    ("quick one, how much is left in my grocery budget for this month?", "budget_status"),  # no ৳1 budget
    ("after last night how much of my fun budget is left", "budget_status"),  # what is left is today's
    ("what did i set my eating out budget to", "budget_status"),
    ("have i gone over my grocery allowance this month?", "budget_status"),
    ("have i gone through my budget", "budget_status"), ("did my rent go through", "list_entries"),
    ("where has my money been going", "spending_summary"),
    ("export transactions 2025", "export"),  # a year, not an amount
    ("can i get an overview of my expenses for this quarter", "spending_summary"),
    ("what's my biggest expense category", "spending_summary"),
    ("have i blown my food budget yet", "budget_status"),
    ("how close am i to my monthly spending cap", "budget_status"),
])
def test_records_summaries_and_budgets_in_more_words(text: str, name: str) -> None:
    assert parse(text)[0] == name


@pytest.mark.parametrize("text", ["how much interest did chase charge me last year",
                                  "send 50 bucks to jake from my bank account",
                                  "how much do i owe on the electric bill",
                                  "i want to know the late payment fee for my mastercard"])
def test_the_banks_business_is_not_ours(text: str) -> None:
    name, entities = parse(text)
    assert (name, entities.get("outside")) == ("unknown", "bank")


def test_a_cost_told_is_no_question_to_answer_with_a_card() -> None:
    """Not understood offline, so the LLM (when configured) is asked; never a list the user did not ask for."""
    assert parse("the plumber thing last week came to 3,500")[0] == "unknown"


@pytest.mark.parametrize(("text", "amount"), [
    ("dinner total 2000", "2000"), ("total bill 2000", "2000"), ("income 2000 from freelance", "2000"),
    ("spending 2000 on food", "2000"), ("send 500 to karim", "500"), ("transfer 300 to rahim", "300"),
    ("weekly allowance 500", "500"), ("we paid rent twice this month 5000", "5000"),
    ("itemized bill 900 dinner", "900"),
    ("paid 500 for last dinner total", "500"), ("yo-yo 200", "200"),
])
def test_records_that_share_words_with_the_new_questions_stay_records(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities.get("amount")) == ("record_transaction", amount)


@pytest.mark.parametrize(("text", "description"), [("lent 500 to tia", "tia"),
                                                   ("hi-fi speakers 5000", "hi-fi speakers")])
def test_names_and_hyphenated_words_are_no_asides(text: str, description: str) -> None:
    assert parse(text)[1]["description"] == description


@pytest.mark.parametrize(("text", "name", "limit"), [
    ("how much did i spend on my last purchase", "list_entries", 1),
    ("how much have i spent on my last three orders", "list_entries", 3),
    ("how much did i spend on my last trip to paris", "spending_summary", None),  # a trip is many entries
])
def test_what_the_last_purchases_cost_is_their_list(text: str, name: str, limit: int | None) -> None:
    got, entities = parse(text)
    assert (got, entities.get("limit")) == (name, limit)

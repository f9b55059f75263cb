"""Spending asked in other words: the rules alone read them as a summary or a list, and records told in the same
words stay records."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.nlu.rules import RuleParser

NOW = datetime(2026, 3, 20, 10, tzinfo=UTC)
RULES = RuleParser(bot_names=frozenset({"Switchboard"}))


def parse(text: str) -> tuple[str, dict[str, object]]:
    intent = RULES.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    return intent.name, intent.entities


@pytest.mark.parametrize("text", [
    "have i been splurging on clothes", "have i been going out to eat a lot", "have i been ordering takeout too much",
    "what portion of my paycheck went to food", "what have i been blowing my money on",
    "what's been draining my wallet", "how much did the new tires set me back", "what have i used my money on",
    "how much money have i thrown at video games", "how much did i fork out for the concert",
    "how much have i been shelling out for gas", "did i overspend last month", "have i overspent on entertainment",
    "how much was spent on food last week", "how much has gone on eating out this month",
    "what's the damage on eating out this month", "my spend on food this month",
    "what's my grocery total for the month",
    "what did groceries total last month", "groceries total this week", "tally up my grocery expenses",
    "did i go shopping too much this month", "how much money have i parted with this month",
    "how much on uber", "amount on food", "food costs?", "my food costs this month?", "spent how much on food?",
    "i spent how much on uber?!", "what did my groceries come to this month",
    "how much did everything come to last week",
    "how much damage did i do at the mall", "how much did i rack up at the bar", "what's my burn rate this month",
    "month to date spend", "year to date expenses", "how much did i pay for uber last week",
    "how much money went on flights", "how much on groceries in march", "spent on clothes this year?",
    "whats my total for pizza", "how many bucks did i spend on books", "dining out spending over the past two weeks",
])
def test_spending_asked_in_other_words_is_a_summary(text: str) -> None:
    assert parse(text)[0] == "spending_summary"


@pytest.mark.parametrize("text", [
    "what's the damage on my federal tax return", "what do i need to get when i go shopping", "tally",
    "check to see how many days off i have used in total so far",
    "what did the electric bill come to last month", "how much did my phone bill come to last time",
    "how much on bills to i have to pay", "how much did i pay for my last haircut",
])
def test_the_same_words_about_other_things_are_no_summary(text: str) -> None:
    assert parse(text)[0] != "spending_summary"


@pytest.mark.parametrize("text", [
    "please report information about activity on my credit card", "can you help me make a payment on my bill",
    "help me set up a payment to my landlord",
])
def test_reporting_or_making_a_payment_is_no_list(text: str) -> None:
    assert parse(text)[0] != "list_entries"


@pytest.mark.parametrize(("text", "period"), [
    ("transactions this week", ("2026-03-16", "2026-03-22")), ("pull up my purchase history", None),
    ("what were the last things i bought", None),
    ("anything posted to my account today?", ("2026-03-20", "2026-03-20")),
    ("i'd like to review my transactions", None), ("i have a question about a transaction", None),
    ("can you look into a charge for me", None), ("there's a transaction i want to check", None),
    ("did i buy anything at target yesterday", ("2026-03-19", "2026-03-19")),
    ("is there a record of my payment to the landlord", None), ("any activity on my debit card", None),
    ("tell me my transactions the last 10 days", ("2026-03-11", "2026-03-20")), ("can i get my transactions", None),
    ("list the last 5 things i bought", None), ("what did i charge to my visa", None),
])
def test_records_asked_in_other_words_are_a_list(text: str, period: tuple[str, str] | None) -> None:
    name, entities = parse(text)
    assert name == "list_entries"
    wanted = {"start": period[0], "end": period[1]} if period else None
    assert entities.get("period") == wanted


@pytest.mark.parametrize(("text", "description"), [
    ("splurged 500 on shoes", "shoes"), ("forked out 200 for the concert", "concert"),
    ("shelled out 1500 for the repairs", "repairs"), ("blew 300 at the casino", "casino"),
    ("overspent 400 on food", "overspent food"), ("groceries total 1200", "groceries"), ("lunch for two 500", "lunch"),
])
def test_records_told_in_those_words_stay_records(text: str, description: str) -> None:
    name, entities = parse(text)
    assert (name, entities.get("description")) == ("record_transaction", description)
    assert entities["direction"] == "expense"


@pytest.mark.parametrize(("text", "direction"), [
    ("show me income against expenses for last month", None), ("income vs expenses this year", None),
    ("pls show me what i made in the last 30 days", "income"), ("my income this year", "income"),
])
def test_income_beside_expenses_is_a_summary_of_both(text: str, direction: str | None) -> None:
    name, entities = parse(text)
    assert (name, entities.get("direction")) == ("spending_summary", direction)


@pytest.mark.parametrize("text", [
    "uber charged me twice how do i get my money back", "total money across all my accounts",
])
def test_a_disputed_charge_or_all_accounts_money_is_the_banks(text: str) -> None:
    assert parse(text) == ("unknown", {"outside": "bank"})


@pytest.mark.parametrize(("text", "amount"), [
    ("payments today 500 to rahim", "500"), ("purchases today 500 groceries", "500"),
    ("charges yesterday 200 bank fee", "200"), ("forked over 300 to the mechanic", "300"),
    ("check the payment 500 rahim paid", "500"),
])
def test_records_beside_list_words_stay_records(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities.get("amount")) == ("record_transaction", amount)


@pytest.mark.parametrize("text", [
    "how many pounds did we drop", "how much on top of the bill do i tip", "how much at minimum should i save",
    "how much on earth is a ps5", "how much goes into a roth ira", "how much has gone to waste",
    "how much damage does a fireball do", "whats the burn rate of a rocket", "what's the total for tonight's game",
    "my tally for the game", "shipping costs", "moving costs", "i have a question about my payment plan",
    "i need help with a purchase order", "ask rahim about the payment", "can we have the payments split equally",
])
def test_questions_about_other_things_are_no_summary_nor_list(text: str) -> None:
    assert parse(text)[0] not in ("spending_summary", "list_entries")


@pytest.mark.parametrize(("text", "wanted"), [
    ("how much at walmart", {"search": "walmart"}), ("how much on tires", {"item": "tires"}),
    ("how much at costco sunday", {"search": "costco", "period": {"start": "2026-03-15", "end": "2026-03-15"}}),
    ("splurged on shoes this month?", {"category": "shopping"}),
])
def test_short_spending_questions_keep_what_they_ask_about(text: str, wanted: dict[str, object]) -> None:
    name, entities = parse(text)
    assert name == "spending_summary"
    assert {key: entities.get(key) for key in wanted} == wanted


@pytest.mark.parametrize("text", ["how can i get my money back from rahim",
                                  "how do i get my money back from karim he owes me 500"])
def test_money_back_from_a_friend_is_not_the_banks(text: str) -> None:
    assert parse(text)[1].get("outside") != "bank"


@pytest.mark.parametrize(("text", "intent"), [
    ("joy er sathe settle hoise naki", "balances"), ("trip e keu ki amar kache taka pay?", "balances"),
    ("1000 er upore kon kon khoroch korsi ei week", "list_entries"),
    ("fridge ta kobe kinsilam koto diye", "list_entries"),
    ("konta category te budget cross korsi", "budget_status"), ("cha r biscuit e ei week koto", "spending_summary"),
    ("sylhet jaite bus ticket koto", "unknown"), ("ধন্যবাদ", "smalltalk"), ("account balance with karim", "balances"),
])
def test_asked_the_bengali_way(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("whats this 20€ charge", "20", "EUR"), ("whats this usd 50 charge", "50", "USD"),
    ("whats this 40 tk. charge", "40", "BDT"),
    ("what was this 12.99 charge", "12.99", None), ("what is this charge of 12.99", "12.99", None),
    ("what's the $12.99 charge from tuesday", "12.99", "USD"),
])
def test_a_charge_asked_after_by_its_amount_lists_that_amount(text: str, amount: str, currency: str | None) -> None:
    name, entities = parse(text)
    assert (name, entities.get("min_amount"), entities.get("max_amount")) == ("list_entries", amount, amount)
    assert entities.get("currency") == currency


@pytest.mark.parametrize("text", ["what is the 5 debit card rule", "what is this 3 payment installment plan"])
def test_a_number_before_a_record_word_in_another_phrase_is_no_amount_asked_after(text: str) -> None:
    assert "min_amount" not in parse(text)[1]


@pytest.mark.parametrize(("text", "intent"), [
    ("buy milk?", "unknown"), ("eat out tonight?", "unknown"), ("cost of living in dhaka?", "unknown"),
    ("spent today?", "spending_summary"), ("ajke temperature koto", "unknown"), ("how much at stake", "unknown"),
    ("how much on hold", "unknown"), ("work life balance with kids is hard", "unknown"),
    ("what is the charge for 2 nights", "unknown"), ("@joy settle kore feli naki", "settle_up"),
])
def test_chat_that_only_looks_like_a_ledger_question_is_not_read_as_one(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize(("text", "amount"), [
    ("dinner 1200 ami dilam, split korbo naki", "1200"), ("ami 500 dilam, tumi dibe naki", "500"),
    ("gave 300 to kina", "300"), ("taxi 20 kina", "20"),
])
def test_a_record_followed_by_a_question_or_a_name_like_naki_stays_a_record(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities.get("amount")) == ("record_transaction", amount)


@pytest.mark.parametrize("text", ["karim ke 500 dilam naki", "Karim ke 500 dilam Naki", "bazar 500 dilam kina"])
def test_asking_whether_one_paid_is_no_record(text: str) -> None:
    assert parse(text)[0] != "record_transaction"


def test_a_shopping_note_with_amounts_is_no_list() -> None:
    assert parse("aajker bazar er list chal 500 dal 200")[0] != "list_entries"


@pytest.mark.parametrize("text", ["what was that 2019 transaction", "what was the payment of 5 days ago"])
def test_a_year_or_a_count_of_days_is_no_amount_asked_after(text: str) -> None:
    assert "min_amount" not in parse(text)[1]


@pytest.mark.parametrize(("text", "intent"), [
    ("when did i pay my car insurance", "list_entries"), ("on what date did i pay my phone bill", "list_entries"),
    ("date i paid my car insurance", "list_entries"), ("things i spent money on yesterday", "list_entries"),
    ("how much have i used on groceries", "spending_summary"), ("how much did i use for rent", "spending_summary"),
    ("how much data have i used this month", "unknown"), ("how much electricity did i use last month", "unknown"),
    ("how much electricity spending this month", "spending_summary"),
    ("how much time did i spend on my phone this week", "unknown"),
])
def test_when_a_thing_was_paid_is_its_records_and_money_used_is_spending(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize("text", ["things i bought 500 taka", "when do i pay rent"])
def test_a_thing_bought_with_its_amount_or_a_payment_to_come_is_no_list(text: str) -> None:
    assert parse(text)[0] != "list_entries"

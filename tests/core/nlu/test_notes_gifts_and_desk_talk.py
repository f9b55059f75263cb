"""A household's notes and gifts and a utility desk's talk, as the offline parser reads them: a longer note's price
last, Eid money given, debts paid back, corrections the Bengali way, someone else's spending, a caller's claim and
colleagues' plans that ask nothing of the bot."""
from __future__ import annotations

from typing import Any

import pytest

from tests.core.nlu.reading import read as parse


@pytest.mark.parametrize(("text", "amount", "category"), [
    ("tea snacks for the meeting 460", "460", "food"), ("couple dinner at the westin, 6850 😅", "6850", "food"),
    ("bus ticket dhaka to rajshahi 850", "850", "transport"),
])
def test_a_longer_note_with_its_price_last_is_recorded(text: str, amount: str, category: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"], entities["category"]) == ("record_transaction", amount, category)


@pytest.mark.parametrize("text", ["khalar number 01911 223344", "খালার নাম্বার ০১৯১১ ২২৩৩৪৪",
                                  "set an alarm for the meeting 530", "can you add 5 minutes to my timer",
                                  "wake me up for breakfast 630"])
def test_a_phone_number_a_time_or_minutes_are_no_money(text: str) -> None:
    assert parse(text)[0] != "record_transaction"


@pytest.mark.parametrize(("text", "direction"), [
    ("খালা ঈদের সালামি দিলেন ২০০০ টাকা", "income"), ("শ্বশুরবাড়ি থেকে সালামি দিল ১০০০০", "income"),
    ("mama salami dise 1000", "income"), ("bhagne ke 500 salami dilam", "expense"),
    ("paid the security deposit 20000", "expense"), ("husband paid the flat deposit, 50000", "expense"),
    ("got my security deposit back 20000", "income"), ("can u record an expense 15$ netflix", "expense"),
])
def test_who_the_money_went_to_decides_its_direction(text: str, direction: str) -> None:
    name, entities = parse(text)
    assert (name, entities["direction"]) == ("record_transaction", direction)


@pytest.mark.parametrize(("text", "payer", "amount"), [
    ("rafsan finally cleared his dues, 650", "rafsan", "650"), ("apu amar dhar shodh kore dise 3000", "apu", "3000"),
    ("আপু আমার ধার শোধ করে দিছে, ৩০০০", "apu", "3000"),
])
def test_a_debt_paid_back_to_the_sender_in_other_words_settles(text: str, payer: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities["payer"], entities["amount"]) == ("settle_up", payer, amount)


@pytest.mark.parametrize(("text", "expected"), [
    ("jeep ta 2200 na 2400 chilo", {"field": "amount", "amount": "2400", "currency": None}),
    ("ভুল লিখছি, ৩২৪০ না ৩৪২০ হবে", {"field": "amount", "amount": "3420", "currency": None}),
    ("make the last one rent instead of misc", {"field": "category", "category": "rent", "target": "last"}),
    ("that was on monday actually not today", {"field": "date", "date": "2026-03-16"}),
])
def test_corrections_said_as_people_say_them(text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == ("correct_entry", expected)


def test_a_record_with_its_amount_put_right_inline_stays_a_record() -> None:
    name, entities = parse("dinner 500 na 600")
    assert (name, entities["amount"]) == ("record_transaction", "600")


def test_a_category_put_right_with_the_wrong_one_named_after() -> None:
    name, entities = parse("category furniture koro, household na")
    assert (name, entities["field"]) == ("correct_entry", "category")


def test_the_last_entry_removed_with_a_reason_is_undone() -> None:
    assert parse("delete my last entry, added it twice")[0] == "undo_last"


@pytest.mark.parametrize("text", [
    "rakib spent like 3k on cigarettes this week bro", "my friend spent $2000 on his vacation lol",
    "customer bolse 2 mash e 8000 tk bill, ghore 2 ta AC lol",
    "ক্যালার বলতেছে ৫০০ টাকা রিচার্জ করছে বিকাশে কিন্তু টোকেন পায় নাই, TrxID 8JX4K2LM9P",
    "লাইনম্যানকে ৩০০ টাকা বখশিশ দিতে চাইছিল গ্রাহক, নেয়নি",
])
def test_someone_elses_spending_a_callers_claim_or_money_offered_records_nothing(text: str) -> None:
    assert parse(text)[0] == "unknown"


def test_a_flatmate_buying_for_the_flat_is_still_recorded() -> None:
    assert parse("rakib spent 1200 on groceries for the flat")[0] == "record_transaction"


@pytest.mark.parametrize("text", [
    "661203487 meter ta replace korte hobe, JE saheb ke janai dio",
    "Rubel bhai meter 661278934 er seal vanga, photo pathaisi",
    "DB backup 1:30 e start hobe, tokhon batch slow hote pare",
    "NOCS report ta excel e kore sir ke mail korbo, 10 min den",
    "ব্যাচ শেষ না হলে সকালে বিল প্রিন্ট আটকে যাবে, সবাই রেডি থাকেন",
    "এনওসিএস এর হিসাব মিলছে না, অ্যাকাউন্টস এর সাথে বসতে হবে",
    "BMHHS fail korle amake call dio, ami ektu ghumacchi",
    "DC list e 300 ta customer, field team ke 150 kore bhag kore dao",
])
def test_colleagues_plans_and_field_reports_ask_nothing_of_the_bot(text: str) -> None:
    assert parse(text) == ("unknown", {"outside": "talk"})


@pytest.mark.parametrize(("text", "name"), [
    ("rubel bhai meter 661278934 er balance dekhao", "customer_lookup"), ("batch status", "batch_status"),
    ("BMHHS ki slow?", "batch_status"), ("এলার্ট সুইপ এখনই চালাও", "run_job"),
    ("remove this chat from alerts, we have a separate oncall group now", "unsubscribe_alerts"),
    ("অ্যালার্ট বন্ধ করো", "unsubscribe_alerts"), ("thx, got it", "smalltalk"),
])
def test_requests_beside_that_talk_are_still_read(text: str, name: str) -> None:
    assert parse(text)[0] == name


@pytest.mark.parametrize(("text", "expected"), [
    ("119 close koro, fixed", {"verb": "resolve", "alert": 119}),
    ("88 resolved, db connection back", {"verb": "resolve", "alert": 88}),
    ("acknowledging #119", {"verb": "ack", "alert": 119}), ("snoozing 12", {"verb": "snooze", "alert": 12}),
    ("৭৫ নম্বর অ্যালার্ট বন্ধ করো", {"verb": "resolve", "alert": 75}),
    ("অ্যালার্ট ৭৫ সমাধান হয়েছে, বন্ধ করো", {"verb": "resolve", "alert": 75}),
])
def test_one_alert_named_first_is_acted_on_not_recorded(text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == ("alert_update", expected)


def test_a_budget_created_in_rupees_has_no_category_called_rupees() -> None:
    name, entities = parse("create a budget of 15000 rupees for this month")
    assert (name, entities["amount"], entities["currency"], entities["category"]) == ("budget_set", "15000", "INR",
                                                                                      "other")


def test_a_list_of_spending_asked_is_the_list_card() -> None:
    name, entities = parse("list my spending in the food category for march")
    assert (name, entities["category"]) == ("list_entries", "food")


def test_things_each_with_its_amount_then_their_total_asked_is_a_sum_no_model_reads_as_a_summary() -> None:
    assert parse("lunch 250, dinner 400, total koto") == ("unknown", {"outside": "sum"})


@pytest.mark.parametrize("text", ["27 close kore dao, na thak", "27 close koro, wait", "27 resolve koro, not yet"])
def test_an_alert_closed_then_taken_back_in_the_same_breath_is_not_closed(text: str) -> None:
    assert parse(text)[0] != "alert_update"


@pytest.mark.parametrize("text", ["dinner with client in gulshan tonight 2030", "movie tickets for friday show, 1930",
                                  "lunch order for the team, 12", "pizza party for the kids 25",
                                  "medicine for ammu due in 30"])
def test_a_longer_note_ending_in_a_time_or_a_small_count_is_no_price(text: str) -> None:
    assert parse(text)[0] != "record_transaction"


@pytest.mark.parametrize("text", ["omg spent 3000 on shoes lol", "ami spent 500 on pizza lol",
                                  "kal spent 1500 on dinner haha", "rafi spent 500 on our dinner lol",
                                  "rafi spent 600 on dinner for us bro"])
def test_the_senders_own_or_a_shared_spending_told_lightly_is_still_recorded(text: str) -> None:
    assert parse(text)[0] == "record_transaction"


@pytest.mark.parametrize(("text", "direction"), [
    ("client paid the deposit 5000", "income"), ("rafi paid me 5000 deposit", "income"),
    ("client says invoice is 20000, received 20000 today", "income"),
    ("bill print er paper 800 tk, pore kotha boli", "expense"),
])
def test_money_beside_a_claim_a_deposit_or_talk_goes_the_way_it_went(text: str, direction: str) -> None:
    name, entities = parse(text)
    assert (name, entities["direction"]) == ("record_transaction", direction)


@pytest.mark.parametrize(("text", "name"), [
    ("nocs balance dekhao, pore kotha boli", "nocs_balance"), ("batch kokhon sesh hote pare", "batch_status"),
    ("category food er total", "spending_summary"), ("raat 10 alert bondho koro", "unsubscribe_alerts"),
    ("close 31, fixed", "alert_update"), ("snoozing 45 for 2h", "alert_update"),
])
def test_the_new_readings_leave_the_old_ones_alone(text: str, name: str) -> None:
    assert parse(text)[0] == name


@pytest.mark.parametrize("text", [
    "31 close, not fixed yet", "45 snooze koro, dorkar nai", "45 ack, keu dekhse?", "rafi cleared his debt to sumi 500",
    "can you add 500 to my budget", "can you put 500 aside for eid", "can you note that rafi owes me 500",
    "delete the last transaction, wrong amount, make it 450", "total spent on groceries 2030",
])
def test_near_misses_of_the_new_readings_do_not_take_them(text: str) -> None:
    name, entities = parse(text)
    assert name not in ("alert_update", "settle_up", "undo_last", "correct_entry") and "period" not in entities
    assert name != "record_transaction" or text.startswith("total")



@pytest.mark.parametrize(("text", "amount"), [("spent 3 hundred on textbooks", "300"),
                                              ("paid 2 hundred dollars for the course", "200"),
                                              ("paid 1 hundred fifty for coffee", "150")])
def test_hundreds_written_with_a_digit_are_the_amount(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"]) == ("record_transaction", amount)

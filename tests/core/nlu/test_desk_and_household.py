"""Messages people-9's and ops-4's writers send: a utility's customer desk in Bengali script and Bengali-English
(customers asked after by what the desk needs, alerts acted on, batches asked after), customers' stories that are no
money of the sender's, and a household asking about its records: budgets set as limits, corrections said the Bengali
way, months counted back, debts asked after, things sold, a file asked for."""
from __future__ import annotations

from typing import Any

import pytest

from tests.core.nlu.reading import parse


@pytest.mark.parametrize(("text", "query", "view"), [
    ("৬৬২০০৩৪৫১১২৮ মিটারে কত টাকা ব্যালেন্স আছে", "662003451128", "balance"),  # "taka" asks in taka, no amount
    ("30027784 ki disconnect hoye ase naki?", "30027784", "summary"),
    ("whats the tariff and load on 30044120", "30044120", "summary"),
    ("what's the security deposit on 3309127744", "3309127744", "summary")])
def test_a_customer_asked_after_by_what_the_desk_needs_is_looked_up(text: str, query: str, view: str) -> None:
    assert parse(text) == ("customer_lookup", {"query": query, "by": "auto", "view": view})


@pytest.mark.parametrize("text", ["12500000 taka dilam", "30000005 e 500 taka dilam"])
def test_a_long_number_that_is_money_is_no_customer(text: str) -> None:
    assert parse(text)[0] != "customer_lookup"


@pytest.mark.parametrize(("text", "entities"), [
    ("এলার্ট ১২ স্বীকার করো", {"verb": "ack", "alert": 12}),
    ("৭ নম্বর এলার্ট এক ঘণ্টার জন্য স্নুজ করো", {"verb": "snooze", "alert": 7, "minutes": 60}),
    ("ei alert ta 1 ghontar jonno chup koro", {"verb": "snooze", "minutes": 60}),
    ("mute 9 for 30 min", {"verb": "snooze", "alert": 9, "minutes": 30}),  # was a ৳9 expense
    ("সব আরসিডিসি এলার্ট একনলেজ করো", {"verb": "ack", "all": True, "topic": "rcdc"}),
    ("sob alert gula resolve kore dao", {"verb": "resolve", "all": True})])
def test_alerts_acted_on_in_bengali_or_by_number_first(text: str, entities: dict[str, Any]) -> None:
    assert parse(text) == ("alert_update", entities)


@pytest.mark.parametrize(("text", "intent"), [
    ("ব্যাচ এলার্ট সাবস্ক্রাইব করো", "subscribe_alerts"), ("BMHHS এখনো চলছে?", "batch_status"),
    ("রাতের ব্যাচগুলোর অবস্থা কি", "batch_status"), ("meter read upload ta done?", "batch_status"),
    ("please run the bill print batch", "run_job"), ("mute", "unknown")])  # "mute" alone names no alert
def test_batches_and_topics_said_the_desk_s_way(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize("text", [
    "he paid 1800 tk twice he says, wants refund", "she said she paid 2500 at bkash last week but it isn't showing",
    "customer claims he paid 3000 yesterday", "meter reading she gave was 18452",
    "rafiq bhai did you finish the mirpur report?", "reminder: quarterly report due thursday",
    "@nadia did you book the hotel yet?", "kal bazar e ki ki lagbe list bana"])
def test_stories_questions_to_others_and_plans_ask_the_bot_nothing(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "amount", "direction"), [
    ("he says lunch was 500, i paid", "500", "expense"),  # the sender paid
    ("paid 500 for the meter reading visit", "500", "expense"),
    ("bob paid 400 for the taxi", "400", "expense"),
    ("purono cycle ta 3500 taka e bikri korlam", "3500", "income"),  # sold: its price came in
    ("পুরোনো সাইকেলটা ৩৫০০ টাকায় বিক্রি করলাম", "3500", "income")])
def test_the_sender_s_own_money_stays_a_record(text: str, amount: str, direction: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"], entities["direction"]) == ("record_transaction", amount, direction)


@pytest.mark.parametrize(("text", "category", "amount"), [
    ("grocery limit 12000 per month pls", "groceries", "12000"),
    ("shopping er limit 5k e namiye dao", "shopping", "5000"),
    ("বিদ্যুৎ বিলের জন্য মাসে ২৫০০ বাজেট ধরো", "utilities", "2500")])
def test_a_category_s_limit_told_sets_its_budget(text: str, category: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities["category"], entities["amount"]) == ("budget_set", category, amount)


@pytest.mark.parametrize(("text", "entities"), [
    ("no wait that was transport not food", {"field": "category", "category": "transport"}),
    ("na na oita 350 chilo, 530 na", {"field": "amount", "amount": "350", "currency": None}),
    ("টাকার পরিমাণটা ৭০০ হবে, ৭৫০ না", {"field": "amount", "amount": "700", "currency": None}),
    ("tarikh ta kal er dao", {"field": "date", "date": "2026-03-19"})])
def test_corrections_said_the_bengali_way_put_the_entry_right(text: str, entities: dict[str, Any]) -> None:
    assert parse(text) == ("correct_entry", entities)


@pytest.mark.parametrize(("text", "start"), [
    ("last 3 mash er khoroch category wise dekhte chai", "2025-12-21"),
    ("বিদ্যুৎ বিলে গত ৬ মাসে কত দিয়েছি", "2025-09-21"), ("goto 2 soptahe koto khoroch holo", "2026-03-07")])
def test_months_and_weeks_counted_back_are_the_period_asked(text: str, start: str) -> None:
    name, entities = parse(text)
    assert (name, entities["period"]) == ("spending_summary", {"start": start, "end": "2026-03-20"})


@pytest.mark.parametrize(("text", "intent", "entities"), [
    ("shakil ar amar hisab ki clear?", "balances", {}),
    ("সুমনের সাথে হিসাব কি মিটে গেছে?", "balances", {}),
    ("kon kon budget er upore chole gesi", "budget_status", {}),
    ("2023 er tulonay 2024 e khoroch besi na kom?", "spending_summary", {}),
    ("puro bochorer hisab ta file kore dao", "export", {"format": "csv"}),
    ('search "pharmacy"', "list_entries", {"search": "pharmacy"}),
    ("search pharmacy", "list_entries", {"search": "pharmacy"})])
def test_household_questions_get_their_answer(text: str, intent: str, entities: dict[str, Any]) -> None:
    assert parse(text) == (intent, entities)


@pytest.mark.parametrize("text", [
    "how do i set a budget", "budget kivabe set korbo", "বাজেট কীভাবে সেট করতে হয় একটু বুঝিয়ে বলবেন?", "how do i undo",
    "how do i split the bill with 3 people"])
def test_how_to_use_a_feature_is_help_not_the_feature(text: str) -> None:
    assert parse(text) == ("help", {})  # was a budget's status (one with the category "kivabe")

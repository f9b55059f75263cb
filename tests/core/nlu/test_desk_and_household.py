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
    # the bot runs no billing batch: the batch report, not its own monitor job
    ("please run the bill print batch", "batch_status"), ("run the billing batch", "batch_status"),
    ("mute", "unknown")])  # "mute" alone names no alert
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
    ("700 hobe, 750 na", {"field": "amount", "amount": "700", "currency": None}),  # was a ৳700 expense
    ("amount 700 hobe, 750 na", {"field": "amount", "amount": "700", "currency": None}),
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
    ("puro bochorer hisab ta file kore dao", "export", {"format": "csv", "period": {"start": "2026-01-01",
                                                                                   "end": "2026-12-31"}}),
    ('search "pharmacy"', "list_entries", {"search": "pharmacy"}),
    ("search pharmacy", "list_entries", {"search": "pharmacy"})])
def test_household_questions_get_their_answer(text: str, intent: str, entities: dict[str, Any]) -> None:
    assert parse(text) == (intent, entities)


def test_spending_compared_year_on_year_is_a_summary() -> None:
    assert parse("2023 er tulonay 2024 e khoroch besi na kom?")[0] == "spending_summary"


@pytest.mark.parametrize("text", [
    "how do i set a budget", "budget kivabe set korbo", "বাজেট কীভাবে সেট করতে হয় একটু বুঝিয়ে বলবেন?", "how do i undo",
    "how do i split the bill with 3 people"])
def test_how_to_use_a_feature_is_help_not_the_feature(text: str) -> None:
    assert parse(text) == ("help", {})  # was a budget's status (one with the category "kivabe")


@pytest.mark.parametrize(("text", "entities"), [
    ("রাকিব ধারের ১৫০০ টাকা শোধ করে দিয়েছে", {"mentions": ["রাকিব"], "payer": "রাকিব", "amount": "1500",
                                          "currency": "BDT"}),  # rakib paid it back: was a ৳1,500 expense
    ("সুমনের সাথে সব দেনা-পাওনা মিটিয়ে ফেলেছি", {"mentions": ["সুমন"]})])
def test_debts_cleared_in_bengali_script_are_settlements(text: str, entities: dict[str, Any]) -> None:
    assert parse(text) == ("settle_up", entities)


def test_spending_told_with_the_noun_is_a_record() -> None:
    name, entities = parse("ajke shopping e 4500 khoroch hoye gelo")
    assert (name, entities["amount"], entities["category"]) == ("record_transaction", "4500", "shopping")


@pytest.mark.parametrize(("text", "intent", "start"), [
    ("মার্চ মাসের খরচ দেখাও", "list_entries", "2026-03-01"), ("জানুয়ারিতে কত খরচ হলো", "spending_summary", "2026-01-01"),
    ("মে মাসে কত খরচ হলো", "spending_summary", "2025-05-01"),
    ("ফেব্রুয়ারির আয়ের হিসাবগুলো একটা একটা করে দেখাও", "list_entries", "2026-02-01")])  # one by one: a list
def test_months_named_in_bengali_script_are_the_period(text: str, intent: str, start: str) -> None:
    name, entities = parse(text)
    assert (name, entities["period"]["start"]) == (intent, start)


@pytest.mark.parametrize(("text", "entities"), [
    # a length in Bengali is no alert's number
    ("এলার্ট ২ ঘণ্টার জন্য মিউট করো", {"verb": "snooze", "minutes": 120}),
    ("alert 2 ghontar jonno mute koro", {"verb": "snooze", "minutes": 120}),
    ("সব ব্যাচ এলার্ট ২ ঘণ্টার জন্য মিউট করো", {"verb": "snooze", "minutes": 120, "all": True, "topic": "batch"}),
    # a length anywhere else in the message is no snooze's length: how long is asked
    ("disable critical alerts, they've been firing for 2 hours", {"verb": "snooze", "all": True,
                                                                  "severity": "critical"}),
    ("turn off critical alerts after 2 hours", {"verb": "snooze", "all": True, "severity": "critical"}),
    ("disable critical batch alerts till tomorrow", {"verb": "snooze", "all": True, "severity": "critical",
                                                     "topic": "batch", "until": "till tomorrow"}),
    ("mute 12 for 1.5 hours", {"verb": "snooze", "minutes": 90, "alert": 12}),
    ("mute 9 till 8", {"verb": "snooze", "alert": 9, "until": "till 8"}),
    ("silence 12 for 1h", {"verb": "snooze", "minutes": 60, "alert": 12}),
    ("mute 45m", {"verb": "snooze", "minutes": 45})])  # was a ৳45,000,000 expense
def test_snooze_lengths_and_numbers_are_where_they_are_said(text: str, entities: dict[str, Any]) -> None:
    assert parse(text) == ("alert_update", entities)


@pytest.mark.parametrize(("text", "amount", "direction"), [
    ("paid 1200 for dinner, she said it was worth it", "1200", "expense"),  # a remark, not a claim
    ("paid the plumber 800 he said it was fixed", "800", "expense"),
    ("client paid me 350, he said great work", "350", "income"),  # paid to the sender
    ("paid meter reading charge 300", "300", "expense"), ("meter reading er jonno 200 dilam", "200", "expense"),
    ("@nadia are you sure? i paid 800 for the hotel", "800", "expense"),  # the question is not the whole message
    ("@nadia can you believe it, paid 900 for a cab", "900", "expense"),
    ("cycle ta 3500 taka e bikri kore dilam", "3500", "income"),
    ("500 taka commission diye bikri korlam", "500", "expense"),  # the commission paid to sell
    ("bought a mute for my trumpet 1500, arrives in 2 days", "1500", "expense"),  # no alert muted
    ("mom gave 5000 for my birthday", "5000", "income"),
    ("Eid shopping e 14,800 khoroch holo", "14800", "expense")])
def test_remarks_fees_and_sales_around_a_payment_keep_the_record(text: str, amount: str, direction: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"], entities["direction"]) == ("record_transaction", amount, direction)


@pytest.mark.parametrize("text", [
    "shopping limit 3000 ki thik ache?", "food limit 4000 baki ache?", "rent limit 15000 hobe na",
    "food limit 5000 naki 6000 rakhbo?", "transport limit 3000 cross korse"])
def test_a_limit_asked_refused_or_crossed_sets_no_budget_and_records_nothing(text: str) -> None:
    assert parse(text)[0] not in ("budget_set", "record_transaction")


@pytest.mark.parametrize(("text", "intent"), [
    ("budget kemne par hoye gelo?", "budget_status"),  # how it came to be, not how to
    ("budget kivabe shesh holo eto taratari?", "budget_status"),
    ("give me the complete report for march", "spending_summary"), ("complete expense report please",
                                                                     "spending_summary"),
    ("reminder: send me the monthly summary", "spending_summary"),
    ("ei mashe ki ki kinte taka gese list dao", "list_entries"),  # bought, not still to buy
    ("last week er entry gula dekhao, ar ki ki lagbe", "list_entries"),
    ("complaint file kore dao", "unknown"), ("case ta file kore dao", "unknown"),  # no records' file
    ("send me my expenses as a file", "export"),
    ("goto 6 maser khoroch dekhao", "list_entries"), ("goto 7 din e koto khoroch holo", "spending_summary"),
    ("wifi connection 20240315 theke off", "unknown")])  # a date beside "connection", no customer
def test_near_misses_of_the_new_readings_stay_what_they_are(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize(("text", "start"), [
    ("গত ৬ মাসের খরচ দেখাও", "2025-09-21"), ("গত ২ সপ্তাহে কত খরচ হলো", "2026-03-07"),
    ("goto 7 din e koto khoroch holo", "2026-03-14"), ("এই মাসের খরচ দেখাও", "2026-03-01")])
def test_periods_counted_back_in_bengali_script_and_days(text: str, start: str) -> None:
    assert parse(text)[1]["period"]["start"] == start


@pytest.mark.parametrize("text", ["মাসে ৫০০০ টাকা বাজেট ধরো", "বাজেট ৫০০০ ধরো"])
def test_a_budget_set_without_a_category_has_none(text: str) -> None:
    name, entities = parse(text)
    assert (name, entities["category"], entities["amount"]) == ("budget_set", "other", "5000")


@pytest.mark.parametrize("text", [
    "mute this group for a day", "can you mute the group for 2 hours",
    "1 minute silence at 12, office closed for 2 hours",
    "eating out budget e 3000 khoroch holo", "eto khoroch hoye gelo, 5000 er upor",  # spent against a budget, a total
    "@nadia, did you book the hotel yet?", "@nadia did u pay the 1,200 deposit",  # asked of nadia
    "সুমনের সাথে হিসাব মিটিয়ে ফেলবো কাল", "sumon er sathe dena paona mitiye felbo kal",  # to be settled tomorrow
    "meter reading she gave was 18452, bill will come tomorrow", "customer bolse se 2000 taka dise",
    "customer bolse 1200 taka pathaise kintu ashe nai", "she said her husband paid 2500",
    "did you complete the mirpur report?", "please complete the audit report by friday",
    "kal bazar e ki ki kinte hobe list bana", "kobe kobe alert ashe?"])
def test_chatter_plans_and_claims_near_the_new_readings_propose_nothing(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize("text", ["আমার ধারের ৫০০০ টাকা শোধ করে দিয়েছি", "আমি ধারের ১৫০০ টাকা শোধ করে দিয়েছি"])
def test_a_pronoun_before_a_debt_is_nobody_to_settle_with(text: str) -> None:
    assert parse(text)[0] != "settle_up"


@pytest.mark.parametrize(("text", "period"), [
    ("জুনায়েদের খরচ দেখাও", None), ("জুনিয়রদের খাবারে কত খরচ হলো", None),  # no June in a name or a word
    ("জুলাইয়ের খরচ দেখাও", "2025-07-01")])
def test_a_month_is_a_whole_word(text: str, period: str | None) -> None:
    assert (parse(text)[1].get("period") or {}).get("start") == period


@pytest.mark.parametrize(("text", "intent"), [
    ("send me all the entries from this month as a file", "export"), ("please send this month's entries in a file",
                                                                       "export"),
    ("khoroch er list ta file kore pathao", "export"), ("can i get my expenses as a file", "export"),
    ("budget kivabe dekhbo", "help")])
def test_files_and_how_to_asked_in_other_words(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


def test_a_weekly_budget_in_bengali_is_weekly() -> None:
    name, entities = parse("সপ্তাহে ৫০০০ টাকা বাজেট ধরো")
    assert (name, entities["category"], entities["period_unit"]) == ("budget_set", "other", "week")


@pytest.mark.parametrize(("text", "description", "date"), [
    # a plan with no amount beside a payment: the payment's own words and day (was the rent's category and tomorrow)
    ("i'll pay rent tomorrow and paid 300 for groceries today", "groceries", "2026-03-20"),
    ("tomorrow i'll pay the rent, lunch 300 yesterday", "lunch", "2026-03-19")])
def test_a_payment_beside_a_plan_keeps_its_own_words_and_day(text: str, description: str, date: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"], entities["description"], entities["date"]) == (
        "record_transaction", "300", description, date)


@pytest.mark.parametrize("text", ["team lunch kal korbo, budget 3000 er moddhe",
                                  "i'll pay rent tomorrow and will pay 300 for groceries"])
def test_a_plan_beside_an_amount_not_paid_records_nothing(text: str) -> None:
    assert parse(text)[0] != "record_transaction"


@pytest.mark.parametrize(("text", "intent", "entities"), [
    # people-10's friends and family: repayments, shares paid back, debts cleared and asked after, things sold
    ("sajib tar ticket er 800 diye dise", "settle_up", {"mentions": ["sajib"], "payer": "sajib", "amount": "800",
                                                        "currency": None}),
    ("tushar wifi er bhag diye dise", "settle_up", {"mentions": ["tushar"], "payer": "tushar"}),
    ("nabil er sathe shob len-den shesh", "settle_up", {"mentions": ["nabil"]}),
    ("সাকিবের সাথে হিসাব মিটে গেছে", "settle_up", {"mentions": ["সাকিব"]}),  # told, not asked
    ("সাকিবের সাথে আমার হিসাব কত", "balances", {}),
    ("তারিখটা ১২ মার্চ করে দাও", "correct_entry", {"field": "date", "date": "2026-03-12"}),
    ("amount ta 850 koro, 580 na", "correct_entry", {"field": "amount", "amount": "850", "currency": None}),
    ("কিভাবে ধার লিখবো?", "help", {})])
def test_friends_and_family_settle_correct_and_ask_their_way(text: str, intent: str, entities: dict[str, Any]) -> None:
    assert parse(text) == (intent, entities)


@pytest.mark.parametrize(("text", "amount", "direction"), [
    ("টিউশনির ৫৫০০ টাকা পেয়েছি", "5500", "income"),  # was an expense
    ("freelance payment came in, $320 from the upwork client", "320", "income"),
    ("my cousin sent me 10000 for eid", "10000", "income"),
    ("purono cycle ta 4000 e bechi dilam", "4000", "income"),
    ("the payment came in late so i paid 500 fine", "500", "expense"),  # a late payment, no income
    ("1500 taka diye bhalo dekhe shirt beche dilam", "1500", "expense"),  # picked out, not sold
    ("month end billing er jonno 3000 taka dilam", "3000", "expense"),
    ("500 taka dilam, 10 min chup koro", "500", "expense")])
def test_money_in_and_out_told_in_other_words(text: str, amount: str, direction: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"], entities["direction"]) == ("record_transaction", amount, direction)


@pytest.mark.parametrize(("text", "intent", "entities"), [
    # ops-5's month-end week: batch codes typed in lower case, alerts in Bengali, topics asked for here
    ("c1-blprd koto dur holo bhai", "batch_status", {}), ("BMUPLD ফেইল করেছে নাকি?", "batch_status", {}),
    ("any errors in the month-end run", "batch_status", {}), ("kono job atke ase?", "batch_status", {}),
    ("c1-blprd ta rerun dao please", "run_job", {"job": "c1-blprd"}),
    ("12 snooze koro, 2 hours", "alert_update", {"verb": "snooze", "minutes": 120, "alert": 12}),
    ("alert 12 bondho kore dao", "alert_update", {"verb": "resolve", "alert": 12}),
    ("২২ নম্বর অ্যালার্ট সমাধান করো", "alert_update", {"verb": "resolve", "alert": 22}),  # was a ৳22 expense
    ("nocs alert gula resolve kore dao shob", "alert_update", {"verb": "resolve", "all": True, "topic": "nocs"}),
    ("batch er alert gula ack kore dao", "alert_update", {"verb": "ack", "all": True, "topic": "batch"}),
    ("এনওসিএস অ্যালার্ট এখানে পাঠাও", "subscribe_alerts", {"topic": "nocs"}),
    ("system alert gula ekhane ashuk", "subscribe_alerts", {"topic": "system"}),
    ("সিস্টেম অ্যালার্ট এই গ্রুপ থেকে বন্ধ করো", "unsubscribe_alerts", {"topic": "system"}),
    ("এই চ্যাটে আর এনওসিএস অ্যালার্ট চাই না", "unsubscribe_alerts", {"topic": "nocs"}),
    ("কাস্টমার ৮৮৩৪০০১২ অভিযোগ করেছে, ডিটেইলস দাও", "customer_lookup", {"query": "88340012", "by": "customer",
                                                                        "view": "summary"}),
    ("switchboard ki ki korte pare?", "help", {})])
def test_the_month_end_desk_is_understood(text: str, intent: str, entities: dict[str, Any]) -> None:
    assert parse(text) == (intent, entities)


@pytest.mark.parametrize("text", [
    "উত্তরা এনওসিএস এর লক্ষ্যমাত্রা ৪ কোটি টাকা",  # a target told ("লক্ষ্য" is no lakh)
    "গ্রাহক বলছেন তিনি ১৫০০ টাকা রিচার্জ করেছেন", "ami 2 ghonta chup thakbo", "tumi chup koro",
    "se chup kore boshe chilo 2 ghonta", "f1-visa status ki", "bmart order ekhono ashe nai",  # no batch codes
    "27 close kore dao, na thak", "sob alert gula resolve korlam",  # taken back; told as done, not asked now
    "এনওসিএস অ্যালার্ট এখানে পাঠাও না", "alert chai na?", "keno alert chai na?", "ei alert ta bondho koro",
    "rafi tar phone diye dise", "se tar bhag diye dise", "dad loaned me 20000 for the bike"])
def test_targets_claims_and_chatter_on_the_desk_act_on_nothing(text: str) -> None:
    assert parse(text)[0] not in ("alert_update", "subscribe_alerts", "unsubscribe_alerts", "run_job", "batch_status",
                                  "record_transaction", "settle_up")


@pytest.mark.parametrize(("text", "intent"), [
    ("nabil er sathe hisab shesh naki", "balances"),  # asked
    ("nabil er sathe hisab shesh korte hobe", "unknown"),  # still to do
    ("gulshan nocs balance koto, target 2 crore", "nocs_balance"),  # the balance asked, a target beside it
    ("batch alert ekhon bondho koro na", "batch_status"),  # not refused into an unsubscription
    ("করিমের কাছে ৫০০ টাকা ফেরত চাই", "unknown"),  # wanted back, nothing paid
    ("ei alert gula ack kore dao", "alerts_list")])  # "these" names no kind to act on at once
def test_near_misses_of_the_desk_and_family_readings(text: str, intent: str) -> None:
    assert parse(text)[0] == intent

"""Messages people-11's, ops-6's, people-12's and banking-19's writers send: budgets set per day or per year (they
were all set per month), a staff salary paid out (it was income), numbers that are floors, o'clock, an AC's setting or
a room, money heard of or asked of a friend, and the billing desk's words: batches by their short codes, a batch check
refreshed, topics sent here; and what a review found the first mends took too far (a payment beside "yearly" set as a
budget, a large payment looked up as a customer, "please check again" running a job, a google sheet talked about
exported); budgets asked to be set in a request's words, a shop's and a tuition teacher's words (sacks in stock, a
batch of students, a cricket score), the last few entries asked the Bengali way, undo and help in other words."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import parse


@pytest.mark.parametrize(("text", "unit", "category"), [
    ("yearly travel budget 50000", "year", "travel"),
    ("set a daily food budget of 500", "day", "food"),
    ("food budget 300 a day", "day", "food"),
    ("দৈনিক খাবারের বাজেট ৪০০ টাকা", "day", "food"),
    ("protidin 300 taka budget nasta", "day", "food"),  # was a ৳300 expense
    ("bochorer travel budget 60000", "year", "travel"), ("travel budget for this year 100000", "year", "travel"),
    ("diner khabar budget 300", "day", "food"), ("budget 3000 for a day trip", "month", "travel"),
    ("weekend food budget 3000", "month", "food"),
    ("daily limit 300 for rickshaw+cng", "day", "transport"),
    ("annual insurance budget 24000", "year", "insurance"),
    ("weekly grocery budget 2000", "week", "groceries"),
    ("মাসিক বাজার বাজেট ১২০০০", "month", "groceries"),
    ("budget food 5000 per month", "month", "food"),
    ("dine out budget 3000", "month", "food")])  # eating out, not a day ("dine") nor the category "out"
def test_a_budget_is_set_for_the_period_named(text: str, unit: str, category: str) -> None:
    name, entities = parse(text)
    assert (name, entities["period_unit"], entities["category"]) == ("budget_set", unit, category)


@pytest.mark.parametrize(("text", "category"), [("can you set up a travel budget for 1500", "travel"),
                                                ("make my entertainment budget 150", "entertainment")])
def test_a_budget_asked_to_be_set_in_a_requests_words_is_set(text: str, category: str) -> None:
    name, entities = parse(text)  # "can you …" and "make …" begin questions too: these were not understood
    assert (name, entities["category"], entities["period_unit"]) == ("budget_set", category, "month")


@pytest.mark.parametrize("text", ["make a budget for me, my salary is 40000",
                                  "could you make a chart of my food budget 5000 vs actual",
                                  "would you set food budget 5000 if you were me?", "make up budget 3000 enough?"])
def test_a_request_that_only_mentions_a_budget_sets_none(text: str) -> None:
    assert parse(text)[0] != "budget_set"


def test_a_budget_asked_outright_to_be_set_is_set_though_spending_is_named() -> None:
    name, entities = parse("protidin 500 er beshi khoroch korbo na, daily budget 500 set koro")
    assert (name, entities["amount"], entities["period_unit"]) == ("budget_set", "500", "day")
    assert parse("daily budget 500 set koro")[1]["category"] == "other"  # the reply asks which ("koro" is no category)


@pytest.mark.parametrize(("text", "direction"), [("yearly insurance premium 24000 dilam, budget e chilo", "expense"),
                                                 ("annual bonus 50000 pelam, budget kore chalabo", "income"),
                                                 ("budget airline e 4500 dilam, daily flight", "expense")])
def test_money_paid_or_received_beside_a_period_word_is_no_budget(text: str, direction: str) -> None:
    name, entities = parse(text)
    assert (name, entities["direction"]) == ("record_transaction", direction)


def test_a_limit_on_what_is_no_category_sets_no_budget() -> None:
    assert parse("daily limit 25000 for bkash cash out")[0] != "budget_set"


@pytest.mark.parametrize("text", ["gave maid 3000 salary", "paid the maid her salary 3000",
                                  "paid salary to the driver 12000"])
def test_a_salary_paid_to_staff_is_spending(text: str) -> None:
    name, entities = parse(text)
    assert (name, entities["direction"]) == ("record_transaction", "expense")


@pytest.mark.parametrize("text", ["maid salary 6000 pelam", "the driver paid me 3000 from his salary"])
def test_a_salary_received_stays_income(text: str) -> None:
    name, entities = parse(text)
    assert (name, entities["direction"]) == ("record_transaction", "income")


@pytest.mark.parametrize("text", [
    "লিফট ৮ তলায় আটকে আছে",  # the 8th floor
    "porshu 2 tar dike ashbo",  # around two o'clock
    "ac ta 24 e rakho please",  # the AC's setting
    "মিটিং বিকাল ৩টায়, রুম ৪০২",  # a room
    "রাকিব নাকি ৫০০০ টাকার জুতা কিনেছে",  # heard of: rakib, it seems, bought shoes
    "ইউনিভার্সিটির ফি নাকি ৩৫০০০ হয়েছে",  # heard of: the fee, it seems, went up
    "rakib said he spent 3000 on his gf's birthday lol",
    "tor kache 100 taka hobe? ekhon lagbe",  # asked of a friend
    "nocs office e jete hobe kal 11 tay",  # the NOCS office as a place
    "class 9 er batch e 12 jon student",  # a batch of students, no billing batch
    "বাংলাদেশ ২৮৫ রান করছে!", "Bangladesh 245/6 in 50 overs",  # a cricket score
    "গুদামে চিনি আছে ২৫ বস্তা",  # sacks in stock
    "শুনলাম পাশের দোকানদার ৫ লাখ টাকা লোন নিছে"])  # heard: the shopkeeper next door took a loan
def test_numbers_that_are_no_money_of_the_senders_record_nothing(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "amount"), [("ac repair 2500", "2500"), ("ami naki 500 dilam", "500"),
                                              ("cng vara 150 dilam nocs office e jawar", "150"),
                                              ("electricity bill naki 1850 hoise, bkash e dilam", "1850"),
                                              ("flat er payment 1500000 dilam", "1500000"),
                                              ("dekho ami 1500000 dilam flat er jonno", "1500000"),
                                              ("got tuition fee 3500 from class 8 batch", "3500"),
                                              ("heard back from landlord, paid rent 15000", "15000"),
                                              ("heard you, lunch 350", "350"),
                                              ("শুনলাম, ঠিক আছে। বাজার ৮০০ টাকা", "800")])
def test_the_senders_own_payments_beside_those_words_are_still_records(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"]) == ("record_transaction", amount)


@pytest.mark.parametrize(("text", "query"), [
    ("41002388 er payment ta dekhen to asche kina", "41002388"),  # was a ৳41,002,388 income
    ("pull up 88019234 pls cust says he paid on 12th", "88019234")])
def test_a_customers_payment_asked_after_is_a_lookup(text: str, query: str) -> None:
    assert parse(text) == ("customer_lookup", {"query": query, "by": "auto", "view": "summary"})


@pytest.mark.parametrize(("text", "intent"), [
    ("BLPRD কতদূর?", "batch_status"), ("BLPRD kotodur", "batch_status"), ("blprd finished?", "batch_status"),
    ("any stuck batches? i'm in a class till 3", "batch_status"),  # a class, no batch of students
    ("shesh 10 ta hisab er total koto", "spending_summary"),
    ("c1-pyupl er ki obostha, payment gula uthse?", "batch_status"), ("how far is the bill run", "batch_status"),
    ("bill run koto percent hoise", "batch_status"),
    ("NOCS এর এলার্ট এখানে চালু করো", "subscribe_alerts"), ("এই গ্রুপে ব্যাচ অ্যালার্ট পাঠাও", "subscribe_alerts"),
    ("কোন সতর্কবার্তা আছে এখন?", "alerts_list"),
    ("how do i check a customer balance with this bot", "help"), ("bot ki ki kaj kore", "help"),
    ("are you a robot lol", "smalltalk"), ("tumi onek helpful", "smalltalk"), ("ঠিক আছে", "smalltalk"),
    ("শুভ রাত্রি", "smalltalk"),
    ("হিসাবের ফাইলটা পাঠাও", "export"), ("mirpur nocs office er report dao", "nocs_balance"),
    ("weekly budget e ar koto khoroch korte parbo", "budget_status"),
    ("cancel previous entry", "undo_last"), ("what commands are there", "help"),
    ("ok got it", "smalltalk"), ("এই মাসের হিসাব পিডিএফ করে পাঠাও", "export"),
    ("is my debt with rahat cleared?", "balances")])
def test_the_desks_and_the_households_words(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize("text", ["please check again", "check koro", "run now",
                                  "i track my expenses in a google sheet", "ager ta cancel", "আগেরটা বাতিল",
                                  "cancel previous"])
def test_words_said_to_a_person_run_export_or_undo_nothing(text: str) -> None:
    assert parse(text)[0] not in {"run_job", "export", "undo_last"}  # undo deletes at once: the flight was cancelled


@pytest.mark.parametrize(("text", "entities"), [
    ("refresh the batch check", {"job": "batch-monitor"})])
def test_a_job_or_a_correction_named_keeps_what_it_names(text: str, entities: dict[str, str]) -> None:
    assert parse(text)[1] == entities


@pytest.mark.parametrize(("text", "limit"), [("শেষ ১০টা হিসাব দেখাও", 10), ("last 5 ta khoroch dekhao", 5)])
def test_the_last_few_entries_asked_the_bengali_way_are_listed(text: str, limit: int) -> None:
    assert parse(text) == ("list_entries", {"limit": limit})  # the ten was a summary's


def test_the_nocs_balance_asked_again_names_no_area() -> None:
    assert parse("check the nocs balance again") == ("nocs_balance", {})  # the area was "check"

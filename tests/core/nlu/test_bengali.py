"""Bengali and Bengali-English messages: lookups, records, summaries and debts, with digits of any script."""
from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.nlu.bengali import SCRIPT_RE, SCRIPT_WORDS, _conditions, normalise
from core.nlu.rules import RuleParser

NOW = datetime(2026, 3, 20, 10, tzinfo=UTC)
THIS_MONTH = {"start": "2026-03-01", "end": "2026-03-31"}


def parse(text: str) -> tuple[str, dict[str, Any]]:
    intent = RuleParser().parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    return intent.name, intent.entities


@pytest.mark.parametrize(("text", "intent", "expected"), [
    ("30000005 er balance koto", "customer_lookup", {"query": "30000005", "view": "balance"}),
    ("৩০০০০০০৫ er balance koto", "customer_lookup", {"query": "30000005", "view": "balance"}),
    ("৩০০০০০০৫ এর বিল কত", "customer_lookup", {"query": "30000005", "view": "billing"}),
    ("meter 661234567 er recharge", "customer_lookup", {"query": "661234567", "by": "meter", "view": "recharge"}),
    ("bill koto 30000005", "customer_lookup", {"query": "30000005", "view": "billing"}),
    ("500 taka dilam rickshaw e", "record_transaction",
     {"amount": "500", "currency": "BDT", "direction": "expense", "description": "rickshaw", "category": "transport"}),
    ("aaj bazar korlam 1200 tk", "record_transaction",
     {"amount": "1200", "currency": "BDT", "category": "groceries", "date": "2026-03-20"}),
    ("৭৫০ টাকা দিলাম রিকশা", "record_transaction", {"amount": "750", "currency": "BDT", "category": "transport"}),
    ("salary pelam 85000 tk", "record_transaction", {"amount": "85000", "direction": "income"}),
    ("food e koto khoroch holo ei mashe", "spending_summary", {"category": "food", "period": THIS_MONTH}),
    ("goto bochor food e koto khoroch holo", "spending_summary",
     {"category": "food", "period": {"start": "2025-01-01", "end": "2025-12-31"}}),
    ("এই সপ্তাহে খাবার খরচ কত", "spending_summary",
     {"category": "food", "period": {"start": "2026-03-16", "end": "2026-03-22"}}),
    ("karim er kache 300 pai", "record_transaction",
     {"amount": "300", "mentions": ["karim"], "split": "for", "description": "karim owes me"}),
    ("@bob owes me 200 for coffee", "record_transaction", {"amount": "200", "mentions": ["bob"], "split": "for"}),
])
def test_parses(text: str, intent: str, expected: dict[str, Any]) -> None:
    name, entities = parse(text)
    assert name == intent, entities
    assert {k: entities.get(k) for k in expected} == expected


@pytest.mark.parametrize(("text", "normalised"), [
    ("৩০০০০০০৫", "30000005"), ("৭৫০", "750"), ("٧٥٠", "750"), ("७५०", "750"), ("７５０", "750"),
    ("gotokal cha 50", "yesterday cha 50"), ("ei mashe koto", "this month koto"),
])
def test_digits_of_any_script_and_bengali_english_dates_are_normalised(text: str, normalised: str) -> None:
    assert normalise(text) == normalised


@pytest.mark.parametrize(("text", "intent", "expected"), [
    ("ei mashe koto gese", "spending_summary", {"period": THIS_MONTH}),
    ("koto gese Foodpanda te", "spending_summary", {}),
    ("amar hisab ta dekhao", "spending_summary", {}),
    ("amar last 5 ta khoroch dekhao", "list_entries", {"limit": 5}),
    ("gotokal ki ki kinsi", "list_entries", {"period": {"start": "2026-03-19", "end": "2026-03-19"}}),
    ("daraz theke ki ki kinsi", "list_entries", {}),  # a question, not a purchase to record
    ("wasa bill kobe dilam last", "list_entries", {}),
    ("electricity bill ta add korsi naki?", "list_entries", {}),
    ("শেষ ১০টা খরচ দেখাও", "list_entries", {"limit": 10}),
    ("আজকের বাজার কি যোগ করা হয়েছে", "list_entries", {}),
    ("budget er koto baki ase", "budget_status", {}),
    ("এই মাসে বাজেট ছাড়িয়ে গেছি কি", "budget_status", {}),
    ("iphone er dam koto", "unknown", {"outside": "price"}),
    ("চালের দাম কত এখন বাজারে", "unknown", {"outside": "price"}),
])
def test_questions_asked_the_bengali_way(text: str, intent: str, expected: dict[str, Any]) -> None:
    name, entities = parse(text)
    assert name == intent
    assert {key: entities.get(key) for key in expected} == expected


@pytest.mark.parametrize(("text", "intent"), [
    ("rahim er kache koto pabo", "balances"),  # a debt, not a summary
    ("shob hisab mitao", "settle_up"),  # settling all debts, not a summary
    ("ei mashe er hisab excel e dao", "export"),
    ("শেষেরটা মুছে দাও", "undo_last"),
    ("daraz e eid sale kobe", "unknown"),  # when a sale starts is no record of ours
])
def test_bengali_questions_that_are_something_else(text: str, intent: str) -> None:
    from app.parsing import intent_classifier
    from core.nlu.offline import OfflineParser

    parser = OfflineParser(RuleParser(), intent_classifier())
    assert parser.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka").name == intent


@pytest.mark.parametrize(("text", "amount"), [
    ("dokaner hisab 1200 dilam", "1200"), ("hisab khata 80 taka", "80"), ("উপহার হিসাবে ৫০০ টাকা দিলাম", "500"),
    ("dui bar rickshaw 100 taka dilam", "100"), ("key duplicate 150 tk", "150"),
    ("kon ta valo jani na, 500 dilam", "500"), ("কোনটা ভালো জানি না, ৫০০ টাকা দিলাম", "500"),
    ("shesh 2 ta dim 30 taka", "30"), ("ki ki kinlam? chal 500 dal 200", "500"),
    ("mach 800 taka dilam, dam koto beshi!", "800"), ("বাজেট শেষ, তবু ৫০০ টাকা বাজার করলাম", "500"),
])
def test_amounts_told_beside_question_words_stay_records(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities.get("amount")) == ("record_transaction", amount)


@pytest.mark.parametrize(("text", "description"), [
    ("আটা ৫০ টাকা", "আটা"), ("বাদাম ৩০ টাকা", "বাদাম"), ("হকি স্টিক ৯০০ টাকা", "হকি স্টিক"),
])
def test_bengali_words_are_not_split_inside_others(text: str, description: str) -> None:
    assert parse(text)[1]["description"] == description


@pytest.mark.parametrize("text", ["শেষ এন্ট্রি মুছে দাও", "shesh entry ta muche dao", "শেষেরটা মুছে দাও"])
def test_deleting_the_last_entry_in_bengali_is_undo(text: str) -> None:
    assert parse(text)[0] == "undo_last"


def test_a_verb_last_budget_question_names_no_leftover_word_as_its_category() -> None:
    assert parse("amar budget ki shesh") == ("budget_status", {})
    assert parse("এই মাসে বাজেট ছাড়িয়ে গেছি কি") == ("budget_status", {})


def test_the_two_spellings_of_a_dotted_letter_read_alike() -> None:
    composed, decomposed = "হ\u09dfেছে", "হ\u09af\u09bcেছে"  # য় as one letter, and as য with its dot
    assert normalise(f"আজকের বাজার কি যোগ করা {composed}") == normalise(f"আজকের বাজার কি যোগ করা {decomposed}")


@pytest.mark.parametrize(("text", "intent", "expected"), [
    ("barishal er launch ticket katlam 650", "record_transaction", {"amount": "650"}),  # a ticket "cut" is bought
    ("kto khrch hoise ajk", "spending_summary", {"period": {"start": "2026-03-20", "end": "2026-03-20"}}),
    ("এই বছরের আয়ের হিসাব", "spending_summary", {"direction": "income"}),
    ("gold er vori koto ekhon", "unknown", {"outside": "price"}),
    ("oita food na grocery te dao", "correct_entry", {"field": "category", "category": "groceries"}),
    ("bkash e taka ashe nai keno", "unknown", {"outside": "bank"}),
    ("nagad theke 200 kete nise keno", "unknown", {"outside": "bank"}),
    ("আরিফ তার ৫০০ টাকা ফেরত দিয়েছে", "settle_up", {"amount": "500"}),
    ("nabil amar 350 ta diye dise", "settle_up", {"mentions": ["nabil"], "payer": "nabil", "amount": "350"}),
    ("flat no 5B road 11", "unknown", {}),
    ("amar hisab ta dekhao", "spending_summary", {}),
    ("1200 ke 3 diye bhag korle koto", "unknown", {"outside": "sum"}),
    ("rahim ke 500 dibo", "unknown", {"plan": "record_transaction"}),
    ("next month e 20000 salary barbe", "unknown", {"plan": "record_transaction"}),
])
def test_group_chat_bengali_english(text: str, intent: str, expected: dict[str, Any]) -> None:
    name, entities = parse(text)
    assert name == intent
    assert expected.items() <= entities.items()


@pytest.mark.parametrize("text", ["আয়োজন ৫০০ টাকা", "bkash e 500 pathalam ammu ke", "karim er kache 300 pabo",
                                  "paid 500 today, will pay the rest tomorrow"])
def test_look_alikes_stay_records(text: str) -> None:
    assert parse(text)[0] == "record_transaction"


@pytest.mark.parametrize(("text", "amount"), [
    ("ব্যাচেলর বাসা ভাড়া ৮০০০ দিলাম", "8000"), ("ব্যাচমেটদের সাথে ডিনার ১৫০০", "1500"), ("গরু জবাই খরচ ৩০০০", "3000"),
    ("ফেরতযোগ্য জামানত ৫০০০", "5000"),
    # a payment made, beside one to come, is recorded
    ("gotokal bazar korsilam 2000, kal abar korbo", "2000"), ("rahim ke 500 disilam, baki 500 pore dibo", "500"),
    ("doctor 1500 legeche, medicine pore kinbo", "1500"), ("salary 30000 ashlo, next month theke barbe", "30000"),
    ("salary 30000 credited, next month barbe", "30000"), ("bazar 2000, kal abar korbo", "2000"),
    ("guest ashbe tai bazar 3000", "3000"), ("uber 350, will pay via card next time", "350"),
    ("lunch cost 500, i'll split it later", "500"), ("ill lunch 300", "300"), ("lunch 300, well worth it", "300"),
    ("data plan to 30gb 500 tk", "500"),
])
def test_words_inside_others_and_plans_beside_payments_keep_the_record(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities.get("amount")) == ("record_transaction", amount)


@pytest.mark.parametrize("text", ["rahim ke 500 ferot dibo", "nabil 350 ferot dibe", "tomorrow I’ll pay the 2000 rent"])
def test_money_to_come_back_or_be_paid_is_a_plan(text: str) -> None:
    assert parse(text)[0] == "unknown" and "plan" in parse(text)[1]


@pytest.mark.parametrize("text", ["abbu amake 2000 diye dise", "karim amar 500 ta diye dise, @nabil tumi kobe dibe"])
def test_money_given_is_no_settlement_with_someone_else(text: str) -> None:
    name, entities = parse(text)
    assert name != "settle_up" or entities.get("payer") != "nabil"


def test_that_ones_amount_corrected_the_bengali_english_way() -> None:
    assert parse("ota 500 na 5000 chilo") == ("correct_entry", {"field": "amount", "amount": "5000", "currency": None})


@pytest.mark.parametrize(("text", "intent", "expected"), [
    ("all square with @joy now 👍", "settle_up", {"mentions": ["joy"]}),
    ("mark my debt to @sajid as paid", "settle_up", {"mentions": ["sajid"]}),
    ("শেষেরটা ডিলিট করো", "undo_last", {}),
    ("baba 10k pathaise ei mashe", "record_transaction", {"amount": "10000", "direction": "income"}),
    ("baba 2 hajar pathaise", "record_transaction", {"amount": "2000", "direction": "income"}),
    ("5 hazar taka dilam bazar e", "record_transaction", {"amount": "5000", "currency": "BDT"}),
    ("date ta 12 tarikh hobe", "correct_entry", {"field": "date", "date": "2026-03-12"}),
    ("last entry te amount 800 koro", "correct_entry", {"field": "amount", "amount": "800", "target": "last"}),
    ("Sabbir bhai gas cylinder kinse 1450 e", "record_transaction", {"amount": "1450"}),
    ("family te koto pathaisi 2024 e", "spending_summary", {}),
    ("ei shoptah er sob lenden", "list_entries", {}),
    ("bkash customer care 16247", "unknown", {}), ("২০ তারিখে বাড়ি যাবো", "unknown", {}),
    ("100 tk recharge dile ki bonus pabo", "unknown", {}), ("2 hajar er moto lagbe", "unknown", {}),
])
def test_flatmates_trips_and_family_money(text: str, intent: str, expected: dict[str, Any]) -> None:
    name, entities = parse(text)
    assert name == intent
    assert expected.items() <= entities.items()


@pytest.mark.parametrize("text", [
    "tomorrow i'll pay the 12,000 rent", "rahim ke 1,500 dibo", "i'll pay 12.50 for lunch tomorrow",
    "i'll pay tk. 500 tomorrow", "next month e 1,20,000 salary barbe", "rahim ke 500 debo", "ill pay 1500 tomorrow",
    "rahim asche, 500 dibo",
])
def test_amounts_with_separators_to_pay_later_are_plans(text: str) -> None:
    assert "plan" in parse(text)[1]


@pytest.mark.parametrize(("text", "amount"), [
    ("dinner 1500 dilam, 3 jon bhag korle 500 kore", "1500"), ("rent 24000 dilam, 3 jon bhag korle 8000 each", "24000"),
    ("bought sun block 15", "15"), ("ice block 30 kinlam", "30"), ("lunch 250 on 12 march, total koto", "250"),
    ("ajke 2 ta burger 500 dilam, total koto", "500"),
])
def test_a_payment_then_its_split_or_total_is_recorded(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities.get("amount")) == ("record_transaction", amount)


@pytest.mark.parametrize(("text", "intent"), [("ব্যাচগুলো কি আটকে আছে", "batch_status"), ("জবগুলো আবার চালাও", "run_job"),
                                              ("nabil amar 350 taka diye dise", "settle_up")])
def test_inflected_bengali_words_and_money_given_back(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


def test_a_shop_named_in_bengali_keeps_its_word_whole() -> None:
    assert parse("দোকানে ৫০০ টাকা দিলাম")[1]["description"] == "dokan"


@pytest.mark.parametrize(("text", "amount"), [
    ("went to sector 7, rickshaw 60 dilam", "60"), ("power fail, generator er tel 500, bkash e diyechi", "500"),
    ("rickshaw pai nai tai cng te gelam 200, bkash e pay korsi", "200"), ("500 hajar ke dilam", "500"),
    ("rent 12,000 dilam, total koto", "12000"), ("bazar 2,500, total koto", "2500"),
    ("bazar 500 tk. kal aro 300 debo", "500"), ("taxi 300 so we'll split it later", "300"), ("day care 5000", "5000"),
    ("500 dilam, ar 200 dile ki hoy", "500"), ("দোকান থেকে ২০০ টাকা ফেরত পেলাম", "200"),
])
def test_payments_told_beside_look_alikes_are_recorded(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities.get("amount")) == ("record_transaction", amount)


@pytest.mark.parametrize("text", ["feeder 7 e kaj korlam", "lunch 250 ar dinner 400, total koto",
                                  "lunch 250 dinner 400, total koto", "rahim er sathe sob lenden clear"])
def test_work_numbers_and_lists_to_add_up_record_nothing(text: str) -> None:
    assert parse(text)[0] != "record_transaction"


@pytest.mark.parametrize(("text", "amount"), [
    ("abbu amake 2000 diye dise", "2000"), ("ammu dilo 1000 haat khoroch", "1000"), ("apu 3k dilo bday gift", "3000"),
    ("baba 15 hajar dise semester fee er jonno", "15000"), ("মা ২০০০ টাকা পাঠালো", "2000"),
    ("আব্বু আমাকে ২০০০ টাকা দিয়েছে", "2000"), ("aj dokane cash sale 7,850", "7850"),
    ("আজ দোকানে বিক্রি হলো ৫৬০০ টাকা", "5600")])
def test_money_a_family_gives_and_a_shops_takings_are_income(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"], entities["direction"]) == ("record_transaction", amount, "income")


@pytest.mark.parametrize("text", [
    "ma ke 2000 dilam", "flash sale e 1200 er shoe kinlam", "bhai ke 500 dilam", "abbu ke 3000 dise",
    "bhai rent 5000 dilo", "vai 200 dilo uber e", "rahim amake 500 dhar dilo", "আমাকে ৫০০ টাকা ধার দিলো রহিম",
    "amake 500 dise ki", "shoes on sale 2000", "sales tax 150"])
def test_money_given_to_others_lent_asked_about_or_bought_on_sale_is_no_income(text: str) -> None:
    name, entities = parse(text)
    assert name != "record_transaction" or entities["direction"] == "expense"


@pytest.mark.parametrize(("text", "amount"), [
    ("2 hajar 500 dilam bazar e", "2500"), ("1 lakh 20 hajar salary pelam", "120000"),
    ("5 thousand 200 taka rent", "5200"), ("1 crore 20 lakh 5 hajar flat er dam dilam", "12005000")])
def test_a_scale_and_a_smaller_amount_after_it_are_one_amount(text: str, amount: str) -> None:
    assert parse(text)[1]["amount"] == amount


@pytest.mark.parametrize(("text", "amount"), [
    ("salary 30 thousand 15 tarikh e", "30000"), ("rent 15 hajar 2 mash er", "15000"),
    ("rent 10 thousand 500 electricity", "10000"), ("bazar 2 hajar 300 rickshaw", "2000"), ("1 lakh 20", "100000")])
def test_a_number_with_its_own_unit_or_thing_after_a_scale_is_not_added_to_it(text: str, amount: str) -> None:
    assert parse(text)[1]["amount"] == amount


@pytest.mark.parametrize("text", ["কাল রহিমকে ৫০০ টাকা দিবো", "i'll pay 2000 for rent, 1000 for electricity"])
def test_plans_in_bengali_script_or_over_several_amounts_record_nothing(text: str) -> None:
    assert parse(text) == ("unknown", {"plan": "record_transaction"})


@pytest.mark.parametrize("text", ["i'll pay rent 2000 tomorrow, lunch 300 today",
                                  "i'll pay the 1500 internet bill tomorrow, the 800 gas bill is done",
                                  "দেব ৫০০ টাকা দিলো"])
def test_an_amount_paid_today_beside_a_plan_or_a_name_like_a_verb_is_no_plan(text: str) -> None:
    assert parse(text)[0] == "record_transaction"


@pytest.mark.parametrize(("text", "expected"), [
    ("date ta kalker hobe", {"field": "date", "date": "2026-03-19"}),
    ("টাকার পরিমাণ ৪৫০ হবে", {"field": "amount", "amount": "450", "currency": None})])
def test_corrections_of_a_date_said_as_kal_and_of_an_amount_in_bengali(text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == ("correct_entry", expected)


@pytest.mark.parametrize(("text", "intent"), [
    ("shesh entry ta bad dao", "undo_last"), ("cancel that last expense", "undo_last"),
    ("ki ki korte paro tumi", "help"), ("budget for eating out 3000", "budget_set"),
    ("mark rumana's debt as paid", "settle_up"), ("mark rumana’s debt as paid", "settle_up"),
    ("mark rumana's debt as paid tomorrow", "unknown"), ("don't mark rumana's debt as paid yet", "unknown"),
    ("500+350+1200 koto hoy", "unknown"), ("cancel that last thing", "unknown"),
    ("lunch 200+150 = 350 tk", "record_transaction"), ("date kal hobe na", "unknown"),
    ("amount ta 450 hobe na", "unknown"), ("i went over my eating out budget by 50", "unknown")])
def test_a_mess_and_a_family_group_asking_the_bot(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


def test_a_budget_for_eating_out_is_the_food_budget_its_spending_is_filed_under() -> None:
    assert parse("budget for eating out 3000") == ("budget_set", {"amount": "3000", "currency": None,
                                                                  "category": "food", "period_unit": "month"})


@pytest.mark.parametrize(("text", "amount"), [("1 lakh 50000 taka dilam", "150000"),
                                             ("2 lakh 25000 taka pelam", "225000"),
                                             ("3 hajar 200 er bazar korlam", "3200")])
def test_thousands_after_a_lakh_and_an_amount_before_er_are_one_amount(text: str, amount: str) -> None:
    assert parse(text)[1]["amount"] == amount


@pytest.mark.parametrize(("text", "intent", "mentions"), [
    ("করিমের ধার শোধ করিনি", "unknown", None), ("করিমের ধার শোধ করি নাই", "unknown", None),
    ("আমার ধার শোধ করলাম", "unknown", None), ("করিম ভাইয়ের ধার শোধ করলাম ২০০০", "settle_up", ["করিম"]),
    ("@priya hasn't sent me the 48 she owed", "balances", ["priya"]),
    ("@priya sent me the link she owed me", "unknown", None)])
def test_debts_not_paid_and_pronouns_settle_nothing(text: str, intent: str, mentions: list[str] | None) -> None:
    name, entities = parse(text)
    assert name == intent and entities.get("mentions") == mentions


@pytest.mark.parametrize(("text", "intent"), [
    ("set eating out budget to 3000", "budget_set"), ("i went over my eating out budget by 50", "unknown"),
    ("eating out budget e 3000 khoroch holo", "unknown"), ("grocery budget 8000 er moddhe", "budget_set")])
def test_budgets_set_for_eating_out_or_told_against(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize(("text", "amount", "category"), [
    ("kal rent 5000 dibo, bazar 2000 dilam", "2000", "groceries"),
    ("i'll pay 2000 rent tomorrow, lunch 300 today", "300", "food"),
    ("i'll pay the 1500 internet bill tomorrow, the 800 gas bill is done", "800", "utilities")])
def test_an_amount_paid_beside_one_still_to_pay_is_the_one_recorded(text: str, amount: str, category: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"], entities["category"]) == ("record_transaction", amount, category)
    assert "date" not in entities  # today's, not the plan's tomorrow


@pytest.mark.parametrize("text", ["amake 500 taka kom dise", "amake 500 tk jorimana dise", "uber amake 450 charge dise",
                                  "amake 20 taka change dise", "shop sales target 50000"])
def test_a_fine_a_charge_change_or_a_sales_target_is_no_income(text: str) -> None:
    name, entities = parse(text)
    assert name != "record_transaction" or entities["direction"] == "expense"


@pytest.mark.parametrize("text", ["ব্যাংকের ধার শোধ করলাম ৫০০০০", "সবার ধার শোধ করলাম", "করিমের ধার শোধ করলাম না",
                                  "করিমের ধার শোধ হয়েছে কি"])
def test_a_bank_everyone_a_debt_not_paid_or_asked_about_settles_with_no_one(text: str) -> None:
    assert parse(text)[0] != "settle_up"


def test_a_maid_telling_her_salary_got_it_as_income() -> None:
    assert parse("maid salary 6000 pelam")[1]["direction"] == "income"


@pytest.mark.parametrize(("text", "direction"), [
    ("client paid me $350 for the invoice", "income"), ("dad sent me 2000, fine", "income"),
    ("today's sales 12000, target 15000", "income"), ("আজ দোকানে বিক্রি হলো ৫৬০০ টাকা, খারাপ না", "income")])
def test_words_in_another_clause_leave_income_as_it_was_told(text: str, direction: str) -> None:
    assert parse(text)[1]["direction"] == direction


@pytest.mark.parametrize(("text", "intent"), [
    ("karim er dhar shodh korlam 3000, ar kichu baki nai", "settle_up"),
    ("রহিমের ধার ২০০০ শোধ করলাম, আর কিছু বাকি নাই", "settle_up"), ("করিমের ধার শোধ হয়েছে কি", "balances")])
def test_nothing_left_owing_said_after_a_settlement_keeps_it(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


def test_a_count_after_a_plan_is_no_amount() -> None:
    assert parse("kal 500 dibo rahim ke, 2 coffee 240 dilam")[1]["amount"] == "240"


@pytest.mark.parametrize("text", ["আজ বাজার ৫০০ টাকা দিলাম না", "bazar e 500 dilam na", "salary pelam na ekhono 30000"])
def test_a_payment_denied_right_after_its_verb_records_nothing(text: str) -> None:
    assert parse(text)[0] == "unknown"


SCRIPT_PIECES = [*SCRIPT_WORDS, "ে", "র", "া", "ক", "ি", "য়", "্", "ট", " ", "x"]


def _longest_first(text: str) -> list[tuple[int, int]]:
    """The words found as a plain list of them, longest first, each with its conditions, would find them."""
    words = sorted(SCRIPT_WORDS, key=len, reverse=True)
    flat = re.compile("|".join(re.escape(word) + _conditions(word) for word in words))
    return [m.span() for m in flat.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SCRIPT_PIECES), min_size=1, max_size=6))
def test_the_tree_of_script_words_finds_the_longest_word_whose_conditions_hold(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert [m.span() for m in SCRIPT_RE.finditer(text)] == _longest_first(text)


@pytest.mark.parametrize(("text", "normalised"), [
    ("বাজারে ৫০০ টাকার", "bazar e 500 taka"),  # "টাকার", not "টাকা" and a dangling "র"
    ("শুভ সকাল", "good morning"),  # a phrase of two words, not its first word alone
])
def test_the_longest_script_word_is_read(text: str, normalised: str) -> None:
    assert normalise(text) == normalised

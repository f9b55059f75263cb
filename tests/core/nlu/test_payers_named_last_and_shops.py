"""A payer named after what they paid for, a bill named bare, a brand's shop, a staple's category, a desk's talk about
a customer and a counter's takings: as the offline parser reads them."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import read


@pytest.mark.parametrize(("text", "amount", "payer", "description"), [
    ("bazar 850 tk, nila dise", "850", "nila", "bazar"),
    ("বাজার ৮৫০ টাকা, নীলা দিয়েছে", "850", "নীলা", "bazar"),
    ("taxi 300, joy paid", "300", "joy", "taxi"),
    ("bazar 850 tk, sumon bhai pay korse", "850", "sumon", "bazar"),
    ("bazar 850 tk, nila dise amader sobar jonno", "850", "nila", None),
    ("Shakib current bill dise 2340 tk", "2340", "Shakib", "current bill"),
    ("rahim vai current bill dise 2340 sobar hoye", "2340", "rahim", None),
    ("nirob foodpanda te 860 pay korse amader jonno", "860", "nirob", None),
])
def test_someone_named_in_a_clause_after_the_thing_paid_for_it(text: str, amount: str, payer: str,
                                                                description: str | None) -> None:
    intent, entities = read(text)
    assert (intent, entities["amount"], entities["payer"]) == ("record_transaction", amount, payer)
    if description is not None:
        assert entities["description"] == description


@pytest.mark.parametrize("text", ["bazar 850 tk dise", "bazar 850 taka cash dise", "lunch 400 tk sobai dise",
                                  "salary 50000, boss dise", "5000 taka, abbu dise", "bazar 850 tk, ami dilam",
                                  "lunch 300 bkash dise", "birthday cake 950 taka tomal dise"])
def test_a_word_before_the_verb_that_names_no_sharer_is_no_payer(text: str) -> None:
    intent, entities = read(text)
    assert intent == "record_transaction" and "payer" not in entities


@pytest.mark.parametrize("text", ["bazar 850 tk, nila dise?", "bazar 850 tk, nila dise na", "taxi 300 se dise",
                                  "rina gas bill dise 1200?", "hotel er bhara 6500 nayeem dise",
                                  "dinner 2400 tk mostly paid", "bazar 850 tk nije dise", "lunch 600 tk rafi pe korse"])
def test_a_payer_named_last_but_denied_asked_unnamed_or_without_a_comma_records_no_payer(text: str) -> None:
    assert "payer" not in read(text)[1]


@pytest.mark.parametrize(("text", "intent", "search"), [
    ("what did i spend at daraz", "list_entries", "daraz"),
    ("what did i get from amazon last week", "list_entries", "amazon"),
    ("how much did i spend at amazon last month", "spending_summary", "amazon"),
])
def test_a_brand_is_a_shop_not_its_category(text: str, intent: str, search: str) -> None:
    name, entities = read(text)
    assert (name, entities.get("search")) == (intent, search)
    assert "category" not in entities  # not all shopping: the shop named


@pytest.mark.parametrize("text", ["check when i paid my phone bill", "find out when i paid rent"])
def test_when_something_was_paid_asked_inside_a_request_is_the_list(text: str) -> None:
    assert read(text)[0] == "list_entries"


@pytest.mark.parametrize(("text", "amount"), [("dal r soybean tel 2 liter 390", "390"),
                                              ("piyaj 3 kg r alu 2 kg 240", "240")])
def test_staples_with_their_measure_then_the_price_are_groceries(text: str, amount: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["amount"], entities["category"]) == ("record_transaction", amount, "groceries")


@pytest.mark.parametrize(("text", "direction"), [("dokan er aj sale 18500", "income"), ("ajker sale 18500", "income"),
                                                 ("milestone release hoise 275 dollar", "income"),
                                                 ("ajker sale e 3 ta shirt kinlam 1500", "expense")])
def test_a_shops_takings_and_a_milestone_paid_came_in(text: str, direction: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["direction"]) == ("record_transaction", direction)


@pytest.mark.parametrize("text", ["customer 1200 tk koto baki", "how much would i save if i stopped buying coffee",
                                  "আজকে কাউন্টারে ৩ লাখ টাকা জমা হয়েছে", "ajke counter e 3 lakh taka jama hoise",
                                  "oi customer 28874512 er complain ta GM sir er kache gese"])
def test_questions_imagined_sums_and_a_desks_talk_are_neither_records_nor_lookups(text: str) -> None:
    assert read(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "intent"), [("6102938475 last kobe pay korse", "customer_lookup"),
                                              ("customer 2201984433 wants to know his balance, check koro",
                                               "customer_lookup"),
                                              ("acknowledge the db alert", "alert_update"),
                                              ("resolve the disk alert", "alert_update"),
                                              ("close the whatsapp alert", "unknown"),
                                              ("এই গ্রুপে আর অ্যালার্ট দিও না", "unsubscribe_alerts"),
                                              ("ajke bazar 500 dilam, koto baki", "record_transaction")])
def test_a_desks_requests_in_few_words(text: str, intent: str) -> None:
    assert read(text)[0] == intent


@pytest.mark.parametrize("text", [
    "bazar 850 tk kal dise", "bazar 850 tk ajke dise", "Kal current bill dise 2340", "dinner 2200 bdt paid",
    "hotel 120 dollars paid", "dinner 2200 fully paid", "electricity bill 2340 auto paid", "lunch 450 tk bkashe dise",
    "dinner 2200 visa paid", "bazar 850 tk 50 tk discount dise", "dinner 2200 tk 200 tk tips dise",
    "uber 350 toll paid",
    "DESCO current bill dise 2340 tk", "Titas gas bill dise 1100", "bazar 850, agora dise", "taxi 300, driver paid",
    "Ei current bill dise 2340 tk", "Februarir current bill dise 2340", "bazar 850 tk, husband dise",
    "bazar 850 tk, maa dise"])
def test_a_time_a_currency_a_wallet_a_company_or_a_relative_before_the_verb_is_no_payer(text: str) -> None:
    assert "payer" not in read(text)[1]


def test_a_bills_owner_is_not_who_paid_it() -> None:
    assert "payer" not in read("Rahim er current bill dise 2340")[1]


@pytest.mark.parametrize(("text", "payer"), [("Karim bhai current bill dise 2340", "Karim"),
                                             ("Karim bhai dinner er bill 2100 dise amader sobar jonno", "Karim")])
def test_an_honorific_and_a_bill_for_everyone_keep_the_payer(text: str, payer: str) -> None:
    assert read(text)[1]["payer"] == payer


@pytest.mark.parametrize(("text", "intent"), [
    ("check if i skipped any rent payment this year", "list_entries"),
    ("remind me when i pay rent", "unknown"), ("i know when i paid it, dont worry", "unknown"),
    ("customer 2201984433 wants to know his balance", "customer_lookup"),
    ("customer 2201984433 wants a statement, pull it up", "customer_lookup"),
    ("customer 28874512 er complain ta kar kache gese?", "customer_lookup"),
    ("6102938475 kobe pay korbe jani na, ami call dibo", "unknown"),
    ("aj counter e koto jama holo?", "unknown"),
    ("ack the bank alert", "unknown"), ("acknowledge the other alert", "unknown"),
    ("ack the telegram alert", "unknown"),
    ("how much did the business spend on office supplies in march", "spending_summary"),
])
def test_near_misses_of_the_new_readings_keep_their_old_answer(text: str, intent: str) -> None:
    assert read(text)[0] == intent


@pytest.mark.parametrize(("text", "category"), [("murgi biriyani 250", "other"), ("chini chara cha 20", "food"),
                                                ("bike e tel 500", "other")])
def test_a_dish_or_fuel_is_not_groceries(text: str, category: str) -> None:
    assert read(text)[1]["category"] == category


@pytest.mark.parametrize("text", ["aj sale chilo aarong e, panjabi 3200", "ajker sale price 1500",
                                  "ajker sale dekhe jacket 2200", "milestone release korlam 300 dollar",
                                  "client ke milestone release korte bolsi 275 dollar",
                                  "counter e 1200 tk bill jama hoise"])
def test_bought_on_sale_a_milestone_paid_out_and_a_bill_paid_at_a_counter_are_not_takings(text: str) -> None:
    assert read(text)[1].get("direction") != "income"


@pytest.mark.parametrize(("text", "intent"), [
    ("i need to know how much i spend on transport every month for my visa application", "spending_summary"),
    ("oops remove the last thing i added", "undo_last"), ("শেষেরটা মুছে দাও ভুল হইছে", "undo_last"),
    ("last ta delete koro vul hoise", "undo_last"), ("shesher ta muche dao bhul hoise 500 na 600", "unknown"),
    ("how much should i be spending on rent with my salary", "unknown"),
    ("how much did my neighbor spend on his new car", "unknown"),
    ("if i spend 20 a day how much is that a month", "unknown"),
    ("how much did i sleep last night lol", "unknown"),
    ("my friend spent 200 on shoes in one day can you believe it", "unknown"),
])
def test_a_visa_application_an_undo_advice_others_spending_and_sleep(text: str, intent: str) -> None:
    assert read(text)[0] == intent



@pytest.mark.parametrize("text", ["hotel 6500 tk, deposit paid", "lunch 450 tk, ebl paid",
                                  "internet bill 1000 tk, mess dise", "বাজার ৫০০ টাকা, দোকানদার দিছে",
                                  "Rahimer current bill dise 2340", "Tomar net bill dise 1000",
                                  "Karim sir current bill dise 2340", "Nasir uncle gas bill dise 1100",
                                  "Doctor saheb 500 dise rickshaw e", "Insurance hospital e 50000 pay korse"])
def test_a_bank_a_fund_a_shop_a_bills_owner_a_title_or_an_insurer_is_no_payer(text: str) -> None:
    assert "payer" not in read(text)[1]


@pytest.mark.parametrize(("text", "payer"), [("Robi 500 dise taxi te", "Robi"),
                                             ("rafi amar jonno 500 pay korse", "rafi")])
def test_a_name_that_is_also_a_company_and_pay_korse_for_the_sender_keep_the_payer(text: str, payer: str) -> None:
    assert read(text)[1]["payer"] == payer


@pytest.mark.parametrize(("text", "intent"), [
    ("Aarong e ajker sale 3200", "record_transaction"),
    ("milestone released 500 usd to the developer", "record_transaction"),
    ("customer 28874512 complain korse line kete gese, last payment", "customer_lookup"),
    ("i can see when i paid rent in the app, dont worry", "unknown"),
    ("if we spend 2000 more this week how much will be left in the budget", "budget_status"),
    ("how much did our bua spend on bazar this week", "spending_summary"),
    ("rent 15000 dilam, 2000 tk koto baki", "record_transaction"),
    ("ack the pending alert", "alerts_list"), ("ack the sms alert", "unknown")])
def test_second_look_near_misses(text: str, intent: str) -> None:
    assert read(text)[0] == intent


@pytest.mark.parametrize("text", ["Aarong e ajker sale 3200", "milestone released 500 usd to the developer"])
def test_bought_at_a_sale_or_a_milestone_paid_to_someone_is_spent(text: str) -> None:
    assert read(text)[1]["direction"] == "expense"

"""Counts in Bengali script, money a relative gave for something, a rate told before what was paid, a customer's
payment told, a number looked at before a comma, a payer with an honorific, a date put right by its day, and a desk's
run, queue and subscription words: as the offline parser reads them."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import read


@pytest.mark.parametrize(("text", "amount"), [("২ প্যাকেট পলিব্যাগ ৩২০", "320"), ("২ প্যাকেট পলিব্যাগ ৩২০ টাকা", "320"),
                                              ("৩ কেজি চাল ২১০", "210")])
def test_a_count_in_bengali_script_is_not_the_amount(text: str, amount: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["amount"]) == ("record_transaction", amount)


@pytest.mark.parametrize(("text", "amount"), [("খালু বিয়ের জন্য ৫০ হাজার টাকা দিলেন", "50000"),
                                              ("খালু বিয়ের খরচের জন্য ৫০ হাজার টাকা দিলেন", "50000"),
                                              ("mama eid er jonno 2000 dilen", "2000"),
                                              ("মামা ৫০০০ টাকা দিলেন", "5000")])
def test_money_a_relative_gave_for_something_came_in(text: str, amount: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["amount"], entities["direction"]) == ("record_transaction", amount, "income")


@pytest.mark.parametrize("text", ["mama amar jonno 500 dise", "chacha biyer jonno 50 hajar dibe",
                                  "mama biyer jonno 5000 dilen?"])
def test_money_for_the_sender_to_come_or_asked_is_no_gift_received(text: str) -> None:
    assert read(text)[1].get("direction") != "income"


@pytest.mark.parametrize(("text", "amount"), [("ei mashe meal rate 85 tk, ami 3400 dilam", "3400"),
                                              ("meal rate 85 tk, ami 3400 dilam", "3400")])
def test_a_rate_told_first_is_not_what_was_paid(text: str, amount: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["amount"]) == ("record_transaction", amount)


@pytest.mark.parametrize("text", ["customer 1200 tk recharge korse kintu token jay nai bolse, ticket khulsi",
                                  "dc kore ashar por customer 5000 tk pay korse, ekhon RC lagbe",
                                  "customer Hasan 4500 tk nagad dise counter e"])
def test_a_customers_payment_told_is_neither_a_lookup_nor_a_record(text: str) -> None:
    assert read(text)[0] == "unknown"


def test_money_from_a_customer_the_sender_got_is_still_income() -> None:
    intent, entities = read("customer theke 4500 tk pelam")
    assert (intent, entities["direction"]) == ("record_transaction", "income")


@pytest.mark.parametrize(("text", "query", "by"), [
    ("ei meter ta dekho 54010022341, customer bolse bill beshi ashche", "54010022341", "meter"),
    ("ei account ta dekhen plz 29384756, dc korar age confirm hote chai due koto", "29384756", "customer"),
    ("customer 30000005 taka koto baki", "30000005", "customer")])
def test_a_number_looked_at_is_looked_up(text: str, query: str, by: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["query"], entities["by"]) == ("customer_lookup", query, by)


@pytest.mark.parametrize(("text", "payer", "description"), [
    ("Jamal bhai paid 250 for the CNG to factory", "Jamal", "CNG factory"),
    ("Mahin bhai amar biriyani er 180 tk dise", "Mahin", "biriyani"),
    ("Mitu apu amar jonno boi kinse 300 tk", "Mitu", "boi")])
def test_a_payer_named_with_an_honorific(text: str, payer: str, description: str) -> None:
    entities = read(text)[1]
    assert (entities["payer"], entities["description"]) == (payer, description)


def test_a_word_before_an_honorific_is_no_payer() -> None:
    assert "payer" not in read("boro bhai paid 500 for the taxi")[1]


@pytest.mark.parametrize(("text", "day"), [("last entry ta kalker date e koro", "2026-03-19"),
                                           ("oi courier er ta ajker date e hobe", "2026-03-20")])
def test_a_date_put_right_by_its_day(text: str, day: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["field"], entities["date"]) == ("correct_entry", "date", day)


@pytest.mark.parametrize(("text", "want"), [
    ("reels e 12k view hoise", "unknown"), ("last month 1,20,000 unit sold hoise vending desk theke", "unknown"),
    ("BMHHS ta ekbar re-trigger koren", "run_job"), ("BILLG ব্যাচটা আবার চালান", "run_job"),
    ("আরসি ডিসি কিউ এর অবস্থা কি", "rcdc_dashboard"), ("aj koyta RC done holo system e", "rcdc_dashboard"),
    ("ajke 20 ta rc done korsi", "unknown"), ("Rahim bhai DC list ta print kore rakhben", "unknown"),
    ("sob job complete? sokal e report dite hobe", "batch_status"),
    ("ei group e alert pathaio", "subscribe_alerts"), ("alert gula ekhane dite thako", "subscribe_alerts"),
    ("ei group e alert notification on koro", "subscribe_alerts"),
    ("ei group e alert pathaio na", "unsubscribe_alerts"),
    ("tumi ki ki hisab rakhte paro", "help"), ("তোমার কাছে কি কি জানতে পারবো", "help")])
def test_desk_and_shop_words(text: str, want: str) -> None:
    assert read(text)[0] == want


def test_the_product_after_an_equals_sign_is_what_was_paid() -> None:
    assert read("Pathao delivery charge 60 x 8 = 480 dilam")[1]["amount"] == "480"


def test_rent_collected_came_in() -> None:
    intent, entities = read("aj garage er vara uthlo 2400 tk")
    assert (intent, entities["amount"], entities["direction"]) == ("record_transaction", "2400", "income")


@pytest.mark.parametrize("text", ["mama ke eid er jonno 2000 dilo", "abbu dadi er jonno 3000 dilo",
                                  "mama rafi er jonno 500 dilen", "bhai tomar jonno 500 dise", "bhai ki jonno 500 dise",
                                  "dadi ke hospital er jonno 3000 dilen abbu"])
def test_money_a_relative_gave_someone_else_or_asked_about_is_no_income(text: str) -> None:
    assert read(text)[1].get("direction") != "income"


@pytest.mark.parametrize("text", ["ekhane alert pathao keno?", "ei group e alert pathao keno",
                                  "ei group e alert pathao naki?", "ei group e alert dio, kintu raat e na",
                                  "alert notification on kora ache?", "alert notification on korbo?"])
def test_alerts_here_complained_of_or_asked_about_subscribe_nothing(text: str) -> None:
    assert read(text)[0] != "subscribe_alerts"


@pytest.mark.parametrize("text", ["ei meeting ta kalker date e koro", "ei order ta kalker date e dao",
                                  "oi DC ta kalker date e koro", "eta tomorrow date e dao"])
def test_something_else_moved_to_a_day_is_no_correction(text: str) -> None:
    assert read(text)[0] != "correct_entry"


@pytest.mark.parametrize(("text", "amount"), [
    ("lunch 250 like usual", "250"), ("bazar 1200 = alu 200 + mach 1000", "1200"),
    ("rent 15000 = 7500 + 7500", "15000"),
    ("dinner 1200 = 300 x 4", "1200"), ("taxi 600 = 200 each", "600"), ("current bill 1200 unit 150", "1200"),
    ("paid 300 view fee at the museum", "300"), ("gas rate 1080 tk, cylinder 1", "1080"),
    ("gas rate 1080, 2 cylinder", "1080"), ("dam 350, 50 tk kom dilam", "350"),
    ("CNG rate 300 tk, 50 tk tip dilam", "300")])
def test_an_amount_kept_beside_a_breakdown_a_count_or_a_discount(text: str, amount: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["amount"]) == ("record_transaction", amount)


@pytest.mark.parametrize("text", ["accha vai paid 1200 electricity bill", "my bhai paid 300 for dinner",
                                  "haan bhai paid 500 for dinner", "ji apa paid 3000 rent"])
def test_a_word_before_an_honorific_that_is_no_name_pays_nothing(text: str) -> None:
    assert "payer" not in read(text)[1]


@pytest.mark.parametrize("text", ["customer 5000 tk dise, ami 200 ferot dilam",
                                  "customer 1000 tk dise, change dilam 50"])
def test_a_customers_payment_with_change_given_is_no_settlement_nor_expense(text: str) -> None:
    assert read(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "want"), [("dc done", "unknown"), ("RC done, token pathao", "unknown"),
                                            ("bus er vara uthlo 10 tk", "record_transaction")])
def test_field_reports_and_fares_keep_their_reading(text: str, want: str) -> None:
    intent, entities = read(text)
    assert intent == want and entities.get("direction") != "income"


def test_a_phone_number_checked_is_no_customer() -> None:
    assert read("bkash account check koro 01712345678, 5000 pathaisi")[0] != "customer_lookup"

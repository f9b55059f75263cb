"""From ops-15's and people-22's read halves: a desk's reports told, a customer's id beside the money paid, a share
paid back, an amount put right with what it was for, a date put right with the day it was not, a NOCS area that is
no place, and the last entry deleted or the bot's work asked in Bengali script: as the offline parser reads them."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import read


@pytest.mark.parametrize("text", ["৬০১৯৩৩৪৮ গ্রাহক আজ ৮৫০০ টাকা জমা দিয়েছেন",
                                  "meter test fee 500 tk, customer ke janiye diyesi",
                                  "ami nijei 37700215 er bill ta adjust kore dilam",
                                  "2 lakh taka collection hoise aj Motijheel counter e, record",
                                  "কেবিন নম্বর ৪১২, ৪ তলা"])
def test_a_desk_report_or_a_label_is_neither_a_record_nor_a_lookup(text: str) -> None:
    assert read(text)[0] == "unknown"


def test_a_customers_id_beside_money_said_with_its_currency_is_not_the_amount() -> None:
    assert read("reconnection done for 33920147, customer paid 3200 tk")[1]["amount"] == "3200"


@pytest.mark.parametrize(("text", "amount"), [("shaon sent me 3000 bkash for her share of the test", "3000"),
                                              ("rakib 450 return korse lunch er", "450"),
                                              ("rumana amake 1500 return korse", "1500"),
                                              ("farhana apu ke amar bhag er 390 dilam", "390"),
                                              ("fahim ke 750 pathaisi ad er bhag", "750")])
def test_a_share_paid_back_is_a_settlement(text: str, amount: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["amount"]) == ("settle_up", amount)


@pytest.mark.parametrize("text", ["customer 2 ta meter return korse", "rafi ke 500 dilam bazar er jonno"])
def test_goods_returned_or_money_given_for_a_thing_is_no_settlement(text: str) -> None:
    assert read(text)[0] != "settle_up"


@pytest.mark.parametrize(("text", "amount"), [("oops 1500 na 1800 hobe doctor fee", "1800"),
                                              ("ad 1500 na 1200 chilo, thik koro", "1200"),
                                              ("bhul hoise, bikri 2350 na 2530", "2530")])
def test_an_amount_put_right_with_what_it_was_for(text: str, amount: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["field"], entities["amount"]) == ("correct_entry", "amount", amount)


def test_an_amount_said_again_in_one_breath_is_still_a_record() -> None:
    intent, entities = read("lunch 250 na 300")
    assert (intent, entities["amount"]) == ("record_transaction", "300")


def test_a_date_put_right_with_the_day_it_was_not() -> None:
    intent, entities = read("date ta kal er hobe, aj na")
    assert (intent, entities["field"], entities["date"]) == ("correct_entry", "date", "2026-03-19")


@pytest.mark.parametrize(("text", "want"), [("আগেরটা মুছে ফেলো", "undo_last"), ("shesh ta muche dao", "undo_last"),
                                            ("আপনি কী কী কাজ করতে পারেন", "help"),
                                            ("amader group ke nocs alert e add koro", "subscribe_alerts")])
def test_words_of_the_bot_s_own(text: str, want: str) -> None:
    assert read(text)[0] == want


@pytest.mark.parametrize("text", ["kal 10 tay SE sir inspection e ashben NOCS e", "recharge er jonno nocs e joto ache"])
def test_a_nocs_area_is_no_particle_nor_verb(text: str) -> None:
    assert "nocs" not in read(text)[1]


@pytest.mark.parametrize("text", ["rafi rina ke 500 return korse", "amazon 3500 return korse card e",
                                  "seller 800 return korse product kharap chilo",
                                  "rafi 500 return korse kintu ami pai nai", "rafi ke 500 dilam bhag kore nite",
                                  "masjid ke 500 dilam amar bhag", "office ke 200 disi picnic er bhag",
                                  "kuddus ke 1000 dilam bhag chashi", "rina hasn't sent me 3000 for her share"])
def test_money_back_from_a_shop_to_someone_else_or_denied_is_no_settlement(text: str) -> None:
    assert read(text)[0] != "settle_up"


@pytest.mark.parametrize("text", ["lunch 250 na 300 chilo mone nai", "bill 500 na 600 hobe sure na",
                                  "tuition 3000 na 4000 hobe next month", "sorry vai 500 na 1000 dibo",
                                  "bhul hoise bhai 500 na 5000 pathay disi", "oops 200 na 2000 pathaisi",
                                  "budget 5000 na 6000 hobe", "bazar 500 na 600 chilo naki"])
def test_a_doubt_a_plan_or_money_sent_is_no_correction(text: str) -> None:
    assert read(text)[0] != "correct_entry"


@pytest.mark.parametrize("text", ["amader group ke alert e add korio na", "amader group ke alert e add kora hoyeche?"])
def test_a_group_added_refused_or_asked_about_subscribes_nothing(text: str) -> None:
    assert read(text)[0] != "subscribe_alerts"


@pytest.mark.parametrize(("text", "amount"), [("10000000 dilam flat er jonno, aro 500000 tk baki", "10000000"),
                                              ("ami 500 tk bkash e pathaisi, rafi ke janiye diyechi", "500"),
                                              ("bazar 800 tk, ammu ke janiye dilam", "800")])
def test_a_large_amount_or_a_payment_told_to_family_is_still_recorded(text: str, amount: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["amount"]) == ("record_transaction", amount)


def test_asked_after_the_sender_did_it_is_still_a_lookup() -> None:
    assert read("ami 41002388 e recharge kore dilam, update hoise?")[0] == "customer_lookup"


def test_a_budget_set_in_bengali_script_names_no_pronoun_as_its_category() -> None:
    assert read("আপনি বাজেট ৫০০০ টাকা সেট করুন")[1].get("category") != "apni"


@pytest.mark.parametrize(("text", "want"), [("amake batch alert e add korun", "subscribe_alerts"),
                                            ("amader group ke nocs alert e add korben", "subscribe_alerts"),
                                            ("amake alert e add korio na", "unknown")])
def test_the_sender_or_the_group_added_to_alerts(text: str, want: str) -> None:
    assert read(text)[0] == want

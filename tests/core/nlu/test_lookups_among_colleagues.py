"""A customer's number asked of the bot ("when did 44551092 last pay?") against one talked about among the staff
("33670012 er thikana keu janen?", "41002388 er customer abar phone diyeche"), as the offline parser reads them."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import read


def parse(text: str) -> str:
    return read(text)[0]


@pytest.mark.parametrize("text", ["last two payments for 40220561", "45002218 এর লাস্ট পেমেন্ট কবে হয়েছে",
                                  "when did 44551092 last pay?", "how much does 33782019 owe",
                                  "50033618 er connection kobe kata hoise", "Is 52231106 disconected?",
                                  "has 46630082 paid the april bill",
                                  "amar ekta customer call dise, 2010554091 er bill ta beshi aschhe bolche, ektu "
                                  "dekhao to koto bill hoise"])
def test_a_customers_payments_dues_and_connection_asked_of_the_bot_are_looked_up(text: str) -> None:
    assert parse(text) == "customer_lookup"


@pytest.mark.parametrize("text", ["৪১০০২৩৮৮ এর গ্রাহক আবার ফোন দিয়েছে", "৫৯০০৪৪২৮ এর গ্রাহক ধন্যবাদ দিয়েছেন",
                                  "33670012 এর ঠিকানা কেউ জানেন?", "37115640 er customer ke ami kalke call korbo",
                                  "who is handling 52231106's reconnection request?",
                                  "45002218 customer is at the counter, can someone help",
                                  "Kamal vai 29004417 er meter change er kaj ta kobe korben?",
                                  "@Karim please forward 39400127 documents to billing"])
def test_a_customers_number_in_talk_among_the_staff_is_no_lookup(text: str) -> None:
    assert parse(text) == "unknown"


@pytest.mark.parametrize("text", ["client payment 12000000 ashlo", "payment 15000000 dilam"])
def test_a_large_payment_paid_or_got_is_money_not_a_customer(text: str) -> None:
    assert parse(text) == "record_transaction"


@pytest.mark.parametrize("text", ["ei bot ki ki korte pare?", "meter number diye khuja jay?"])
def test_what_the_bot_does_asked_in_bengali_english_is_help(text: str) -> None:
    assert parse(text) == "help"


@pytest.mark.parametrize("text", ["rafi owes me 1500000", "i owe 1500000 to the bank",
                                  "1200000 paid for the car, the rest is pending",
                                  "need to pay 1500000 for the plot next week"])
def test_ones_own_large_money_is_no_customer(text: str) -> None:
    assert parse(text) != "customer_lookup"


@pytest.mark.parametrize("text", ["who is 45002218?", "45002218 er line keu kete dise, status dekhao",
                                  "45002218 er balance? customer bolche recharge korse kintu asheni"])
def test_a_lookup_asked_of_the_bot_beside_talk_is_still_a_lookup(text: str) -> None:
    assert parse(text) == "customer_lookup"


@pytest.mark.parametrize(("text", "intent"), [("44551092 paid?", "customer_lookup"),
                                             ("44551092 paid kina", "customer_lookup"),
                                             ("44551092 kobe pay korse?", "customer_lookup"),
                                             ("keu 33670012 er bill ta check koren", "unknown"),
                                             ("@rafi please check 41002388 er bill", "unknown")])
def test_a_customers_payment_asked_in_few_words_and_a_colleague_asked_to_look(text: str, intent: str) -> None:
    assert parse(text) == intent

"""Messages people-8's writers send: amounts in words, notes kept for an office or a club, a landlord's rent, a
kitty's chanda, sums and loans asked, corrections and undo said politely, debts cleared in Bengali-English."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import parse


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("sare tin hajar dilam driver ke eid bonus", "3500", None),
    ("dedh hajar taka dilam umpire ke", "1500", "BDT"),
    ("tin hajar charsho pochish taka electricity bill dilam", "3425", "BDT"),
    ("আজ বাজারে আড়াই হাজার টাকা খরচ হলো", "2500", "BDT"),
    ("একশ বিশ টাকা চা নাস্তায় গেল", "120", "BDT"),
    ("মাছ কিনলাম এক হাজার দুইশ টাকার", "1200", "BDT"),
    ("৫ হাজার টাকা দিলাম বাজারে", "5000", "BDT"),  # was read as ৳5
    ("১ লাখ টাকা পেলাম", "100000", "BDT"),
    ("petty cash - printer toner refill 1,800/-", "1800", None),  # "/-" marks money
    ("courier charge 150 (sundarban) for sending the cheque to head office", "150", None),
    ("water bottles and glucose for the boys after the match - 480", "480", None),
    ("trophy r medals banaisi 3200 te", "3200", None),
    ("team er jonno 12 ta jersey, per piece 450, total 5400 dilam", "5400", None),  # the total, not a piece's price
    ("bought 3 shirts 800 each total 2400", "2400", None),
    ("they were asking 500 but i paid 400", "400", None),
    ("bought jerseys 450 each total 12", "450", None),  # a "total" below one piece's price is something else
    ("5 koti taka dilam", "50000000", "BDT"),
])
def test_amounts_said_in_words_or_told_in_notes_are_recorded(text: str, amount: str, currency: str | None) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"], entities["currency"]) == ("record_transaction", amount, currency)


@pytest.mark.parametrize("text", [
    "3B er tenant rent dilo 18000",
    "the tenant from 1st floor paid the water bill share, one thousand two hundred fifty",
    "sabbir dilo 500 monthly chanda, kitty te add koro", "team members er chanda collect holo 3000 (10 jon x 300)",
    "bank e dhuklo 58,340 taka, oi dollar ta convert hoye",
    "Received refund of 1,150 taka from Daraz for the returned kettle"])
def test_rent_chanda_deposits_and_refunds_that_came_in_are_income(text: str) -> None:
    name, entities = parse(text)
    assert (name, entities["direction"]) == ("record_transaction", "income")


@pytest.mark.parametrize("text", [
    "the tenant paid the plumber 500", "puja r chanda dilam 500", "tenant ke 500 dilam",
    "tenant paid the carpenter 500",
    "the tenant called and i paid 2000 for the repair", "the tenant asked, i paid 500 for the lock"])
def test_money_paid_out_stays_an_expense(text: str) -> None:
    name, entities = parse(text)
    assert (name, entities["direction"]) == ("record_transaction", "expense")


@pytest.mark.parametrize("text", [
    "bro what's 1250 x 12", "18% vat on 12,500 koto hoy?", "1 lakh 20 hajar + 35 hajar koto hoy",
    "bhai 3500 dhar dite parbi? salary pele ferot dibo",  # a loan asked for, to be paid back
    "Dear, don't buy mangoes from that shop, they are asking 300 a kg",  # a price asked, nothing paid
    "apa, biye te koto jon guest hobe total? 400?", "shei photographer er package 35k, 50k, 75k — kon ta nibo?",
    "the meeting is on floor 5 - room 301",
    # a payment denied: nothing was paid ("paid 500, didnt pay the rest" records the 500)
    "i never paid the 500", "i didn't pay the 500 rent", "client never paid the invoice $1200",
    "the client hasn't paid the invoice $1200", "not paid yet 500",
    "team meeting with the client at the office tomorrow - 3", "my flat number in the new building on road 7 - 12",
    "they said the delivery charge 60 will be added next time",
    "bus fare 50 was raised to 70 by the government last month",
    "karim amar 500 ferot dao",  # asked back, not paid back
    "customer bolche bill 4800 asche",  # a bill that came, nothing paid
    "room number for the guests at the hotel tonight - 305", "total guests for the dinner party at home - 45",
    "bank fees 500 every month are too high for us", "parking fee 50 per hour at the new mall downtown"])
def test_sums_loans_asked_and_prices_quoted_are_no_records(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "amount"), [
    ("actually it was 1,550 not 1,500", "1550"), ("ওটা ১২০০ না, ১৩০০ হবে", "1300"),
    ("Dear, I made a mistake, the electrician amount should be 2,000 not 2,500.", "2000")])
def test_an_amount_put_right_corrects_the_entry(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities["field"], entities["amount"]) == ("correct_entry", "amount", amount)


@pytest.mark.parametrize(("text", "intent"), [
    ("delete the last entry, I entered it twice", "undo_last"),
    ("Please remove the entry I just made, it was wrong.", "undo_last"),
    ("eta diye ki ki kora jay?", "help"), ("thank you beta, very helpful", "smalltalk"),
    ("are me and rina even now?", "balances"), ("Dear, can you tell me how much Tarek still owes us?", "balances"),
    ("total koto pabo sobar theke mile", "balances")])
def test_requests_said_politely_or_in_bengali_english_are_understood(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize(("text", "person"), [
    ("hisab clear korlam jamal er sathe", "jamal"), ("shodh korlam tanim er 800 taka", "tanim")])
def test_a_debt_cleared_with_the_person_named_after_it_is_a_settlement(text: str, person: str) -> None:
    name, entities = parse(text)
    assert (name, entities["mentions"]) == ("settle_up", [person])


def test_a_loan_borrowed_and_given_back_settles_with_the_lender() -> None:
    name, entities = parse("@nayeem er kach theke dhar newa 700 diye dilam, ar kichu baki nai")
    assert (name, entities["mentions"], entities["amount"]) == ("settle_up", ["nayeem"], "700")


@pytest.mark.parametrize("text", ["the electricity bill amount is 1200", "my salary amount is 50000"])
def test_an_amount_told_is_neither_a_correction_nor_an_undo(text: str) -> None:
    assert parse(text)[0] not in ("correct_entry", "undo_last")


def test_a_removal_with_the_right_amount_said_puts_the_amount_right() -> None:
    name, entities = parse("remove the last expense, it was 500 not 300")
    assert (name, entities["field"], entities["amount"]) == ("correct_entry", "amount", "500")


@pytest.mark.parametrize("text", ["delete the last entry coz it was 2 times",
                                  "please delete the last entry, it was the 500 one"])
def test_an_undo_with_a_number_in_its_reason_still_undoes(text: str) -> None:
    assert parse(text)[0] == "undo_last"


@pytest.mark.parametrize(("text", "amount", "direction"), [
    ("didn't get the receipt but paid 500 for lunch", "500", "expense"),  # denied something else, then paid
    ("dinner 800 i did not pay tip", "800", "expense"),
    ("i never pay more than 500 for lunch but paid 800 today", "800", "expense"),
    ("electricity bill 1200 asche, aj dilam", "1200", "expense")])  # a bill that came, then paid
def test_a_payment_told_beside_a_denial_or_a_bill_is_recorded(text: str, amount: str, direction: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"], entities["direction"]) == ("record_transaction", amount, direction)


def test_a_bill_payment_that_came_is_income() -> None:
    name, entities = parse("client er bill payment 5000 asche")
    assert (name, entities["direction"]) == ("record_transaction", "income")

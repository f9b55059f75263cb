"""Times, counts, sizes, temperatures, labels, sums and ids are never proposed as something to record."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.intents import WRITE_INTENTS
from core.nlu.rules import RuleParser

NOW = datetime(2026, 3, 20, 10, tzinfo=UTC)
PARSER = RuleParser(bot_names=frozenset({"Switchboard"}))


def parse(text: str) -> tuple[str, dict[str, object]]:
    intent = PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    return intent.name, intent.entities


def proposes_no_write(text: str) -> None:
    name, entities = parse(text)
    assert name not in WRITE_INTENTS, (text, name, entities)
    assert "amount" not in entities, (text, entities)


hours = st.integers(min_value=1, max_value=12)
minutes = st.integers(min_value=0, max_value=59)
counts = st.integers(min_value=1, max_value=99)
ids = st.integers(min_value=1_000_000, max_value=999_999_999_999_999)
politely = st.sampled_from(["{}", "please {}", "{} please", "can you {}", "hey, {}"])

TIMES = ["at {h}", "{h} am", "{h} pm", "{h}pm", "{h}am", "{h}:{m:02d}", "set an alarm for {h} am",
         "wake me up at {h}", "remind me at {h} pm to call mom", "meeting at {h}:{m:02d} tomorrow",
         "set a timer for {h} mins", "book a table at {h} pm", "dinner at {h} tonight", "{h} o'clock",
         "is the shop open till {h}", "between {h} and {m}"]
COUNTS = ["{n} chairs", "{n} passengers", "table for {n}", "roll a {n} sided die", "an uber for {n} people",
          "reservation for {n} at red lobster", "{n} of us are going", "book {n} seats", "{n} adults and 2 kids",
          "add {n} eggs to my shopping list", "{n} cups of rice", "{n} nights in a hotel"]
SIZES_AND_SETTINGS = ["{n} inch tv", "size {n} shoes", "set the temperature to {n}", "it is {n} degrees outside",
                      "oven to {n}", "turn the volume to {n}", "{n} kg of rice", "{n} km away", "{n}% off",
                      "page {n}", "room {n}", "order {n}", "flight {n}", "version {n}", "gate {n}",
                      "platform {n}", "chapter {n}", "{n} feet is how many inches", "{n} oz coke"]
SUMS = ["{n} plus {m}", "{n} divided by {m}", "what is {n} times {m}", "add {n} and {m}", "subtract {n} from {m}",
        "multiply {n} and {m}", "square root of {n}", "convert {n} dollars to euros", "{n} usd in taka",
        "if i win {n} how do i split it {m} ways"]


@given(st.sampled_from(TIMES), hours, minutes, politely)
def test_a_time_is_never_an_amount(template: str, h: int, m: int, wrap: str) -> None:
    proposes_no_write(wrap.format(template.format(h=h, m=m)))


@given(st.sampled_from(COUNTS), counts, politely)
def test_a_count_is_never_an_amount(template: str, n: int, wrap: str) -> None:
    proposes_no_write(wrap.format(template.format(n=n)))


@given(st.sampled_from(SIZES_AND_SETTINGS), counts, politely)
def test_a_size_setting_or_label_is_never_an_amount(template: str, n: int, wrap: str) -> None:
    proposes_no_write(wrap.format(template.format(n=n)))


@given(st.sampled_from(SUMS), counts, counts)
def test_a_sum_or_conversion_is_never_an_amount(template: str, n: int, m: int) -> None:
    proposes_no_write(template.format(n=n, m=m))


@given(ids, st.sampled_from(["{}", "{} ok", "note {}", "id {}", "ref {}", "{} lunch", "call {}", "+880{}", "0{}"]))
def test_an_id_shaped_number_without_a_money_word_is_never_an_amount(number: int, template: str) -> None:
    proposes_no_write(template.format(number))


@given(ids, st.sampled_from(["{} er balance koto", "bill koto {}", "balance {}", "{} due", "{} er bill",
                             "{} recharge", "customer {}", "{} baki koto", "check {}", "{} info"]))
def test_an_id_shaped_number_with_a_lookup_word_is_a_lookup(number: int, template: str) -> None:
    name, entities = parse(template.format(number))
    assert name == "customer_lookup"
    assert entities["query"] == str(number)


@pytest.mark.parametrize("text", [
    "please set an alarm for 5 am", "roll a 7 sided die", "i need an uber for 2 passengers",
    "fly me to dallas for under $300", "i need help with my 401k rollover", "purchase me the kyrie 4s",
    "please order me a 7lb bag of cat litter", "from march 1 to march 6", "call 911",
    "let's settle it with a coin flip", "i owe you one", "direct deposit my paycheck to my capital one account",
    "how much do i have to pay back for taxes",
    "500 dollars equals what in pesos", "if i have 20,000 yen, how much is that in usd", "it is 35c today",
    "35°C outside", "4s", "the 3d printer", "500 ml milk", "bought 2 tickets",
    # labels, readings, codes, sums and counts as people type them
    "flight BG 147", "BG 084 departure time", "fever 101 since morning", "python 3.12", "15 x 23", "sqrt 144",
    "otp 882913", "pr 213 merged", "build 5567 failed", "2 more days", "3 jon ashbe", "ami ashchi 5 minit e",
    "৫ টায় মিটিং", "আজকে গরম ৩৬ ডিগ্রি", "order no 450", "bus 42 schedule", "meet me at table 5", "get on bus 42",
    "order #4410023 status", "tracking no 77812399", "marks 88 out of 100", "bp 120 80", "missed bus 42",
    "waiting for bus 36", "cancel order 1299", "status of order 1299", "my order 1299", "11 tay uthlam",
    "weight 72", "my marks 85", "issue 4521", "zoom 845 2231 9087", "nid 1990 2612 3456",
    "got 88 out of 100 in physics", "rahim er dhar ekhono shodh hoy nai",
])
def test_requests_that_mention_numbers_are_not_writes(text: str) -> None:
    proposes_no_write(text)


@pytest.mark.parametrize(("text", "amount"), [
    ("lunch 250", "250"), ("uber to office 1500", "1500"), ("bought new shoes for 250", "250"),
    ("paid 1,250.50 for electricity at 5 pm", "1250.50"), ("bought 4 chairs for 2000", "2000"),
    ("spent 300 on taxi at 6 am", "300"), ("450/- rickshaw", "450"), ("1200 tk at 7", "1200"),
    ("spent 1,250,000 tk on the car", "1250000"), ("12345678 tk to the contractor", "12345678"),
    ("paid 1500000 for the car", "1500000"), ("bought 2 tickets 800", "800"), ("12 bananas 120", "120"),
    ("tea 20", "20"),
    # a thing paid for with its price as a note's last words, or beside a verb of spending
    ("bus 50", "50"), ("train 350", "350"), ("daraz order 1299", "1299"), ("movie ticket 350", "350"),
    ("ticket 1500 each, i paid for me and @shila", "1500"), ("3 jon er khabar 900", "900"),
    ("paid 500 more for the taxi", "500"), ("৫০০ টাকা রিকশা", "500"), ("চাল ডাল তেল ১৬৫০", "1650"),
    ("bus 50 yesterday", "50"), ("bus 41 on 1 jan 2025", "41"),
    # a price per month, year or day, a fare, a fee beside a word that labels small numbers, a product's last number
    ("bhara 10000 mashe", "10000"), ("domain 1200 bochor", "1200"), ("বুয়া ৩০০০ মাসে", "3000"),
    ("2 din er bazar 1500", "1500"), ("flight ctg 4500", "4500"), ("flight fee 5000", "5000"),
    ("doctor for fever 800", "800"), ("paracetamol for fever 40", "40"), ("laptop issue 2500", "2500"),
    ("coffee 2 x 120", "120"), ("2 coffee 240", "240"), ("500 tay kinlam", "500"),
    ("paid 500 out of 1000 for rent", "500"), ("rickshaw 20 to gulshan 2", "20"), ("2 burger 1 coke 560", "560"),
    ("2 coffee 240 @rahim", "240"), ("laptop issue 2500", "2500"), ("bought 2 coffee 240", "240"),
    ("lunch: 2 burger 560", "560"), ("taxi 150 200 180", "150"), ("paid the issue 500", "500"),
])
def test_amounts_beside_times_and_counts_are_still_found(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities.get("amount")) == ("record_transaction", amount)


@pytest.mark.parametrize(("text", "amount"), [
    ("bought a plot 500000", "500000"), ("curtain pole 3500", "3500"), ("road 120", "120"),
    ("bought a transformer 25000", "25000"), ("sun block 450", "450"),
])
def test_a_place_or_equipment_word_keeps_a_price(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities.get("amount")) == ("record_transaction", amount)


@pytest.mark.parametrize("text", ["flat no 5B road 11", "feeder 7 e load 320A", "meter reading 45231 kWh",
                                  "block 3 er lift noshto", "sector 4 e meeting"])
def test_a_small_place_or_equipment_number_is_no_amount(text: str) -> None:
    assert parse(text)[0] != "record_transaction"


@pytest.mark.parametrize("text", ["lunch order: 4 biryani 2 khichuri", "4 biryani 2 khichuri", "2 coffee, 3 tea"])
def test_a_list_of_things_counted_has_no_amount(text: str) -> None:
    assert parse(text)[0] not in WRITE_INTENTS


@pytest.mark.parametrize(("text", "amount"), [("2 coffee 3 tea 180", "180"),
                                              ("return asche 1 ta, courier 70 kete nise", "70")])
def test_counts_with_a_price_keep_the_price(text: str, amount: str) -> None:
    assert parse(text)[1]["amount"] == amount

"""Money told that nobody paid (a market price), a thing "got" for a price (bought, not received), an
acknowledgement before a record, and a day's budget said the Bengali way, as the offline parser reads them."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import read as parse


@pytest.mark.parametrize("text", ["মুরগির দাম আজ ২২০ টাকা কেজি", "murgir dam aj 220 taka kg",
                                  "dim er dam 150 taka dozen", "chicken is 220 a kilo today",
                                  "piyaj er dam barse, 120 taka kg ekhon"])
def test_a_price_per_kilo_or_dozen_told_is_no_record(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "amount"), [("alu 2 kg 100 taka kinlam", "100"), ("bought rice 60 per kg", "60")])
def test_a_price_beside_the_senders_verb_is_still_recorded(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction"
    assert entities["amount"] == amount and entities["direction"] == "expense"


@pytest.mark.parametrize(("text", "direction"), [
    ("got new shoes for 2000", "expense"), ("got a haircut for 300", "expense"),
    ("got it for 500 at the mall", "expense"), ("got 500 from bob", "income"),
    ("got 500 for the old bike", "income"), ("got a refund for 200 from daraz", "income"),
    ("got paid for the gig 3000", "income"), ("paid for lunch 300", "expense"),
])
def test_a_thing_got_for_a_price_was_bought_and_money_got_came_in(text: str, direction: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction"
    assert entities["direction"] == direction


@pytest.mark.parametrize("text", ["ok got it, paid 200 for tea", "got it. paid 200 for tea",
                                  "noted, paid 200 for tea"])
def test_an_acknowledgement_before_a_record_is_no_income(text: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction"
    assert entities["direction"] == "expense" and entities["amount"] == "200"


@pytest.mark.parametrize("text", ["দিনে ৫০০ টাকা বাজেট খাবারের জন্য", "dine 500 taka budget food er jonno"])
def test_a_days_budget_said_the_bengali_way_is_set_per_day(text: str) -> None:
    assert parse(text) == ("budget_set", {"amount": "500", "currency": "BDT", "category": "food",
                                          "period_unit": "day"})


def test_a_count_of_days_before_the_spending_sets_no_budget() -> None:
    assert parse("2 dine 6000 taka khoroch hoise budget er baire")[0] != "budget_set"


@pytest.mark.parametrize(("text", "amount"), [("আব্বু ১০০০০ টাকা পাঠাইছে বিকাশে", "10000"),
                                             ("ঈদ বোনাস পাইছি ৮০০০ টাকা 🎉", "8000"), ("টিউশনির টাকা পাইলাম ৫০০০", "5000")])
def test_money_got_or_sent_to_the_sender_in_spoken_bengali_is_income(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction"
    assert entities["amount"] == amount and entities["direction"] == "income"


@pytest.mark.parametrize(("text", "amount"), [("gulshan theke cng te ashlam 250 vara", "250"),
                                             ("hotel e dupure khaisi, 380 bill", "380")])
def test_a_fare_or_a_bill_said_last_is_the_amount(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction" and entities["amount"] == amount


@pytest.mark.parametrize("text", ["oi customer er 1,75,000 taka bokeya, case e jabe mone hoy",
                                  "ei kwh calculation ta keu bujhay den: 450 unit e 3,890 taka keno",
                                  "রিডিং 3421 থেকে 3980, মানে 559 ইউনিট", "reading 3421 theke 3980",
                                  "TR 445 er fuse gese, line crew pathaisi"])
def test_arrears_a_figure_asked_why_readings_and_a_transformers_number_are_no_record(text: str) -> None:
    assert parse(text)[0] == "unknown"


def test_a_mentioned_persons_amount_paid_off_is_a_settlement() -> None:
    name, entities = parse("@tanim er 1200 tk shodh kore dilam")
    assert name == "settle_up"
    assert entities["mentions"] == ["tanim"] and entities["amount"] == "1200"
    assert parse("bazar er 500 shodh korlam")[0] == "record_transaction"  # a market's 500 is nobody's debt


def test_a_periods_limit_with_its_category_before_it_sets_a_budget() -> None:
    assert parse("monthly transport limit 2000") == ("budget_set", {
        "amount": "2000", "currency": None, "category": "transport", "period_unit": "month"})


@pytest.mark.parametrize("text", ["@tasnim how much did the caterer quote?",
                                  "@Mamun send me the NOCS target sheet for June when you get a chance",
                                  "@Jewel tui ki 41002388 er file ta scan korsos?"])
def test_a_question_or_request_put_to_the_person_mentioned_first_is_theirs(text: str) -> None:
    assert parse(text) == ("unknown", {"outside": "talk"})


@pytest.mark.parametrize("text", ["ami 53390021 er kagoj scan kore mail korsi", "2024 er data kothay rakhsen",
                                  "we got 37 complaints today so far",
                                  "customer ekta 20 digit token pathaise, copy paste korle vul ashe",
                                  "i got 89 in the midterm!!", "বাংলাদেশ ২৫০ রানে অলআউট", "স্টাফ আইডি ৩৩১২ আজ অনুপস্থিত",
                                  "হোটেলে প্রতি রাত ৩০০০ চাইছে", "oi dokane cha 15 tk kore"])
def test_ids_years_counts_scores_and_asking_prices_are_no_amount(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "amount"), [("1500000 er gari kinlam", "1500000"),
                                             ("2024 er rent 5000 dilam", "5000"), ("2 ta cha 15 tk kore dilam", "15")])
def test_a_price_paid_beside_a_year_or_an_owner_is_still_recorded(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction" and entities["amount"] == amount


@pytest.mark.parametrize("text", ["@tanvir bought himself a ps5 for 62000 😂",
                                  "rafi 30k diye notun phone kinse", "tanvir nijer jonno 15k er ghori kinse 😂"])
def test_someone_elses_own_purchase_is_not_the_senders(text: str) -> None:
    assert parse(text) == ("unknown", {"outside": "talk"})


def test_someone_who_paid_on_the_senders_behalf_in_bengali_script_is_the_payer() -> None:
    name, entities = parse("সাকিব আমার হয়ে ৪৫০ দিয়ে দিয়েছে")
    assert name == "record_transaction"
    assert entities["payer"] == "সাকিব" and entities["split"] == "for" and entities["amount"] == "450"
    assert "description" not in entities


@pytest.mark.parametrize(("text", "intent"), [("ajke @ritu ke 900 back dilam", "settle_up"),
                                             ("@karim ticket koto porse?", "unknown")])
def test_paid_back_and_asked_of_a_friend(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize("text", ["rafi amar jonno 500 dise na", "mitu amar jonno 250 dise kina jani na",
                                  "rafi amar jonno 500 dise bole mone hoy na", "mitu amar jonno 250 dicche kal",
                                  "rafi amar paona er 500 dise", "keu amar jonno 250 dise na",
                                  "bhabi amar jonno 2000 dise eid salami"])
def test_no_payer_is_read_from_a_denial_a_doubt_a_debt_paid_back_or_a_relatives_gift(text: str) -> None:
    entities = parse(text)[1]
    assert "payer" not in entities and entities.get("split") != "for"


@pytest.mark.parametrize(("text", "split"), [
    ("sara paid 3000 for the hotel, too expensive for me honestly", None),
    ("bob paid 1200 for dinner, 400 was for me", None), ("bob paid 600 for me n sara", None),
    ("bob paid 400 for me yesterday", "for"), ("@zarin paid 540 for my share of the snacks", "for"),
])
def test_all_of_it_is_the_senders_only_when_paid_for_them_alone(text: str, split: str | None) -> None:
    name, entities = parse(text)
    assert name == "record_transaction" and entities.get("split") == split


@pytest.mark.parametrize("text", ["got my salary for 2 months today 60000",
                                  "got the reimbursement for 2000 from office", "getting paid for overtime 3000"])
def test_money_got_for_a_while_or_for_a_claim_is_income(text: str) -> None:
    assert parse(text)[1]["direction"] == "income"


@pytest.mark.parametrize("text", ["@tanim er 1200 tk shodh korlam na ekhono", "@tanim er 1200 tk shodh kore dilam?",
                                  "reading holo 3980"])
def test_a_denied_or_asked_settlement_a_reading_and_a_figure_asked_why_write_nothing(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "intent"), [("city tour budget 5000", "budget_set"),
                                             ("what's the state of my food budget?", "budget_status"),
                                             ("how much is rent in toronto usually", "unknown"),
                                             ("how much do i usually spend on food", "spending_summary"),
                                             ("how much does my car spend on fuel", "spending_summary"),
                                             ("that's the total", "unknown"), ("delete that", "unknown")])
def test_the_reviews_readings(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize(("text", "amount", "direction"), [
    ("2000 er bazar korlam", "2000", "expense"), ("bazar 2000 r rickshaw 100", "2000", "expense"),
    ("ami 2500000 er cheque jama korlam", "2500000", "expense"), ("eid e 3500 new dress kinlam", "3500", "expense"),
    ("paid 500 in the exam hall canteen", "500", "expense"), ("just bought a new charger 1200", "1200", "expense"),
    ("nijer jonno ekta shirt kinlam 1200", "1200", "expense"), ("got a hotel for 2 days for 6000", "6000", "expense"),
    ("paid 2000 to maid, she gets paid 6000 monthly", "2000", "expense"),
    ("paid 1850 electricity bill, keno eto?", "1850", "expense"),
])
def test_the_second_reviews_records_stay_records(text: str, amount: str, direction: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction"
    assert (entities["amount"], entities["direction"]) == (amount, direction)


@pytest.mark.parametrize("text", ["@nadia paid 800 for me at the pharmacy", "@rafi paid 300 for me on friday",
                                  "@bob paid for me 400", "@rafi paid 500 on my behalf for the ticket"])
def test_paid_for_me_with_more_said_after_is_still_all_the_senders(text: str) -> None:
    assert parse(text)[1].get("split") == "for"


@pytest.mark.parametrize("text", ["@ritu 900 back dilam na ekhono", "@ritu ke 900 back dilam?",
                                  "সে আমার হয়ে ৪৫০ দিয়ে দিয়েছে"])
def test_no_settlement_or_payer_from_a_denial_a_question_or_a_pronoun(text: str) -> None:
    name, entities = parse(text)
    assert name != "settle_up" and "payer" not in entities


@pytest.mark.parametrize("text", ["2023 er bill dilam", "2024 er school fee dilam"])
def test_a_years_bill_paid_with_no_amount_records_no_year(text: str) -> None:
    assert parse(text)[0] != "record_transaction" or parse(text)[1].get("amount") not in ("2023", "2024")


@pytest.mark.parametrize("text", ["today i'm getting paid 5000 for overtime", "yay getting paid 8000 for the gig"])
def test_getting_paid_said_after_other_words_is_income(text: str) -> None:
    assert parse(text)[1]["direction"] == "income"


def test_paid_for_me_and_others_listed_with_commas_is_shared() -> None:
    assert parse("rafi paid 900 for me, nadia and sumi")[1].get("split") != "for"


@pytest.mark.parametrize(("text", "payer", "description"), [
    ("rafi 500 dise taxi te", "rafi", "taxi"), ("sumi 1800 dise hotel er jonno", "sumi", "hotel"),
    ("sumi hotel er jonno 1800 dise", "sumi", "hotel"), ("karim bhai 3000 dise rent er jonno", "karim", "rent"),
])
def test_someone_named_who_gave_for_a_thing_the_bengali_way_paid_it(text: str, payer: str, description: str) -> None:
    name, entities = parse(text)
    assert name == "record_transaction" and entities["direction"] == "expense"
    assert entities["payer"] == payer and entities["description"] == description and "split" not in entities


@pytest.mark.parametrize("text", [
    "rafi 500 dise",  # nothing it was for: it may be money given to the sender
    "rafi 500 dise amar bkash e", "rafi 500 dise kal rat e", "rafi 500 dise cash e",  # a wallet, a day
    "office 5000 dise bonus er jonno", "rafi 500 dise salary te", "daraz 300 dise refund er jonno",  # the sender's
    "rafi 500 dise tar bou er jonno", "rafi 500 dise mosjid e", "rafi 500 dise tar nijer taxi te",  # not shared
    "rafi 5000 dise bike er jonno, dhar hisebe", "rafi 500 dise taxi te. kalke ferot dibo",  # a loan
    "rafi 500 dise na taxi te", "rafi 500 dise taxi te kina jani na", "rafi 500 dise taxi te?",
    "rafi ki taxi te 500 dise", "rafi 500 dise taxi te, ami take 250 dilam",  # asked; the sender paid too
    "abbu 2000 dise eid er jonno", "dad 500 dise taxi te", "boro bhai 500 dise taxi te",  # a relative's: a gift
    "sir 1000 dise lunch er jonno", "uber 200 dise promo te",  # no one to share with
])
def test_money_given_for_no_shared_thing_denied_asked_or_a_relatives_names_no_payer(text: str) -> None:
    assert "payer" not in parse(text)[1]


@pytest.mark.parametrize("text", ["uni 5000 dilen bonus er jonno", "se 500 dise salary te"])
def test_money_given_by_someone_unnamed_for_no_shared_thing_asks_nobody_who_paid(text: str) -> None:
    assert "unnamed_payer" not in parse(text)[1]


def test_an_honorific_is_dropped_from_a_description_only_after_the_payers_name() -> None:
    assert parse("bob paid 400 for the taxi to dada bari")[1]["description"] == "taxi dada bari"
    assert parse("karim vai 3000 dise bhai er rent er jonno")[1]["description"] == "bhai rent"

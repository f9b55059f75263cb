"""A mess, a wedding family, a shop and a utility's desk, from people-20's and ops-13's read halves: alerts snoozed and
checks run the Bengali way, settings and linking asked in words, how-to questions, undo after "oops", Bengali script
words, wallets' balances, money heard of or asked to be sent, prices and rates told: as the offline parser reads
them."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import read


def test_an_alert_snoozed_until_a_time_said_before_the_verb() -> None:
    assert read("alert 27 ke kal sokal porjonto snooze rakho") == (
        "alert_update", {"verb": "snooze", "alert": 27, "until": "kal sokal porjonto"})


@pytest.mark.parametrize("text", ["refresh the nocs balances now", "nocs balance ekhon refresh kore dao"])
def test_figures_asked_to_be_refreshed_run_the_check(text: str) -> None:
    assert read(text) == ("run_job", {"job": "nocs-balance"})


@pytest.mark.parametrize("text", ["nocs balance refresh hoy nai keno?", "keu nocs balance ekhon refresh kore dao"])
def test_a_refresh_asked_after_or_of_colleagues_runs_nothing(text: str) -> None:
    assert read(text)[0] != "run_job"


@pytest.mark.parametrize(("text", "code"), [("change my default currency to GBP", "GBP"),
                                            ("set my currency to usd", "USD")])
def test_the_currency_set_in_words(text: str, code: str) -> None:
    assert read(text) == ("settings", {"setting": "currency", "value": code})


@pytest.mark.parametrize("text", ["make my currency the", "change the currency to GBP"])
def test_no_currency_or_not_the_chats_is_no_setting(text: str) -> None:
    assert read(text)[0] != "settings"


@pytest.mark.parametrize("text", ["link my telegram account",
                                  "amar Teams account ta Telegram er sathe link korte chai"])
def test_linking_asked_in_words(text: str) -> None:
    assert read(text)[0] == "link_account"


@pytest.mark.parametrize("text", ["amar telegram account ta bkash er sathe link korte chai",
                                  "teams er meeting link koro"])
def test_other_links_are_no_account_link(text: str) -> None:
    assert read(text)[0] != "link_account"


@pytest.mark.parametrize("text", ["how do I add a payment someone else made", "alert ack korar niyom ta ki?",
                                  "ei bot diye kivabe hisab rakhbo?", "এই বট দিয়ে কিভাবে হিসাব রাখবো?"])
def test_how_to_is_help(text: str) -> None:
    assert read(text)[0] == "help"


@pytest.mark.parametrize("text", ["khoroch kom korar upay ki?", "how can i make payments to desco",
                                  "how should i correct the transaction from yesterday? it was 500 not 50"])
def test_advice_and_other_questions_are_not_help(text: str) -> None:
    assert read(text)[0] != "help"


@pytest.mark.parametrize("text", ["oops undo koro", "shesh er ta bad dao"])
def test_undo_said_the_bengali_english_way(text: str) -> None:
    assert read(text)[0] == "undo_last"


@pytest.mark.parametrize(("text", "intent"), [("BILLG ব্যাচ রি-রান করো", "run_job"),
                                              ("এই মাসের হিসাব এক্সেলে পাঠাও", "export")])
def test_bengali_script_words_of_the_desk_and_the_ledger(text: str, intent: str) -> None:
    assert read(text)[0] == intent


@pytest.mark.parametrize("text", ["কেউ কি এক্সেল শিটটা শেয়ার করবেন?", "এক্সেলেন্ট কাজ বট"])
def test_a_file_asked_of_colleagues_or_excellent_work_is_no_export(text: str) -> None:
    assert read(text)[0] != "export"


def test_a_file_asked_for_someone_is_still_an_export() -> None:
    assert read("download a csv of my expenses, someone in finance needs it") == ("export", {"format": "csv"})


@pytest.mark.parametrize("text", ["bkash e balance koto", "nagad er balance koto ache"])
def test_a_payment_apps_balance_is_not_whom_one_owes(text: str) -> None:
    assert read(text)[0] == "unknown"


def test_a_groups_wallet_is_its_own_balance() -> None:
    assert read("club wallet e balance koto ache")[0] == "balances"


@pytest.mark.parametrize("text", ["Nila apu'r husband er salary naki 1.5 lakh", "Jamal er salary 38000 shunlam",
                                  "Riyad owes the tailor 3000 apparently", "ammu bollo 10k pathate",
                                  "dulavai er kache 20000 chaibo", "recharge my mobile with 299", "meal rate 58 tk",
                                  "rafi paid 500? really?", "Q3 target, 18 crore tk", "121.50 ajker dollar rate"])
def test_money_heard_of_asked_for_or_priced_is_no_record(text: str) -> None:
    assert read(text)[0] != "record_transaction"


@pytest.mark.parametrize(("text", "amount", "direction"), [("driver er salary 15000 dilam", "15000", "expense"),
                                                           ("bob owes me 200 for coffee", "200", "expense"),
                                                           ("ammu ke 10k pathalam", "10000", "expense"),
                                                           ("mobile recharge 100 korlam", "100", "expense"),
                                                           ("shirt er dam 500 dilam", "500", "expense"),
                                                           ("cng er dam 250 nilo", "250", "expense"),
                                                           ("recharge my phone with 299 yesterday", "299", "expense"),
                                                           ("ammu bollo 10k pathate, sent", "10000", "expense"),
                                                           ("rafi owes half of the 1200 i paid for dinner", "1200",
                                                            "expense"),
                                                           ("ছোট ভাইকে বিকাশে ২০০০ পাঠালাম", "2000", "expense"),
                                                           ("aj dokane becha holo 11800", "11800", "income")])
def test_money_paid_or_taken_is_still_recorded(text: str, amount: str, direction: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["amount"], entities["direction"]) == ("record_transaction", amount, direction)


@pytest.mark.parametrize(("text", "category"), [("eta wedding category te dao", "wedding"),
                                                ("category ta shop expense kore dao", "shop expense")])
def test_a_category_named_as_one_is_put_right(text: str, category: str) -> None:
    assert read(text) == ("correct_entry", {"field": "category", "category": category})


@pytest.mark.parametrize("text", ["category ta thik kore dao", "eta kon category te dao", "category ta ki? bolo"])
def test_a_word_about_the_category_names_none(text: str) -> None:
    assert read(text)[0] != "correct_entry"


def test_a_report_told_as_sent_asks_nothing() -> None:
    assert read("report ta Gulshan office e pathano hoise")[0] != "spending_summary"


def test_the_last_entry_owned_wrong_then_deleted_is_undone() -> None:
    assert read("last entry ta vul, delete koro")[0] == "undo_last"


def test_the_last_entry_owned_wrong_then_its_amount_is_a_correction() -> None:
    intent, entities = read("last entry ta vul, 500 hobe")
    assert (intent, entities["field"], entities["amount"]) == ("correct_entry", "amount", "500")


def test_paid_on_the_senders_behalf_with_the_amount_last() -> None:
    intent, entities = read("sadia amar hoye parlour er bill dise 3000")
    assert (intent, entities["amount"], entities["payer"], entities["split"]) == (
        "record_transaction", "3000", "sadia", "for")


def test_a_gift_bought_for_the_sender_is_no_debt() -> None:
    assert read("rafi amar jonno gift dise 500")[1].get("payer") is None


@pytest.mark.parametrize("text", ["rafi amar jonno dhar dise 5000", "daraz amar jonno refund dise 1200",
                                  "office amar jonno advance dise 20000", "rafi amar jonno taka pathai dise 5000"])
def test_a_loan_a_refund_or_money_sent_is_no_payment_on_the_senders_behalf(text: str) -> None:
    assert read(text)[1].get("payer") is None


def test_a_payment_on_the_senders_behalf_asked_is_no_record() -> None:
    assert read("sadia amar hoye parlour er bill dise 3000?")[1].get("payer") is None

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


def test_a_refresh_asked_after_runs_nothing() -> None:
    assert read("nocs balance refresh hoy nai keno?")[0] != "run_job"


@pytest.mark.parametrize(("text", "code"), [("change my default currency to GBP", "GBP"),
                                            ("set my currency to usd", "USD")])
def test_the_currency_set_in_words(text: str, code: str) -> None:
    assert read(text) == ("settings", {"setting": "currency", "value": code})


@pytest.mark.parametrize("text", ["link my telegram account",
                                  "amar Teams account ta Telegram er sathe link korte chai"])
def test_linking_asked_in_words(text: str) -> None:
    assert read(text)[0] == "link_account"


@pytest.mark.parametrize("text", ["how do I add a payment someone else made", "alert ack korar niyom ta ki?",
                                  "ei bot diye kivabe hisab rakhbo?", "এই বট দিয়ে কিভাবে হিসাব রাখবো?"])
def test_how_to_is_help(text: str) -> None:
    assert read(text)[0] == "help"


@pytest.mark.parametrize("text", ["oops undo koro", "shesh er ta bad dao"])
def test_undo_said_the_bengali_english_way(text: str) -> None:
    assert read(text)[0] == "undo_last"


@pytest.mark.parametrize(("text", "intent"), [("উত্তরা নকস এ কত ব্যালেন্স আছে", "nocs_balance"),
                                              ("BILLG ব্যাচ রি-রান করো", "run_job"),
                                              ("এই মাসের হিসাব এক্সেলে পাঠাও", "export")])
def test_bengali_script_words_of_the_desk_and_the_ledger(text: str, intent: str) -> None:
    assert read(text)[0] == intent


def test_a_file_asked_of_colleagues_is_no_export() -> None:
    assert read("কেউ কি এক্সেল শিটটা শেয়ার করবেন?")[0] != "export"


@pytest.mark.parametrize("text", ["আমার বিকাশে ব্যালেন্স কত আছে?", "bkash e balance koto", "nagad er balance koto ache"])
def test_a_wallets_balance_is_not_whom_one_owes(text: str) -> None:
    assert read(text)[0] == "unknown"


@pytest.mark.parametrize("text", ["Nila apu'r husband er salary naki 1.5 lakh", "Jamal er salary 38000 shunlam",
                                  "Riyad owes the tailor 3000 apparently", "ammu bollo 10k pathate",
                                  "dulavai er kache 20000 chaibo", "recharge my mobile with 299", "meal rate 58 tk",
                                  "prepaid card er dam customer der jonno 100 tk"])
def test_money_heard_of_asked_for_or_priced_is_no_record(text: str) -> None:
    assert read(text)[0] != "record_transaction"


@pytest.mark.parametrize(("text", "amount", "direction"), [("driver er salary 15000 dilam", "15000", "expense"),
                                                           ("bob owes me 200 for coffee", "200", "expense"),
                                                           ("ammu ke 10k pathalam", "10000", "expense"),
                                                           ("mobile recharge 100 korlam", "100", "expense"),
                                                           ("bazar 5800, meal rate 58 hoise", "5800", "expense"),
                                                           ("shirt er dam 500 dilam", "500", "expense"),
                                                           ("aj dokane becha holo 11800", "11800", "income")])
def test_money_paid_or_taken_is_still_recorded(text: str, amount: str, direction: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["amount"], entities["direction"]) == ("record_transaction", amount, direction)


@pytest.mark.parametrize(("text", "category"), [("eta wedding category te dao", "wedding"),
                                                ("category ta shop expense kore dao", "shop expense")])
def test_a_category_named_as_one_is_put_right(text: str, category: str) -> None:
    assert read(text) == ("correct_entry", {"field": "category", "category": category})


def test_a_report_told_as_sent_asks_nothing() -> None:
    assert read("report ta Gulshan office e pathano hoise")[0] != "spending_summary"

"""An amount said again in the same breath, money returned to someone named first, an entry counted as the other kind,
someone else's payment asked after, and alerts wished for on a condition: as the offline parser reads them."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import read


@pytest.mark.parametrize(("text", "amount"), [("lunch 250 no 300", "300"), ("lunch 250? no 300", "300"),
                                              ("rickshaw 80? na 100", "100"), ("rickshaw 80? no 100", "100"),
                                              ("lunch 250, no wait 300", "300"), ("lunch 250? no no 300", "300"),
                                              ("lunch 250? no it's 300", "300"), ("lunch 250 - no 300", "300"),
                                              ("lunch 250? mane 125 each", "250"),
                                              ("dinner 1200, mane 300 per person", "1200"),
                                              ("coffee 250? wait 2 coffee", "250")])
def test_the_amount_said_again_is_recorded(text: str, amount: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["amount"]) == ("record_transaction", amount)


@pytest.mark.parametrize("text", ["room no 305", "order 250 no 12"])
def test_a_number_after_no_is_still_a_label(text: str) -> None:
    assert read(text)[0] != "record_transaction"


@pytest.mark.parametrize(("text", "name"), [("ami tanvir ke 1200 taka ferot dilam", "tanvir"),
                                            ("rahim ke 700 ferot dilam", "rahim")])
def test_money_returned_names_who_got_it(text: str, name: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["mentions"], entities.get("payer")) == ("settle_up", [name], None)


@pytest.mark.parametrize("text", ["rafi ke 500 ferot dilo", "shobai ke 500 ferot dilam", "customer ke 500 ferot dilam"])
def test_money_returned_by_someone_else_or_to_no_one_named_names_no_one(text: str) -> None:
    assert read(text)[1].get("mentions") == []


@pytest.mark.parametrize(("text", "kind"), [("refund ta income hisebe dhoro", "income"),
                                            ("etake income hisebe dhoro", "income"),
                                            ("oita expense hisabe rakho", "expense"),
                                            ("salary ta income hisebe rakho", "income"),
                                            ("refund ta income hishebe dhorben", "income"),
                                            ("daraz er refund ta income hisebe dhoro", "income"),
                                            ("refund ta income chilo", "income")])
def test_an_entry_counted_as_the_other_kind(text: str, kind: str) -> None:
    assert read(text) == ("correct_entry", {"field": "direction", "direction": kind})


@pytest.mark.parametrize("text", ["kalker ta expense hisebe rakho", "sob ta income hisebe dhoro",
                                  "eta ki hisebe dhorbo"])
def test_no_entry_of_those_named_is_the_last_one(text: str) -> None:
    assert read(text)[0] != "correct_entry"


@pytest.mark.parametrize("text", ["undo ta koro, 500 hobe", "undo ta koro 500 hobe", "undo koro. 500 hobe"])
def test_the_amount_it_is_to_be(text: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["field"], entities["amount"]) == ("correct_entry", "amount", "500")


@pytest.mark.parametrize("text", ["500 hobe", "3 hobe", "500 tk hobe"])
def test_an_amount_it_will_be_alone_is_no_write(text: str) -> None:
    assert read(text)[0] == "unknown"


def test_undo_alone_still_undoes() -> None:
    assert read("undo ta koro")[0] == "undo_last"


@pytest.mark.parametrize("text", ["rafi paid 500?", "customer paid 500?", "has the customer paid 500?",
                                  "he paid 500?", "rafi paid 500 for the taxi?"])
def test_someone_elses_payment_asked_is_no_record(text: str) -> None:
    assert read(text)[0] != "record_transaction"


@pytest.mark.parametrize("text", ["bob paid 400 for the taxi", "paid 500 for lunch?",
                                  "bob paid 400 for the taxi, can you split it?",
                                  "bob paid 400 for the taxi can you split it?",
                                  "rafi paid 1200 for dinner split between the 3 of us?", "just paid 500?",
                                  "already paid 500?", "yesterday paid 300 for taxi?"])
def test_a_payment_told_is_still_recorded(text: str) -> None:
    assert read(text)[0] == "record_transaction"


@pytest.mark.parametrize(("text", "topic"), [("nocs balance kom hole ei group e alert dio", "nocs"),
                                             ("let me know if nocs balance drops", "nocs"),
                                             ("notify this group when a batch fails", "batch"),
                                             ("batch fail korle ei group e janaio", "batch"),
                                             ("rcdc down hole amake janaben", "rcdc"),
                                             ("can you let me know if any batch gets stuck?", "batch"),
                                             ("system down hole ekhane alert pathaio", "system"),
                                             ("batch atke gele amake msg dio", "batch")])
def test_alerts_wished_for_on_a_condition(text: str, topic: str) -> None:
    assert read(text) == ("subscribe_alerts", {"topic": topic})


@pytest.mark.parametrize("text", ["BMHHS fail korle amake call dio", "nocs balance kom hole ki alert diben?",
                                  "tell me if any batch is stuck", "please tell me if i'm over my dining budget",
                                  "when did the batch fail", "let me know when you are free",
                                  "let me know what i spent on food", "let me know if you need the budget report",
                                  "ping me when you finish the batch upload",
                                  "batch upload hole janaio, ami check korbo",
                                  "@nadia let me know when the batch fails", "rafi, let me know when the batch fails",
                                  "rafi will let us know if the batch fails",
                                  "you didn't tell me when the batch failed",
                                  "tell me when the last batch ran", "tell me if the batch failed",
                                  "batch fail korle rafi ke janaio", "don't alert me when a batch fails",
                                  "no need to let me know if the batch fails", "batch fail korle janaio na",
                                  "budget cross korle amake alert dio", "let me know when i exceed my budget",
                                  "he said he'll notify us when the system goes down"])
def test_no_alert_wished(text: str) -> None:
    assert read(text)[0] != "subscribe_alerts"

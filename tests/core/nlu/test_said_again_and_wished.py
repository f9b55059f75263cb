"""An amount said again in the same breath, money returned to someone named first, an entry counted as the other kind,
someone else's payment asked after, and alerts wished for on a condition: as the offline parser reads them."""
from __future__ import annotations

import pytest

from tests.core.nlu.reading import read


@pytest.mark.parametrize(("text", "amount"), [("lunch 250 no 300", "300"), ("lunch 250? no 300", "300"),
                                              ("rickshaw 80? na 100", "100"), ("rickshaw 80? no 100", "100"),
                                              ("lunch 250, no wait 300", "300")])
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
    assert (intent, entities["mentions"]) == ("settle_up", [name])


@pytest.mark.parametrize(("text", "kind"), [("refund ta income hisebe dhoro", "income"),
                                            ("etake income hisebe dhoro", "income"),
                                            ("oita expense hisabe rakho", "expense"),
                                            ("salary ta income hisebe rakho", "income")])
def test_an_entry_counted_as_the_other_kind(text: str, kind: str) -> None:
    assert read(text) == ("correct_entry", {"field": "direction", "direction": kind})


@pytest.mark.parametrize("text", ["500 hobe", "undo ta koro, 500 hobe"])
def test_the_amount_it_is_to_be(text: str) -> None:
    intent, entities = read(text)
    assert (intent, entities["field"], entities["amount"]) == ("correct_entry", "amount", "500")


def test_undo_alone_still_undoes() -> None:
    assert read("undo ta koro")[0] == "undo_last"


@pytest.mark.parametrize("text", ["rafi paid 500?", "customer paid 500?", "has the customer paid 500?",
                                  "he paid 500?", "rafi paid 500 for the taxi?"])
def test_someone_elses_payment_asked_is_no_record(text: str) -> None:
    assert read(text)[0] != "record_transaction"


@pytest.mark.parametrize("text", ["bob paid 400 for the taxi", "paid 500 for lunch?",
                                  "bob paid 400 for the taxi, can you split it?"])
def test_a_payment_told_is_still_recorded(text: str) -> None:
    assert read(text)[0] == "record_transaction"


@pytest.mark.parametrize(("text", "topic"), [("nocs balance kom hole ei group e alert dio", "nocs"),
                                             ("let me know if nocs balance drops", "nocs"),
                                             ("notify this group when a batch fails", "batch"),
                                             ("batch fail korle ei group e janaio", "batch"),
                                             ("rcdc down hole amake janaben", "rcdc"),
                                             ("can you let me know if any batch gets stuck?", "batch"),
                                             ("budget cross korle amake alert dio", "budget")])
def test_alerts_wished_for_on_a_condition(text: str, topic: str) -> None:
    assert read(text) == ("subscribe_alerts", {"topic": topic})


@pytest.mark.parametrize("text", ["BMHHS fail korle amake call dio", "nocs balance kom hole ki alert diben?",
                                  "tell me if any batch is stuck", "please tell me if i'm over my dining budget",
                                  "when did the batch fail", "let me know when you are free",
                                  "let me know what i spent on food"])
def test_no_alert_wished(text: str) -> None:
    assert read(text)[0] != "subscribe_alerts"

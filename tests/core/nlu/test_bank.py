"""The bank's matters (fees, limits, card balances, fraud, frozen accounts, applications) are neither recorded nor
listed, and the ledger questions beside them still are."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.parsing import intent_classifier
from core.nlu.bank import bank_matter
from core.nlu.offline import OfflineParser
from core.nlu.rules import RuleParser

NOW = datetime(2026, 3, 20, 10, tzinfo=UTC)
PARSER = OfflineParser(RuleParser(), intent_classifier())


def parse(text: str) -> tuple[str, dict[str, object]]:
    intent = PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    return intent.name, intent.entities


@pytest.mark.parametrize("text", [
    "are there any transaction fees on my amex if i am in japan", "is there a charge to use my card in mexico",
    "how much can i spend on my visa", "what's my visa limit", "how much do i owe on my credit card",
    "what's the total of my bank accounts", "i have suspicious charges on my discover card",
    "i see a purchase on my chase checking that i did not make", "stop all payments from my bank",
    "did my chase card application go through yet", "how much do i owe on my electric bill",
    "outstanding amount on my credit card bill", "whats my acount balance",
    "how much interest am i paying on my credit card", "whats the daily atm withdrawal limit",
])
def test_the_banks_business_is_answered_as_such(text: str) -> None:
    assert parse(text) == ("unknown", {"outside": "bank"})


@pytest.mark.parametrize(("text", "intent"), [
    ("how much did i spend on my visa last month", "list_entries"),
    ("what came out of my checking account yesterday", "list_entries"),
    ("how much do i owe @bob", "balances"),
    ("how much can i still spend on groceries", "budget_status"),
    ("bank fee 100", "record_transaction"),
    ("i didnt make it to lunch but paid 300 anyway", "record_transaction"),
])
def test_ledger_messages_near_the_banks_words_stay_ours(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


def test_a_fee_with_an_amount_is_a_charge_to_record_not_a_question() -> None:
    assert not bank_matter("international transaction fee 35", {"international", "transaction", "fee", "35"}, True)
    assert bank_matter("international transaction fees?", {"international", "transaction", "fees"}, False)


@pytest.mark.parametrize("text", ["bkash e taka ashe nai keno", "nagad theke 200 kete nise keno",
                                  "fraud alert on my card, card is still active",
                                  "bkash e 5000 pathalam kintu ashe nai", "bkash 500 failed"])
def test_a_payment_apps_trouble_is_its_own(text: str) -> None:
    assert parse(text) == ("unknown", {"outside": "bank"})


@pytest.mark.parametrize(("text", "amount"), [
    ("bkash charge 18.5 kete nise", "18.5"), ("bank charge 500 kete nise", "500"),
    ("paid 1200 rent via bank, first attempt failed", "1200"), ("bkash payment failed, paid 300 cash for lunch", "300"),
])
def test_a_fee_or_a_payment_beside_an_apps_trouble_is_recorded(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities.get("amount")) == ("record_transaction", amount)

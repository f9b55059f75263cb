"""Operations asked as staff type them: batches, RC/DC, NOCS, alerts, subscriptions and jobs, in English,
Bengali-English and Bengali script; phone-assistant look-alikes stay someone else's."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from core.nlu.rules import RuleParser

NOW = datetime(2026, 3, 20, 10, tzinfo=UTC)
RULES = RuleParser(bot_names=frozenset({"Switchboard"}))


def parse(text: str) -> tuple[str, dict[str, Any]]:
    intent = RULES.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    return intent.name, intent.entities


@pytest.mark.parametrize(("text", "intent", "entities"), [
    ("কোন ব্যাচ আটকে আছে?", "batch_status", {}), ("ব্যাচ স্ট্যাটাস দেখাও", "batch_status", {}),
    ("reconnect request koyta fail hoise aj", "rcdc_dashboard", {}),
    ("RC queue te koto gula pending", "rcdc_dashboard", {}),
    ("রিকানেক্ট পেন্ডিং কত", "rcdc_dashboard", {}), ("এনওসিএস ভিত্তিক বকেয়া", "nocs_balance", {}),
    ("show active alarms", "alerts_list", {}), ("bot er alert gula ekhon ki ki open", "alerts_list", {}),
    ("চলমান অ্যালার্ট গুলো দেখাও", "alerts_list", {}),
    ("batch fail hole amake notify korben", "subscribe_alerts", {"topic": "batch"}),
    ("i want to get nocs balance alerts here", "subscribe_alerts", {"topic": "nocs"}),
    ("start batch alerts", "subscribe_alerts", {"topic": "batch"}),
    ("amake r alert pathaio na", "unsubscribe_alerts", {"topic": "all"}),
    ("অ্যালার্ট বন্ধ করো", "unsubscribe_alerts", {"topic": "all"}),
    ("fixed, close the alert", "alert_update", {"verb": "resolve"}),
    ("alert ta mute koro 1 hour er jonno", "alert_update", {"verb": "snooze", "minutes": 60}),
    ("@Switchboard rerun rcdc check", "run_job", {"job": "rcdc-report"}),
    ("trigger the nocs balance refresh", "run_job", {"job": "nocs-balance"}),
    ("জবটা আবার চালাও", "run_job", {}),
    ("ki ki korte paro", "help", {}), ("shuvo shokal sobai", "smalltalk", {}), ("good morning team", "smalltalk", {}),
])
def test_operations_asked_as_staff_type_them(text: str, intent: str, entities: dict[str, Any]) -> None:
    name, found = parse(text)
    assert name == intent
    assert entities.items() <= found.items()


@pytest.mark.parametrize(("text", "intent"), [
    ("batch run kobe hobe", "batch_status"), ("is the batch still running", "batch_status"),
    ("disconnect from my phone", "unknown"), ("are there any travel alerts for brazil", "unknown"),
])
def test_questions_about_a_run_and_look_alikes_start_nothing(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize("text", ["meter reading 45231 kWh", "feeder 7 e load 320A", "transformer 12 e problem",
                                  "PO no 4500123456 er payment status ki accounts e",
                                  "amar number 01819456723, bill beshi aschhe", "01819456723 er balance koto"])
def test_readings_equipment_orders_and_phones_are_no_records_or_customers(text: str) -> None:
    assert parse(text)[0] not in ("record_transaction", "customer_lookup")

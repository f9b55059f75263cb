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


@pytest.mark.parametrize("text", [
    "is the batch run done now?", "why did the batch run again", "batch run hoise? abar chalate hobe?",
    "start time of the batch job?", "did the nocs job run again last night?", "run nocs balance for mirpur",
    "rerun the report now, jobayer asked",
])
def test_a_question_about_a_run_starts_no_job(text: str) -> None:
    assert parse(text)[0] != "run_job"


def test_a_job_named_is_the_one_run() -> None:
    assert parse("please rerun the alerts-sweep job now") == ("run_job", {"job": "alerts-sweep"})


@pytest.mark.parametrize("text", ["don't close the alert yet, still down", "do not resolve this alert",
                                  "who closed the alert?", "why did you close the alert"])
def test_an_alert_is_not_resolved_when_asked_about_or_refused(text: str) -> None:
    assert parse(text)[0] != "alert_update"


@pytest.mark.parametrize(("text", "entities"), [
    ("fixed, close alert 12", {"verb": "resolve", "alert": 12}),
    ("please close alert #4521, power is back", {"verb": "resolve", "alert": 4521}),
    ("mute alert 12 for 2 hours", {"verb": "snooze", "minutes": 120, "alert": 12}),
    ("mute the alerts for 1 hour", {"verb": "snooze", "minutes": 60}),
    ("alert ta 30 min er jonno mute koro", {"verb": "snooze", "minutes": 30}),
    ("2 ghonta alert chup koro", {"verb": "snooze", "minutes": 120}),
])
def test_an_alert_resolved_or_snoozed_in_words_keeps_its_number_and_time(text: str, entities: dict[str, Any]) -> None:
    assert parse(text) == ("alert_update", entities)


@pytest.mark.parametrize("text", ["is my travel alert active?", "travel alert ache?",
                                  "price alert for bitcoin is active?", "notify koro rahim ke je 500 pathaisi"])
def test_other_alerts_and_notices_are_no_subscription_or_list(text: str) -> None:
    assert parse(text)[0] not in ("alerts_list", "subscribe_alerts")


@pytest.mark.parametrize(("text", "intent", "entities"), [
    ("mute alert 2 hours", "alert_update", {"verb": "snooze", "minutes": 120}),
    ("snooze alert 30 min", "alert_update", {"verb": "snooze", "minutes": 30}),
    ("resolved the alert 2 hours ago", "unknown", {}), ("close the alert 5 min later", "unknown", {}),
    ("don't close alert 12", "unknown", {}), ("alert 12 close koro na", "unknown", {}),
    ("close alert 12, customer account updated", "alert_update", {"verb": "resolve", "alert": 12}),
    ("resolve alert 12, the feeder is back, when you get a chance", "alert_update", {"verb": "resolve", "alert": 12}),
    ("alert ta close koro, rahim ke bolo", "alert_update", {"verb": "resolve"}),
    ("re-run the batch job", "run_job", {"job": "batch-monitor"}),
    ("rerun rcdc report for mirpur-1", "run_job", {"job": "rcdc-report"}),
    ("rerun the nocs job, it's a follow-up", "run_job", {"job": "nocs-balance"}),
    ("start the batch job", "run_job", {"job": "batch-monitor"}),
    ("can you run the nocs balance refresh", "run_job", {"job": "nocs-balance"}),
    ("batch fail hole notify korben", "subscribe_alerts", {"topic": "batch"}),
    ("rerun the rcdc report, not batch-monitor", "run_job", {"job": "rcdc-report"}),
])
def test_alert_numbers_times_and_jobs_read_as_meant(text: str, intent: str, entities: dict[str, Any]) -> None:
    assert parse(text) == (intent, entities)


@pytest.mark.parametrize("text", ["batch-monitor ta run koro na", "rerun the batch job when power returns"])
def test_a_job_refused_or_for_later_is_not_run(text: str) -> None:
    assert parse(text)[0] != "run_job"


@pytest.mark.parametrize(("text", "intent"), [
    ("nocs alert ar notify korben na", "unsubscribe_alerts"), ("alert ashle rahim ke notify koro", "unknown"),
    ("batch monitor ta abar chalao na please", "run_job"), ("rerun rcdc check if possible", "run_job"),
    ("rerun the batch job, it failed after the upgrade", "run_job"),
    ("batch monitor run koro, na hole report asbe na", "run_job"),
    ("close alert 12 now that the feeder is back", "alert_update"),
])
def test_refusals_and_conditions_are_read_in_their_own_words(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize(("text", "intent", "entities"), [
    ("budget alerts chai", "subscribe_alerts", {"topic": "budget"}),
    ("subscribe to budget alerts", "subscribe_alerts", {"topic": "budget"}),
    ("system alert chai", "subscribe_alerts", {"topic": "system"}),
    ("rcdc alert pathaio amake", "subscribe_alerts", {"topic": "rcdc"}),
    ("budget alert ar pathaiyo na", "unsubscribe_alerts", {"topic": "budget"}),
    ("alert 5 ta close koro, fix hoye gese", "alert_update", {"verb": "resolve"}),
    ("resolve the batch alert #7", "alert_update", {"verb": "resolve", "alert": 7}),
    ("কোন এলার্ট খোলা আছে", "alerts_list", {}),
    ("prepaid meter balance summary", "nocs_balance", {}),
    ("close the sms alert 12", "unknown", {}),
    ("keep budget alerts, stop batch alerts", "unsubscribe_alerts", {"topic": "batch"}),
    ("notify me when batches get stuck", "subscribe_alerts", {"topic": "batch"}),
    ("alert 3 ta close koro", "alert_update", {"verb": "resolve"}),
    ("২২ নং অ্যালার্ট রিজলভ করো", "alert_update", {"verb": "resolve", "alert": 22}),
    ("snooze this for 30 min", "alert_update", {"verb": "snooze", "minutes": 30}),
    ("snooze 44 till morning", "alert_update", {"verb": "snooze", "alert": 44, "until": "till morning"}),
    ("mute all batch alerts for 2 hours", "alert_update", {"verb": "snooze", "minutes": 120, "all": True,
                                                           "topic": "batch"}),
    ("add this group to batch alerts", "subscribe_alerts", {"topic": "batch"}),
    ("nocs alert ar lagbe na ekhane", "unsubscribe_alerts", {"topic": "nocs"}),
    ("alerts sweep ta akbar chaliye dao", "run_job", {"job": "alerts-sweep"}),
    ("execute alerts-sweep now", "run_job", {"job": "alerts-sweep"}),
    ("IMD pending count koto ekhon", "batch_status", {}), ("MDM import status", "batch_status", {}),
    ("bill print kototuk holo", "batch_status", {}), ("motijheel prepaid balance?", "nocs_balance", {}),
    ("cust 3000001847 outstanding?", "customer_lookup", {"query": "3000001847", "by": "customer",
                                                         "view": "balance"}),
    ("how do I subscribe a group to alerts?", "help", {}), ("বট কী কী করতে পারে?", "help", {}),
    ("shubho raat bot", "smalltalk", {})])
def test_topics_alerts_and_prepaid_balances_as_staff_say_them(text: str, intent: str,
                                                              entities: dict[str, Any]) -> None:
    assert parse(text) == (intent, entities)


@pytest.mark.parametrize("text", ["alert pathaiyo na keno", "kon alert lagbe", "alert lagbe naki?",
                                  "alert dio kal 9 tay bill dite hobe"])
def test_alerts_asked_about_or_a_reminder_asked_for_change_no_subscription(text: str) -> None:
    assert parse(text)[0] not in ("subscribe_alerts", "unsubscribe_alerts")


@pytest.mark.parametrize("text", ["@mitu apu ekta report pathaisi mail e check koren", "i sent the report",
                                  "budget meeting moved to thursday", "team lunch kal korbo, budget 3000 er moddhe"])
def test_reports_sent_and_meetings_about_budgets_ask_for_no_figures_and_set_no_budget(text: str) -> None:
    assert parse(text)[0] not in ("spending_summary", "budget_set", "record_transaction")


@pytest.mark.parametrize(("text", "intent", "entities"), [
    ("snooze 1 week", "alert_update", {"verb": "snooze", "minutes": 10080}),
    ("mute alert 12 for 1 week", "alert_update", {"verb": "snooze", "minutes": 10080, "alert": 12}),
    ("snooze 5 pm", "unknown", {}), ("snooze 2 din", "unknown", {}), ("snooze 44?", "unknown", {}),
    ("mute all whatsapp alerts for 1 hour", "unknown", {}),
    ("mute all the open alerts for 2 hours", "alert_update", {"verb": "snooze", "minutes": 120, "all": True}),
    ("mute all alerts for 2 days, batch is being fixed", "alert_update", {"verb": "snooze", "minutes": 2880,
                                                                          "all": True}),
    ("alerts sweep ekhon chalao na, pore", "unknown", {}),
    ("batch monitor ta chalao na please", "run_job", {"job": "batch-monitor"}),
    ("add this group to the alerts channel?", "unknown", {}),
    ("sub to nocs", "subscribe_alerts", {"topic": "nocs"})])
def test_the_second_reviews_alert_and_job_findings(text: str, intent: str, entities: dict[str, Any]) -> None:
    assert parse(text) == (intent, entities)


def test_a_bill_print_paid_for_is_a_record_not_a_batch_question() -> None:
    assert parse("bill print korlam 500 taka")[0] == "record_transaction"


@pytest.mark.parametrize("text", [
    "sob alert 2 ghonta mute korbo na", "sob alert 2 ghonta mute korsi", "sob alert 2 ghonta mute kora jabe",
    "if it gets noisy mute all alerts for 2 hours", "we should mute all alerts for 2 hours",
    "mute all alerts for 2 hours tomorrow", "mute all alerts except rcdc for 2 hours", "snooze 10 more minutes",
    "snooze 15 again", "snooze 3 times", "mute alert 2 for 10", "22 no alert resolve korlam na",
    "২২ নং অ্যালার্ট রিজলভ করো না", "don't subscribe me to batch alerts", "should we subscribe to batch alerts",
    "unsubscribe from everything except budget", "batch monitor chalao na keno"])
def test_refused_wondered_past_or_excepted_alert_commands_do_nothing(text: str) -> None:
    assert parse(text)[0] in ("unknown", "batch_status")


@pytest.mark.parametrize(("text", "intent", "entities"), [
    ("mute all alerts for 1.5 hours", "alert_update", {"verb": "snooze", "minutes": 90, "all": True}),
    ("mute all alerts for an hour", "alert_update", {"verb": "snooze", "minutes": 60, "all": True}),
    ("pause all alerts for 2 hours", "alert_update", {"verb": "snooze", "minutes": 120, "all": True}),
    ("mute all critical alerts for 2 hours", "alert_update",  # the critical ones only
     {"verb": "snooze", "minutes": 120, "all": True, "severity": "critical"}),
    ("rcdc alerts dio amake na", "unsubscribe_alerts", {"topic": "rcdc"}),
    ("i want no batch alerts", "unsubscribe_alerts", {"topic": "batch"}),
    ("imd 500", "record_transaction", None)])
def test_lengths_in_words_and_halves_and_topics_refused_the_bengali_way(text: str, intent: str,
                                                                       entities: dict[str, Any] | None) -> None:
    name, found = parse(text)
    assert name == intent and (entities is None or found == entities)


@pytest.mark.parametrize(("text", "intent", "entities"), [
    ("snooze alert 44 till 9 am", "alert_update", {"verb": "snooze", "alert": 44, "until": "till 9 am"}),
    ("mute alert 5 and 6 for 2 hours", "alert_update", {"verb": "snooze", "minutes": 120, "alerts": [5, 6]}),
    ("mute all alerts for half an hour", "alert_update", {"verb": "snooze", "minutes": 30, "all": True}),
    ("could you mute all alerts for 2 hours", "alert_update", {"verb": "snooze", "minutes": 120, "all": True}),
    ("mute all alerts for 2 hours if possible", "alert_update", {"verb": "snooze", "minutes": 120, "all": True}),
    ("can you subscribe me to batch alerts?", "subscribe_alerts", {"topic": "batch"}),
    ("turn on batch alerts so i don't miss failures", "subscribe_alerts", {"topic": "batch"}),
    ("batch alert chai, rcdc na", "subscribe_alerts", {"topic": "batch"}),
    ("snooze #44 for now", "alert_update", {"verb": "snooze", "alert": 44}),
    ("mute all warning alerts for 1 hour", "alert_update",
     {"verb": "snooze", "minutes": 60, "all": True, "severity": "warning"})])
def test_the_fourth_reviews_alert_findings(text: str, intent: str, entities: dict[str, Any]) -> None:
    assert parse(text) == (intent, entities)


@pytest.mark.parametrize("text", ["why no alerts today", "i got no alerts today"])
def test_no_alerts_remarked_on_unsubscribes_nobody(text: str) -> None:
    assert parse(text)[0] != "unsubscribe_alerts"

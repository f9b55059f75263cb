"""Ops staff on the night shift: alerts acked, resolved and snoozed in a few words, by number first or many at once;
CC&B batch codes asked about or run; a topic added to a chat; how-to questions; a customer's NOCS; talk about the
teams themselves. Their near misses stay as they were."""
from __future__ import annotations

from typing import Any

import pytest

from app.parsing import intent_classifier
from core.intents import WRITE_INTENTS
from core.nlu.offline import OfflineParser
from tests.core.nlu.reading import NOW, RULES, parse

PARSER = OfflineParser(RULES, intent_classifier())


@pytest.mark.parametrize(("text", "verb"), [
    ("ack kore dao plz", "ack"), ("eta ack koro", "ack"), ("resolve it", "resolve"), ("ack it bhai", "ack"),
    ("ota resolve kore dao", "resolve"), ("acknowlege it", "ack"), ("mark it as resolved", "resolve"),
    ("close it", "resolve"),
])
def test_an_alert_replied_to_is_acted_on_in_a_few_words(text: str, verb: str) -> None:
    assert parse(text) == ("alert_update", {"verb": verb})


@pytest.mark.parametrize(("text", "entities"), [
    ("aknowledge 31", {"verb": "ack", "alert": 31}),
    ("mark 56 resolved", {"verb": "resolve", "alert": 56}),
    ("mark alert 41 as acknowledged", {"verb": "ack", "alert": 41}),
    ("৬৭ snooze করো ২ ঘন্টা", {"verb": "snooze", "alert": 67, "minutes": 120}),
    ("44 snooze kore dao 30 min", {"verb": "snooze", "alert": 44, "minutes": 30}),
    ("alert 31 ack koro", {"verb": "ack", "alert": 31}),
])
def test_an_alert_numbered_keeps_its_number_and_length_however_it_is_said(text: str,
                                                                       entities: dict[str, Any]) -> None:
    assert parse(text) == ("alert_update", entities)


@pytest.mark.parametrize(("text", "entities"), [
    ("resolve all batch alerts", {"verb": "resolve", "all": True, "topic": "batch"}),
    # monitoring resolved them when their runs recovered: the handler says so and acts on none
    ("resolve all the recovered ones", {"verb": "resolve", "all": True, "recovered": True}),
    ("ack everything", {"verb": "ack", "all": True}),
    # a snooze to a time keeps the time as said: the handler knows the clock and the zone
    ("snooze everything till morning", {"verb": "snooze", "all": True, "until": "till morning"}),
    # no topic of ours: only the alerts that say "payments" are muted (not every alert)
    ("mute payments alerts till 9", {"verb": "snooze", "all": True, "matching": "payments", "until": "till 9"}),
    ("mute warning level batch alerts until 7am", {"verb": "snooze", "all": True, "severity": "warning",
                                                   "topic": "batch", "until": "until 7am"}),
    ("mute rcdc timeout alerts for tonight", {"verb": "snooze", "all": True, "topic": "rcdc", "matching": "timeout",
                                              "until": "for tonight"}),
    ("snooze all rcdc alerts until 6am", {"verb": "snooze", "all": True, "topic": "rcdc", "until": "until 6am"}),
])
def test_many_alerts_at_once_are_all_of_them_of_the_topic_named(text: str, entities: dict[str, Any]) -> None:
    assert parse(text) == ("alert_update", entities)


@pytest.mark.parametrize(("text", "intent", "entities"), [
    ("mute batch alerts", "unsubscribe_alerts", {"topic": "batch"}),  # no time: stopped for good
    ("mute batch alerts until further notice", "unsubscribe_alerts", {"topic": "batch"}),
    ("mute all batch alerts for 2 hours", "alert_update", {"verb": "snooze", "minutes": 120, "all": True,
                                                           "topic": "batch"}),
    ("ack all, except rcdc", "unknown", {}), ("should we mute batch alerts till 9?", "unknown", {}),
    ("mute batch alerts till 9, except rcdc", "unknown", {}), ("mute whatsapp alerts till 9", "unknown", {}),
    ("31 ack koro 2 ghonta", "unknown", {}),  # a length only a snooze has; and the 31 is no amount
    ("22 no alert resolve korlam na", "unknown", {}),
])
def test_alert_commands_refused_excepted_or_someone_elses_are_not_done(text: str, intent: str,
                                                                       entities: dict[str, Any]) -> None:
    assert parse(text) == (intent, entities)


@pytest.mark.parametrize("text", ["resolve all issues", "close all tabs", "resolve it later", "can you resolve it?",
                                  "eta ki ack korbo?", "12 ta resolve koro", "who acked 31?", "mark 56 as done"])
def test_other_things_resolved_closed_or_asked_about_act_on_no_alert(text: str) -> None:
    name, entities = parse(text)
    assert name != "alert_update" and "alert" not in entities


@pytest.mark.parametrize("text", ["anything unacked?", "anything still unacknowledged from last night",
                                  "unacked gula dekhao"])
def test_alerts_nobody_acknowledged_are_the_open_alerts(text: str) -> None:
    assert parse(text) == ("alerts_list", {})


@pytest.mark.parametrize("text", ["why is BMUPLD so slow tonight", "BMUPLD progress koto", "how's the BMHHS run going",
                                  "records barche na keno BMHHS e? check koro", "C1-BLPRD stuck?", "is BMUPLD done",
                                  "BMHHS kokhon shesh hobe?"])
def test_a_batch_asked_after_by_its_code_is_the_batch_report(text: str) -> None:
    assert parse(text) == ("batch_status", {})


@pytest.mark.parametrize(("text", "job"), [
    ("BMUPLD abar run koro", "BMUPLD"), ("restart BMHHS", "BMHHS"), ("rerun BMHHS", "BMHHS"),
    ("rerun BMHHS batch", "BMHHS"),  # the CC&B batch named, not our batch-monitor job
    ("refresh nocs cache now, numbers look old", "nocs-balance"), ("nocs cache ta refresh kore dao", "nocs-balance"),
    ("refresh the rcdc data", "rcdc-report"),
])
def test_a_batch_or_a_topic_s_figures_asked_to_run_again_name_the_job(text: str, job: str) -> None:
    # a batch code is no job of ours: the run_job handler answers that there is none so called, and lists the jobs
    assert parse(text) == ("run_job", {"job": job})


@pytest.mark.parametrize(("text", "intent"), [
    ("BMW service 5000", "record_transaction"), ("BMDC registration fee 5000", "record_transaction"),
    ("refresh nocs balance for mirpur", "nocs_balance"), ("nocs cache refresh hoise?", "nocs_balance"),
    ("refresh batch status", "batch_status"),
])
def test_codes_that_are_no_batch_and_refreshes_asked_about_run_nothing(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize(("text", "topic"), [
    ("add nocs topic here", "nocs"), ("pls push system alerts to this channel too", "system"),
    ("এই গ্রুপে ব্যাচ এলার্ট চালু করো", "batch"), ("send batch alerts to this group", "batch"),
    ("add budget alerts here", "budget"),
])
def test_a_topic_asked_for_in_this_chat_subscribes_it(text: str, topic: str) -> None:
    assert parse(text) == ("subscribe_alerts", {"topic": topic})


@pytest.mark.parametrize("text", ["did you add nocs topic here?", "don't add nocs topic here"])
def test_a_topic_added_asked_about_or_refused_subscribes_nothing(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize("text", ["kivabe ei group e alert subscribe korbo?", "alert kivabe bondho korbo",
                                  "how to subscribe to batch alerts"])
def test_how_to_subscribe_or_stop_alerts_is_help_not_the_command(text: str) -> None:
    assert parse(text) == ("help", {})


@pytest.mark.parametrize(("text", "query"), [
    ("3000918273 kon nocs er under e", "3000918273"), ("4001334455 er name address nocs ta den", "4001334455"),
    ("which nocs is 3000918273 under", "3000918273"),
])
def test_a_customer_s_nocs_is_the_customer_card(text: str, query: str) -> None:
    assert parse(text) == ("customer_lookup", {"query": query, "by": "auto", "view": "summary"})


@pytest.mark.parametrize(("text", "intent"), [
    ("mirpur nocs due 12500000 taka", "nocs_balance"), ("nocs balance for mirpur", "nocs_balance"),
    ("nocs office e meeting ache", "unknown"),  # a NOCS office is a place: talk (it was the balance report)
])
def test_figures_and_areas_beside_a_nocs_are_no_customer(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize("text", ["the rcdc team is moving to floor 5 from monday", "the alert team meets at 9",
                                  "the batch guys left early today"])
def test_talk_about_a_topic_s_team_asks_the_bot_nothing(text: str) -> None:
    assert PARSER.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka").name == "unknown"


@pytest.mark.parametrize(("text", "amount"), [
    ("lunch 250", "250"), ("bazar e 500 dilam", "500"), ("paid 1200 for the team dinner at 9", "1200"),
    ("ack er jonno 300 dilam", "300"),
])
def test_ledger_messages_stay_records(text: str, amount: str) -> None:
    name, entities = parse(text)
    assert (name, entities["amount"]) == ("record_transaction", amount)


@pytest.mark.parametrize("text", ["meeting at 9 tomorrow with the rcdc folks", "shift ends at 7am, mute korte hobe na",
                                  "floor 5 e 31 jon ache"])
def test_chatter_with_numbers_is_no_write(text: str) -> None:
    assert parse(text)[0] not in WRITE_INTENTS


@pytest.mark.parametrize(("text", "entities"), [
    # a chat subscribes to topics, not severities: a snooze, whose length the handler asks for
    ("mute all critical alerts", {"verb": "snooze", "all": True, "severity": "critical"}),
    ("turn off warning alerts", {"verb": "snooze", "all": True, "severity": "warning"}),
    # the alert replied to, named by its topic
    ("ack the batch alert", {"verb": "ack"}), ("resolve this nocs alert", {"verb": "resolve"})])
def test_alerts_named_by_severity_or_topic_are_acted_on_not_unsubscribed(text: str, entities: dict[str, Any]) -> None:
    assert parse(text) == ("alert_update", entities)


@pytest.mark.parametrize(("text", "entities"), [
    # a kind of alert muted for a while: those alerts, for that long (was the latest alert, or no length)
    ("mute critical alerts for 2 hours", {"verb": "snooze", "all": True, "severity": "critical", "minutes": 120}),
    ("turn off critical alerts for 2 hours", {"verb": "snooze", "all": True, "severity": "critical",
                                              "minutes": 120}),
    ("mute batch alerts for 2 hours", {"verb": "snooze", "all": True, "topic": "batch", "minutes": 120}),
    ("mute all critical batch alerts for 2 hours", {"verb": "snooze", "all": True, "severity": "critical",
                                                    "topic": "batch", "minutes": 120}),
    ("mute all warning alerts for half an hour thanks", {"verb": "snooze", "all": True, "severity": "warning",
                                                         "minutes": 30}),
    # a severity muted with no length: those alerts, whose length the handler asks (not the whole topic)
    ("mute critical batch alerts", {"verb": "snooze", "all": True, "severity": "critical", "topic": "batch"}),
    # no kind and no "all": the alert replied to
    ("mute alerts for 2 hours", {"verb": "snooze", "minutes": 120})])
def test_a_kind_of_alert_muted_for_a_while_is_snoozed_for_that_long(text: str, entities: dict[str, Any]) -> None:
    assert parse(text) == ("alert_update", entities)


def test_a_topic_muted_without_a_length_still_unsubscribes_the_chat() -> None:
    assert parse("mute batch alerts") == ("unsubscribe_alerts", {"topic": "batch"})


@pytest.mark.parametrize("text", [
    "ack all, not rcdc", "resolve all alerts, excluding rcdc", "ack all alerts, rcdc bade", "ack all but rcdc alerts",
    "ack all batch alerts, but not the critical ones", "mute all alerts till 9, rcdc only",
    "mute all alerts for 2 hours, rcdc only", "ack all batch and rcdc alerts", "ack all except 44",
    "ack all alerts excluding 44"])
def test_all_narrowed_in_a_way_not_understood_acts_on_none(text: str) -> None:
    assert parse(text)[0] == "unknown"


@pytest.mark.parametrize(("text", "entities"), [
    # words naming no topic narrow "all" to the alerts that say them
    ("resolve all rcdc timeout alerts", {"verb": "resolve", "all": True, "topic": "rcdc", "matching": "timeout"}),
    ("ack all the old alerts", {"verb": "ack", "all": True, "matching": "old"}),
    # no "all": which alerts is asked back, none is snoozed everywhere
    ("mute alerts till 9", {"verb": "snooze", "until": "till 9"}),
    ("mute these alerts till 9", {"verb": "snooze", "until": "till 9"}),
    ("44 snooze koro 9 ta porjonto", {"verb": "snooze", "alert": 44, "until": "9 ta porjonto"}),
    ("snooze 44 till 9 tomorrow", {"verb": "snooze", "alert": 44, "until": "till 9 tomorrow"})])
def test_alerts_are_narrowed_to_what_is_said(text: str, entities: dict[str, Any]) -> None:
    assert parse(text) == ("alert_update", entities)


@pytest.mark.parametrize(("text", "entities"), [
    ("ack all alerts, thanks", {"verb": "ack", "all": True}),
    ("snooze all till 9, thanks", {"verb": "snooze", "all": True, "until": "till 9"}),
    ("unsubscribe from info alerts", {"verb": "snooze", "all": True, "severity": "info"})])  # not every topic
def test_bulk_commands_with_thanks_or_a_severity_are_understood(text: str, entities: dict[str, Any]) -> None:
    assert parse(text) == ("alert_update", entities)

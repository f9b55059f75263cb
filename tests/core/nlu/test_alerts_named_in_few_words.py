"""Alerts acted on by number the short ways staff type them ("ack 19 and 20", "alert 140 mute koro", "alert no 502
resolve kore den") and topics turned on or off for a channel in Bengali-English, as the offline parser reads them."""
from __future__ import annotations

from typing import Any

import pytest

from tests.core.nlu.reading import read as parse


@pytest.mark.parametrize(("text", "entities"), [
    ("ack 19 and 20", {"verb": "ack", "alerts": [19, 20]}),
    ("resolve 19, 20", {"verb": "resolve", "alerts": [19, 20]}),
    ("snooze 7 & 8 for 30m", {"verb": "snooze", "alerts": [7, 8], "minutes": 30}),
    ("ack 19", {"verb": "ack", "alert": 19}),
    ("19 ar 20 ack koro", {"verb": "ack", "alerts": [19, 20]}),
    ("alert 7, 8 resolve kore dao", {"verb": "resolve", "alerts": [7, 8]}),
    ("ack 7 8", {"verb": "ack", "alerts": [7, 8]}),
    ("alert 5 6 7 ack koro", {"verb": "ack", "alerts": [5, 6, 7]}),
    ("19 ar 20 snooze koro 2 ghonta", {"verb": "snooze", "alerts": [19, 20], "minutes": 120}),
    ("alert 11 ar 12 snooze koro kal shokal porjonto",
     {"verb": "snooze", "alerts": [11, 12], "until": "kal shokal porjonto"}),
])
def test_several_alerts_named_are_each_one_acted_on(text: str, entities: dict[str, Any]) -> None:
    assert parse(text) == ("alert_update", entities)


@pytest.mark.parametrize(("text", "entities"), [
    ("alert 140 mute koro", {"verb": "snooze", "alert": 140}),
    ("140 mute koro", {"verb": "snooze", "alert": 140}),
    ("alert 140 mute koro 2 ghonta", {"verb": "snooze", "alert": 140, "minutes": 120}),
    ("alert no 502 resolve kore den", {"verb": "resolve", "alert": 502}),
])
def test_an_alert_muted_or_resolved_by_its_number_the_bengali_english_way(text: str,
                                                                          entities: dict[str, Any]) -> None:
    assert parse(text) == ("alert_update", entities)


def test_mute_alone_names_no_alert() -> None:
    assert parse("mute")[0] != "alert_update"


@pytest.mark.parametrize(("text", "intent", "topic"), [
    ("system alert gula ei channel e pathao", "subscribe_alerts", "system"),
    ("nocs er alert gula bondho koro plz, onek noise", "unsubscribe_alerts", "nocs"),
])
def test_a_topics_alerts_turned_on_or_off_here(text: str, intent: str, topic: str) -> None:
    assert parse(text) == (intent, {"topic": topic})


def test_asked_whether_alerts_stopped_changes_no_subscription() -> None:
    assert parse("alert bondho hoye gese?")[0] != "unsubscribe_alerts"


def test_how_to_snooze_asked_in_bengali_script_is_help() -> None:
    assert parse("কিভাবে অ্যালার্ট স্নুজ করতে হয়?")[0] == "help"


@pytest.mark.parametrize("text", ["nocs er alert gula bondho koro na", "batch alert gula bondho korben na",
                                  "alert gula bondho koro na please, amra monitor kortesi"])
def test_alerts_asked_not_to_be_turned_off_stay_on(text: str) -> None:
    assert parse(text)[0] != "unsubscribe_alerts"


@pytest.mark.parametrize("text", ["batch alert er screenshot pathao", "batch alert er list ta pathao"])
def test_an_alerts_screenshot_or_list_asked_for_subscribes_nothing(text: str) -> None:
    assert parse(text)[0] != "subscribe_alerts"


@pytest.mark.parametrize(("text", "alert"), [("ack 1,024", 1024)])
def test_a_thousands_comma_is_one_alert_number_and_never_money(text: str, alert: int) -> None:
    assert parse(text) == ("alert_update", {"verb": "ack", "alert": alert})


@pytest.mark.parametrize(("text", "intent"), [("rcdc alert pathao amake", "subscribe_alerts"),
                                             ("system alerts amake pathao", "subscribe_alerts")])
def test_a_topics_alerts_asked_to_be_sent_subscribe(text: str, intent: str) -> None:
    assert parse(text)[0] == intent


@pytest.mark.parametrize(("text", "alerts"), [("ack 101,102", [101, 102]), ("ack 12,345 and 7", [12, 345, 7]),
                                              ("resolve 101,102,103", [101, 102, 103])])
def test_alerts_listed_with_commas_are_each_acted_on(text: str, alerts: list[int]) -> None:
    assert parse(text)[1]["alerts"] == alerts


@pytest.mark.parametrize("text", ["budget alerts last 10 ta pathao", "rcdc alert ta abar pathao"])
def test_alerts_asked_to_be_shown_again_subscribe_nothing(text: str) -> None:
    assert parse(text)[0] != "subscribe_alerts"


@pytest.mark.parametrize("text", ["show alert 41", "alert 23 ki niye", "alert 19 ta ki?"])
def test_one_alert_asked_about_shows_the_alerts(text: str) -> None:
    assert parse(text)[0] == "alerts_list"


@pytest.mark.parametrize("text", ["alert 15 ack kore dilam", "alert 19 acknowledge korlam",
                                  "19 ar 20 ack koro 2 ghonta", "alert 55 take ack dao"])
def test_an_alerts_number_is_never_money(text: str) -> None:
    assert parse(text)[0] not in ("record_transaction", "settle_up")


@pytest.mark.parametrize(("text", "intent", "topic"), [
    ("এই চ্যাটে ব্যাচ অ্যালার্ট চালু কর", "subscribe_alerts", "batch"),
    ("এই চ্যাটে ব্যাচ অ্যালার্ট বন্ধ কর", "unsubscribe_alerts", "batch"),
])
def test_a_topic_turned_on_or_off_in_bengali_script(text: str, intent: str, topic: str) -> None:
    assert parse(text) == (intent, {"topic": topic})


def test_kor_alone_is_still_a_tax() -> None:
    name, entities = parse("কর দিলাম ৫০০০")
    assert name == "record_transaction" and entities["amount"] == "5000"

"""Alerts as records on both backends: dedup by key, copies in every subscribed chat, presses that edit every copy,
snooze and escalation on a hand-moved clock, and presses that must change nothing."""
from __future__ import annotations

import asyncio
import io

import pytest

from app.runtime import Runtime
from bots.console import ConsoleNotifier
from core.errors import BadInput, NotFound
from core.services.alerts import AlertRequest
from tests.harness import ChatHarness, Clock

OPS, NOC = "group:ops", "group:noc"


@pytest.fixture
def services_clock() -> Clock:
    return Clock()


@pytest.fixture
async def console(runtime: Runtime) -> ConsoleNotifier:
    notifier = ConsoleNotifier(out=io.StringIO())
    runtime.notifiers["console"] = notifier
    for target in (OPS, NOC):
        await runtime.services.subscriptions.add("console", target, "payments", by="test")
    await runtime.services.identity.ensure_user("olivia", "operator")
    await runtime.services.identity.ensure_user("mia", "member")
    return notifier


async def deliver(runtime: Runtime) -> None:
    await runtime.services.outbox.drain(runtime.notifiers, within=10, pause=0.01)


def disk_full(**changes: object) -> AlertRequest:
    values: dict[str, object] = {"topic": "payments", "title": "Gateway timeouts", "text": "p95 over 5 s",
                                 "severity": "critical", "key": "gw-timeouts", "facts": (("p95", "5.2 s"),)}
    return AlertRequest(**(values | changes))  # type: ignore[arg-type]


async def test_an_alert_reaches_every_subscriber_once_and_its_key_updates_it(runtime: Runtime,
                                                                             console: ConsoleNotifier) -> None:
    alerts = runtime.services.alerts
    first = await alerts.raise_alert(disk_full())
    assert first.new and first.queued == 2
    await deliver(runtime)
    assert sorted(target for target, _ in console.delivered) == [NOC, OPS]
    assert [label for label, _ in console.delivered[0][1]["actions"]] == ["Ack", "Snooze 1 h", "Resolve"]

    again = await alerts.raise_alert(disk_full(facts=(("p95", "7.9 s"),)))
    assert not again.new and again.alert.id == first.alert.id and again.alert.count == 2
    await deliver(runtime)
    assert len(console.delivered) == 2, "a re-raise is not sent again"
    shown = [dict(map(tuple, payload["facts"])) for _, _, payload in console.edited]
    assert len(shown) == 2 and all(f["p95"] == "7.9 s" and f["Raised"].startswith("2 times") for f in shown)

    other_topic = await alerts.raise_alert(disk_full(topic="billing"))
    assert other_topic.new and other_topic.queued == 0, "stored, nobody subscribed: nothing sent"
    assert (await alerts.get(other_topic.alert.id)) is not None


async def test_a_storm_of_re_raises_is_one_edit_per_copy_with_the_latest_figures(runtime: Runtime,
                                                                                  console: ConsoleNotifier) -> None:
    alerts = runtime.services.alerts
    await alerts.raise_alert(disk_full())
    await deliver(runtime)
    for n in range(20):
        again = await alerts.raise_alert(disk_full(facts=(("p95", f"{6 + n / 10:.1f} s"),)))
    assert again.alert.count == 21, "every re-raise is counted at once"
    assert console.edited == [], "nothing is edited before the delivery worker's next pass"
    await deliver(runtime)
    shown = [dict(map(tuple, payload["facts"])) for _, _, payload in console.edited]
    assert len(shown) == 2, "one edit per copy, not one per re-raise"
    assert all(f["p95"] == "7.9 s" and f["Raised"].startswith("21 times") for f in shown)
    await deliver(runtime)
    assert len(console.edited) == 2, "copies that show the latest figures are not edited again"


async def test_a_press_changes_every_copy_and_a_resolved_key_raises_a_new_alert(chat: ChatHarness,
                                                                               console: ConsoleNotifier) -> None:
    runtime = chat.runtime
    raised = await runtime.services.alerts.raise_alert(disk_full())
    await deliver(runtime)
    key = dict(console.delivered[0][1]["actions"])["Ack"]

    pressed = await chat.user("olivia").press_key(key, chat="ops")
    assert "Acknowledged by olivia" in pressed.text and pressed.card.replace
    assert [a.label for a in pressed.card.actions] == ["Snooze 1 h", "Resolve"]
    await deliver(runtime)
    states = {target: dict(map(tuple, p["facts"]))["State"] for target, _, p in console.edited}
    assert set(states) == {OPS, NOC} and all(s.startswith("Acknowledged by olivia") for s in states.values())

    again = await chat.user("olivia").press_key(key, chat="noc")
    assert "Already acknowledged by olivia" in again.text, "a second press changes nothing and says why"

    resolve = dict(console.delivered[1][1]["actions"])["Resolve"]
    await chat.user("olivia").press_key(resolve, chat="noc")
    history = [action for _, action, _, _ in await runtime.services.alerts.history(raised.alert.id)]
    assert history == ["raised", "acknowledged", "resolved"]
    fresh = await runtime.services.alerts.raise_alert(disk_full())
    assert fresh.new and fresh.alert.id != raised.alert.id


async def test_members_foreign_chats_and_forged_keys_change_nothing(chat: ChatHarness,
                                                                    console: ConsoleNotifier) -> None:
    runtime = chat.runtime
    raised = await runtime.services.alerts.raise_alert(disk_full())
    await deliver(runtime)
    ack = dict(console.delivered[0][1]["actions"])["Ack"]

    refused = await chat.user("mia").press_key(ack, chat="ops")
    assert "Only operators and admins" in refused.text
    foreign = await chat.user("olivia").press_key(ack, chat="elsewhere")
    assert "not shown in this chat" in foreign.text
    for forged in (f"!alert_ack:{raised.alert.id + 99}", "!alert_ack:12x", "!ledger_save:1", "!alert_ack:"):
        assert "not" in (await chat.user("olivia").press_key(forged, chat="ops")).text.lower()
    assert (await runtime.services.alerts.get(raised.alert.id)).state == "open"  # type: ignore[union-attr]


async def test_snooze_silences_until_its_time_then_the_alert_is_sent_again(runtime: Runtime, console: ConsoleNotifier,
                                                                          services_clock: Clock) -> None:
    alerts = runtime.services.alerts
    raised = await alerts.raise_alert(disk_full(severity="warning"))
    await deliver(runtime)
    await alerts.act(raised.alert.id, "snooze", by="olivia")
    await deliver(runtime)
    edits = len(console.edited)
    await alerts.raise_alert(disk_full(severity="warning"))
    await deliver(runtime)
    assert len(console.edited) == edits, "a re-raise while snoozed is silent"

    services_clock.advance(59 * 60)
    assert (await alerts.sweep()).startswith("0 snoozed")
    services_clock.advance(2 * 60)
    assert (await alerts.sweep()).startswith("1 snoozed")
    await deliver(runtime)
    assert len(console.delivered) == 4, "both chats are reminded with a new copy"
    assert (await alerts.get(raised.alert.id)).state == "open"  # type: ignore[union-attr]


async def test_an_unacknowledged_critical_alert_escalates_once(runtime: Runtime, console: ConsoleNotifier,
                                                               services_clock: Clock) -> None:
    alerts = runtime.services.alerts
    await runtime.services.subscriptions.add("console", "group:managers", "escalation", by="test")
    critical = await alerts.raise_alert(disk_full())
    handled = await alerts.raise_alert(disk_full(key="other"))
    await alerts.act(handled.alert.id, "ack", by="olivia")
    services_clock.advance(runtime.settings.alert_escalate_after_minutes * 60 + 1)
    assert (await alerts.sweep()).endswith("1 escalated")
    assert (await alerts.sweep()).endswith("0 escalated")
    await deliver(runtime)
    managers = [p for target, p in console.delivered if target == "group:managers"]
    assert len(managers) == 1 and managers[0]["title"].endswith("Gateway timeouts")
    assert dict(map(tuple, managers[0]["facts"]))["Alert"].startswith(f"#{critical.alert.id}")


async def test_ack_and_resolve_at_once_end_in_one_state_shown_everywhere(runtime: Runtime,
                                                                         console: ConsoleNotifier) -> None:
    alerts = runtime.services.alerts
    raised = await alerts.raise_alert(disk_full())
    await deliver(runtime)
    results = await asyncio.gather(alerts.act(raised.alert.id, "ack", by="olivia"),
                                   alerts.act(raised.alert.id, "resolve", by="omar"))
    final = await alerts.get(raised.alert.id)
    assert final is not None and final.state == "resolved"
    assert any(r.changed for r in results)
    await deliver(runtime)
    latest = {target: dict(map(tuple, p["facts"]))["State"] for target, _, p in console.edited}
    assert all(state.startswith("Resolved by omar") for state in latest.values()) and len(latest) == 2


async def test_bad_requests_say_what_is_wrong(runtime: Runtime) -> None:
    for body, reason in (([], "JSON object"), ({"topic": "x"}, "'title' is required"),
                         ({"topic": "BAD TOPIC", "title": "t", "text": ""}, "not a topic name"),
                         ({"topic": "x", "title": "t", "text": "", "severity": "fatal"}, "severity must be"),
                         ({"topic": "x", "title": "t", "text": "", "facts": [["a"]]}, "[name, value] pairs")):
        with pytest.raises(BadInput, match=reason.replace("[", r"\[").replace("]", r"\]")):
            AlertRequest.from_json(body, source="test")
    with pytest.raises(NotFound):
        await runtime.services.alerts.act(424242, "ack", by="x")


async def test_a_budget_tells_its_chat_once_per_threshold_and_period(chat: ChatHarness) -> None:
    runtime = chat.runtime
    notifier = ConsoleNotifier(out=io.StringIO())
    runtime.notifiers["console"] = notifier
    alice = chat.user("alice")
    await alice.say("budget food 1000 per month", chat="flat")
    for text in ("lunch 700", "snacks 150", "dinner 50", "breakfast 150"):
        preview = await alice.say(text, chat="flat")
        await alice.press(preview, "Save", chat="flat")
    await deliver(runtime)
    told = [(target, p["title"]) for target, p in notifier.delivered]
    assert told == [("group:flat", "🟠 80% of the food budget used"), ("group:flat", "🔴 100% of the food budget used")]
    assert "actions" not in notifier.delivered[0][1], "a notice has nothing to press"
    assert await runtime.services.alerts.live() == [], "notices are not open alerts"

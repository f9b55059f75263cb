"""Subscribing a chat to monitoring topics, and the cycle's report and alerts reaching every subscriber."""
from __future__ import annotations

from sqlalchemy import select

from core.models import OutboxMessage
from core.outbound import OutboundMessage
from core.services.alerts import AlertRequest
from core.services.monitoring import Monitoring
from tests.harness import ChatHarness
from tests.ops import person


async def queued(chat: ChatHarness) -> list[OutboxMessage]:
    async with chat.runtime.database.sessions() as session:
        return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def test_an_operator_subscribes_a_chat_and_it_gets_the_report(chat: ChatHarness,
                                                                     monitoring: Monitoring) -> None:
    ops = await person(chat, "ops", "operator")
    said = await ops.say("subscribe this chat to batch alerts", chat="ops-room")
    assert "will now receive batch" in said.text
    assert "already receives" in (await ops.say("subscribe this chat to batch alerts", chat="ops-room")).text
    await monitoring.check_batches()
    rows = await queued(chat)
    assert [(r.channel, r.target, r.kind) for r in rows][:1] == [("console", "group:ops-room", "batch")]
    report = OutboundMessage.from_payload(rows[0].payload)
    assert report.kind == "card" and report.title == "Batch monitoring report"
    assert ("Pending IMD", "2,345") in report.facts
    assert any(r.payload.get("title", "").startswith("⚠") or r.payload.get("style") for r in rows)


async def test_budget_alerts_asked_in_bengali_english_subscribe_to_budget_alone(chat: ChatHarness,
                                                                                monitoring: Monitoring) -> None:
    ops = await person(chat, "ops", "operator")
    said = await ops.say("budget alerts chai", chat="ops-room")
    assert "will now receive budget" in said.text
    assert await chat.runtime.services.subscriptions.of("console", "group:ops-room") == ["budget"]
    said = await ops.say("budget alert ar pathaiyo na", chat="ops-room")
    assert "No more budget alerts" in said.text
    assert await chat.runtime.services.subscriptions.of("console", "group:ops-room") == []


async def test_alerts_wished_for_on_a_condition_subscribe_the_chat_to_that_topic(chat: ChatHarness,
                                                                                  monitoring: Monitoring) -> None:
    ops = await person(chat, "ops", "operator")
    said = await ops.say("nocs balance kom hole ei group e alert dio", chat="ops-room")
    assert "will now receive nocs" in said.text
    said = await ops.say("let me know if a batch gets stuck", chat="ops-room")
    assert "will now receive batch" in said.text
    assert sorted(await chat.runtime.services.subscriptions.of("console", "group:ops-room")) == ["batch", "nocs"]


async def test_members_may_not_subscribe(chat: ChatHarness, monitoring: Monitoring) -> None:
    carol = await person(chat, "carol", "member")
    said = await carol.say("subscribe this chat to batch alerts", chat="ops-room")
    assert "operators and admins" in said.text
    assert await chat.runtime.services.subscriptions.all() == []


async def test_mute_and_unsubscribe(chat: ChatHarness, monitoring: Monitoring) -> None:
    ops = await person(chat, "ops", "admin")
    await ops.say("subscribe to alerts", chat="ops-room")
    assert await chat.runtime.services.subscriptions.of("console", "group:ops-room") == ["batch", "nocs", "rcdc",
                                                                                          "system"]
    said = await ops.say("mute batch alerts", chat="ops-room")
    assert "No more batch alerts" in said.text and "Still receiving: nocs, rcdc, system" in said.text
    await ops.say("unsubscribe", chat="ops-room")
    assert await chat.runtime.services.subscriptions.of("console", "group:ops-room") == []
    await monitoring.check_batches()
    assert await queued(chat) == []  # nobody subscribed: recorded, nothing sent


async def test_a_slow_run_is_an_alert_people_act_on_and_its_recovery_resolves_it(chat: ChatHarness,
                                                                                  monitoring: Monitoring) -> None:
    ops = await person(chat, "ops", "operator")
    await ops.say("subscribe this chat to batch alerts", chat="ops-room")
    await monitoring.check_batches()
    copies = [r for r in await queued(chat) if (r.ref or "").startswith("alert:")]
    assert copies, "the slow run's alert is an alert record with a copy here"
    alert = OutboundMessage.from_payload(copies[0].payload)
    assert [label for label, _ in alert.actions] == ["Ack", "Snooze 1 h", "Resolve"]
    live = await chat.runtime.services.alerts.live()
    assert live[0].source == "monitoring" and live[0].key is not None and live[0].key.startswith("batch:")
    listed = await ops.say("open alerts", chat="ops-room")
    assert live[0].title in listed.text
    pressed = await ops.press(listed, "Ack", chat="ops-room")
    assert "Acknowledged by ops" in pressed.text
    async with chat.runtime.database.engine.begin() as conn:  # what the cycle does when the run recovers
        resolved = await chat.runtime.services.alerts.resolve_in(conn, "batch", live[0].key, by="monitoring")
    assert resolved is not None and resolved.state == "resolved" and resolved.state_by == "monitoring"
    assert await chat.runtime.services.alerts.live() == live[1:]


async def test_mute_all_alerts_for_two_days_snoozes_every_open_one_of_the_topic_named(chat: ChatHarness) -> None:
    alerts = chat.runtime.services.alerts
    raised = {}
    for topic, key in (("batch", "b1"), ("batch", "b2"), ("batch", "b3"), ("rcdc", "r1")):
        raised[key] = (await alerts.raise_alert(AlertRequest(topic=topic, title=f"{key} failing", text="see the run",
                                                             key=key))).alert.id
    await alerts.act(raised["b3"], "ack", by="ops")
    ops = await person(chat, "ops", "operator")
    said = await ops.say("mute all batch alerts for 2 days", chat="ops-room")
    assert "Snoozed 2 open batch alerts" in said.text and "for 2 days" in said.text
    states = {alert.key: alert.state for alert in await alerts.live()}
    assert states == {"b1": "snoozed", "b2": "snoozed", "b3": "acknowledged", "r1": "open"}
    said = await ops.say("sob alert 1 ghonta chup koro", chat="ops-room")
    assert f"Snoozed 1 open alert (#{raised['r1']}) for 1 hour" in said.text
    assert "No open alerts to snooze" in (await ops.say("mute all alerts for 2 days", chat="ops-room")).text
    carol = await person(chat, "carol", "member")
    assert "operators and admins" in (await carol.say("mute all alerts for 2 days", chat="ops-room")).text


async def test_resolve_or_ack_all_acts_on_every_live_alert_of_the_topic_and_severity_named(chat: ChatHarness) -> None:
    alerts = chat.runtime.services.alerts
    raised = {}
    for topic, key, severity in (("batch", "b1", "warning"), ("batch", "b2", "critical"), ("rcdc", "r1", "warning"),
                                 ("rcdc", "r2", "critical")):
        raised[key] = (await alerts.raise_alert(AlertRequest(topic=topic, title=f"{key} failing", text="see the run",
                                                             key=key, severity=severity))).alert.id
    await alerts.act(raised["b2"], "ack", by="ops")
    ops = await person(chat, "ops", "operator")
    said = await ops.say("resolve all batch alerts", chat="ops-room")
    assert "Resolved 2 batch alerts" in said.text  # the acknowledged one too: resolving ends it
    said = await ops.say("mute all critical alerts for 1 hour", chat="ops-room")
    assert f"Snoozed 1 open critical alert (#{raised['r2']}) for 1 hour" in said.text
    said = await ops.say("ack all", chat="ops-room")
    assert f"Acknowledged 1 alert (#{raised['r1']})" in said.text
    states = {alert.key: alert.state for alert in await alerts.live()}
    assert states == {"r1": "acknowledged", "r2": "snoozed"}
    assert "No open payments alerts" in (await ops.say("mute payments alerts till 9", chat="ops-room")).text
    assert "resolved by monitoring itself" in (await ops.say("resolve all the recovered ones", chat="ops-room")).text
    assert {alert.key: alert.state for alert in await alerts.live()} == states  # neither acted on anything


async def test_a_severity_of_a_topic_muted_for_a_while_snoozes_only_those(chat: ChatHarness) -> None:
    alerts = chat.runtime.services.alerts
    raised = {}
    for topic, key, severity in (("batch", "b1", "warning"), ("batch", "b2", "critical"), ("rcdc", "r1", "critical")):
        raised[key] = (await alerts.raise_alert(AlertRequest(topic=topic, title=f"{key} failing", text="see the run",
                                                             key=key, severity=severity))).alert.id
    ops = await person(chat, "ops", "operator")
    said = await ops.say("mute critical batch alerts", chat="ops-room")
    assert "Say how long" in said.text  # not unsubscribed from every batch alert, nothing snoozed
    assert {alert.key: alert.state for alert in await alerts.live()} == {"b1": "open", "b2": "open", "r1": "open"}
    said = await ops.say("mute critical batch alerts for 2 hours", chat="ops-room")
    assert f"Snoozed 1 open critical batch alert (#{raised['b2']}) for 2 hours" in said.text
    assert {alert.key: alert.state for alert in await alerts.live()} == {"b1": "open", "b2": "snoozed", "r1": "open"}


async def test_snooze_till_a_time_snoozes_up_to_that_time(chat: ChatHarness) -> None:
    alerts = chat.runtime.services.alerts
    alert = (await alerts.raise_alert(AlertRequest(topic="batch", title="BMHHS stuck", text="no records since 11",
                                                   key="k1"))).alert
    ops = await person(chat, "ops", "operator")
    said = await ops.say("snooze everything till morning", chat="ops-room")
    assert f"Snoozed 1 open alert (#{alert.id}) till 09:00" in said.text
    snoozed = (await alerts.live())[0]
    until = snoozed.snoozed_until
    assert until is not None and until.astimezone(alerts.zone).strftime("%H:%M") == "09:00"
    assert until > alerts.now()
    said = await ops.say(f"snooze {alert.id} till the end of the shift", chat="ops-room")
    assert "Till when is \"till the end of the shift\"?" in said.text  # which shift? asked, nothing guessed
    assert (await alerts.live())[0].snoozed_until == until


async def test_words_narrowing_all_act_only_on_the_alerts_that_say_them(chat: ChatHarness) -> None:
    alerts = chat.runtime.services.alerts
    timeout = (await alerts.raise_alert(AlertRequest(topic="rcdc", title="RC/DC timeout on 40 commands",
                                                     text="the meter gateway did not answer", key="t1"))).alert
    await alerts.raise_alert(AlertRequest(topic="rcdc", title="RC/DC failures", text="12 failed", key="f1"))
    await alerts.raise_alert(AlertRequest(topic="batch", title="BMHHS timeout", text="slow", key="b1"))
    ops = await person(chat, "ops", "operator")
    said = await ops.say("resolve all rcdc timeout alerts", chat="ops-room")
    assert f"Resolved 1 rcdc timeout alert (#{timeout.id})" in said.text
    assert {alert.key for alert in await alerts.live()} == {"f1", "b1"}
    await alerts.raise_alert(AlertRequest(topic="batch", title="BMUPLD slow", text="12 rps", key="s1"))
    said = await ops.say("ack all low alerts", chat="ops-room")
    assert "No open low alerts" in said.text  # a word, not a piece of "slow"
    said = await ops.say("mute alerts till 9", chat="ops-room")
    assert "Which alert?" in said.text  # not every alert, in every chat
    assert all(alert.state == "open" for alert in await alerts.live())


async def test_several_alerts_named_in_one_command_are_each_acted_on(chat: ChatHarness) -> None:
    alerts = chat.runtime.services.alerts
    first, second, third = [(await alerts.raise_alert(AlertRequest(
        topic="batch", title=f"{key} failing", text="see the run", key=key))).alert.id for key in ("b1", "b2", "b3")]
    await alerts.act(third, "ack", by="ops")
    ops = await person(chat, "ops", "operator")
    said = await ops.say(f"ack {first} and {second}", chat="ops-room")
    assert f"✓ Alert #{first}: Acknowledged" in said.text and f"✓ Alert #{second}: Acknowledged" in said.text
    said = await ops.say(f"resolve {third}, {first}, 999999", chat="ops-room")
    assert f"✓ Alert #{third}: Resolved" in said.text and f"✓ Alert #{first}: Resolved" in said.text
    assert "Alert #999999: That alert is not shown in this chat (or does not exist)." in said.text
    assert {alert.key: alert.state for alert in await alerts.live()} == {"b2": "acknowledged"}
    assert await chat.entry_count() == 0  # no number of theirs was recorded as money
    carol = await person(chat, "carol", "member")
    assert "operators and admins" in (await carol.say(f"ack {second} and {third}", chat="ops-room")).text


async def test_an_alert_closed_with_a_word_on_why_is_resolved_and_no_number_is_money(chat: ChatHarness) -> None:
    alerts = chat.runtime.services.alerts
    first, second = [(await alerts.raise_alert(AlertRequest(
        topic="batch", title=f"{key} failing", text="see the run", key=key))).alert.id for key in ("d1", "d2")]
    ops = await person(chat, "ops", "operator")
    said = await ops.say(f"{first} close koro, fixed", chat="ops-room")
    assert f"Alert #{first}" in said.text and "Resolved" in said.text
    said = await ops.say(f"acknowledging #{second}", chat="ops-room")
    assert f"Alert #{second}" in said.text and "Acknowledged" in said.text
    assert {alert.key: alert.state for alert in await alerts.live()} == {"d2": "acknowledged"}
    assert await chat.entry_count() == 0

"""One alert, copies in two Telegram groups and one Teams channel, through the real channel adapters and the fakes:
a press on any copy updates every other copy, on both platforms."""
from __future__ import annotations

import json
from typing import Any

import pytest

from bots.telegram.notifier import SendPacer
from core.services.alerts import AlertRequest
from tests.bots.teams.conftest import ALICE as TEAMS_ALICE
from tests.bots.teams.conftest import TeamsHarness, connector, conversation, teams  # noqa: F401 - fixtures
from tests.bots.telegram.conftest import ALICE, BOB, TelegramHarness, telegram, telegram_api  # noqa: F401 - fixtures

OPS = {"id": -1001, "type": "supergroup", "title": "Ops"}
NOC = {"id": -1002, "type": "supergroup", "title": "NOC"}
CHANNEL = conversation("channel")


@pytest.fixture
async def everywhere(telegram: TelegramHarness,  # noqa: F811 - the fixtures imported above
                     teams: TeamsHarness,  # noqa: F811
                     ) -> tuple[TelegramHarness, TeamsHarness]:
    runtime = telegram.runtime
    telegram.channel.notifier.pacer = SendPacer(chat_gap=0.05, group_gap=0.05)  # the test's pace, not Telegram's
    await teams.say(TEAMS_ALICE, "help", CHANNEL)  # the bot learns the channel's conversation reference
    await telegram.send_text(ALICE, "/help")
    await telegram.send_text(BOB, "/help")
    for name in ("alice", TEAMS_ALICE["name"]):
        await runtime.services.identity.grant(name, "operator")
    for channel, target in (("telegram", "-1001"), ("telegram", "-1002"), ("teams", CHANNEL["id"])):
        await runtime.services.subscriptions.add(channel, target, "payments", by="test")
    return telegram, teams


async def deliver(harness: TelegramHarness) -> None:
    await harness.runtime.services.outbox.drain(harness.runtime.notifiers, within=15, pause=0.02)


def teams_copy(harness: TeamsHarness) -> tuple[str, dict[str, Any]]:
    """The activity id and card of the alert's copy in the Teams channel, as last sent or updated."""
    received = [r for r in harness.connector.received if r.conversation == CHANNEL["id"] and r.method in ("POST", "PUT")
                and r.activity.get("attachments")]
    first = next(r for r in received if r.method == "POST")
    return first.reply_to or "", received[-1].activity["attachments"][0]["content"]


def card_text(card: dict[str, Any]) -> str:
    return json.dumps(card, ensure_ascii=False)


async def test_a_press_in_teams_updates_the_telegram_copies_and_back(
        everywhere: tuple[TelegramHarness, TeamsHarness]) -> None:
    tg, ms = everywhere
    alerts = tg.runtime.services.alerts
    raised = await alerts.raise_alert(AlertRequest("payments", "Gateway timeouts", "p95 over 5 s", "critical", "gw"))
    assert raised.queued == 3
    await deliver(tg)
    sent = {str(c.params["chat_id"]): c for c in tg.api.of("sendMessage") if "Gateway" in c.params["text"]}
    assert set(sent) == {"-1001", "-1002"}
    keyboard = {b["text"]: b["callback_data"] for row in sent["-1001"].params["reply_markup"]["inline_keyboard"]
                for b in row}
    assert list(keyboard) == ["Ack", "Snooze 1 h", "Resolve"]
    copies = {target: receipt for _, target, _, receipt in await alerts.copies(raised.alert.id)}
    activity_id = copies[CHANNEL["id"]]
    assert activity_id and copies["-1001"] and copies["-1002"]
    card = teams_copy(ms)[1]
    assert set(ms.buttons(card)) == {"Ack", "Snooze 1 h", "Resolve"}

    # Ack in Teams: the pressed card is replaced at once, both Telegram copies are edited
    answer = await ms.execute(TEAMS_ALICE, ms.buttons(card)["Ack"], CHANNEL, reply_to=activity_id)
    assert "Acknowledged by Alice Rahman" in card_text(answer["value"])
    await deliver(tg)
    edits = {str(c.params["chat_id"]): c.params for c in tg.api.of("editMessageText")}
    assert set(edits) == {"-1001", "-1002"}
    for chat, params in edits.items():
        assert str(params["message_id"]) == copies[chat] and "Acknowledged by Alice Rahman" in params["text"]
        assert [b["text"] for row in params["reply_markup"]["inline_keyboard"] for b in row] == ["Snooze 1 h",
                                                                                                   "Resolve"]

    # a member's press in Telegram is refused with a pop-up and changes nothing
    await tg.press(BOB, keyboard["Resolve"], OPS, message_id=int(copies["-1001"]))
    refusal = tg.api.last("answerCallbackQuery").params
    assert "Only operators and admins" in refusal["text"] and refusal.get("show_alert") in (True, "true")
    assert (await alerts.get(raised.alert.id)).state == "acknowledged"  # type: ignore[union-attr]

    # Resolve in Telegram: that message is edited in place, the Teams card is updated in place
    await tg.press(ALICE, keyboard["Resolve"], NOC, message_id=int(copies["-1002"]))
    await deliver(tg)
    updates = [r for r in ms.connector.received if r.method == "PUT" and r.reply_to == activity_id]
    assert updates and "Resolved by Alice" in card_text(updates[-1].activity)
    assert ms.buttons(updates[-1].activity["attachments"][0]["content"]) == {}
    latest = [c.params for c in tg.api.of("editMessageText") if str(c.params["chat_id"]) == "-1001"][-1]
    assert "Resolved by Alice" in latest["text"] and not latest.get("reply_markup")

    # the same key while it was open updated it; now it is resolved, it raises a new alert
    again = await alerts.raise_alert(AlertRequest("payments", "Gateway timeouts", "again", "critical", "gw"))
    assert again.new and again.alert.id != raised.alert.id


async def test_ack_said_in_reply_to_a_copy_and_a_blocked_chat(everywhere: tuple[TelegramHarness, TeamsHarness]) -> None:
    tg, _ = everywhere
    alerts = tg.runtime.services.alerts
    tg.api.block_chat(-1002)
    raised = await alerts.raise_alert(AlertRequest("payments", "Settlement file late", "", "warning", "sf"))
    await deliver(tg)
    copies = {target: (status, receipt) for _, target, status, receipt in await alerts.copies(raised.alert.id)}
    assert copies["-1002"][0] == "dead" and copies["-1001"][0] == "sent", "a blocked chat does not stop the others"

    update = tg.message_update(ALICE, "ack", OPS)
    update["message"]["reply_to_message"] = {"message_id": int(copies["-1001"][1] or 0), "date": 1_790_000_000,
                                             "chat": OPS, "from": {"id": int(tg.api.token.split(":")[0]),
                                                                   "is_bot": True, "first_name": "Switchboard"}}
    await tg.post(update)
    said = [c.params["text"] for c in tg.api.of("sendMessage") if str(c.params["chat_id"]) == "-1001"][-1]
    assert f"Alert #{raised.alert.id}: Acknowledged by Alice" in said
    assert (await alerts.get(raised.alert.id)).state == "acknowledged"  # type: ignore[union-attr]


async def test_429s_are_waited_out_and_every_copy_arrives_once(
        everywhere: tuple[TelegramHarness, TeamsHarness]) -> None:
    tg, ms = everywhere
    alerts = tg.runtime.services.alerts
    tg.api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    ms.connector.fail_next(CHANNEL["id"], 429)
    raised = await alerts.raise_alert(AlertRequest("payments", "Refund queue growing", "", "warning", "rq"))
    await deliver(tg)
    copies = await alerts.copies(raised.alert.id)
    assert [status for _, _, status, _ in copies] == ["sent"] * 3
    telegram_copies = [c for c in tg.api.of("sendMessage") if "Refund queue" in c.params["text"] and c.status == 200]
    assert sorted(str(c.params["chat_id"]) for c in telegram_copies) == ["-1001", "-1002"], "each chat once"
    teams_copies = [r for r in ms.connector.received if r.conversation == CHANNEL["id"] and r.method == "POST"
                    and "Refund queue" in card_text(r.activity)]
    assert len(teams_copies) == 1

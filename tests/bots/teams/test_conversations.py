"""Teams conversations over real HTTP: 1:1, channel @mention, group chat, Execute actions, installs."""
from __future__ import annotations

from sqlalchemy import select

from core.models import ConversationRef
from tests.bots.teams.conftest import ALICE, BOB, BOT, MALLORY, TeamsHarness, conversation


async def test_personal_record_preview_execute_save_updates_card(teams: TeamsHarness) -> None:
    response = await teams.say(ALICE, "spent 450 tk on groceries")
    assert response.status in (200, 201)
    card = teams.last_card("a:personal-alice")
    assert card["body"][0]["text"] == "Expense · ৳450.00"
    buttons = teams.buttons(card)
    assert list(buttons) == ["Save", "Change category", "Cancel"]
    assert await teams.entry_count() == 0
    answer = await teams.execute(ALICE, buttons["Save"])
    assert answer["statusCode"] == 200 and answer["type"] == "application/vnd.microsoft.card.adaptive"
    assert answer["value"]["body"][0]["text"].startswith("✓ Saved expense ৳450.00")
    assert await teams.entry_count() == 1


async def test_channel_mention_is_stripped_and_others_become_participants(teams: TeamsHarness) -> None:
    channel = conversation("channel")
    await teams.say(BOB, "<at>Switchboard</at> hi", channel, mentions=[BOT])
    await teams.say(ALICE, "<at>Switchboard</at> split 900 taxi with <at>Bob Khan</at>", channel,
                    mentions=[BOT, BOB])
    card = teams.last_card(channel["id"])
    facts = {f["title"]: f["value"] for item in card["body"] if item["type"] == "FactSet" for f in item["facts"]}
    assert facts["Paid by"] == "alice\\_rahman" or facts["Paid by"].startswith("alice")
    assert any(title.startswith("bob") for title in facts)  # Bob (known by his id) is in the split
    await teams.execute(ALICE, teams.buttons(card)["Save"], channel)
    await teams.say(BOB, "<at>Switchboard</at> balances", channel, mentions=[BOT])
    assert "owes" in teams.texts(channel["id"])[-1] or "owes" in str(teams.last_card(channel["id"]))


async def test_group_chat_foreign_and_forged_actions_have_no_effect(teams: TeamsHarness) -> None:
    group = conversation("groupChat")
    await teams.say(ALICE, "lunch 250", group)
    save = teams.buttons(teams.last_card(group["id"]))["Save"]
    refused = await teams.execute(MALLORY, save, group)
    assert refused["statusCode"] == 400 and refused["type"] == "application/vnd.microsoft.error"
    assert "Only the person who asked" in refused["value"]["message"]
    forged = await teams.execute(ALICE, "forged-key", group)
    assert "not valid" in forged["value"]["message"]
    assert await teams.entry_count() == 0


async def test_install_greets_and_stores_reference_uninstall_marks_dead(teams: TeamsHarness) -> None:
    conv = conversation("personal", "a:personal-bob")
    added = teams.activity("conversationUpdate", BOB, conv, membersAdded=[BOT])
    assert (await teams.post(added)).status in (200, 201)
    assert "I'm Switchboard" in teams.texts(conv["id"])[-1]
    async with teams.runtime.database.sessions() as session:
        row = await session.scalar(select(ConversationRef).where(ConversationRef.conversation_id == conv["id"]))
    assert row is not None and row.service_url == teams.connector.url and row.tenant_id == "tenant-1"
    moved = teams.activity("message", BOB, conv, text="hi", serviceUrl=teams.connector.url + "v3/../")
    await teams.post(moved)
    async with teams.runtime.database.sessions() as session:
        row = await session.scalar(select(ConversationRef).where(ConversationRef.conversation_id == conv["id"]))
    assert row is not None and row.service_url == teams.connector.url + "v3/../"  # always the latest
    removed = teams.activity("conversationUpdate", BOB, conv, membersRemoved=[BOT])
    await teams.post(removed)
    assert await teams.runtime.services.outbox.is_dead("teams", conv["id"])


async def test_proactive_sends_through_429_and_403(teams: TeamsHarness) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import update

    from core.models import OutboxMessage

    for user, conv_id in ((ALICE, "a:personal-alice"), (BOB, "a:personal-bob")):
        await teams.post(teams.activity("conversationUpdate", user, conversation("personal", conv_id),
                                        membersAdded=[BOT]))
    outbox = teams.runtime.services.outbox
    await outbox.post(channel="teams", target="a:personal-alice", kind="alert", payload={"kind": "text", "text": "one"})
    await outbox.post(channel="teams", target="a:personal-bob", kind="alert", payload={"kind": "text", "text": "two"})
    teams.connector.fail_next("a:personal-alice", 429)
    teams.connector.fail_next("a:personal-bob", 403)
    first = await outbox.deliver_due({"teams": teams.channel.notifier})
    assert (first.sent, first.retried, first.dead) == (0, 1, 1)
    async with teams.runtime.database.sessions.begin() as session:
        await session.execute(update(OutboxMessage).values(next_attempt_at=datetime.now(UTC)))
    second = await outbox.deliver_due({"teams": teams.channel.notifier})
    assert second.sent == 1 and teams.texts("a:personal-alice")[-1] == "one"
    assert await outbox.is_dead("teams", "a:personal-bob")


async def test_split_notice_opens_a_one_to_one_chat(teams: TeamsHarness) -> None:
    channel = conversation("channel")
    await teams.say(BOB, "<at>Switchboard</at> hi", channel, mentions=[BOT])  # Bob never wrote to the bot 1:1
    await teams.say(ALICE, "<at>Switchboard</at> split 900 taxi with <at>Bob Khan</at>", channel,
                    mentions=[BOT, BOB])
    await teams.execute(ALICE, teams.buttons(teams.last_card(channel["id"]))["Save"], channel)
    report = await teams.runtime.services.outbox.deliver_due({"teams": teams.channel.notifier})
    assert report.sent == 1
    assert teams.connector.created == ["a:1to1-29:bob"]
    assert "added you to taxi: your share is 450.00 BDT" in teams.texts("a:1to1-29:bob")[-1]


async def test_split_notice_goes_to_an_existing_personal_chat(teams: TeamsHarness) -> None:
    await teams.say(BOB, "hi", conversation("personal", "a:personal-bob"))  # Bob has a 1:1 chat with the bot
    channel = conversation("channel")
    await teams.say(ALICE, "<at>Switchboard</at> split 900 taxi with <at>Bob Khan</at>", channel,
                    mentions=[BOT, BOB])
    await teams.execute(ALICE, teams.buttons(teams.last_card(channel["id"]))["Save"], channel)
    report = await teams.runtime.services.outbox.deliver_due({"teams": teams.channel.notifier})
    assert report.sent == 1 and teams.connector.created == []
    assert "added you to taxi: your share is 450.00 BDT" in teams.texts("a:personal-bob")[-1]


async def test_action_submit_message_is_a_press(teams: TeamsHarness) -> None:
    await teams.say(ALICE, "coffee 120")
    save = teams.buttons(teams.last_card("a:personal-alice"))["Save"]
    submit = teams.activity("message", ALICE, conversation(), value={"key": save}, replyToId="card-9")
    response = await teams.post(submit)
    assert response.status in (200, 201)
    assert await teams.entry_count() == 1
    assert teams.connector.received[-1].method == "PUT"  # the preview was updated in place
    assert "✓ Saved expense" in (teams.connector.received[-1].activity.get("text") or "")


async def test_deeply_nested_activity_is_400_and_the_bot_keeps_answering(teams: TeamsHarness) -> None:
    body = b'{"type": "message", "x": ' + b'{"a": ' * 1000 + b"1" + b"}" * 1000 + b"}"
    async with teams.http.post(f"{teams.url}/api/messages", data=body,
                               headers={"Content-Type": "application/json"}) as response:
        assert response.status == 400
    assert (await teams.say(ALICE, "help")).status in (200, 201)

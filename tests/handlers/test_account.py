"""Linking a chat identity to a platform user, and settings."""
from __future__ import annotations

from bots.console import address_for
from core.replies import Card
from core.turn import Sender
from tests.harness import ChatHarness


async def test_link_code_joins_identity_and_moves_history(chat: ChatHarness) -> None:
    identity = chat.runtime.services.identity
    await identity.create_user("Alice", role="operator")
    stranger = chat.user("alice_phone")
    await stranger.press(await stranger.say("lunch 100"), "Save")
    code = await identity.link_code("alice")
    said = await stranger.say(f"/link {code.lower()}")
    assert "Linked" in said.text and "Alice" in said.text
    actor, _ = await identity.resolve(address_for("alice_phone", None), Sender("alice_phone", "x", "alice_phone"))
    assert (actor.name, actor.role) == ("alice", "operator")
    again = await chat.user("someone").say(f"link {code}")
    assert "not valid or has expired" in again.text


async def test_unknown_link_code(chat: ChatHarness) -> None:
    said = await chat.user("bob").say("/link ZZZZ9999")
    assert "not valid or has expired" in said.text


async def test_help_smalltalk_and_unknown(chat: ChatHarness) -> None:
    bob = chat.user("bob")
    assert "Split in a group" in (await bob.say("help")).text
    assert "Hi bob" in (await bob.say("hello!")).text
    assert "didn't understand" in (await bob.say("what's the weather in Paris")).text
    assert "didn't understand" in (await bob.say("01712345678")).text


async def test_a_matter_for_the_bank_is_answered_as_one_and_nothing_is_recorded(chat: ChatHarness) -> None:
    bob = chat.user("bob")
    for text in ("i dont recognize a $89 charge from somewhere called xyz", "why was my transaction declined",
                 "transfer $200 from savings to checking"):
        said = await bob.say(text)
        assert "for your bank" in said.text, text
        assert not any(isinstance(r, Card) for r in said.replies), text
    assert "Nothing is recorded" in (await bob.say("show my last 5 transactions")).text


async def test_a_price_asked_is_answered_as_one_and_nothing_is_recorded(chat: ChatHarness) -> None:
    bob = chat.user("bob")
    for text in ("iphone er dam koto", "চালের দাম কত এখন বাজারে"):
        said = await bob.say(text)
        assert "can't look prices up" in said.text, text
        assert not any(isinstance(r, Card) for r in said.replies), text


async def test_a_bound_instead_of_an_amount_is_asked_again_and_nothing_is_previewed(chat: ChatHarness) -> None:
    bob = chat.user("bob")
    for text, bound in (("spent more than 500 on groceries", "500"), ("paid over 200 for lunch", "200")):
        said = await bob.say(text)
        assert "How much exactly?" in said.text and bound in said.text, text
        assert not any(isinstance(r, Card) for r in said.replies), text
    assert "520" in (await bob.say("spent 520 on groceries")).card.title


async def test_money_still_to_pay_is_not_previewed_until_it_is_paid(chat: ChatHarness) -> None:
    bob = chat.user("bob")
    for text in ("tomorrow i'll pay the 2000 rent", "rahim ke 500 dibo", "i'll pay you back 300"):
        said = await bob.say(text)
        assert "once it has been paid" in said.text, text
        assert not any(isinstance(r, Card) for r in said.replies), text
    assert "2,000" in (await bob.say("paid the 2000 rent")).card.title


async def test_feature_without_handler_says_so(chat: ChatHarness) -> None:
    said = await chat.user("bob").say("are any batches stuck?")
    assert "not enabled on this deployment" in said.text

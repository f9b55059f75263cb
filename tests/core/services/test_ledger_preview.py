"""The ledger's checks on what a message asks for: one request in, a draft or a plain refusal out."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.runtime import Runtime
from bots.console import address_for
from core.errors import BadInput, NotACurrency
from core.models import Draft
from core.services.identity import ChatInfo
from core.services.ledger_requests import DraftRequest, SettleRequest
from core.turn import Actor, Mention, Sender

TODAY = date(2026, 3, 18)


async def alice_in_trip(runtime: Runtime) -> tuple[Actor, ChatInfo]:
    for name in ("alice", "bob"):
        await runtime.services.identity.resolve(address_for(name, "trip"), Sender(name, name, name))
    return await runtime.services.identity.resolve(address_for("alice", "trip"), Sender("alice", "alice", "alice"))


def test_a_request_from_entities_names_the_mentions_the_channel_resolved() -> None:
    request = DraftRequest.from_entities(
        {"amount": "900", "description": "taxi", "mentions": ["Karim", "nadia"], "shares": {"Karim": "300"},
         "split": "for"}, mentions=[Mention("karim", "tg-77")], today=TODAY)
    assert request.mentions == (Mention("karim", "tg-77"), Mention("nadia"))
    assert (request.kind, request.category, request.include_payer, request.date) == ("expense", "other", False, None)


async def test_someone_mentioned_twice_is_in_the_split_once(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    request = DraftRequest(TODAY, amount="900", description="taxi", mentions=(Mention("bob"), Mention("Bob")))
    draft = await runtime.services.ledger.preview(actor, chat, request)
    assert [(line.name, line.minor) for line in draft.shares] == [("alice", 45000), ("bob", 45000)]
    assert draft.occurred_on == TODAY


async def test_the_same_update_finds_the_same_draft(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    request = DraftRequest(TODAY, amount="120", description="coffee")
    first = await runtime.services.ledger.preview(actor, chat, request, key="console:update-5")
    again = await runtime.services.ledger.preview(actor, chat, request, key="console:update-5")
    assert first.id == again.id
    async with runtime.database.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Draft)) == 1


@pytest.mark.parametrize(("request_", "refusal"), [
    (DraftRequest(TODAY, amount_text="1e309", currency_text="XYZ"), "'1e309' is not an amount I understand"),
    (DraftRequest(TODAY, amount="5", currency_text="XYZ"), "I don't know the currency 'XYZ'"),
    (DraftRequest(TODAY, amount="5", date_text="35th march"), "couldn't understand the date '35th march'"),
    (DraftRequest(TODAY, amount="5", date="0001-01-01"), "The date 0001-01-01 is out of range"),
    (DraftRequest(TODAY, amount="900", mentions=(Mention("bob"),), shares={"bob": "0"}), "more than zero"),
    (DraftRequest(TODAY, amount="900", mentions=(Mention("bob"),), shares={"bob": "901"}), "add up to more"),
])
async def test_what_cannot_be_recorded_is_refused_plainly(runtime: Runtime, request_: DraftRequest,
                                                          refusal: str) -> None:
    actor, chat = await alice_in_trip(runtime)
    with pytest.raises(BadInput, match=refusal):
        await runtime.services.ledger.preview(actor, chat, request_)


async def test_settling_up_needs_one_other_person(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    ledger = runtime.services.ledger
    for mentions in ((), (Mention("bob"), Mention("carol"))):
        with pytest.raises(BadInput, match="Who are you settling with"):
            await ledger.counterparty(actor, chat, SettleRequest(mentions))
    with pytest.raises(BadInput, match="with yourself"):
        await ledger.counterparty(actor, chat, SettleRequest((Mention("alice"),)))
    bob = await ledger.counterparty(actor, chat, SettleRequest((Mention("bob"),), amount="200", currency="usd"))
    draft = await ledger.settlement_preview(actor, chat, bob, SettleRequest((Mention("bob"),), amount="200",
                                                                            currency="usd"))
    assert (draft.payer_name, draft.shares[0].name, draft.amount, draft.currency) == ("alice", "bob", 200, "USD")
    with pytest.raises(NotACurrency):
        await ledger.settlement_preview(actor, chat, bob, SettleRequest((Mention("bob"),), amount="200",
                                                                        currency="XYZ"))

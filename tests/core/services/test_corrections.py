"""Corrections at the service: an open preview changes in place; a saved entry is replaced, once, on Save."""
from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.runtime import Runtime
from bots.console import address_for
from core.errors import BadInput, NotFound, NotYours, UserError
from core.models import Entry, Share
from core.services.corrections import CorrectionView, Revised
from core.services.identity import ChatInfo
from core.services.ledger_requests import CorrectionRequest, DraftRequest
from core.turn import Actor, Mention, Sender

TODAY = date(2026, 3, 18)


async def person_in_trip(runtime: Runtime, name: str) -> tuple[Actor, ChatInfo]:
    return await runtime.services.identity.resolve(address_for(name, "trip"), Sender(name, name, name))


async def alice_in_trip(runtime: Runtime) -> tuple[Actor, ChatInfo]:
    await person_in_trip(runtime, "bob")
    return await person_in_trip(runtime, "alice")


async def saved(runtime: Runtime, actor: Actor, chat: ChatInfo, request: DraftRequest) -> int:
    draft = await runtime.services.ledger.preview(actor, chat, request)
    return (await runtime.services.ledger.confirm(draft.id, actor)).entry_id


async def entries(runtime: Runtime) -> list[Entry]:
    async with runtime.database.sessions() as session:
        return list(await session.scalars(select(Entry).order_by(Entry.id)))


async def shares_of(runtime: Runtime, entry_id: int) -> list[int]:
    async with runtime.database.sessions() as session:
        return list(await session.scalars(select(Share.amount_minor).where(Share.entry_id == entry_id)
                                          .order_by(Share.id)))


def amount(value: str, **more: str) -> CorrectionRequest:
    return CorrectionRequest(TODAY, "amount", amount=value, **more)


async def test_an_open_preview_takes_the_new_amount_split_again(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    preview = await runtime.services.ledger.preview(
        actor, chat, DraftRequest(TODAY, amount="900", description="taxi", mentions=(Mention("bob"),)))
    revised = await runtime.services.corrections.correct(actor, chat, amount("601"))
    assert isinstance(revised, Revised) and revised.draft.id == preview.id
    assert (revised.before.amount, revised.draft.amount) == (900, 601)
    assert [(s.name, s.minor) for s in revised.draft.shares] == [("alice", 30050), ("bob", 30050)]
    entry_id = (await runtime.services.ledger.confirm(preview.id, actor)).entry_id
    assert [e.amount_minor for e in await entries(runtime)] == [60100]
    assert await shares_of(runtime, entry_id) == [30050, 30050]


async def test_an_open_preview_takes_a_new_date_category_and_description(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    corrections = runtime.services.corrections
    await runtime.services.ledger.preview(actor, chat, DraftRequest(TODAY, amount="120", description="coffee"))
    await corrections.correct(actor, chat, CorrectionRequest(TODAY, "date", date="2026-03-17"))
    await corrections.correct(actor, chat, CorrectionRequest(TODAY, "category", category=" Food "))
    revised = await corrections.correct(actor, chat, CorrectionRequest(TODAY, "description", description="latte"))
    assert isinstance(revised, Revised)
    assert (revised.draft.occurred_on, revised.draft.category, revised.draft.description) == (
        date(2026, 3, 17), "food", "latte")


async def test_a_preview_with_exact_shares_is_not_split_again(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    await runtime.services.ledger.preview(actor, chat, DraftRequest(
        TODAY, amount="900", mentions=(Mention("bob"),), shares={"bob": "300"}))
    with pytest.raises(BadInput, match="send it again with the new amount"):
        await runtime.services.corrections.correct(actor, chat, amount("550"))


async def test_a_saved_entry_is_replaced_once_on_save(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    corrections = runtime.services.corrections
    old_id = await saved(runtime, actor, chat, DraftRequest(TODAY, amount="500", description="taxi",
                                                            mentions=(Mention("bob"),)))
    view = await corrections.correct(actor, chat, amount("550"))
    assert isinstance(view, CorrectionView) and view.entry_id == old_id
    assert (view.old.amount, view.new.amount) == (500, 550)
    assert [(s.name, s.old_minor, s.new_minor) for s in view.shares] == [("alice", 25000, 27500),
                                                                        ("bob", 25000, 27500)]
    assert len([e for e in await entries(runtime) if e.voided_at is None]) == 1  # nothing changes before Save

    first, again = await corrections.confirm(view.id, actor), await corrections.confirm(view.id, actor)
    assert (first.already, again.already, again.entry_id) == (False, True, first.entry_id)
    old, new = await entries(runtime)
    assert (old.id, old.voided_by, old.voided_at is not None) == (old_id, f"correct:{view.id}", True)
    assert (new.amount_minor, new.voided_at, new.user_id, new.recorded_by, new.chat_id, new.description) == (
        55000, None, old.user_id, old.recorded_by, old.chat_id, "taxi")
    assert await shares_of(runtime, new.id) == [27500, 27500]
    [transfer] = await runtime.services.reports.balances(chat)
    assert (transfer.debtor, transfer.creditor, transfer.amount) == ("bob", "alice", Decimal("275"))


async def test_concurrent_saves_replace_the_entry_once(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    await saved(runtime, actor, chat, DraftRequest(TODAY, amount="500", description="taxi"))
    view = await runtime.services.corrections.correct(actor, chat, amount("550"))
    assert isinstance(view, CorrectionView)
    results = await asyncio.gather(*(runtime.services.corrections.confirm(view.id, actor) for _ in range(4)))
    assert sum(not r.already for r in results) == 1
    assert [(e.amount_minor, e.voided_at is None) for e in await entries(runtime)] == [(50000, False), (55000, True)]


async def test_targeting_the_last_entry_leaves_the_open_preview_alone(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    await saved(runtime, actor, chat, DraftRequest(TODAY, amount="500", description="taxi"))
    await runtime.services.ledger.preview(actor, chat, DraftRequest(TODAY, amount="80", description="tea"))
    view = await runtime.services.corrections.correct(
        actor, chat, CorrectionRequest(TODAY, "category", category="transport", target="last"))
    assert isinstance(view, CorrectionView)
    assert (view.old.description, view.old.category, view.new.category) == ("taxi", "other", "transport")


async def test_a_correction_keeps_who_paid_and_who_recorded_it(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    await saved(runtime, actor, chat, DraftRequest(TODAY, amount="400", description="taxi", payer=Mention("bob")))
    view = await runtime.services.corrections.correct(actor, chat, amount("600"))
    assert isinstance(view, CorrectionView) and view.payer_name == "bob"
    await runtime.services.corrections.confirm(view.id, actor)
    new = (await entries(runtime))[-1]
    bob, _ = await person_in_trip(runtime, "bob")
    assert (new.user_id, new.recorded_by, await shares_of(runtime, new.id)) == (bob.id, actor.id, [30000, 30000])
    [transfer] = await runtime.services.reports.balances(chat)
    assert (transfer.debtor, transfer.creditor, transfer.amount) == ("alice", "bob", Decimal("300"))


async def test_cancel_changes_nothing_and_save_after_it_is_refused(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    await saved(runtime, actor, chat, DraftRequest(TODAY, amount="500", description="taxi"))
    view = await runtime.services.corrections.correct(actor, chat, CorrectionRequest(TODAY, "date", date="2026-03-01"))
    assert isinstance(view, CorrectionView)
    await runtime.services.corrections.cancel(view.id, actor)
    with pytest.raises(UserError, match="cancelled"):
        await runtime.services.corrections.confirm(view.id, actor)
    assert [(e.occurred_on, e.voided_at) for e in await entries(runtime)] == [(TODAY, None)]


async def test_an_entry_undone_meanwhile_is_not_brought_back(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    await saved(runtime, actor, chat, DraftRequest(TODAY, amount="500", description="taxi"))
    view = await runtime.services.corrections.correct(actor, chat, amount("550"))
    assert isinstance(view, CorrectionView)
    await runtime.services.ledger.undo_last(actor, chat)
    with pytest.raises(UserError, match="removed or corrected since"):
        await runtime.services.corrections.confirm(view.id, actor)
    assert [e.voided_at is None for e in await entries(runtime)] == [False]


async def test_only_its_owner_saves_a_correction(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    bob, _ = await person_in_trip(runtime, "bob")
    await saved(runtime, actor, chat, DraftRequest(TODAY, amount="500", description="taxi"))
    view = await runtime.services.corrections.correct(actor, chat, amount("550"))
    assert isinstance(view, CorrectionView)
    with pytest.raises(NotYours):
        await runtime.services.corrections.confirm(view.id, bob)
    with pytest.raises(NotFound, match="nothing to correct"):  # bob recorded nothing in this chat
        await runtime.services.corrections.correct(bob, chat, amount("550"))


async def test_the_same_update_finds_the_same_correction(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    await saved(runtime, actor, chat, DraftRequest(TODAY, amount="500", description="taxi"))
    first = await runtime.services.corrections.correct(actor, chat, amount("550"), key="console:update-9")
    again = await runtime.services.corrections.correct(actor, chat, amount("550"), key="console:update-9")
    assert isinstance(first, CorrectionView) and isinstance(again, CorrectionView) and first.id == again.id


async def test_nothing_to_correct_yet(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    with pytest.raises(NotFound, match="There's nothing to correct yet"):
        await runtime.services.corrections.correct(actor, chat, amount("550"))
    with pytest.raises(NotFound, match="no open preview"):
        await runtime.services.corrections.correct(actor, chat, amount("550", target="preview"))


@pytest.mark.parametrize(("request_", "refusal"), [
    (amount("0"), "more than zero"),
    (CorrectionRequest(TODAY, "amount", amount_text="1e309"), "'1e309' is not an amount I understand"),
    (amount("5", currency_text="XYZ"), "I don't know the currency 'XYZ'"),
    (CorrectionRequest(TODAY, "date", date="0001-01-01"), "The date 0001-01-01 is out of range"),
    (CorrectionRequest(TODAY, "date", date_text="35th march"), "couldn't understand the date '35th march'"),
    (CorrectionRequest(TODAY, "category", category=" "), "Which category"),
    (CorrectionRequest(TODAY, ""), "What should I change"),
    (amount("500"), "already has that amount"),
])
async def test_what_cannot_be_a_correction_is_refused_plainly(runtime: Runtime, request_: CorrectionRequest,
                                                              refusal: str) -> None:
    actor, chat = await alice_in_trip(runtime)
    await saved(runtime, actor, chat, DraftRequest(TODAY, amount="500", description="taxi"))
    with pytest.raises(BadInput, match=refusal):
        await runtime.services.corrections.correct(actor, chat, request_)
    assert len(await entries(runtime)) == 1


async def test_exact_shares_of_an_entry_are_not_split_again(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    await saved(runtime, actor, chat, DraftRequest(TODAY, amount="900", mentions=(Mention("bob"),),
                                                   shares={"bob": "300"}))
    with pytest.raises(BadInput, match="shares written for each person"):
        await runtime.services.corrections.correct(actor, chat, amount("550"))


def test_a_request_from_entities_names_the_field_written() -> None:
    request = CorrectionRequest.from_entities({"amount": "550", "currency": None, "target": "somewhere"}, today=TODAY)
    assert (request.field, request.amount, request.target) == ("amount", "550", None)
    dated = CorrectionRequest.from_entities({"field": "date", "date": "2026-03-17", "target": "last"}, today=TODAY)
    assert (dated.field, dated.date, dated.target) == ("date", "2026-03-17", "last")
    kind = CorrectionRequest.from_entities({"field": "direction", "direction": "income"}, today=TODAY)
    assert (kind.field, kind.direction) == ("direction", "income")
    filled = CorrectionRequest.from_entities({"direction": "expense"}, today=TODAY)  # a model's every answer has one
    assert filled.field == ""
    odd = CorrectionRequest.from_entities({"field": "direction", "direction": "refund"}, today=TODAY)
    assert odd.direction is None


def test_a_payer_from_entities_is_someone_else_or_nobody() -> None:
    def payer(entities: dict[str, object]) -> Mention | None:
        return DraftRequest.from_entities(entities, mentions=[Mention("karim", "tg-77")], today=TODAY).payer

    assert payer({"amount": "400", "payer": "Karim"}) == Mention("karim", "tg-77")
    assert payer({"amount": "400", "payer": "@bob"}) == Mention("bob")
    assert payer({"amount": "400", "payer": "me"}) is None and payer({"amount": "400"}) is None


@pytest.mark.parametrize(("request_", "shares"), [
    (DraftRequest(TODAY, amount="400", payer=Mention("bob")), [("bob", 20000), ("alice", 20000)]),
    (DraftRequest(TODAY, amount="900", payer=Mention("bob"), mentions=(Mention("nadia"),)),
     [("bob", 30000), ("alice", 30000), ("nadia", 30000)]),
    (DraftRequest(TODAY, amount="900", payer=Mention("bob"), mentions=(Mention("nadia"), Mention("Bob")),
                  include_payer=False), [("alice", 45000), ("nadia", 45000)]),
    (DraftRequest(TODAY, amount="400", payer=Mention("alice"), mentions=(Mention("bob"),)),
     [("alice", 20000), ("bob", 20000)]),
])
async def test_someone_else_paid(runtime: Runtime, request_: DraftRequest, shares: list[tuple[str, int]]) -> None:
    actor, chat = await alice_in_trip(runtime)
    draft = await runtime.services.ledger.preview(actor, chat, request_)
    assert draft.payer_name == (request_.payer.name if request_.payer else "alice")
    assert [(s.name, s.minor) for s in draft.shares] == shares


async def test_a_new_payer_is_created_on_save(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    draft = await runtime.services.ledger.preview(actor, chat, DraftRequest(
        TODAY, amount="1200", description="dinner", payer=Mention("karim")))
    assert draft.payer_id < 0 and draft.newcomers is not None
    saved_ = await runtime.services.ledger.confirm(draft.id, actor)
    assert saved_.draft.payer_id > 0
    [transfer] = await runtime.services.reports.balances(chat)
    assert (transfer.debtor, transfer.creditor, transfer.amount) == ("alice", "karim", Decimal("600"))


async def test_income_has_no_other_payer(runtime: Runtime) -> None:
    actor, chat = await alice_in_trip(runtime)
    with pytest.raises(BadInput, match="Income can't have another payer"):
        await runtime.services.ledger.preview(actor, chat, DraftRequest(
            TODAY, kind="income", amount="400", payer=Mention("bob")))

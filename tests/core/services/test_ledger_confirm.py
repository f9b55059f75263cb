"""Save presses of concurrent turns share one transaction; each press still gets its own answer."""
from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, func, select

from core.errors import NotAllowed
from core.group_commit import GroupInserter
from core.models import Entry, Share, User
from core.services.ledger import LedgerService
from core.turn import Actor
from tests.harness import ChatHarness


async def test_many_people_saving_at_once_get_their_own_entries_in_few_transactions(chat: ChatHarness) -> None:
    people = [chat.user(f"p{n}") for n in range(30)]
    previews = [await person.say(f"spent {100 + n} tk on lunch") for n, person in enumerate(people)]
    commits: list[int] = []

    def counted(_conn: Any) -> None:
        commits.append(1)

    engine = chat.runtime.engine.sync_engine
    event.listen(engine, "commit", counted)
    try:
        saved = await asyncio.gather(*(person.press(preview, "Save")
                                       for person, preview in zip(people, previews, strict=True)))
    finally:
        event.remove(engine, "commit", counted)
    assert [f"{100 + n}" in said.text and "✓ Saved" in said.text for n, said in enumerate(saved)] == [True] * 30
    assert await chat.entry_count() == 30
    # 30 presses: their saves and audit rows go in a handful of transactions, not 60
    assert len(commits) <= 12, len(commits)
    async with chat.runtime.database.sessions() as session:
        rows = (await session.execute(select(Entry.amount_minor, Entry.recorded_by, func.count(Share.entry_id))
                                      .join(Share, Share.entry_id == Entry.id).group_by(Entry.id))).all()
    assert sorted(r.amount_minor for r in rows) == [(100 + n) * 100 for n in range(30)]
    assert all(r[2] == 1 for r in rows)  # every entry came with its own share, none with another's


async def test_a_foreign_press_in_the_same_batch_is_refused_and_the_owner_saves(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    preview = await alice.say("lunch 250")
    draft_id = preview.card.actions[0].payload["draft"]
    ledger = chat.runtime.services.ledger
    owner = await chat.runtime.services.identity.ensure_user("alice")
    mallory = Actor(owner.id + 1000, "mallory", "Mallory", "member", False)
    results = await asyncio.gather(ledger.confirm(draft_id, mallory), ledger.confirm(draft_id, owner),
                                   ledger.confirm(draft_id, owner), return_exceptions=True)
    assert isinstance(results[0], NotAllowed)
    assert [getattr(r, "already", None) for r in results[1:]] == [False, True]
    assert await chat.entry_count() == 1
    with pytest.raises(NotAllowed):
        await ledger.confirm(draft_id, mallory)


async def test_concurrent_saves_mentioning_the_same_newcomer_create_one_user(chat: ChatHarness) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    tea = await alice.say("split 200 tea with @karim", chat="g")
    cake = await bob.say("split 400 cake with @karim", chat="g")
    await asyncio.gather(alice.press(tea, "Save", chat="g"), bob.press(cake, "Save", chat="g"))
    # two replicas: each has its own group commit, so the two Saves run in two concurrent transactions
    services, sessions = chat.runtime.services, chat.runtime.database.sessions
    replica = LedgerService(sessions, services.outbox, GroupInserter(sessions),
                            default_currency="BDT", max_amount=Decimal(10**8), draft_ttl=900, undo_window=900)
    lunch = await alice.say("split 300 lunch with @nadia", chat="g")
    dinner = await bob.say("split 600 dinner with @nadia", chat="g")
    owners = [await services.identity.ensure_user(name) for name in ("alice", "bob")]
    saved = await asyncio.gather(services.ledger.confirm(lunch.card.actions[0].payload["draft"], owners[0]),
                                 replica.confirm(dinner.card.actions[0].payload["draft"], owners[1]))
    assert [s.already for s in saved] == [False, False]
    async with sessions() as session:
        names = sorted(await session.scalars(select(User.name)))
        owed = dict((await session.execute(select(User.name, func.sum(Share.amount_minor)).join(
            Share, Share.user_id == User.id).where(User.name.in_(["karim", "nadia"])).group_by(User.name))).all())
    assert names == ["alice", "bob", "karim", "nadia"]
    assert owed == {"karim": 30000, "nadia": 45000}

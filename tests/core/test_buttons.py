"""Button registry: one store value per card, and forged or malformed keys refused without effect."""
from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from core import buttons
from core.buttons import ButtonRegistry
from core.errors import DraftExpired, NotAllowed, UserError
from core.replies import Action
from core.store import MemoryStore


async def test_each_button_of_a_card_resolves_to_its_own_action() -> None:
    registry = ButtonRegistry(MemoryStore(), ttl_seconds=60)
    actions = [Action("ledger.save", "Save", {"draft": "d1"}, owner=7),
               Action("ledger.cancel", "Cancel", {"draft": "d1"}, owner=7)]
    await registry.issue_all(actions, "console:c")
    keys = [a.key or "" for a in actions]
    assert len(set(keys)) == 2 and all(len(k.encode()) <= 64 for k in keys)
    pressed = [await registry.resolve(k, "console:c", 7) for k in keys]
    assert [(p.id, p.payload) for p in pressed] == [("ledger.save", {"draft": "d1"}),
                                                    ("ledger.cancel", {"draft": "d1"})]


@pytest.mark.parametrize("forged", ["", ".0", "nonsense", "x" * 65, "{card}.9", "{card}.²", "{card}.-1",
                                    "{card}", "{card}.0.0"])
async def test_forged_or_malformed_keys_are_refused(forged: str) -> None:
    registry = ButtonRegistry(MemoryStore(), ttl_seconds=60)
    actions = [Action("ledger.save", "Save", {"draft": "d1"}, owner=7)]
    await registry.issue_all(actions, "console:c")
    card = (actions[0].key or "").rsplit(".", 1)[0]
    with pytest.raises(UserError, match="not valid"):
        await registry.resolve(forged.format(card=card), "console:c", 7)


async def test_a_button_from_another_chat_or_person_is_refused() -> None:
    registry = ButtonRegistry(MemoryStore(), ttl_seconds=60)
    actions = [Action("ledger.save", "Save", {"draft": "d1"}, owner=7)]
    await registry.issue_all(actions, "console:c")
    with pytest.raises(NotAllowed, match="chat"):
        await registry.resolve(actions[0].key or "", "console:other", 7)
    with pytest.raises(NotAllowed, match="Only the person"):
        await registry.resolve(actions[0].key or "", "console:c", 8)


async def test_a_button_pressed_after_its_lifetime_has_expired(monkeypatch: pytest.MonkeyPatch) -> None:
    registry = ButtonRegistry(MemoryStore(), ttl_seconds=60)
    actions = [Action("ledger.save", "Save", {"draft": "d1"}, owner=7)]
    await registry.issue_all(actions, "console:c")
    later = time.time() + 61
    monkeypatch.setattr(buttons, "time", SimpleNamespace(time=lambda: later))  # the registry's clock only
    with pytest.raises(DraftExpired, match="That button has expired"):
        await registry.resolve(actions[0].key or "", "console:c", 7)

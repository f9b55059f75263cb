"""The fault suite, short: three replicas behind a proxy lose nothing when one is killed (-9) and Redis stops."""
from __future__ import annotations

import asyncio
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bench import faults
from bench.cluster import missing_binaries

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def short_run(logs: Path) -> faults.Options:
    """60 updates from 12 people (a quarter of them group splits) and a burst of 6 stories cut by one kill -9,
    then Redis stopped for 3 s."""
    return faults.Options(updates=60, people=12, groups=2, concurrency=8, kills=1, restart_after=0.5, kill_burst=6,
                          pg_down=0, redis_down=3.0, lead_in=1.5, settle=2.0, redeliver_for=30.0, preview_wait=8.0,
                          double=2, drain_for=30.0, stream_limit=90.0, log_dir=logs)


async def test_a_killed_replica_and_a_redis_stop_lose_nothing(tmp_path: Path) -> None:
    missing = missing_binaries()
    if missing:
        reason = f"the fault suite runs its own PostgreSQL and Redis; this machine lacks {', '.join(missing)}"
        if IN_CI:
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    report = await asyncio.wait_for(faults.run(short_run(tmp_path / "logs")), 180)
    explained = f"{json.dumps(report)}\n(app logs in {tmp_path / 'logs'})"
    assert report["updates_given_up"] == 0, explained
    assert (report["entries_lost"], report["entries_duplicated"], report["replies_lost"]) == (0, 0, 0), explained
    assert report["notices_lost"] == 0, explained
    twice = report["concurrent_duplicates"]
    assert (twice["entries_duplicated"], twice["replies_repeated"], twice["replies_lost"]) == (0, 0, 0), explained


# The accounting itself, on made-up Bot API calls: each story is held against what reached "Telegram".

@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int = 200


@dataclass
class Calls:
    made: list[Call] = field(default_factory=list)

    def preview(self, chat: int, tag: int) -> Calls:
        buttons = [{"text": "Save", "callback_data": f"key{tag}.0"}, {"text": "Cancel", "callback_data": f"key{tag}.1"}]
        text = f"<b>Expense</b>\nWhat: <b>lunch r{tag}</b>"
        self.made.append(Call("sendMessage", {"chat_id": str(chat), "text": text,
                                              "reply_markup": {"inline_keyboard": [buttons]}}))
        return self

    def saved(self, chat: int, tag: int) -> Calls:
        self.made.append(Call("editMessageText", {"chat_id": str(chat), "message_id": 1,
                                                  "text": f"✓ Saved expense ৳1,001.00 — lunch r{tag} (food)."}))
        return self

    def answer(self, tag: int, alert: bool = False) -> Calls:
        self.made.append(Call("answerCallbackQuery", {"callback_query_id": f"cb{tag}", "show_alert": alert}))
        return self

    def notice(self, chat: int, tag: int) -> Calls:
        self.made.append(Call("sendMessage", {"chat_id": str(chat), "text": f"A added you to taxi r{tag}: your share"}))
        return self


def story(n: int, person: int, other: int | None = None, saved: bool = True) -> faults.Story:
    chat = {"id": -100, "type": "group"} if other else {"id": person, "type": "private"}
    return faults.Story(n, faults.Person(person), chat, faults.Person(other) if other else None, record_acked=True,
                        save_acked=saved or None, callback_id=f"cb{n}", record_update=2 * n, save_update=2 * n + 1)


def test_accounting_matches_each_reply_and_entry_to_its_story() -> None:
    calls = Calls()
    calls.preview(1, 1).answer(1).saved(1, 1)  # all well
    calls.preview(2, 2).preview(2, 2).answer(2)  # preview twice, saved reply missing, entry twice
    calls.saved(3, 2)  # a saved reply for r2 in someone else's chat does not count
    calls.preview(-100, 4).answer(4).saved(-100, 4).notice(5, 4).notice(5, 4)
    calls.preview(6, 6).answer(6, alert=True)  # Save refused with a pop-up (its button was forgotten)
    calls.made.append(Call("sendMessage", {"chat_id": "7", "text": "lunch r7"}, status=400))  # refused by the API
    stories = [story(1, 1), story(2, 2), story(3, 3, saved=False), story(4, 4, other=5), story(6, 6),
               story(7, 7, saved=False)]
    replies = faults.Replies(calls.made)
    replies.refresh()

    figures, lost = faults.account(stories, replies, Counter({1: 1, 2: 2, 4: 1}), Counter({3: 1}))

    assert {k: v for k, v in figures.items() if v} == {
        "updates": 10, "saves_acked": 4, "entries_duplicated": 1, "replies_lost": 3, "replies_repeated": 1,
        "previews_lost": 2, "previews_repeated": 1, "previews_waiting_in_outbox": 1, "saved_replies_lost": 1,
        "saves_refused": 1, "notices_expected": 1, "notices_repeated": 1}
    assert sorted(lost) == [("previews_lost", 6), ("previews_lost", 14), ("saved_replies_lost", 5)]


def test_losses_are_put_down_to_the_fault_around_their_first_failed_delivery() -> None:
    windows = [faults.Window("kill_replica", 10.0, 12.0), faults.Window("redis_stop", 20.0, 23.0)]
    attempts = [faults.Attempt(11.0, 502, 1), faults.Attempt(11.5, 200, 1), faults.Attempt(21.0, 200, 2),
                faults.Attempt(40.0, 200, 3), faults.Attempt(5.0, 200, 4)]
    lost = [("previews_lost", 1), ("entries_lost", 2), ("entries_lost", 3), ("previews_lost", 4)]

    found = faults.blame(lost, attempts, windows, 2.0)

    assert found == {"kill_replica": {"previews_lost": 1}, "redis_stop": {"entries_lost": 1},
                     "after_redis_stop": {"entries_lost": 1}, "before_faults": {"previews_lost": 1}}

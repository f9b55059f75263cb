"""Fault figures: record + Save updates and split notices through three replicas while one is killed (-9) and
PostgreSQL and Redis are stopped; updates redelivered as Telegram does; one JSON line of what was lost or repeated."""
from __future__ import annotations

import asyncio
import contextlib
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench.cluster import ROOT, SECRET, SECRET_HEADER, Cluster, ClusterOptions, running_cluster

BOT = "switchboard_bot"  # the fake Bot API's username
TAG = re.compile(r"(?<!\w)r(\d+)(?!\w)")  # every story's description carries "r<n>": its replies and entry say it


@dataclass
class Options:
    updates: int = 6000  # two per story: the message, then the press of its Save button
    people: int = 100
    groups: int = 3
    group_every: int = 4  # every fourth story is a split in a group, which notifies the other person
    rate: float | None = None  # updates per second offered; None: spread the stream over the fault schedule
    concurrency: int = 64  # stories in flight at once
    kills: int = 3  # kill -9 of the replica with the most requests in flight, restarted after `restart_after`
    restart_after: float = 2.0
    kill_burst: int = 24  # stories started at once just before each kill, so that it cuts several requests
    pg_down: float = 10.0  # 0: no PostgreSQL stop
    redis_down: float = 10.0  # 0: no Redis stop
    lead_in: float = 3.0  # seconds of traffic before the first fault
    settle: float = 5.0  # seconds of traffic after each fault before the next one
    redeliver_for: float = 120.0  # Telegram gives up on an update after this (it really keeps trying ~a day)
    preview_wait: float = 20.0  # how long a person waits for the preview before giving up on pressing Save
    double: int = 5  # stories whose updates go to two replicas at once
    drain_for: float = 180.0
    stream_limit: float = 900.0
    source: Path = ROOT
    log_dir: Path | None = None
    explain: bool = False  # one line per loss on stderr: the story, its updates' answers


def quick() -> Options:
    """A short run: 200 updates, 3 s outages."""
    return Options(updates=200, people=20, concurrency=16, kills=1, restart_after=1.0, kill_burst=12, pg_down=3.0,
                   redis_down=3.0, lead_in=2.0, settle=3.0, redeliver_for=60.0, preview_wait=10.0, double=3,
                   drain_for=60.0, stream_limit=300.0)


def planned_seconds(options: Options) -> float:
    """How long the fault schedule should take (a restart takes 3-10 s here): the stream is spread over it."""
    faults = [options.restart_after + 6.0] * options.kills + [d + 1.0 for d in (options.pg_down, options.redis_down)
                                                             if d > 0]
    return options.lead_in + sum(f + options.settle for f in faults)


@dataclass(frozen=True)
class Person:
    id: int

    @property
    def username(self) -> str:
        return f"fu{self.id}"

    def user(self) -> dict[str, Any]:
        return {"id": self.id, "is_bot": False, "first_name": f"Faults {self.id}", "username": self.username}

    def chat(self) -> dict[str, Any]:
        return {"id": self.id, "type": "private", "first_name": f"Faults {self.id}", "username": self.username}


@dataclass
class Story:
    """One person's record (or group split) and the press of its Save button; `n` tags everything it causes."""

    n: int
    person: Person
    chat: dict[str, Any]
    other: Person | None = None  # the other person of a group split
    double: bool = False  # each update sent to two replicas at once
    record_acked: bool | None = None  # None: not sent
    save_acked: bool | None = None
    callback_id: str = ""
    record_update: int = 0
    save_update: int = 0

    @property
    def text(self) -> str:
        if self.other is None:
            return f"spent {1000 + self.n} tk on lunch r{self.n}"
        return f"@{BOT} split {1000 + self.n} taxi r{self.n} with @{self.other.username}"

    @property
    def chat_id(self) -> str:
        return str(self.chat["id"])


class Updates:
    """Telegram Update objects with increasing ids."""

    def __init__(self) -> None:
        self._update, self._message = 1, 1

    def message(self, person: Person, chat: dict[str, Any], text_: str) -> dict[str, Any]:
        self._update += 1
        self._message += 1
        entities = [{"type": "mention", "offset": m.start(), "length": len(m.group())}
                    for m in re.finditer(r"@\w{3,32}", text_)]
        message = {"message_id": self._message, "date": int(time.time()), "chat": chat, "from": person.user(),
                   "text": text_, **({"entities": entities} if entities else {})}
        return {"update_id": self._update, "message": message}

    def press(self, story: Story, data: str) -> dict[str, Any]:
        self._update += 1
        story.callback_id = f"cb{story.n}"
        message = {"message_id": 500_000 + story.n, "date": int(time.time()), "chat": story.chat,
                   "from": {"id": 123456, "is_bot": True, "first_name": "Switchboard", "username": BOT},
                   "text": "preview"}
        return {"update_id": self._update, "callback_query": {
            "id": story.callback_id, "from": story.person.user(), "chat_instance": f"ci{story.chat_id}",
            "data": data, "message": message}}


@dataclass(frozen=True)
class Attempt:
    at: float  # when the answer (or the error) came, time.monotonic()
    status: int  # 0: no HTTP answer (connection error, timeout)
    update_id: int
    sent: float = 0.0  # when it was posted

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class Sender:
    """Posts updates as Telegram does: anything but a 2xx is delivered again, with backoff, until a time limit."""

    def __init__(self, http: aiohttp.ClientSession, url: str, redeliver_for: float) -> None:
        self.http, self.url, self.redeliver_for = http, url, redeliver_for
        self.attempts: list[Attempt] = []

    async def deliver(self, update: dict[str, Any], url: str | None = None) -> bool:
        deadline, pause = time.monotonic() + self.redeliver_for, 0.25
        for _ in range(1000):
            sent = time.monotonic()
            status = await self._post(update, url or self.url)
            self.attempts.append(Attempt(time.monotonic(), status, update["update_id"], sent))
            if 200 <= status < 300:
                return True
            if time.monotonic() + pause > deadline:
                return False
            await asyncio.sleep(pause)
            pause = min(pause * 2, 4.0)
        return False

    async def _post(self, update: dict[str, Any], url: str) -> int:
        try:
            async with self.http.post(url, json=update, headers={SECRET_HEADER: SECRET},
                                      timeout=aiohttp.ClientTimeout(total=30)) as response:
                await response.read()
                return response.status
        except (aiohttp.ClientError, TimeoutError):
            return 0


@dataclass
class Replies:
    """What reached the fake Bot API, by story tag: previews (with the Save key), saved answers, split notices."""

    calls: list[Any]
    previews: defaultdict[int, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    saved: defaultdict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    notices: defaultdict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    answers: defaultdict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    apologies: int = 0  # "Sorry, something went wrong" (a turn that failed and was answered 200 anyway)
    _seen: int = 0

    def refresh(self) -> int:
        """Index calls made since the last refresh; how many there are in all."""
        calls = self.calls
        for call in calls[self._seen:]:
            if call.status != 200:
                continue
            params = call.params
            if call.method == "answerCallbackQuery":
                self.answers[str(params.get("callback_query_id"))].append(params)
                continue
            if call.method not in ("sendMessage", "editMessageText"):
                continue
            body, chat = str(params.get("text", "")), str(params.get("chat_id"))
            self.apologies += "something went wrong" in body
            markup = params.get("reply_markup")
            keys = {b.get("text"): b.get("callback_data") for row in markup.get("inline_keyboard", []) for b in row} \
                if isinstance(markup, dict) else {}
            for tag in {int(found) for found in TAG.findall(body)}:
                if keys.get("Save"):
                    self.previews[tag].append((chat, str(keys["Save"])))
                elif "added you to" in body:
                    self.notices[tag].append(chat)
                elif "Saved" in body:
                    self.saved[tag].append(chat)
        self._seen = len(calls)
        return self._seen

    async def save_key(self, story: Story, within: float) -> str | None:
        """The Save button's callback_data of the story's preview, once it reached the chat."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            self.refresh()
            for chat, key in self.previews[story.n]:
                if chat == story.chat_id:
                    return key
            await asyncio.sleep(0.05)
        return None

    def refusal(self, story: Story) -> str | None:
        """The pop-up the Save press was answered with, if any (e.g. its button was forgotten with Redis' data)."""
        return next((str(a.get("text", "")) for a in self.answers[story.callback_id]
                     if str(a.get("show_alert")).lower() == "true"), None)


@dataclass
class Window:
    name: str
    start: float = 0.0
    end: float = 0.0
    detail: dict[str, Any] = field(default_factory=dict)


class Run:
    """One benchmark run on a running cluster."""

    def __init__(self, cluster: Cluster, options: Options, http: aiohttp.ClientSession) -> None:
        self.cluster, self.options = cluster, options
        self.sender = Sender(http, cluster.webhook_url, options.redeliver_for)
        self.replies = Replies(cluster.api.calls)
        self.updates = Updates()
        self.people = [Person(70_001 + i) for i in range(options.people)]
        self.groups = [{"id": -1_009_000 - g, "type": "supergroup", "title": f"Faults {g}"}
                       for g in range(options.groups)]
        self.stories: list[Story] = []
        self.windows: list[Window] = []
        self.bursts: list[asyncio.Task[None]] = []
        self._locks = {person.id: asyncio.Lock() for person in self.people}

    def story(self, n: int, double: bool = False) -> Story:
        person = self.people[n % len(self.people)]
        if self.groups and n % self.options.group_every == self.options.group_every - 1:
            other = self.people[(n + 1) % len(self.people)]
            return Story(n, person, self.groups[n % len(self.groups)], other, double)
        return Story(n, person, person.chat(), None, double)

    async def warm_up(self) -> None:
        """Everyone says hi in private first, so they can be told about splits (not counted, must all pass)."""
        sender = Sender(self.sender.http, self.sender.url, 60)
        done = await asyncio.gather(*(sender.deliver(self.updates.message(p, p.chat(), "hi")) for p in self.people))
        if not all(done):
            raise RuntimeError("the cluster did not answer the warm-up")

    async def play(self, story: Story) -> None:
        deliver: Callable[[dict[str, Any], int], Awaitable[bool]] = self._twice if story.double else \
            (lambda update, _: self.sender.deliver(update))
        async with self._locks[story.person.id]:  # a person waits for the bot before writing again
            record = self.updates.message(story.person, story.chat, story.text)
            story.record_update = record["update_id"]
            story.record_acked = await deliver(record, 0)
            if not story.record_acked:
                return
            key = await self.replies.save_key(story, self.options.preview_wait)
            if key is not None:
                press = self.updates.press(story, key)
                story.save_update = press["update_id"]
                story.save_acked = await deliver(press, 1)

    async def _twice(self, update: dict[str, Any], first: int) -> bool:
        """The same update to two replicas at the same moment (a retry racing the original)."""
        count = len(self.cluster.replicas)
        urls = [self.cluster.replica_webhook(first % count), self.cluster.replica_webhook((first + 1) % count)]
        return any(await asyncio.gather(*(self.sender.deliver(update, url) for url in urls)))

    async def stream(self) -> None:
        total = self.options.updates // 2
        gate = asyncio.Semaphore(self.options.concurrency)
        tasks: list[asyncio.Task[None]] = []
        rate = self.options.rate or min(100.0, self.options.updates / planned_seconds(self.options))
        gap, begin = 2 / rate, time.monotonic()

        async def one(story: Story) -> None:
            try:
                await self.play(story)
            finally:
                gate.release()

        try:
            for n in range(total):
                await gate.acquire()
                await asyncio.sleep(max(0.0, begin + n * gap - time.monotonic()))
                story = self.story(n)
                self.stories.append(story)
                tasks.append(asyncio.create_task(one(story)))
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()

    async def faults(self) -> None:
        """The faults one after another while the stream runs, each followed by `settle` seconds of traffic."""
        plan: list[tuple[str, Callable[[Window], Awaitable[str]]]] = [
            (f"kill_replica_{k + 1}" if self.options.kills > 1 else "kill_replica", self._kill)
            for k in range(self.options.kills)]
        if self.options.pg_down > 0:
            plan.append(("postgres_stop", self._postgres))
        if self.options.redis_down > 0:
            plan.append(("redis_stop", self._redis))
        await asyncio.sleep(self.options.lead_in)
        for name, fault in plan:
            window = Window(name)
            self.windows.append(window)
            probe_url = await fault(window)
            window.detail["recover_s"] = await self._probe(probe_url, window.end)
            await asyncio.sleep(max(0.0, window.end + self.options.settle - time.monotonic()))

    async def _probe(self, url: str, since: float) -> float | None:
        """Seconds from `since` to the first 2xx for a fresh "hi" (at most 60 s of tries)."""
        prober = Person(79_999)
        for _ in range(300):
            if 200 <= await self.sender._post(self.updates.message(prober, prober.chat(), "hi"), url) < 300:
                return round(time.monotonic() - since, 2)
            await asyncio.sleep(0.2)
        return None

    def burst(self, count: int) -> None:
        """Start `count` more stories at once, beside the paced stream (counted like the others)."""
        first = 20_000 + len(self.bursts)
        for n in range(first, first + count):
            story = self.story(n)
            self.stories.append(story)
            self.bursts.append(asyncio.create_task(self.play(story)))

    async def _kill(self, window: Window) -> str:
        self.burst(self.options.kill_burst)
        in_flight = self.cluster.proxy.in_flight
        for wanted in (3, 1):  # wait (a few seconds at most) until some replica has requests to cut
            for _ in range(1000):
                if max(in_flight) >= wanted:
                    break
                await asyncio.sleep(0.002)
        index = max(range(len(in_flight)), key=lambda i: in_flight[i])
        await asyncio.sleep(random.uniform(0.005, 0.04))  # into their turns: past reading, before committing
        window.detail = {"replica": index, "in_flight_at_kill": in_flight[index]}
        window.start = time.monotonic()
        self.cluster.kill_replica(index)
        await asyncio.sleep(self.options.restart_after)
        await self.cluster.restart_replica(index)
        window.end = time.monotonic()
        return self.cluster.replica_webhook(index)  # recovery is the restarted replica answering

    async def _postgres(self, window: Window) -> str:
        window.start = time.monotonic()
        await self.cluster.stop_postgres()
        await asyncio.sleep(self.options.pg_down)
        await self.cluster.start_postgres()
        window.end = time.monotonic()
        return self.cluster.webhook_url

    async def _redis(self, window: Window) -> str:
        window.start = time.monotonic()
        await self.cluster.stop_redis()
        await asyncio.sleep(self.options.redis_down)
        await self.cluster.start_redis()
        window.end = time.monotonic()
        return self.cluster.webhook_url

    async def concurrent_duplicates(self) -> list[Story]:
        """A few stories whose every update is delivered to two replicas at once."""
        stories = [self.story(10_000 + i, double=True) for i in range(self.options.double)]
        stories = [replace(s, other=None, chat=s.person.chat()) if s.other else s for s in stories]
        await asyncio.gather(*(self.play(story) for story in stories))
        return stories

    async def drain(self) -> dict[str, int]:
        """Until the outbox is empty and the fake Bot API quiet for 2 s (bounded); the outbox by status."""
        engine = create_async_engine(self.cluster.database_url)
        deadline = time.monotonic() + self.options.drain_for
        counts: dict[str, int] = {}
        quiet_since, seen = time.monotonic(), -1
        try:
            while time.monotonic() < deadline:
                with contextlib.suppress(Exception):
                    async with engine.connect() as conn:
                        rows = await conn.execute(text("SELECT status, count(*) FROM outbox GROUP BY status"))
                        counts = {str(status): int(n) for status, n in rows}
                calls = self.replies.refresh()
                if calls != seen:
                    quiet_since, seen = time.monotonic(), calls
                busy = counts.get("pending", 0) + counts.get("sending", 0)
                if not busy and time.monotonic() - quiet_since >= 2:
                    break
                await asyncio.sleep(0.25)
        finally:
            await engine.dispose()
        return counts

    async def entries_by_tag(self) -> tuple[Counter[int], Counter[int]]:
        """(entries per story tag, outbox messages per story tag still waiting to be sent)."""
        engine = create_async_engine(self.cluster.database_url)
        entries: Counter[int] = Counter()
        waiting: Counter[int] = Counter()
        try:
            async with engine.connect() as conn:
                for (description,) in await conn.execute(text("SELECT description FROM entries")):
                    entries.update(int(tag) for tag in TAG.findall(description))
                for (payload,) in await conn.execute(text(
                        "SELECT CAST(payload AS TEXT) FROM outbox WHERE status IN ('pending', 'sending')")):
                    waiting.update(int(tag) for tag in set(TAG.findall(payload)))
        finally:
            await engine.dispose()
        return entries, waiting


Lost = list[tuple[str, int]]  # (what, the update that should have caused it)


def account(stories: list[Story], replies: Replies, entries: Counter[int],
            waiting: Counter[int]) -> tuple[dict[str, int], Lost]:
    """Per story: what was acknowledged, against the previews, answers, entries and notices that exist."""
    c: Counter[str] = Counter()
    lost: Lost = []
    for story in stories:
        n, previews = story.n, [chat for chat, _ in replies.previews[story.n] if chat == story.chat_id]
        saved = [chat for chat in replies.saved[n] if chat == story.chat_id]
        c["updates"] += (story.record_acked is not None) + (story.save_acked is not None)
        c["updates_given_up"] += (story.record_acked is False) + (story.save_acked is False)
        c["entries_duplicated"] += max(0, entries[n] - 1)
        if story.record_acked:
            c["previews_repeated"] += max(0, len(previews) - 1)
            c["previews_waiting_in_outbox"] += not previews and waiting[n] > 0
            c["saves_not_pressed"] += story.save_acked is None and bool(previews)  # the preview came too late
            if not previews:
                lost.append(("previews_lost", story.record_update))
        if story.save_acked:
            refused = replies.refusal(story) is not None
            c["saves_acked"] += 1
            c["saves_refused"] += entries[n] == 0 and refused
            c["saved_replies_repeated"] += max(0, len(saved) - 1)
            c["callback_answers_missing"] += not replies.answers[story.callback_id]
            if entries[n] == 0 and not refused:
                lost.append(("entries_lost", story.save_update))
            if not saved and not refused:
                lost.append(("saved_replies_lost", story.save_update))
        elif entries[n]:
            c["entries_unacknowledged"] += 1  # written, but the sender never heard a 2xx: allowed
        if story.other is not None and entries[n]:
            notices = [chat for chat in replies.notices[n] if chat == str(story.other.id)]
            c["notices_expected"] += 1
            c["notices_repeated"] += max(0, len(notices) - 1)
            if not notices:
                lost.append(("notices_lost", story.save_update))
    c.update(what for what, _ in lost)
    c["replies_lost"] = c["previews_lost"] + c["saved_replies_lost"]
    c["replies_repeated"] = c["previews_repeated"] + c["saved_replies_repeated"]
    keys = ("updates", "updates_given_up", "saves_acked", "entries_lost", "entries_duplicated", "replies_lost",
            "replies_repeated", "previews_lost", "previews_repeated", "previews_waiting_in_outbox",
            "saved_replies_lost", "saved_replies_repeated", "callback_answers_missing", "saves_refused",
            "saves_not_pressed", "entries_unacknowledged", "notices_expected", "notices_lost", "notices_repeated")
    return {key: c[key] for key in keys}, lost


def blame(lost: Lost, attempts: list[Attempt], windows: list[Window], settle: float) -> dict[str, dict[str, int]]:
    """Which fault each loss belongs to: the one around its update's first failed delivery (or its 2xx), from
    its start to `settle` seconds after its end; later ones are `after_<fault>`, earlier ones `before_faults`."""
    acked: dict[int, float] = {}
    failed: dict[int, float] = {}
    for attempt in attempts:
        (acked if attempt.ok else failed).setdefault(attempt.update_id, attempt.at)
    found: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for what, update_id in lost:
        at = failed.get(update_id, acked.get(update_id, 0.0))
        name = next((w.name for w in windows if w.start <= at <= w.end + settle), None) or next(
            (f"after_{w.name}" for w in reversed(windows) if w.start <= at), "before_faults")
        found[name][what] += 1
    return {name: dict(counts) for name, counts in found.items()}


def explain(lost: Lost, stories: list[Story], attempts: list[Attempt]) -> None:
    """Each loss on stderr: what, the story's text and chat, and every answer its update got."""
    by_update = {u: story for story in stories for u in (story.record_update, story.save_update)}
    answers: defaultdict[int, list[str]] = defaultdict(list)
    for a in attempts:
        answers[a.update_id].append(f"{a.status}@{a.at:.2f}")
    for what, update_id in lost:
        story = by_update[update_id]
        print(f"{what}: update {update_id} r{story.n}{' (sent twice)' if story.double else ''} chat {story.chat_id} "
              f"{story.text!r} answers {' '.join(answers[update_id])}", file=sys.stderr)


def recovery(windows: list[Window], attempts: list[Attempt], stream_end: float) -> dict[str, dict[str, Any]]:
    """Per fault: non-2xx answers in the stream from its start until the next fault, `recover_s` (its end to the
    first 2xx for a fresh update, probed) and `errors_until_s` (its end to the last non-2xx of an update sent
    after it)."""
    figures: dict[str, dict[str, Any]] = {}
    for index, window in enumerate(windows):
        until = windows[index + 1].start if index + 1 < len(windows) else max(stream_end, window.end)
        inside = [a for a in attempts if window.start <= a.at <= until]
        late = [a.at for a in inside if not a.ok and a.sent >= window.end]
        last_bad = max(late, default=None)
        figures[window.name] = {
            "down_s": round(window.end - window.start, 2), **window.detail,
            "non_2xx": sum(not a.ok for a in inside), "non_2xx_after_end": len(late),
            "errors_until_s": round(last_bad - window.end, 2) if last_bad is not None else 0.0}
    return figures


async def run(options: Options) -> dict[str, Any]:
    """Start a cluster, play the stream under faults, then the concurrent duplicates; the figures."""
    begun = time.monotonic()
    cluster_options = ClusterOptions(source=options.source, log_dir=options.log_dir)
    async with running_cluster(cluster_options) as cluster, aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=256)) as http:
        bench = Run(cluster, options, http)
        await bench.warm_up()
        faults = asyncio.create_task(bench.faults())
        try:
            await asyncio.wait_for(bench.stream(), options.stream_limit)
            timed_out = False
        except TimeoutError:
            timed_out = True  # stories still running are counted as far as they got
        finally:
            stream_end = time.monotonic()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(faults), 120)
            faults.cancel()
        if faults.done() and not faults.cancelled() and faults.exception() is not None:
            raise RuntimeError("a fault could not be injected or lifted") from faults.exception()
        with contextlib.suppress(TimeoutError):  # each story is bounded; this bounds them all together
            await asyncio.wait_for(asyncio.gather(*bench.bursts), 2 * options.redeliver_for + options.preview_wait)
        doubled = await bench.concurrent_duplicates() if options.double else []
        outbox = await bench.drain()
        bench.replies.refresh()
        entries, waiting = await bench.entries_by_tag()
        attempts = bench.sender.attempts
        by_status = Counter(str(a.status or "no_answer") for a in attempts if not a.ok)
        figures, lost = account(bench.stories, bench.replies, entries, waiting)
        if options.explain:
            explain(lost, bench.stories, attempts)
        twice, twice_lost = account(doubled, bench.replies, entries, waiting)
        if options.explain:
            explain(twice_lost, doubled, attempts)
        refusals = Counter(why for why in map(bench.replies.refusal, bench.stories) if why is not None)
        return {
            "bench": "faults", "source": str(options.source), "replicas": len(cluster.replicas),
            "stories": len(bench.stories), "stream_timed_out": timed_out, **figures,
            "deliveries": len(attempts), "non_2xx": sum(by_status.values()), "non_2xx_by_status": dict(by_status),
            "faults": recovery(bench.windows, attempts, stream_end),
            "lost_during": blame(lost, attempts, bench.windows, options.settle), "saves_refused_with": dict(refusals),
            "error_apologies": bench.replies.apologies,
            "concurrent_duplicates": {"stories": len(doubled), **{k: v for k, v in twice.items() if v or k in (
                "entries_lost", "entries_duplicated", "replies_lost", "replies_repeated")}},
            "outbox": outbox, "spec_violations": len(cluster.api.violations),
            "seconds": round(time.monotonic() - begun, 1)}


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--updates", type=int, help="updates in the stream (two per story)")
    parser.add_argument("--quick", action="store_true", help="a short stream with 3 s outages")
    parser.add_argument("--source", type=Path, help="run the app from this source tree (e.g. a git archive)")
    parser.add_argument("--logs", type=Path, help="keep the app processes' logs in this directory")
    parser.add_argument("--kills", type=int, help="kill -9 of a replica this many times")
    parser.add_argument("--pg-down", type=float, help="seconds PostgreSQL stays stopped (0: not stopped)")
    parser.add_argument("--redis-down", type=float, help="seconds Redis stays stopped (0: not stopped)")
    parser.add_argument("--rate", type=float, help="updates per second (default: spread over the faults)")
    parser.add_argument("--explain", action="store_true", help="print each loss on stderr")
    args = parser.parse_args()
    options = quick() if args.quick else Options()
    for name in ("updates", "kills", "pg_down", "redis_down", "rate"):
        if getattr(args, name) is not None:
            setattr(options, name, getattr(args, name))
    options.explain = args.explain
    if args.source:
        options.source = args.source.resolve()
    options.log_dir = args.logs.resolve() if args.logs else None
    from app.runtime import run as run_loop

    print(json.dumps(run_loop(run(options))))


if __name__ == "__main__":
    main()

"""Alerts as records: raised once per live key, fanned out to a topic's subscribers through the outbox, acted on
(Ack / Snooze / Resolve) from any copy with every copy updated, escalated when nobody acknowledges in time."""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, bindparam, case, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from core.db import engine_of
from core.errors import BadInput, NotAllowed, NotFound
from core.models import Alert, AlertEvent, OutboxMessage
from core.services.alert_cards import SEVERITIES, AlertView, alert_message, state_line
from core.services.outbox import Outbox
from core.services.subscriptions import Subscriptions, checked_topic

log = logging.getLogger(__name__)
_alerts = cast(Table, Alert.__table__)
_events = cast(Table, AlertEvent.__table__)
MAX_FACTS = 30
# which states each action may start from; anything else leaves the alert as it is
ALLOWED_FROM = {"ack": ("open", "snoozed"), "snooze": ("open", "acknowledged", "snoozed"),
                "resolve": ("open", "acknowledged", "snoozed")}
NEW_STATE = {"ack": "acknowledged", "snooze": "snoozed", "resolve": "resolved"}
LIVE = ("open", "acknowledged", "snoozed")  # a "notice" (an alert with nothing to do, e.g. a budget) is never live
# built once: a re-raise is the push API's commonest request, and building the statement cost as much as running it
RE_RAISE = (update(_alerts).where(_alerts.c.topic == bindparam("wanted_topic"),
                                  _alerts.c.dedup_key == bindparam("wanted_key"), _alerts.c.state.in_(LIVE))
            .values(title=bindparam("title"), text=bindparam("text"),
                    facts=bindparam("facts", type_=_alerts.c.facts.type), severity=bindparam("severity"),
                    raised_count=_alerts.c.raised_count + 1, last_raised_at=bindparam("last_raised_at"),
                    version=_alerts.c.version + 1)
            .returning(*_alerts.c))


@dataclass(frozen=True, slots=True)
class AlertRequest:
    """An alert to raise, checked on creation (`BadInput` says what is wrong). `targets` are conversations told
    besides the topic's subscribers; with `once`, a key that was ever raised is not raised again."""

    topic: str
    title: str
    text: str = ""
    severity: str = "warning"
    key: str | None = None
    facts: tuple[tuple[str, str], ...] = ()
    source: str = "api"
    actionable: bool = True
    targets: tuple[tuple[str, str], ...] = field(default=())
    once: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "topic", checked_topic(self.topic))
        if not self.title.strip() or len(self.title) > 200:
            raise BadInput("title must be 1 to 200 characters")
        if len(self.text) > 4000:
            raise BadInput("text must be at most 4,000 characters")
        if self.severity not in SEVERITIES:
            raise BadInput(f"severity must be one of {', '.join(SEVERITIES)}")
        if self.key is not None and not 0 < len(self.key) <= 200:
            raise BadInput("key must be 1 to 200 characters")
        if len(self.facts) > MAX_FACTS or any(len(k) > 200 or len(v) > 1000 for k, v in self.facts):
            raise BadInput(f"facts: at most {MAX_FACTS} pairs, names up to 200 and values up to 1,000 characters")

    @classmethod
    def from_json(cls, body: Any, *, source: str) -> AlertRequest:
        """The push API's body (CONTRACTS: topic, title, text, severity?, key?, facts?: [[name, value]])."""
        if not isinstance(body, dict):
            raise BadInput("the body must be a JSON object")
        for name in ("topic", "title", "text"):
            if not isinstance(body.get(name), str):
                raise BadInput(f"{name!r} is required and must be a string")
        for name in ("severity", "key"):
            if body.get(name) is not None and not isinstance(body[name], str):
                raise BadInput(f"{name!r} must be a string")
        facts = body.get("facts") or []
        pairs = all(isinstance(f, list) and len(f) == 2 and all(isinstance(x, str | int | float) for x in f)
                    for f in facts) if isinstance(facts, list) else False
        if not pairs:
            raise BadInput("'facts' must be a list of [name, value] pairs")
        return cls(body["topic"], body["title"], body["text"], body.get("severity") or "warning", body.get("key"),
                   tuple((str(k), str(v)) for k, v in facts), source=source)


@dataclass(frozen=True, slots=True)
class Raised:
    alert: AlertView
    new: bool
    queued: int


@dataclass(frozen=True, slots=True)
class Acted:
    """The alert after a press; `changed` is False when it was already in (or past) that state."""

    alert: AlertView
    changed: bool
    note: str


class Alerts:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], outbox: Outbox, subscriptions: Subscriptions, *,
                 timezone: str, escalate_after: timedelta, escalation_topic: str,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._sessions = sessions
        self._outbox = outbox
        self._subscriptions = subscriptions
        self.zone = ZoneInfo(timezone)
        self._escalate_after = escalate_after
        self._escalation_topic = escalation_topic
        self._clock = clock
        # a re-raise is one statement, committed as it runs (no BEGIN and COMMIT round trips around it)
        self._autocommit = engine_of(sessions).execution_options(isolation_level="AUTOCOMMIT")
        outbox.before_each_pass(self.refresh_copies)  # re-raised alerts' copies are edited by the delivery worker

    def now(self) -> datetime:
        """The service's clock, in the alerts' time zone ("snooze till 9" is 9 there)."""
        return self._clock().astimezone(self.zone)

    # raising ------------------------------------------------------------------------------------------------

    async def raise_alert(self, request: AlertRequest) -> Raised:
        """Raise in a transaction of its own; a concurrent raise of the same key ends as one alert. A key that is
        live is counted on its alert in one statement (what a noisy source sends many times a second)."""
        if request.key is not None:
            async with self._autocommit.connect() as conn:
                again = await self._again(conn, request, self._clock())
            if again is not None:
                return again
        for attempt in (1, 2):
            try:
                async with engine_of(self._sessions).begin() as conn:
                    return await self.raise_in(conn, request)
            except IntegrityError:  # the same key was raised at the same moment: now it is there to update
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def raise_in(self, conn: AsyncConnection, request: AlertRequest) -> Raised:
        """Raise inside the caller's transaction (monitoring records its cycle and its alerts together). A live
        alert with the same key and topic is updated (text, facts, count, time) instead; a snoozed one silently."""
        now = self._clock()
        if request.key is not None:
            again = await self._again(conn, request, now)
            if again is not None:
                return again
            earlier = await self._ever(conn, request.topic, request.key) if request.once else None
            if earlier is not None:
                return Raised(AlertView.of(earlier), False, 0)
        values = dict(topic=request.topic, dedup_key=request.key, title=request.title, text=request.text,
                      facts=[list(f) for f in request.facts], severity=request.severity,
                      state="open" if request.actionable else "notice",
                      actionable=request.actionable, source=request.source[:128], raised_count=1,
                      first_raised_at=now, last_raised_at=now, state_by=None, state_at=None, snoozed_until=None,
                      escalated_at=None, version=1, shown_version=1)
        alert_id = (await conn.execute(insert(_alerts).values(**values).returning(_alerts.c.id))).scalar_one()
        view = AlertView.of(_Row(id=alert_id, **values))
        await self._event(conn, alert_id, now, "raised", request.source, request.title)
        queued = await self._send_copies(conn, view, request.topic, request.targets)
        return Raised(view, True, queued)

    async def _again(self, conn: AsyncConnection, request: AlertRequest, now: datetime) -> Raised | None:
        """The live alert of the request's key, updated (one statement, which also locks it against a
        concurrent press); None when the key has no live alert. Re-raises are counted on the alert, not logged
        one by one, and its copies are edited by `refresh_copies` (a snoozed alert's when it wakes): a noisy
        source may raise the same key many times a second, and each copy is edited once per delivery pass."""
        row = (await conn.execute(RE_RAISE, {
            "wanted_topic": request.topic, "wanted_key": request.key, "title": request.title, "text": request.text,
            "facts": [list(f) for f in request.facts], "severity": request.severity, "last_raised_at": now})).first()
        return Raised(AlertView.of(row), False, 0) if row is not None else None

    async def refresh_copies(self, batch: int = 25, rounds: int = 20) -> int:
        """Edit every copy of alerts re-raised since their copies were last edited, to show their latest figures;
        run before each delivery pass. A few alerts per transaction, so a re-raise or a press of one of them
        waits for a short one. How many alerts were brought up to date."""
        done = 0
        for _ in range(rounds):  # bounded: a source re-raising faster than this keeps the rest for the next pass
            refreshed = await self._refresh_some(batch)
            done += refreshed
            if refreshed < batch:
                break
        return done

    async def _refresh_some(self, batch: int) -> int:
        now = self._clock()
        async with engine_of(self._sessions).begin() as conn:
            query = (select(_alerts).where(_alerts.c.version > _alerts.c.shown_version, _alerts.c.state.in_(LIVE),
                                           or_(_alerts.c.state != "snoozed", _alerts.c.snoozed_until <= now))
                     .order_by(_alerts.c.last_raised_at).limit(batch))
            if conn.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)  # another replica's worker takes the others
            rows = list(await conn.execute(query))
            for row in rows:
                view = AlertView.of(row)
                await self._outbox.enqueue_edits(conn, view.ref, alert_message(view, self.zone).to_payload())
                await conn.execute(update(_alerts).where(_alerts.c.id == row.id).values(shown_version=row.version))
        return len(rows)

    async def _send_copies(self, conn: AsyncConnection, view: AlertView, topic: str,
                           targets: Sequence[tuple[str, str]] = ()) -> int:
        message = alert_message(view, self.zone)
        queued = await self._subscriptions.publish(conn, topic, [message], ref=view.ref)
        for channel, target in targets:
            await self._outbox.enqueue(conn, channel=channel, target=target, kind=topic, payload=message.to_payload(),
                                       ref=view.ref)
        return queued + len(targets)

    async def resolve_in(self, conn: AsyncConnection, topic: str, key: str, *, by: str) -> AlertView | None:
        """Resolve the live alert of `key` inside the caller's transaction (what raised it reports it is over);
        its copies are edited to say so. None when no alert of that key is live."""
        live = await self._live(conn, topic, key)
        if live is None:
            return None
        now = self._clock()
        await conn.execute(update(_alerts).where(_alerts.c.id == live.id).values(
            state="resolved", state_by=by[:128], state_at=now, snoozed_until=None, version=_alerts.c.version + 1))
        return await self._changed(conn, live.id, now, "resolved", by, "reported over by its source")

    # acting --------------------------------------------------------------------------------------------------

    async def act(self, alert_id: int, action: str, *, by: str, snooze: timedelta | None = None,
                  where: tuple[str, str] | None = None) -> Acted:
        """Ack, snooze or resolve; every copy is then edited to show it. `where` (channel, conversation) is the
        chat the press came from: it must have a copy of the alert (a foreign button changes nothing).
        Concurrent presses serialise on the alert's row and end in one state, which every copy shows."""
        if action not in NEW_STATE:
            raise BadInput(f"unknown alert action {action!r}")
        now = self._clock()
        async with engine_of(self._sessions).begin() as conn:
            current = await self._get(conn, alert_id, missing_ok=True)
            if current is None or (where is not None and not await self._has_copy(conn, alert_id, *where)):
                raise NotFound("That alert is not shown in this chat (or does not exist).")
            if not current.actionable:
                raise NotAllowed("This alert is for information: there is nothing to acknowledge.")
            values: dict[str, Any] = dict(state=NEW_STATE[action], state_by=by[:128], state_at=now,
                                          snoozed_until=now + (snooze or timedelta(hours=1)) if action == "snooze"
                                          else None, version=_alerts.c.version + 1)
            changed = await conn.execute(update(_alerts).where(
                _alerts.c.id == alert_id, _alerts.c.state.in_(ALLOWED_FROM[action])).values(**values))
            if not changed.rowcount:
                view = await self._get(conn, alert_id)
                return Acted(view, False, f"Already {state_line(view, self.zone).lower()}.")
            view = await self._changed(conn, alert_id, now, NEW_STATE[action], by, None)
        return Acted(view, True, f"{state_line(view, self.zone)}.")

    # the sweep: snoozes that ended, escalation ---------------------------------------------------------------

    async def sweep(self, now: datetime | None = None) -> str:
        """Snoozed alerts whose time is up are live again (sent anew, so people are reminded); open critical
        alerts nobody acknowledged within the escalation time go to the escalation topic, once."""
        now = now or self._clock()
        woken = escalated = 0
        async with engine_of(self._sessions).begin() as conn:
            due = await conn.execute(update(_alerts).where(
                _alerts.c.state == "snoozed", _alerts.c.snoozed_until <= now).values(
                state="open", state_by=None, state_at=now, snoozed_until=None, version=_alerts.c.version + 1)
                .returning(_alerts.c.id))
            for alert_id in list(due.scalars()):
                view = await self._changed(conn, alert_id, now, "unsnoozed", "system", "the snooze ended")
                await self._send_copies(conn, view, view.topic)
                woken += 1
            since = or_(_alerts.c.state_at.is_(None), _alerts.c.state_at <= now - self._escalate_after)
            late = await conn.execute(update(_alerts).where(
                _alerts.c.state == "open", _alerts.c.severity == "critical", _alerts.c.escalated_at.is_(None),
                _alerts.c.first_raised_at <= now - self._escalate_after, since)
                .values(escalated_at=now, version=_alerts.c.version + 1).returning(_alerts.c.id))
            for alert_id in list(late.scalars()):
                view = await self._changed(conn, alert_id, now, "escalated", "system", f"to {self._escalation_topic}")
                await self._send_copies(conn, view, self._escalation_topic)
                escalated += 1
        return f"{woken} snoozed alert(s) live again, {escalated} escalated"

    # reading -------------------------------------------------------------------------------------------------

    async def get(self, alert_id: int) -> AlertView | None:
        async with engine_of(self._sessions).connect() as conn:
            return await self._get(conn, alert_id, missing_ok=True)

    async def live(self, limit: int = 20, topic: str | None = None, states: tuple[str, ...] = LIVE, *,
                   severity: str | None = None, matching: tuple[str, ...] = ()) -> list[AlertView]:
        """Open, acknowledged and snoozed alerts (or those of them in `states`; of a topic, a severity, and whose title
        or text holds every word `matching` as a word: "low" is not in "slow"), most severe and newest first (notices
        are never listed)."""
        severity_rank = case({"critical": 3, "warning": 2}, value=_alerts.c.severity, else_=1)
        query = (select(_alerts).where(_alerts.c.state.in_([state for state in states if state in LIVE]))
                 .order_by(severity_rank.desc(), _alerts.c.last_raised_at.desc()).limit(limit))
        if topic is not None:
            query = query.where(_alerts.c.topic == topic)
        if severity is not None:
            query = query.where(_alerts.c.severity == severity)
        for word in matching:  # bound, its LIKE wildcards escaped: a word, never a pattern
            wanted = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.where(or_(_alerts.c.title.ilike(wanted, escape="\\"),
                                    _alerts.c.text.ilike(wanted, escape="\\")))
        async with engine_of(self._sessions).connect() as conn:
            views = [AlertView.of(row) for row in await conn.execute(query)]
        if matching:  # the query found the words inside others too ("old" in "threshold"); whole words only
            words = [re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE) for word in matching]
            views = [view for view in views if all(word.search(f"{view.title} {view.text}") for word in words)]
        return views

    async def copy_at(self, channel: str, target: str, receipt: str) -> int | None:
        """The alert a delivered message (its platform id) is a copy of, for "ack" said in reply to it."""
        async with engine_of(self._sessions).connect() as conn:
            ref = await conn.scalar(select(OutboxMessage.ref).where(
                OutboxMessage.channel == channel, OutboxMessage.target == target, OutboxMessage.receipt == receipt,
                OutboxMessage.ref.like("alert:%")).limit(1))
        return int(ref.split(":", 1)[1]) if ref else None

    async def copies(self, alert_id: int) -> list[tuple[str, str, str, str | None]]:
        """Every copy: (channel, conversation, delivery status, platform message id)."""
        async with engine_of(self._sessions).connect() as conn:
            rows = await conn.execute(select(OutboxMessage.channel, OutboxMessage.target, OutboxMessage.status,
                                             OutboxMessage.receipt).where(
                OutboxMessage.ref == f"alert:{alert_id}", OutboxMessage.edit_of.is_(None)).order_by(OutboxMessage.id))
            return [(r.channel, r.target, r.status, r.receipt) for r in rows]

    async def history(self, alert_id: int) -> list[tuple[datetime, str, str, str]]:
        async with engine_of(self._sessions).connect() as conn:
            rows = await conn.execute(select(_events).where(_events.c.alert_id == alert_id).order_by(_events.c.id))
            return [(r.at, r.action, r.actor, r.detail) for r in rows]

    async def _changed(self, conn: AsyncConnection, alert_id: int, at: datetime, action: str, actor: str,
                       detail: str | None) -> AlertView:
        """After a change of state: the alert as it is now, the change in its history (detail: its state line
        when None), and an edit of every copy to show it."""
        view: AlertView = await self._get(conn, alert_id)
        await self._event(conn, alert_id, at, action, actor, state_line(view, self.zone) if detail is None else detail)
        await self._outbox.enqueue_edits(conn, view.ref, alert_message(view, self.zone).to_payload())
        await conn.execute(update(_alerts).where(_alerts.c.id == alert_id).values(shown_version=view.version))
        return view

    async def _get(self, conn: AsyncConnection, alert_id: int, missing_ok: bool = False) -> Any:
        row = (await conn.execute(select(_alerts).where(_alerts.c.id == alert_id))).first()
        if row is None:
            if missing_ok:
                return None
            raise NotFound(f"There is no alert #{alert_id}.")
        return AlertView.of(row)

    async def _live(self, conn: AsyncConnection, topic: str, key: str) -> Any:
        query = select(_alerts.c.id).where(_alerts.c.topic == topic, _alerts.c.dedup_key == key,
                                           _alerts.c.state.in_(LIVE))
        if conn.dialect.name == "postgresql":
            query = query.with_for_update()
        return (await conn.execute(query)).first()

    async def _ever(self, conn: AsyncConnection, topic: str, key: str) -> Any:
        return (await conn.execute(select(_alerts).where(_alerts.c.topic == topic, _alerts.c.dedup_key == key)
                                   .order_by(_alerts.c.id.desc()).limit(1))).first()

    async def _has_copy(self, conn: AsyncConnection, alert_id: int, channel: str, target: str) -> bool:
        found = await conn.scalar(select(OutboxMessage.id).where(
            OutboxMessage.ref == f"alert:{alert_id}", OutboxMessage.channel == channel,
            OutboxMessage.target == target).limit(1))
        return found is not None

    @staticmethod
    async def _event(conn: AsyncConnection, alert_id: int, at: datetime, action: str, actor: str,
                     detail: str) -> None:
        await conn.execute(insert(_events).values(alert_id=alert_id, at=at, action=action, actor=actor[:128],
                                                  detail=detail[:500]))


class _Row:
    """The values just inserted, read like a result row."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

"""Alerts as people see them: one `OutboundMessage` per state, the same on every channel, with Ack / Snooze /
Resolve buttons whose keys work in every chat that has a copy."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from core.buttons import open_key
from core.outbound import OutboundMessage
from core.replies import Action, Card

SEVERITIES = ("info", "warning", "critical")
STATES = ("open", "acknowledged", "snoozed", "resolved", "notice")
STYLE = {"critical": "attention", "warning": "warning", "info": ""}
ICON = {"critical": "🔴", "warning": "🟠", "info": "🔵"}
SNOOZE_BUTTON_MINUTES = 60


@dataclass(frozen=True, slots=True)
class AlertView:
    """An alert as stored, for rendering and replies."""

    id: int
    topic: str
    key: str | None
    title: str
    text: str
    facts: tuple[tuple[str, str], ...]
    severity: str
    state: str
    actionable: bool
    source: str
    count: int
    first_raised_at: datetime
    last_raised_at: datetime
    state_by: str | None
    state_at: datetime | None
    snoozed_until: datetime | None
    escalated_at: datetime | None
    version: int

    @classmethod
    def of(cls, row: Any) -> AlertView:
        return cls(row.id, row.topic, row.dedup_key, row.title, row.text,
                   tuple((str(k), str(v)) for k, v in row.facts or ()), row.severity, row.state, bool(row.actionable),
                   row.source, row.raised_count, row.first_raised_at, row.last_raised_at, row.state_by, row.state_at,
                   row.snoozed_until, row.escalated_at, row.version)

    @property
    def ref(self) -> str:
        """What names this alert's copies in the outbox."""
        return f"alert:{self.id}"

    @property
    def live(self) -> bool:
        return self.state in ("open", "acknowledged", "snoozed")


def state_line(alert: AlertView, zone: ZoneInfo) -> str:
    """"Open", "Acknowledged by alice at 10:32", "Snoozed by bob until 11:40", "Resolved by carol at 12:05"."""
    if alert.state == "open":
        return "Open"
    by = f" by {alert.state_by}" if alert.state_by else ""
    if alert.state == "snoozed" and alert.snoozed_until is not None:
        return f"Snoozed{by} until {_clock(alert.snoozed_until, zone)}"
    when = f" at {_clock(alert.state_at, zone)}" if alert.state_at else ""
    return f"{alert.state.title()}{by}{when}"


def alert_message(alert: AlertView, zone: ZoneInfo) -> OutboundMessage:
    """The alert's card in its current state; buttons while it is live and actionable."""
    if not alert.actionable:  # a notice: what it says, nothing to track
        return OutboundMessage("card", text=alert.text, title=f"{ICON.get(alert.severity, '')} {alert.title}".strip(),
                               facts=alert.facts, style=STYLE.get(alert.severity, ""), topic=alert.topic)
    facts = [*alert.facts, ("Severity", alert.severity), ("State", state_line(alert, zone))]
    if alert.count > 1:
        facts.append(("Raised", f"{alert.count} times, last at {_clock(alert.last_raised_at, zone)}"))
    if alert.escalated_at is not None:
        facts.append(("Escalated", _clock(alert.escalated_at, zone)))
    facts.append(("Alert", f"#{alert.id} · {alert.topic}"))
    actions = tuple((label, open_key(action_id, alert.id)) for label, action_id in buttons(alert))
    mark = "✅" if alert.state == "resolved" else ICON.get(alert.severity, "")
    followup = f"{mark} {state_line(alert, zone)}: {alert.title} (alert #{alert.id})"
    return OutboundMessage("card", text=alert.text, title=f"{mark} {alert.title}".strip(), facts=tuple(facts),
                           style="good" if alert.state == "resolved" else STYLE.get(alert.severity, ""),
                           actions=actions, followup=followup, topic=alert.topic)


def buttons(alert: AlertView) -> list[tuple[str, str]]:
    """(label, action id) of what can be done to the alert now."""
    if not (alert.actionable and alert.live):
        return []
    ack = [("Ack", "alert_ack")] if alert.state != "acknowledged" else []
    return [*ack, ("Snooze 1 h", "alert_snooze"), ("Resolve", "alert_resolve")]


def alert_card(alert: AlertView, zone: ZoneInfo) -> Card:
    """The alert as a reply in one chat ("open alerts", a press): its buttons are that chat's own, issued by
    the button registry, rather than the open keys its delivered copies carry."""
    card = alert_message(alert, zone).as_card()
    card.actions = [Action(action_id, label, {"arg": str(alert.id)}, shared=True)
                    for label, action_id in buttons(alert)]
    return card


def _clock(at: datetime | None, zone: ZoneInfo) -> str:
    if at is None:
        return ""
    return at.astimezone(zone).strftime("%d %b %H:%M")

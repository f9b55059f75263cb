"""`OutboundMessage`: a proactive message as the outbox stores it, the same for every channel; each notifier
renders it its own way (Telegram HTML, an Adaptive Card, a console line)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.replies import Card, Section, Text


@dataclass(frozen=True, slots=True)
class OutboundMessage:
    """`kind` is "text" or "card"; cards keep their title, facts, sections and urgency (`style`)."""

    kind: str
    text: str = ""
    title: str = ""
    facts: tuple[tuple[str, str], ...] = ()
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    style: str = ""
    topic: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, reply: Card | Text, *, topic: str | None = None) -> OutboundMessage:
        if isinstance(reply, Text):
            return cls("text", text=reply.text, topic=topic)
        return cls("card", text=reply.text, title=reply.title, facts=tuple(reply.facts),
                   sections=tuple((s.title, tuple(s.facts)) for s in reply.sections), style=reply.style, topic=topic)

    def as_card(self) -> Card:
        """The message as a card (a text message becomes a card with only text), for channels that show cards."""
        return Card(self.title, facts=list(self.facts), text=self.text, style=self.style,
                    sections=[Section(title, list(facts)) for title, facts in self.sections])

    def as_text(self) -> str:
        return self.text if self.kind == "text" else self.as_card().as_text()

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.kind == "card":
            payload |= {"title": self.title, "facts": [list(f) for f in self.facts], "style": self.style,
                        "sections": [[title, [list(f) for f in facts]] for title, facts in self.sections]}
        if self.topic:
            payload["topic"] = self.topic
        return payload | self.extra

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> OutboundMessage:
        known = {"kind", "text", "title", "facts", "sections", "style", "topic"}
        return cls(
            kind=str(payload.get("kind", "text")), text=str(payload.get("text", "")),
            title=str(payload.get("title", "")),
            facts=tuple((str(k), str(v)) for k, v in payload.get("facts", [])),
            sections=tuple((str(title), tuple((str(k), str(v)) for k, v in facts))
                           for title, facts in payload.get("sections", [])),
            style=str(payload.get("style", "")), topic=payload.get("topic"),
            extra={k: v for k, v in payload.items() if k not in known})

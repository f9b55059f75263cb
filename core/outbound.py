"""`OutboundMessage`: a proactive message as the outbox stores it, the same for every channel; each notifier
renders it its own way (Telegram HTML, an Adaptive Card, a console line). A message may be meant for a person
(`user_target`) rather than a conversation: each notifier finds how to reach them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.replies import Action, Card, Section, Text

USER_PREFIX = "user:"


def user_target(external_id: str) -> str:
    """The outbox target naming a person by their id on the row's channel, not a conversation."""
    return f"{USER_PREFIX}{external_id}"


def user_of(target: str) -> str | None:
    """The person's id, when `target` names a person."""
    return target.removeprefix(USER_PREFIX) if target.startswith(USER_PREFIX) else None


def reached_at(target: str, payload: dict[str, Any]) -> str:
    """The conversation a row is delivered in, by which the outbox keeps chats it may no longer write to: a
    person's private chat with the bot when they have one (so a blocked chat stops alerts and notices alike),
    otherwise the target itself."""
    private_chat = payload.get("private_chat")
    return private_chat if user_of(target) is not None and isinstance(private_chat, str) else target


@dataclass(frozen=True, slots=True)
class OutboundMessage:
    """`kind` is "text" or "card"; cards keep their title, facts, sections and urgency (`style`). For a message to
    a person, what core knows of where they are: their `private_chat` with the bot, if they have one, and the
    `conversation` the message is about, if the bot can reach its members through it."""

    kind: str
    text: str = ""
    title: str = ""
    facts: tuple[tuple[str, str], ...] = ()
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    style: str = ""
    actions: tuple[tuple[str, str], ...] = ()  # (label, button key): keys any chat's copy may press
    followup: str = ""  # for copies that cannot be edited (webhooks): what an edit says as a new message
    topic: str | None = None
    private_chat: str | None = None
    conversation: str | None = None
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
                    sections=[Section(title, list(facts)) for title, facts in self.sections],
                    actions=[Action(key, label, key=key, shared=True) for label, key in self.actions])

    def as_text(self) -> str:
        return self.text if self.kind == "text" else self.as_card().as_text()

    def as_reply(self) -> Card | Text:
        """The message as the reply a channel renders the way it renders its own replies."""
        return self.as_card() if self.kind == "card" else Text(self.text)

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.kind == "card":
            payload |= {"title": self.title, "facts": [list(f) for f in self.facts], "style": self.style,
                        "sections": [[title, [list(f) for f in facts]] for title, facts in self.sections]}
            if self.actions:
                payload["actions"] = [list(a) for a in self.actions]
        optional = {"topic": self.topic, "private_chat": self.private_chat, "conversation": self.conversation,
                    "followup": self.followup}
        return payload | {key: value for key, value in optional.items() if value} | self.extra

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> OutboundMessage:
        known = {"kind", "text", "title", "facts", "sections", "style", "actions", "followup", "topic", "private_chat",
                 "conversation"}
        return cls(
            kind=str(payload.get("kind", "text")), text=str(payload.get("text", "")),
            title=str(payload.get("title", "")),
            facts=tuple((str(k), str(v)) for k, v in payload.get("facts", [])),
            sections=tuple((str(title), tuple((str(k), str(v)) for k, v in facts))
                           for title, facts in payload.get("sections", [])),
            style=str(payload.get("style", "")),
            actions=tuple((str(label), str(key)) for label, key in payload.get("actions", [])),
            followup=str(payload.get("followup", "")), topic=payload.get("topic"),
            private_chat=payload.get("private_chat"), conversation=payload.get("conversation"),
            extra={k: v for k, v in payload.items() if k not in known})

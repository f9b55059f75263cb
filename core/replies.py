"""Channel-neutral replies: `Text`, `Card` (title, facts, sections, actions), `Document`, `Photo`, and `Action`
buttons."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Action:
    """A button. Its payload stays server-side; channels show only `key`, issued when the reply is sent."""

    id: str
    label: str
    payload: dict[str, Any] = field(default_factory=dict)
    owner: int | None = None
    shared: bool = False  # anyone in the chat may press it (otherwise only the person who asked)
    key: str | None = None


@dataclass(slots=True)
class Section:
    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class Text:
    """Plain text. `replace` asks the channel to edit the message whose button was pressed."""

    text: str
    replace: bool = False
    alert: bool = False  # a refusal of a button press: channels show it as a pop-up where they can
    kind: str = "text"


@dataclass(slots=True)
class Card:
    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    text: str = ""
    replace: bool = False
    kind: str = "card"
    style: str = ""  # "", "good", "warning" or "attention": how urgent the card is; each channel shows it its way

    def as_text(self) -> str:
        """A plain rendering for channels (and logs) that cannot show cards."""
        lines = [self.title]
        if self.text:
            lines.append(self.text)
        lines += [f"{label}: {value}" for label, value in self.facts]
        for section in self.sections:
            lines.append(section.title)
            lines += [f"  {label}: {value}" for label, value in section.facts]
        return "\n".join(lines)


@dataclass(slots=True)
class Document:
    """A file to send (exports)."""

    filename: str
    content: bytes
    mime_type: str
    caption: str = ""
    replace: bool = False
    kind: str = "document"


@dataclass(slots=True)
class Photo:
    """A picture to show in the chat (a PNG chart); channels that cannot show one say `caption` instead."""

    filename: str
    content: bytes
    caption: str = ""
    kind: str = "photo"
    replace: bool = False  # never edits a message in place; here so that every reply answers `replace`


Reply = Text | Card | Document | Photo


def as_list(result: Reply | list[Reply] | None) -> list[Reply]:
    if result is None:
        return []
    return list(result) if isinstance(result, list) else [result]

"""Cards as Adaptive Cards 1.5 for Teams: TextBlock, FactSet, Container/ColumnSet and Action.Execute buttons."""
from __future__ import annotations

import json
import re
from typing import Any

from core.replies import Card, Section

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
MAX_BYTES = 28 * 1024  # Teams refuses larger messages
_MARKDOWN = re.compile(r"([\\`*_~\[\]])")


def plain(text: str) -> str:
    """User text shown as written: Teams' TextBlock markdown must not turn it into formatting or links."""
    escaped = _MARKDOWN.sub(r"\\\1", text)
    return re.sub(r"^(\s*)([-+#>]|\d+\.)(\s)", r"\1\\\2\3", escaped, flags=re.MULTILINE)


def _facts(facts: list[tuple[str, str]]) -> dict[str, Any]:
    return {"type": "FactSet", "facts": [{"title": plain(k), "value": plain(v)} for k, v in facts]}


def _section(section: Section) -> dict[str, Any]:
    rows = [{"type": "ColumnSet", "columns": [
        {"type": "Column", "width": "stretch", "items": [{"type": "TextBlock", "text": plain(k), "wrap": True}]},
        {"type": "Column", "width": "auto", "items": [
            {"type": "TextBlock", "text": plain(v), "wrap": True, "horizontalAlignment": "Right"}]},
    ]} for k, v in section.facts]
    return {"type": "Container", "separator": True, "spacing": "Medium", "items": [
        {"type": "TextBlock", "text": plain(section.title), "weight": "Bolder", "wrap": True}, *rows]}


def adaptive_card(card: Card) -> dict[str, Any]:
    """The card as Adaptive Card JSON, shortened with "…and N more" when it would pass Teams' 28 KB."""
    facts, sections = list(card.facts), list(card.sections)
    dropped = 0
    while True:
        built = _build(card, facts, sections, dropped)
        if len(json.dumps(built, ensure_ascii=False).encode()) <= MAX_BYTES or not (facts or sections):
            return built
        if sections:
            sections.pop()
        else:
            facts.pop()
        dropped += 1


def _build(card: Card, facts: list[tuple[str, str]], sections: list[Section], dropped: int) -> dict[str, Any]:
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": plain(card.title), "weight": "Bolder", "size": "Medium", "wrap": True}]
    if card.text:
        body.append({"type": "TextBlock", "text": plain(card.text), "wrap": True, "isSubtle": True})
    if facts:
        body.append(_facts(facts))
    body += [_section(section) for section in sections]
    if dropped:
        body.append({"type": "TextBlock", "text": f"…and {dropped} more", "isSubtle": True, "wrap": True})
    actions = [{"type": "Action.Execute", "title": a.label, "verb": "press", "data": {"key": a.key}}
               for a in card.actions if a.key]
    if actions:
        body.append({"type": "ActionSet", "actions": actions})
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": "1.5", "body": body}

"""Cards as Adaptive Cards 1.5 for Teams: TextBlock, FactSet, Container/ColumnSet, Action.Execute buttons and,
for long lists of choices, an Input.ChoiceSet with one Execute."""
from __future__ import annotations

import json
import re
from typing import Any

from core.replies import Action, Card, Section

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
MAX_BYTES = 28 * 1024  # Teams refuses larger messages
MAX_BUTTONS = 5  # Teams renders no more actions than its host config's maxActions (5 or 6, by client)
CHOOSE_TITLE = "OK"  # the Execute beside a dropdown
STYLES = ("good", "warning", "attention")  # Card.style values Teams shows (Container styles, TextBlock colours)
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
    title = {"type": "TextBlock", "text": plain(card.title), "weight": "Bolder", "size": "Medium", "wrap": True}
    body: list[dict[str, Any]] = [title]
    if card.text:
        body.append({"type": "TextBlock", "text": plain(card.text), "wrap": True, "isSubtle": True})
    if facts:
        body.append(_facts(facts))
    if card.style in STYLES:  # an urgent card: coloured title, its text and facts on a band of that colour
        title["color"] = card.style.title()
        body[1:] = [{"type": "Container", "style": card.style, "bleed": True, "items": body[1:]}] if body[1:] else []
    body += [_section(section) for section in sections]
    if dropped:
        body.append({"type": "TextBlock", "text": f"…and {dropped} more", "isSubtle": True, "wrap": True})
    body += _actions([a for a in card.actions if a.key])
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": "1.5", "body": body}


def _actions(actions: list[Action]) -> list[dict[str, Any]]:
    """Buttons; with more than Teams shows, each group of actions sharing one id (e.g. the categories to choose
    from) becomes a dropdown whose values are the buttons' own keys, and one Execute that sends the chosen key."""
    if len(actions) <= MAX_BUTTONS:
        return [_button_set(actions)] if actions else []
    groups: dict[str, list[Action]] = {}
    for action in actions:
        groups.setdefault(action.id, []).append(action)
    items: list[dict[str, Any]] = []
    for place, group in enumerate(g for g in groups.values() if len(g) > 1):
        items += _choice_set(f"choice{place + 1}", group)
    buttons = [a for a in actions if len(groups[a.id]) == 1]
    return items + ([_button_set(buttons)] if buttons else [])


def _button_set(actions: list[Action]) -> dict[str, Any]:
    return {"type": "ActionSet", "actions": [
        {"type": "Action.Execute", "title": a.label, "verb": "press", "data": {"key": a.key}} for a in actions]}


def _choice_set(input_id: str, actions: list[Action]) -> list[dict[str, Any]]:
    """The dropdown and its Execute; Teams sends the Execute's data merged with the inputs' values by input id."""
    return [{"type": "Input.ChoiceSet", "id": input_id, "style": "compact", "placeholder": "Choose one",
             "isRequired": True, "errorMessage": "Choose one first.",
             "choices": [{"title": a.label, "value": a.key} for a in actions]},
            {"type": "ActionSet", "actions": [
                {"type": "Action.Execute", "title": CHOOSE_TITLE, "verb": "choose", "data": {"input": input_id}}]}]

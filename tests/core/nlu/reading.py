"""The parsers as the phrasing tests read a message, at a fixed time in Dhaka: the rules alone (`parse`) or the rules
with the classifier (`read`), each its intent and entities."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from app.parsing import intent_classifier
from core.nlu.offline import OfflineParser
from core.nlu.rules import RuleParser

NOW = datetime(2026, 3, 20, 10, tzinfo=UTC)
RULES = RuleParser(bot_names=frozenset({"Switchboard"}))
OFFLINE = OfflineParser(RULES, intent_classifier())


def parse(text: str) -> tuple[str, dict[str, Any]]:
    intent = RULES.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    return intent.name, intent.entities


def read(text: str) -> tuple[str, dict[str, Any]]:
    intent = OFFLINE.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    return intent.name, intent.entities

"""Builds the intent parser a deployment uses (rules; the LLM chain joins when configured)."""
from __future__ import annotations

from core.config import Settings
from core.intents import IntentParser
from core.nlu.categories import Categoriser
from core.nlu.rules import RuleParser


async def make_parser(settings: Settings, *, use_llm: bool = False) -> IntentParser:
    # The OpenAI parser and the rules → LLM chain are the intent-parser issue's work; until then the
    # offline rule parser answers even when --llm is given.
    return RuleParser(categories=Categoriser(settings.category_keywords))

"""The parser chain: rules first; the LLM only when rules are unsure and one is configured."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

from core.intents import Intent
from core.nlu.rules import RuleParser
from core.turn import Mention

# Entities for something written that is not a valid amount, currency or date: the answer is a refusal.
REFUSED = frozenset({"amount_text", "currency_text", "date_text", "date_out_of_range"})


class LlmUnavailable(Exception):
    """The LLM gave no usable answer (timeout, error, malformed or invalid output, quota): keep the rules."""


class LlmParser(Protocol):
    async def parse(self, text: str, *, mentions: list[Mention], now: datetime, tz: str,
                    user_key: str = "") -> Intent: ...


class ParserChain:
    def __init__(self, rules: RuleParser, llm: LlmParser | None = None, threshold: float = 0.7) -> None:
        self.rules = rules
        self.llm = llm
        self.threshold = threshold

    async def parse(self, text: str, *, mentions: list[Mention], now: datetime, tz: str,
                    user_key: str = "") -> Intent:
        ruled = self.rules.parse_sync(text, mentions=mentions, now=now, tz=tz)
        if self.llm is None:
            ruled.reason = "rules (no LLM configured)"
            return ruled
        if ruled.confidence >= self.threshold:
            ruled.reason = f"rules confident ({ruled.confidence:.2f} ≥ {self.threshold:.2f})"
            return ruled
        if refused := REFUSED.intersection(ruled.entities):
            # "31 dec 9999" is refused whoever reads it; a model could only drop it and record today instead
            ruled.reason = f"rules kept: the message has a value to refuse ({', '.join(sorted(refused))})"
            return ruled
        try:
            answer = await self.llm.parse(text, mentions=mentions, now=now, tz=tz, user_key=user_key)
        except LlmUnavailable as why:
            ruled.reason = f"rules kept: LLM {why}"
            return ruled
        if answer.name == "unknown" and ruled.name != "unknown":
            ruled.reason = "rules kept: LLM did not recognise it either"
            return ruled
        return answer

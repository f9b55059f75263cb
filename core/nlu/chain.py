"""The parser chain: rules first; the LLM only when rules are unsure and one is configured."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

from core.intents import Intent
from core.turn import Mention

# Entities for something written that is not a valid amount, currency or date, or only a bound ("more than 500"):
# the answer is a refusal.
# (and "unnamed_payer": "she paid 500 for me" names no one a model could record as the payer; "payer_fix": "rafi
# paid, not me" changes who paid, which no correction does)
REFUSED = frozenset({"amount_text", "currency_text", "date_text", "date_out_of_range", "vague_amount", "unnamed_payer",
                     "payer_fix"})


class LlmUnavailable(Exception):
    """The LLM gave no usable answer (timeout, error, malformed or invalid output, quota): keep the rules."""


class LlmParser(Protocol):
    async def parse(self, text: str, *, mentions: list[Mention], now: datetime, tz: str,
                    user_key: str = "") -> Intent: ...


class OfflineReader(Protocol):
    """The offline first pass (the rules, with the classifier when it is loaded)."""

    def parse_sync(self, text: str, *, mentions: list[Mention], now: datetime, tz: str) -> Intent: ...


class ParserChain:
    def __init__(self, rules: OfflineReader, llm: LlmParser | None = None, threshold: float = 0.7) -> None:
        self.rules = rules
        self.llm = llm
        self.threshold = threshold

    async def parse(self, text: str, *, mentions: list[Mention], now: datetime, tz: str,
                    user_key: str = "") -> Intent:
        ruled = self.rules.parse_sync(text, mentions=mentions, now=now, tz=tz)
        first = ruled.reason or ruled.parser
        if self.llm is None:
            ruled.reason = f"{first}; no LLM configured"
            return ruled
        if ruled.confidence >= self.threshold:
            ruled.reason = f"{first}; confident ({ruled.confidence:.2f} ≥ {self.threshold:.2f}), LLM not asked"
            return ruled
        if refused := REFUSED.intersection(ruled.entities):
            # "31 dec 9999" is refused whoever reads it; a model could only drop it and record today instead
            ruled.reason = f"{first}; kept: the message has a value to refuse ({', '.join(sorted(refused))})"
            return ruled
        try:
            answer = await self.llm.parse(text, mentions=mentions, now=now, tz=tz, user_key=user_key)
        except LlmUnavailable as why:
            ruled.reason = f"{first}; kept: LLM {why}"
            return ruled
        if answer.name == "unknown" and ruled.name != "unknown":
            ruled.reason = f"{first}; kept: LLM did not recognise it either"
            return ruled
        answer.reason = f"{first}; unsure ({ruled.confidence:.2f} < {self.threshold:.2f}), so the LLM decided" + (
            f": {answer.reason}" if answer.reason else "")
        return answer

"""`Intent` (name, confidence, entities) as the parsers produce it, and the `IntentParser` protocol."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from core.turn import Mention

INTENTS: tuple[str, ...] = (
    "record_transaction", "spending_summary", "balances", "settle_up", "undo_last", "export",
    "budget_set", "budget_status", "customer_lookup", "batch_status", "nocs_balance", "rcdc_dashboard",
    "subscribe_alerts", "unsubscribe_alerts", "alerts_list", "alert_update", "run_job", "link_account", "settings",
    "list_entries", "correct_entry", "import_statement",
    "help", "smalltalk", "unknown",
)
# intents of what a turn carries rather than what its text says (a file sent): never a parser's answer
CHANNEL_INTENTS = frozenset({"import_statement"})
PARSER_INTENTS: tuple[str, ...] = tuple(name for name in INTENTS if name not in CHANNEL_INTENTS)
WRITE_INTENTS = frozenset({"record_transaction", "settle_up", "budget_set", "undo_last", "correct_entry"})
# the alert topics built in, which `subscribe_alerts` and `unsubscribe_alerts` name (`topic`, or "all")
BUILT_IN_TOPICS: tuple[str, ...] = ("batch", "nocs", "rcdc", "budget", "system")


@dataclass(slots=True)
class Intent:
    name: str
    confidence: float
    entities: dict[str, Any] = field(default_factory=dict)
    parser: str = "rules"
    reason: str = ""

    def as_contract(self, text: str) -> dict[str, Any]:
        """The parse output of CONTRACTS.md."""
        return {"text": text, "intent": self.name, "confidence": round(self.confidence, 2),
                "entities": self.entities}


class IntentParser(Protocol):
    async def parse(self, text: str, *, mentions: list[Mention], now: datetime, tz: str,
                    user_key: str = "") -> Intent: ...

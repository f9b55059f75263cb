"""A second held-out set written by people: Rasa's financial-demo bot's training examples (Apache-2.0), by intent.

Its `search_transactions` ("how much did I spend at Target last week") and `check_earnings` ("how much money did I
make last month") ask what our ledger answers; the rest (transfers, card payments, balances, small talk) are not
ours to record. Its `search_transactions` lines were never read while tuning (only scored); `check_earnings` lines
were read once, on 2026-12-05.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from core.intents import WRITE_INTENTS
from core.nlu.chain import OfflineReader
from core.nlu.evaluate import REFERENCE_NOW

LEDGER_READS = frozenset({"spending_summary", "list_entries"})
# Asked of a bank, or an action a ledger might well record ("transfer $50 to mom", "pay my credit card", "$100" as
# an answer to a question the demo asked): not counted either way.
NOT_SCORED = frozenset({"transfer_money", "pay_cc", "inform"})
ANNOTATION_RE = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def examples(path: Path) -> dict[str, list[str]]:
    """Each intent's examples, annotations ("[Target](vendor_name)") reduced to their text."""
    found: dict[str, list[str]] = {}
    for block in yaml.safe_load(path.read_text())["nlu"]:
        if "intent" in block:
            found[block["intent"]] = [ANNOTATION_RE.sub(r"\1", line[2:]).strip()
                                      for line in block["examples"].splitlines() if line.startswith("- ")]
    return found


def measure(parser: OfflineReader, path: Path) -> dict[str, Any]:
    """Spending questions read as a ledger question; earnings as one about income; writes proposed for the rest."""
    by_intent = examples(path)
    decided = {intent: [parser.parse_sync(text, mentions=[], now=REFERENCE_NOW, tz="UTC") for text in texts]
               for intent, texts in by_intent.items()}
    spending = decided["search_transactions"]
    earnings = decided["check_earnings"]
    others = [parse for intent, parses in decided.items() if intent not in NOT_SCORED for parse in parses
              if intent not in ("search_transactions", "check_earnings")]
    return {
        "search_transactions_read_as_ledger_question": round(
            sum(p.name in LEDGER_READS for p in spending) / len(spending), 4),
        "search_transactions_by_intent": dict(Counter(p.name for p in spending)),
        "check_earnings_read_as_income": round(sum(
            p.name in LEDGER_READS and p.entities.get("direction") == "income" for p in earnings) / len(earnings), 4),
        "other_requests": len(others),
        "other_requests_given_a_write": sum(p.name in WRITE_INTENTS for p in others),
    }

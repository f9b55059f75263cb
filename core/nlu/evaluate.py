"""Scores a parser on a labelled corpus: intent accuracy and exact match of the labelled entities."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.nlu.chain import OfflineReader

REFERENCE_NOW = datetime(2026, 3, 20, 10, tzinfo=UTC)


@dataclass
class Score:
    total: int = 0
    intent_ok: int = 0
    amounts: int = 0
    amount_ok: int = 0
    entity_errors: list[dict[str, Any]] = field(default_factory=list)
    intent_errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def intent_accuracy(self) -> float:
        return self.intent_ok / self.total if self.total else 0.0

    @property
    def amount_exact(self) -> float:
        return self.amount_ok / self.amounts if self.amounts else 0.0


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(parser: OfflineReader, corpus: list[dict[str, Any]]) -> Score:
    result = Score()
    for item in corpus:
        parsed = parser.parse_sync(item["text"], mentions=[], now=REFERENCE_NOW, tz="Asia/Dhaka")
        result.total += 1
        if parsed.name == item["intent"]:
            result.intent_ok += 1
        else:
            result.intent_errors.append({"text": item["text"], "want": item["intent"], "got": parsed.name})
        expected = item.get("entities", {})
        if item["intent"] == "record_transaction" and "amount" in expected:
            result.amounts += 1
            if parsed.entities.get("amount") == expected["amount"]:
                result.amount_ok += 1
        wrong = {k: (v, parsed.entities.get(k)) for k, v in expected.items() if parsed.entities.get(k) != v}
        if wrong:
            result.entity_errors.append({"text": item["text"], "wrong": wrong})
    return result

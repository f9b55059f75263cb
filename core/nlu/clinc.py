"""CLINC150 held-out figures: writes proposed outside finance, and how finance questions are understood.

Tune only on `train`/`val` (and `oos_train`/`oos_val`); `test` and `oos_test` are for reporting.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.intents import WRITE_INTENTS
from core.nlu.chain import OfflineReader
from core.nlu.evaluate import REFERENCE_NOW

# CLINC150's domains.json: the two finance domains, whose requests may fairly be read as ledger writes.
BANKING = frozenset({
    "transfer", "transactions", "balance", "freeze_account", "pay_bill", "bill_balance", "bill_due",
    "interest_rate", "routing", "min_payment", "order_checks", "pin_change", "report_fraud", "account_blocked",
    "spending_history"})
CREDIT_CARDS = frozenset({
    "credit_score", "report_lost_card", "credit_limit", "rewards_balance", "new_card", "application_status",
    "card_declined", "international_fees", "apr", "redeem_rewards", "credit_limit_change", "damaged_card",
    "replacement_card_duration", "improve_credit_score", "expiration_date"})
FINANCE = BANKING | CREDIT_CARDS

HELD_OUT_WRITES = WRITE_INTENTS  # correct_entry among them
# CLINC150 intent → ours, scored as the share of its requests that get our intent.
MAPPED = {"spending_history": "spending_summary", "transactions": "list_entries"}


@dataclass(frozen=True)
class Heldout:
    split: str
    requests: int
    writes: list[str]  # out-of-domain requests that got a write intent
    mapped: dict[str, tuple[int, int]]  # CLINC intent → (understood, asked)

    @property
    def write_share(self) -> float:
        return len(self.writes) / self.requests if self.requests else 0.0

    def as_json(self) -> dict[str, Any]:
        figures: dict[str, Any] = {"requests": self.requests, "out_of_domain_writes": len(self.writes),
                                   "out_of_domain_write_share": round(self.write_share, 4)}
        for clinc, (ok, asked) in self.mapped.items():
            figures[f"{clinc}->{MAPPED[clinc]}"] = round(ok / asked, 4) if asked else None
        return figures


def measure(parser: OfflineReader, path: Path, split: str) -> Heldout:
    """Out-of-domain write share (every request outside banking and credit cards, `oos` included)."""
    rows = json.loads(path.read_text())[split]
    writes: list[str] = []
    mapped = {clinc: [0, 0] for clinc in MAPPED}
    outside = 0
    for text, label in rows:
        name = parser.parse_sync(text, mentions=[], now=REFERENCE_NOW, tz="Asia/Dhaka").name
        if label in MAPPED:
            mapped[label][1] += 1
            mapped[label][0] += name == MAPPED[label]
        if label in FINANCE:
            continue
        outside += 1
        if name in HELD_OUT_WRITES:
            writes.append(text)
    return Heldout(split, outside, writes, {k: (v[0], v[1]) for k, v in mapped.items()})

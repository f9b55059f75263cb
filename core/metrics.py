"""Prometheus metrics of the conversation engine and the outbox."""
from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

TURNS = Counter("switchboard_turns_total", "Turns handled", ["channel", "intent", "outcome"])
HANDLER_SECONDS = Histogram("switchboard_handler_seconds", "Time from turn received to replies ready",
                            ["intent"], buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
OUTBOX_DEPTH = Gauge("switchboard_outbox_depth", "Outbox messages waiting to be delivered")
BILLING_SYSTEM_FAILURES = Counter("switchboard_ccb_failures_total", "CC&B queries that failed or timed out",
                                  ["query"])
OUTBOX_FAILURES = Counter("switchboard_outbox_failures_total", "Failed delivery attempts", ["channel", "kind"])

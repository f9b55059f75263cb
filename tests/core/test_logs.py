"""Logs carry the turn id, come out as JSON when asked, and never show a configured secret."""
from __future__ import annotations

import io
import json
import logging

from core import logs


def test_json_lines_with_turn_id_and_masked_secrets() -> None:
    logs.configure("INFO", as_json=True, secrets=["sk-live-0123456789"])
    stream = io.StringIO()
    handler = logging.getLogger().handlers[0]
    handler.setStream(stream)  # type: ignore[attr-defined]
    token = logs.turn_id.set("abc123")
    try:
        logging.getLogger("test").warning("calling with key %s", "sk-live-0123456789")
    finally:
        logs.turn_id.reset(token)
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert line["turn"] == "abc123" and line["level"] == "WARNING"
    assert "sk-live-0123456789" not in line["msg"] and "[redacted]" in line["msg"]

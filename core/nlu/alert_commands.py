"""Operations commands in chat: "open alerts"; "ack" / "resolve" / "snooze 30m" (in reply to an alert, or "ack 12");
"run batch-monitor" / "jobs run nocs-balance" (a scheduled job, now)."""
from __future__ import annotations

import re

from core.intents import Intent

LIST_RE = re.compile(r"^\s*(?:/alerts|(?:show |list |any |all )?(?:open |live |active )?alerts)\s*[?!.]*\s*$")
UPDATE_RE = re.compile(
    r"^\s*/?(?P<verb>ack(?:nowledge)?d?|resolved?|close|snooze)"
    r"(?:\s+(?:alert\s+)?#?(?P<alert>\d{1,12}))?"
    r"(?:\s+(?:for\s+)?(?P<amount>\d{1,4})\s*(?P<unit>m|min|mins|minutes?|h|hr|hrs|hours?|d|days?))?"
    r"\s*[.!]*\s*$")
VERBS = {"ack": "ack", "acknowledge": "ack", "acked": "ack", "acknowledged": "ack", "ackd": "ack",
         "resolve": "resolve", "resolved": "resolve", "close": "resolve", "snooze": "snooze"}
MINUTES = {"m": 1, "h": 60, "d": 1440}
RUN_JOB_RE = re.compile(r"^\s*/?(?:jobs?\s+run|run\s+(?:the\s+)?job|run)\s+(?P<job>[a-z][a-z0-9]*(?:-[a-z0-9]+)+)"
                        r"(?:\s+now)?\s*[.!]*\s*$")


def alert_command(lower: str) -> Intent | None:
    """The alert intent of a short command, or None (anything longer is left to the other rules)."""
    if len(lower) > 40:
        return None
    if LIST_RE.match(lower):
        return Intent("alerts_list", 0.95)
    if job := RUN_JOB_RE.match(lower):
        return Intent("run_job", 0.95, {"job": job["job"]})
    matched = UPDATE_RE.match(lower)
    if matched is None:
        return None
    verb = VERBS.get(matched["verb"], "ack" if matched["verb"].startswith("ack") else "")
    if not verb or (matched["amount"] and verb != "snooze"):
        return None
    entities: dict[str, object] = {"verb": verb}
    if matched["alert"]:
        entities["alert"] = int(matched["alert"])
    if matched["amount"]:
        entities["minutes"] = int(matched["amount"]) * MINUTES[matched["unit"][0]]
    return Intent("alert_update", 0.95, entities)

"""Short alert commands: "open alerts", "ack" / "resolve" / "snooze 30m" (in reply to an alert, or "ack 12", "ack 19
and 20"), "run batch-monitor" / "jobs run nocs-balance" (a scheduled job, now)."""
from __future__ import annotations

import re

from core.intents import Intent
from core.nlu.gates import gated
from core.nlu.ops_talk import UNIT_LETTER_MINUTES, many_alerts, short_update

LIST_RE = gated(r"^\s*(?:/alerts|(?:show |list |any |all )?(?:open |live |active )?alerts)\s*[?!.]*\s*$")
UPDATE_RE = gated(
    r"^\s*/?(?P<verb>ack(?:nowledge)?d?|resolved?|close|snooze|mute)"
    r"(?:\s+(?:alert\s+)?#?(?P<alert>\d,\d{3}(?![\d,])|\d{1,12})"  # "ack 1,024": one number; "ack 101,102": two
    r"(?P<more>(?:\s*(?:,|and|&|\+)\s*#?\d{1,12}){1,9})?)?"
    r"(?:\s+(?:for\s+)?(?P<amount>\d{1,4})\s*(?P<unit>m|min|mins|minutes?|h|hr|hrs|hours?|d|days?))?"
    r"\s*[.!]*\s*$")
DIGITS_RE = re.compile(r"\d+")
VERBS = {"ack": "ack", "acknowledge": "ack", "acked": "ack", "acknowledged": "ack", "ackd": "ack",
         "resolve": "resolve", "resolved": "resolve", "close": "resolve", "snooze": "snooze", "mute": "snooze"}
RUN_JOB_RE = gated(r"^\s*/?(?:jobs?\s+run|run\s+(?:the\s+)?job|run)\s+(?P<job>[a-z][a-z0-9]*(?:-[a-z0-9]+)+)"
                        r"(?:\s+now)?\s*[.!]*\s*$")


def alert_command(lower: str) -> Intent | None:
    """The alert intent of a short command, or None (anything longer is left to the other rules)."""
    if len(lower) > 40 or not ("alerts" in lower or "run" in lower or "ack" in lower or "resolve" in lower
                               or "close" in lower or "snooze" in lower or "kno" in lower
                               or "mute" in lower):  # one is in every match
        return None
    if LIST_RE.match(lower):
        return Intent("alerts_list", 0.95)
    if job := RUN_JOB_RE.match(lower):
        return Intent("run_job", 0.95, {"job": job["job"]})
    matched = UPDATE_RE.match(lower)
    if matched is None:
        return short_update(lower) or many_alerts(lower)
    if matched["verb"] == "mute" and not matched["alert"] and not matched["amount"]:
        return None  # "mute" alone names no alert ("mute 9 for 30 min" and "mute 45m" do)
    verb = VERBS.get(matched["verb"], "ack" if matched["verb"].startswith("ack") else "")
    if not verb or (matched["amount"] and verb != "snooze"):
        return None
    entities: dict[str, object] = {"verb": verb}
    if matched["more"]:  # "ack 19 and 20", "resolve 19, 20": each one named
        entities["alerts"] = [int(matched["alert"].replace(",", "")), *map(int, DIGITS_RE.findall(matched["more"]))]
    elif matched["alert"]:
        entities["alert"] = int(matched["alert"].replace(",", ""))
    if matched["amount"]:
        entities["minutes"] = int(matched["amount"]) * UNIT_LETTER_MINUTES[matched["unit"][0]]
    return Intent("alert_update", 0.95, entities)

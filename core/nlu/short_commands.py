"""Short alert commands: "open alerts", "ack" / "resolve" / "snooze 30m" (in reply to an alert, or "ack 12", "ack 19
and 20"), "run batch-monitor" / "jobs run nocs-balance" (a scheduled job, now)."""
from __future__ import annotations

import re

from core.intents import Intent
from core.nlu.gates import gated
from core.nlu.ops_talk import (
    NOT_TAKEN_BACK,
    UNIT_LETTER_MINUTES,
    UNIT_MINUTES,
    UNTIL,
    many_alerts,
    short_update,
    verb_of,
)

LIST_RE = gated(r"^\s*(?:/alerts|(?:show |list |any |all )?(?:open |live |active )?alerts)\s*[?!.]*\s*$")
UPDATE_RE = gated(
    r"^\s*/?(?P<verb>ack(?:nowledge)?d?|acking|acknowledging|resolved?|resolving|close|closing|snooze|snoozing|"
    r"mute|muting)"
    r"(?:\s+(?:alert\s+)?#?(?P<alert>\d,\d{3}(?![\d,])|\d{1,12})"  # "ack 1,024": one number; "ack 101,102": two
    r"(?P<more>(?:\s*(?:,|and|&|\+)\s*#?\d{1,12}|\s+#?\d{1,12}(?!\s*[a-z])){1,9})?)?"
    r"(?:\s+(?:for\s+)?(?P<amount>\d{1,4})\s*(?P<unit>m|min|mins|minutes?|h|hr|hrs|hours?|d|days?))?"
    r"(?:\s*[,;:–-]\s*" + NOT_TAKEN_BACK + r"[^\d,;]{1,60})?"  # "close 31, fixed": a word on why
    r"\s*[.!]*\s*$")
# several alerts named first, the verb after, as Bengali-English puts it: "19 ar 20 ack koro", "alert 7, 8 resolve
# kore dao"
MANY_FIRST_RE = re.compile(
    r"^\s*(?:(?:alert|alarm)\s+)?#?(?P<alert>\d{1,6})"
    r"(?P<more>(?:\s*(?:,|and|&|\+|ar|r|o)\s*#?\d{1,6}|\s+#?\d{1,6}){1,9})\s+"
    r"(?:(?:no|nong|number)\s+)?(?:(?:alert|alarm)s?\s+(?:gula\s+|gulo\s+|duita\s+|duto\s+)?)?"
    r"(?P<verb>ack(?:nowledge)?|resolve|close|snooze|mute)"
    r"(?:\s+(?:koro|kore dao|kore den|koren|korun|den|dao|(?P<done>korsi|korlam|kore disi|kore dilam|done)))?"
    r"(?:\s+(?:for\s+)?(?P<amount>\d{1,4})\s?(?P<unit>" + "|".join(UNIT_MINUTES) + r")(?: er jonno| jonno)?|"
    r"\s+(?P<until>" + UNTIL + r"))?(?:\s+(?:pls|please|plz|bhai|vai))?\s*[.!]*\s*$")
DIGITS_RE = re.compile(r"\d+")
SEPARATED_RE = re.compile(r"[,&+]|\band\b")
RUN_JOB_RE = gated(r"^\s*/?(?:jobs?\s+run|run\s+(?:the\s+)?job|run)\s+(?P<job>[a-z][a-z0-9]*(?:-[a-z0-9]+)+)"
                        r"(?:\s+now)?\s*[.!]*\s*$")


def alert_command(lower: str) -> Intent | None:
    """The alert intent of a short command, or of several alerts named before the verb ("alert 11 ar 12 snooze koro
    kal shokal porjonto", however long), or None (anything else longer is left to the other rules)."""
    numbered_first = lower[:1].isdigit() or lower.startswith(("alert ", "alarm ", "#"))
    if numbered_first and (first := MANY_FIRST_RE.match(lower)) is not None:
        return _many_first(first)  # "alert 11 ar 12 snooze koro kal shokal porjonto": longer, and still a command
    # (longer when the alert is named first: "alert 27 ke kal sokal porjonto snooze rakho")
    if (len(lower) > 40 and not numbered_first) or not (
            "alerts" in lower or "run" in lower or "ack" in lower or "resolv" in lower or "clos" in lower
            or "snooz" in lower or "kno" in lower or "mute" in lower):  # one is in every match
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
    verb = verb_of(matched["verb"])
    if matched["amount"] and verb != "snooze":
        return None
    entities: dict[str, object] = {"verb": verb}
    if matched["more"] and verb == "snooze" and not SEPARATED_RE.search(matched["more"]):
        return Intent("unknown", 0.3)  # "snooze 12 30": alert 12 for 30 (minutes?) or alerts 12 and 30? not guessed
    if matched["more"]:  # "ack 19 and 20", "resolve 19, 20": each one named
        entities["alerts"] = [int(matched["alert"].replace(",", "")), *map(int, DIGITS_RE.findall(matched["more"]))]
    elif matched["alert"]:
        entities["alert"] = int(matched["alert"].replace(",", ""))
    if matched["amount"]:
        entities["minutes"] = int(matched["amount"]) * UNIT_LETTER_MINUTES[matched["unit"][0]]
    return Intent("alert_update", 0.95, entities)


def _many_first(first: re.Match[str]) -> Intent | None:
    """Several alerts named before the verb ("19 ar 20 ack koro", "11 ar 12 snooze koro kal shokal porjonto")."""
    if first["done"]:
        return Intent("unknown", 0.3, {"outside": "talk"})  # "19 ar 20 ack korsi": told as done
    verb = verb_of(first["verb"])
    entities: dict[str, object] = {"verb": verb,
                                   "alerts": [int(first["alert"]), *map(int, DIGITS_RE.findall(first["more"]))]}
    if first["amount"] or first["until"]:
        if verb != "snooze":
            return Intent("unknown", 0.3)  # "19 ar 20 ack koro 2 ghonta": a length only a snooze has
        if first["amount"]:
            entities["minutes"] = int(first["amount"]) * UNIT_MINUTES[first["unit"]]
        else:
            entities["until"] = first["until"]
    return Intent("alert_update", 0.9, entities)

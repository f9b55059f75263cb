"""Alerts wished for on a condition: "nocs balance kom hole ei group e alert dio", "let me know if a batch fails"."""
from __future__ import annotations

import re

from core.intents import Intent
from core.nlu.gates import gated, words_of
from core.nlu.ops_talk import TOPIC_WORD_RE

# What a wish turns on: "if", "when", "hole" (if it is), "korle" (if it does), "gele" (once it goes)
CONDITION_WORDS = frozenset({"if", "when", "whenever", "once", "hole", "hoile", "korle", "gele"})
# Told to the sender or the chat, by the bot: not "amake call dio" (a colleague's call), not "… janaio na" (don't)
TOLD_US_RE = gated(r"\b(?:let (?:me|us|this group|the group|the team|everyone|this chat) know|"
                   r"(?:notify|alert|ping|tell) (?:me|us|this group|the group|this chat|the team|everyone|here)|"
                   r"(?:message|msg|text) (?:me|us)|send (?:me |us )?(?:an? )?(?:alert|message|notification|msg)|"
                   r"give (?:me|us) a heads up|"
                   r"(?:alert|alerts|notification|notify|msg|message|sms)(?: ta)? (?:dio|diyo|diben|deben|den|dao|"
                   r"pathaio|pathiyo|pathaben|pathao|korio|koren|korben|koro)|"
                   r"jana(?:io|iyo|ben|bi|y diyo)|janiyo|janiye (?:dio|diyo|diben|dao))\b(?! na\b)")
# "tell me if any batch is stuck": whether it is, asked now (not "… if a batch gets stuck", "… when it is done")
STATE_NOW_RE = gated(r"\b(?:if|whether) (?:\w+ ){0,4}?(?:(?:is|are|am|was|were|has|have)\b|\w+['’](?:m|re|ve|s)\b)"
                     r"(?!.*\b(?:ever|again)\b)")
# "can you let me know if …?": a request, though it ends with "?"
POLITE_RE = re.compile(r"(?:can|could|would|will) you\b")


def alert_wished(lower: str) -> Intent | None:
    """The chat subscribed to the topic whose alerts a message asks for on a condition it names, or None."""
    words = words_of(lower)
    if CONDITION_WORDS.isdisjoint(words) or TOLD_US_RE.search(lower) is None:
        return None
    if (topic := TOPIC_WORD_RE.search(lower)) is None or STATE_NOW_RE.search(lower):
        return None
    if lower.rstrip().endswith("?") and not POLITE_RE.match(lower):
        return None  # "nocs balance kom hole ki alert diben?": asked how it works
    return Intent("subscribe_alerts", 0.9, {"topic": topic.group(1)})

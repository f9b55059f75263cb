"""Alerts wished for on a condition: "nocs balance kom hole ei group e alert dio", "let me know if a batch fails"."""
from __future__ import annotations

import re

from core.intents import Intent
from core.nlu.gates import gated, words_of

# What a wish turns on: "if", "when", "once", "hole" (if it is), "korle" (if it does), "gele" (once it goes)
CONDITION_WORDS = frozenset({"if", "when", "whenever", "once", "hole", "holei", "hoile", "korle", "korlei", "gele"})
CONDITION_PIECES = ("if", "when", "once", "hole", "hoile", "korle", "gele")  # one is in each word: a cheaper first look
# An operations topic's event, as a wish names it: what may happen, not what did ("if a batch fails", "batch atke
# gele", "nocs balance kom hole"; not "if the batch failed", "when the last batch ran"). Budgets are the ledger's: "let
# me know when i cross my budget" asks how it stands.
EVENT_RE = gated(r"\b(?:(?P<batch>batch(?:es)?) (?:[^\W\d_]+ ){0,3}?(?:fails?|fail (?:kore|hoy|korle|hole)|"
                 r"gets? stuck|stuck hole|atke|atkay|hangs?|goes down|down hole)|"
                 r"(?P<nocs>nocs) (?:[^\W\d_]+ ){0,3}?(?:kom|kome|low|drops?|falls?|goes below|gets low|runs? out|"
                 r"sesh|shesh)|"
                 r"(?P<rcdc>rcdc) (?:[^\W\d_]+ ){0,3}?(?:fails?|goes down|down|times? out|timeout|stuck|atke|bondho)|"
                 r"(?P<system>system) (?:[^\W\d_]+ ){0,2}?(?:fails?|goes down|down|crash(?:es)?|bondho))\b")
# Told to the sender or this chat, by the bot (not "rafi ke janaio", a colleague's "janaio" alone, "call dio")
TOLD_US_RE = gated(r"\b(?:let (?:me|us|this group|the group|everyone) know|keep (?:me|us) posted|"
                   r"(?:notify|alert|ping|tell|message|msg) (?:me|us|this group|the group|this chat|here|everyone)|"
                   r"send (?:an? )?(?:alert|notification|message) (?:here|to this group|to me|to us)|"
                   r"(?:alert|notification|notify|msg|message)(?: ta)? (?:dio|diyo|diben|diyen|den|pathaio|pathiyo|"
                   r"pathaben|korio|koren|korben)|"
                   r"(?:amake|amare|amader|ekhane|eikhane|(?:ei )?(?:group|chat|channel) ?e) (?:\w+ ){0,2}?"
                   r"(?:jana(?:io|iyo|ben|iyen|y diyo)|janiyo|janiye (?:dio|diyo|diben|dao)))\b")
# Not a wish now: one told not to be ("don't alert me …", "… janaio na"), told of someone else ("rafi will let us
# know …", "he said …"), or the reader's own doing ("let me know if you need the batch report")
NOT_WISHED_RE = re.compile(r"\b(?:don'?t|dont|do not|never|no need|didn'?t|won'?t|not|will|said|says|bolse|bollo|you|u|"
                           r"tumi|apni|tui)\b|'ll\b|\b(?:na|nah?i)\W*$")
POLITE_RE = re.compile(r"(?:pls |please )?(?:can|could|would|will) (?:you|u)(?: please| pls)? ")
# "tell me if any batch is stuck": whether it is, asked now (not "… if a batch gets stuck")
STATE_NOW_RE = gated(r"\b(?:if|whether) (?:\w+ ){0,4}?(?:(?:is|are|am|was|were|has|have)\b|\w+['’](?:m|re|ve|s)\b)")
# said to someone: "rafi, let me know …", "@nadia ping me when …"
VOCATIVE_RE = re.compile(r"@|<at>|(?:hey |hi |ok )?(?!bot\b|switchboard\b|pls\b|please\b|ok\b)[^\W\d_]+"
                         r"(?: bhai| vai| apu)?, ")


def alert_wished(lower: str) -> Intent | None:
    """The chat subscribed to the operations topic whose alerts a message asks for on a condition it names, or None."""
    if not any(piece in lower for piece in CONDITION_PIECES) or CONDITION_WORDS.isdisjoint(words_of(lower)) \
            or (event := EVENT_RE.search(lower)) is None \
            or TOLD_US_RE.search(lower) is None:
        return None
    request = lower[polite.end():] if (polite := POLITE_RE.match(lower)) is not None else lower
    if NOT_WISHED_RE.search(request) or STATE_NOW_RE.search(request) or VOCATIVE_RE.match(request) \
            or any(char.isdigit() for char in lower):
        return None
    if request.rstrip().endswith("?") and polite is None:
        return None  # "nocs balance kom hole ki alert diben?": asked how it works
    return Intent("subscribe_alerts", 0.9, {"topic": next(name for name, said in event.groupdict().items() if said)})

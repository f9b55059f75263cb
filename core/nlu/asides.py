"""Words around a request that do not change it: a greeting or "can you tell me" before, "thanks" or "pls" after, and
a "total koto" asked after a record."""
from __future__ import annotations

import re

from core.nlu.gates import gated

# "hey can you tell me what i spent": each aside ends in a space or a comma, several may follow one another, and a
# "so" only after one ("ok so what did i spend"; "so far this month" is the request's own).
ASIDE = (r"(?:hey+|hi+|hello+|yo|ok(?:ay)?|um+|uh+|hmm+|well|btw|quick (?:question|one|q)|please|pls|plz|kindly|"
         r"(?:can|could|would|will) (?:you|u)(?: please| pls)? (?:tell|let) me(?: know)?|"
         # "can u record an expense 15$ netflix": a request to record
         r"(?:can|could|would|will) (?:you|u)(?: please| pls)?(?= (?:add|record|log|enter|(?:put|jot|write) down) )"
         r"(?!.*\b(?:budget|aside|owes?|remind|reminder|list|calendar|timer|alarm)\b)|"
         r"i(?: need| want| wanna| would like|'d like|’d like| d like|d like) to (?:know|find out)|i wanna know|"
         r"i(?:'m| am| was) wondering|do you know|let me know|tell me|"
         r"(?:got it|gotcha|noted)(?=[,.!:;]))(?:[\s,.!:;]+|$)")  # not "-": "yo-yo 200"; "got it for 500" was bought
LEADING_RE = re.compile(rf"^{ASIDE}(?:{ASIDE}|so\s+)*", re.IGNORECASE)
# not "ty" or "tia": names too ("lent 500 to tia")
TRAILING_RE = gated(r"[\s,.!]+(?:please|pls|plz|thanks|thank you(?: so much| very much)?|thanks a lot|thx)"
                         r"[\s!.]*$", re.IGNORECASE)
LAST_WORDS = ("please", "pls", "plz", "thanks", "thank you", "so much", "very much", "a lot", "thx")
TAIL = 48  # the trailing aside is looked for in the message's last characters: a search from every start is quadratic


CACHE_SIZE = 64  # texts kept: the rules and the classifier's side both ask it of one message
_requests: dict[str, str] = {}


def without_asides(text: str) -> str:
    """The request itself; the text as it was when nothing would be left of it."""
    found = _requests.get(text)
    if found is None:
        if len(_requests) >= CACHE_SIZE:
            _requests.clear()
        found = _requests[text] = _without_asides(text)
    return found if found != text else text  # the text itself (`is` tells a caller nothing was taken away)


def _without_asides(text: str) -> str:
    core = text
    if lead := LEADING_RE.match(core):
        core = core[lead.end():]
    if core[-16:].rstrip(" !.").lower().endswith(LAST_WORDS) and (tail := TRAILING_RE.search(core[-TAIL:])):
        core = core[:len(core) - len(core[-TAIL:]) + tail.start()]
    return core if core is not text and core.strip(" ,.!?") else text


# "ajke lunch 250 dilam, total koto": one amount recorded, then the total asked after it; the record is what must not be
# lost (its preview comes first, the total is one question away). Several amounts asked to be added up ("lunch 250,
# dinner 400, total koto") or a debt ("i owe rahim 500, total koto") are questions, not a record.
TOTAL_ASK = (r"[,.;!?]\s*(?:(?:and|so|ar|ekhon|now|then)\s+)*"
             r"(?:(?:ajke|aaj|today(?:'?s)?|this month(?:'?s)?|ei masher|my|the|amar)\s+)?"
             r"(?:total|mot|মোট)(?:\s+(?:khoroch|spending|expenses?|খরচ))?\s+(?:koto|kto|কত|how much)"
             r"(?:\s+(?:holo|hoilo|hoise|hoyeche|হলো|now|so far))?\s*[?!.]*|"
             r"[,.;!?]\s*(?:and\s+)?(?:what'?s|whats|what is)\s+(?:my|the)\s+total"
             r"(?:\s+(?:now|so far|today))?\s*[?!.]*")
TOTAL_ASKED_AFTER_RE = re.compile(rf"(?:{TOTAL_ASK})+$", re.IGNORECASE)  # every ask at the end, in one match
NUMBER_RE = re.compile(r"\d[\d,.]*")  # "12,000" and "1,20,000" are one number
# "lunch 250, dinner 400", "lunch 220 + coffee 130", "lunch 250 ar dinner 400": items to add up
ITEM_BREAK_RE = re.compile(r"(?<!\d),|,(?!\d)|[+;&/]|\.\s|\b(?:and|ar)\b")
# what else a number beside the amount may be: a count, a time or a date ("2 ta burger 500", "lunch 250 @ 2pm")
COUNT_OR_TIME_RE = re.compile(r"\b(?:ta|ti|jon|am|pm|tarikh|jan|feb|mar|march|apr|april|may|jun|june|jul|july|aug|"
                              r"sep|oct|nov|dec|today|ajke)\b|\d[:/]\d|@")
DEBT_OR_EACH_WORDS = frozenset({"owe", "owes", "owed", "kache", "pabo", "pai", "paona", "dhar", "each", "kore", "per"})


def total_asked(text: str, lower: str) -> tuple[str, int] | None:
    """The text before a trailing "…, total koto" and how many of its items hold a number: one tells an amount to
    record ("ajke lunch 250 dilam, total koto"), several a sum to work out ("lunch 250, dinner 400, total koto"), 0 a
    debt, a price each or one item with several numbers (the question is the message); None when no total is asked
    (`lower` is the text's lower case)."""
    if "total" not in lower and "mot" not in lower and "মোট" not in text:
        return None
    asked = TOTAL_ASKED_AFTER_RE.search(text)
    if asked is None:
        return None
    head = text[:asked.start()]
    head_lower = head.lower()
    if not DEBT_OR_EACH_WORDS.isdisjoint(head_lower.split()):
        return head, 0
    items = sum(NUMBER_RE.search(item) is not None for item in ITEM_BREAK_RE.split(head))
    if items == 1 and len(NUMBER_RE.findall(head)) > 1 and COUNT_OR_TIME_RE.search(head_lower) is None:
        return head, 0
    return head, items

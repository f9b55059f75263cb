"""Words around a request that do not change it: a greeting or "can you tell me" before, "thanks" or "pls" after, and
a "total koto" asked after a record."""
from __future__ import annotations

import re

# "hey can you tell me what i spent": each aside ends in a space or a comma, several may follow one another, and a
# "so" only after one ("ok so what did i spend"; "so far this month" is the request's own).
ASIDE = (r"(?:hey+|hi+|hello+|yo|ok(?:ay)?|um+|uh+|hmm+|well|btw|quick (?:question|one|q)|please|pls|plz|kindly|"
         r"(?:can|could|would|will) (?:you|u)(?: please| pls)? (?:tell|let) me(?: know)?|"
         r"i(?: need| want| wanna| would like|'d like|’d like| d like|d like) to (?:know|find out)|i wanna know|"
         r"i(?:'m| am| was) wondering|do you know|let me know|tell me)(?:[\s,.!:;]+|$)")  # not "-": "yo-yo 200"
LEADING_RE = re.compile(rf"^{ASIDE}(?:{ASIDE}|so\s+)*", re.IGNORECASE)
# not "ty" or "tia": names too ("lent 500 to tia")
TRAILING_RE = re.compile(r"[\s,.!]+(?:please|pls|plz|thanks|thank you(?: so much| very much)?|thanks a lot|thx)"
                         r"[\s!.]*$", re.IGNORECASE)
LAST_WORDS = ("please", "pls", "plz", "thanks", "thank you", "so much", "very much", "a lot", "thx")
TAIL = 48  # the trailing aside is looked for in the message's last characters: a search from every start is quadratic


def without_asides(text: str) -> str:
    """The request itself; the text as it was when nothing would be left of it."""
    core = text
    if lead := LEADING_RE.match(core):
        core = core[lead.end():]
    if core[-16:].rstrip(" !.").lower().endswith(LAST_WORDS) and (tail := TRAILING_RE.search(core[-TAIL:])):
        core = core[:len(core) - len(core[-TAIL:]) + tail.start()]
    return core if core is not text and core.strip(" ,.!?") else text


# "ajke lunch 250 dilam, total koto": a record, then the total asked after it; the record is what must not be lost
# (its preview comes first, the total is one question away)
TOTAL_ASKED_AFTER_RE = re.compile(
    r"[,.;!?]\s*(?:(?:and|so|ar|ekhon|now|then)\s+)*"
    r"(?:(?:ajke|aaj|today(?:'?s)?|this month(?:'?s)?|ei masher|my|the|amar)\s+)?"
    r"(?:total|mot|মোট)(?:\s+(?:khoroch|spending|expenses?|খরচ))?\s+(?:koto|kto|কত|how much)"
    r"(?:\s+(?:holo|hoilo|hoise|hoyeche|হলো|now|so far))?\s*[?!.]*$|"
    r"[,.;!?]\s*(?:and\s+)?(?:what'?s|whats|what is)\s+(?:my|the)\s+total(?:\s+(?:now|so far|today))?\s*[?!.]*$",
    re.IGNORECASE)


def before_total_asked(text: str) -> str | None:
    """The text before a trailing "…, total koto", when it has a number to record; else None."""
    if "total" not in text.lower() and "মোট" not in text and "mot" not in text.lower():
        return None
    asked = TOTAL_ASKED_AFTER_RE.search(text)
    if asked is None or not any(c.isdigit() for c in text[:asked.start()]):
        return None
    return text[:asked.start()]

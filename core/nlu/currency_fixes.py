"""A currency put right, the amount kept: "make it usd not taka", "it was dollars not taka", "taka na dollar"."""
from __future__ import annotations

import re
from typing import Any

from core.nlu.money import AMBIGUOUS, SYMBOLS, WORDS

_CUR = r"[$€£৳₹¥]|[a-z]{2,8}"
_OOPS = r"(?:(?:no+|nope|sorry|oops|wait|actually)[\s,.!]+)"
_LAST = r"(?:the |my )?(?:last|previous) (?:entry|one|expense|transaction)"
# what says the currency is another: "make it usd", "it was dollars", "it’s usd", "should be eur", "the currency was
# usd", "change the currency of the last entry to eur", "change last entry currency to usd", "make last entry usd",
# "currency ta usd hobe", "last entry ta usd hobe"; "oops, currency is usd" (not "currency is usd" alone: the chat's
# own currency told)
_SAID = (r"(?:make (?:it|that|" + _LAST + r")|(?:it|that) (?:was|is)|it['’]s|its|that['’]s|thats|"
         r"(?:it )?should (?:be|have been)|(?:the )?currency (?:was|should be|should have been)|"
         r"(?:currency|last entry|shesh entry)(?: ta)?|change (?:the )?currency (?:of " + _LAST + r" )?to|"
         r"change " + _LAST + r"(?:['’]s)? currency to)\s+")
FIX_RE = re.compile(
    r"^\s*(?:" + _OOPS + r"*" + _SAID + r"|" + _OOPS + r"+(?:(?:the )?currency is\s+)?)(?:in\s+)?(?P<cur>" + _CUR
    + r")(?:\s+instead)?(?:\s*,?\s*(?:not|instead of) (?:in )?(?P<old>" + _CUR + r"))?(?:\s+(?:hobe|chilo))?"
    r"[\s.!]*$", re.IGNORECASE)
# the Bengali-English way, and the one it is not named too: "taka na dollar", "taka noy dollar hobe", "dollar hobe,
# taka na", "usd, not taka", "not taka, usd"
INSTEAD_RE = re.compile(
    r"^\s*(?:(?P<old>" + _CUR + r") (?:na|noy),? (?P<cur>" + _CUR + r")(?: hobe| chilo)?|"
    r"(?P<cur2>" + _CUR + r") (?:hobe|chilo),? (?P<old2>" + _CUR + r") (?:na|noy)|"
    r"(?P<cur3>" + _CUR + r"),? not (?P<old3>" + _CUR + r")|not (?P<old4>" + _CUR + r"),? (?P<cur4>" + _CUR + r"))"
    r"[\s.!]*$", re.IGNORECASE)
# the words a message may start with to be one of these
STARTS = frozenset({"tk", "taka", "bdt", "usd", "dollar", "dollars", "eur", "euro", "euros", "gbp", "pound", "pounds",
                    "inr", "rupee", "rupees", "yen", "jpy", "currency", "not", "last", "shesh", "$", "€", "£", "৳",
                    "₹", "¥"})


def named_currency(word: str) -> str | None:
    """A currency named by a word or a symbol people use for one ("usd", "dollars", "taka", "$"); not a code that is
    also a word ("BAD", "ALL", "TOP"), which with no amount beside it names nothing."""
    lower = word.lower()
    return SYMBOLS.get(word) or (WORDS[lower] if lower in WORDS and lower not in AMBIGUOUS else None)


def currency_fix(text: str) -> dict[str, Any] | None:
    """The entities of a currency put right, or None: the new currency, and the one it was said not to be."""
    found = FIX_RE.match(text) or INSTEAD_RE.match(text)
    if found is None:
        return None
    said = found.groupdict()
    new = named_currency(next(said[k] for k in ("cur", "cur2", "cur3", "cur4") if said.get(k)))
    old_word = next((said[k] for k in ("old", "old2", "old3", "old4") if said.get(k)), None)
    old = named_currency(old_word) if old_word else None
    if new is None or (old_word and old in (None, new)):
        return None
    return {"field": "currency", "currency": new, **({"currency_was": old} if old else {})}

"""Which of the amounts a message tells is the one paid: not a count or a factor said first, nor a rate told before
the sum paid, the total said as such, the amount said instead of one taken back."""
from __future__ import annotations

import re
from itertools import pairwise

from core.nlu.money import MoneySpan
from core.nlu.numbers import COUNT_MAX, small_whole, words_before
from core.nlu.record_parts import CLAUSE_END_RE, MONEY_DONE, PRICE_WORDS, clause_of

# (a Bengali word's vowel signs are no \w: "২ প্যাকেট পলিব্যাগ ৩২০" counts packets too)
COUNT_WORD_AFTER_RE = re.compile(r" (?!(?:to|from|at|in|on|for|theke)\b)(?:[^\W\d_]|[\u0981-\u09e5]){2,}")
COUNTS_BEFORE_RE = re.compile(r"\D*?(?:\d{1,2} [^\W\d_]+\s*)*")


def a_count_first(body: str, first: MoneySpan) -> bool:
    """A small whole number with no currency, a thing right after it, no other number before it but counts: how many,
    not what was paid ("bought 2 coffee 240"; "rickshaw 20 to gulshan 2" keeps its 20)."""
    return first.currency is None and small_whole(first, COUNT_MAX) \
        and COUNT_WORD_AFTER_RE.match(body, first.end) is not None \
        and COUNTS_BEFORE_RE.fullmatch(body, 0, first.start) is not None


# a list of things counted and nothing else, perhaps after a label: "lunch order: 4 biryani 2 khichuri", "2 coffee
# 3 tea" (not "return asche 1 ta, courier 70 kete nise": told, a fee among the counts)
COUNTED_LIST_RE = re.compile(r"\s*(?:[^\W\d_]+(?: [^\W\d_]+){0,2}\s*:\s*)?"
                             r"(?:\d{1,2} [^\W\d_]{2,}(?: [^\W\d_]{2,})?[,\s]*){2,}[.!]*")


def counted_list(text: str, money: list[MoneySpan]) -> bool:
    """Two or more small numbers, each the count of the thing after it, with no currency: no amount among them."""
    return len(money) > 1 and not any(m.currency for m in money) and COUNTED_LIST_RE.fullmatch(text) is not None


def a_rate_first(body: str, spans: list[MoneySpan]) -> bool:
    """Of amounts told in two clauses, the first a rate or a price named right before it and the second more, paid
    ("ei mashe meal rate 85 tk, ami 3400 dilam"): what something costs, not what was paid (not "dam 350, 50 tk kom
    dilam", "gas rate 1080, 2 cylinder")."""
    return words_before(body, spans[0].start)[0] in PRICE_WORDS and spans[1].amount > spans[0].amount \
        and CLAUSE_END_RE.search(body, spans[0].end, spans[1].start) is not None \
        and not MONEY_DONE.isdisjoint(clause_of(body.lower(), spans[1].start).split())


def a_factor_first(body: str, first: MoneySpan) -> bool:
    """A number multiplied and then equalled ("60 x 8 = 480 dilam": the 8): a factor, not what was paid."""
    return body[:first.start].rstrip().endswith(("x", "×", "*")) and body[first.end:].lstrip().startswith("=")


UNIT_PRICE_AFTER_RE = re.compile(r"\s*(?:tk|taka|৳)?\s*(?:each|per\b|kore\b|a piece|/pc|/piece|/kg)")
UNIT_WORDS = frozenset({"piece", "pc", "pcs", "unit", "kg", "dozen", "item", "head"})


def told_total(text: str, spans: list[MoneySpan]) -> list[MoneySpan]:
    """Of amounts told with what one of them cost ("12 ta jersey, per piece 450, total 5400 dilam"), the total said
    as such; `spans` as they are when no one amount is called the total or another is no unit price."""
    totals = [span for span in spans if words_before(text, span.start)[0] == "total"]
    if len(totals) != 1:
        return spans
    others = [span for span in spans if span is not totals[0]]
    # a total is no less than what one piece costs ("450 each total 12": the 12 is something else)
    if all(_unit_price(text, span) and span.amount <= totals[0].amount for span in others):
        return totals
    return spans


def _unit_price(text: str, span: MoneySpan) -> bool:
    last, pair = words_before(text, span.start)
    return (last in UNIT_WORDS and pair.startswith("per ")) or last in ("per", "each") \
        or UNIT_PRICE_AFTER_RE.match(text, span.end) is not None


# Between an amount and the one said instead of it: "no wait", "na na", "sorry", "dilam na" ("500 dilam na 600")
# (a "?" only before a plain "no": "lunch 250? no 300"; "lunch 250? mane 125 each" asks and tells a share)
TAKEN_BACK_RE = re.compile(r"\s*(?:tk|taka|৳|\$|dollars?|rs)?[\s,.!-]*(?:\?[\s,.!-]*(?=(?:no+|nope|nah?|sorry)\b))?"
                           r"(?:(?:dilam|disi|dichi|dilm) )?"
                           r"(?:(?:no+|nope|nah?|sorry|oops|wait|i mean|actually|mane|uh+|um+|scratch that|"
                           r"correction|make it|it was|it'?s|it is)\b[\s,.!-]*)+", re.IGNORECASE)
# what the amount said after another may be instead: a part of it ("3000 tk wait 500 tk discount")
# (only filler words between: "350 with tip" and "1500 after discount" are the whole said again)
A_PART_RE = re.compile(r"\s*(?:tk|taka|৳|\$|dollars?|rs)?\s*(?:(?:was|is|my|the|as|for|of)\s+){0,2}(?:discount|off|tip|"
                       r"tips|extra|more|less|share|change|back|due|left|advance|baki|ferot|cashback|refund|each|per)\b",
                       re.IGNORECASE)


def taken_back(body: str, usable: list[MoneySpan]) -> list[tuple[int, int]]:
    """Each amount taken back in the same breath, and the words that take it back: where the amount starts and where
    the one said instead does ("lunch 320 na na 350"; not "3000 tk wait 500 tk discount" nor "2000 tk actually 500 tk
    was my share": a part of it)."""
    return [(before.start, instead.start) for before, instead in pairwise(usable)
            if TAKEN_BACK_RE.fullmatch(body, before.end, instead.start) and not A_PART_RE.match(body, instead.end)]

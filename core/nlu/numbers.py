"""Which numbers are not amounts: times, counts, sizes, temperatures, ids, sums and prices asked about."""
from __future__ import annotations

import re

from core.nlu.money import MoneySpan

# A number without a currency right after one of these words is a time, a count, a setting or a label.
NOT_AMOUNT_BEFORE = frozenset(
    "at by around till until to and or between from roll call dial ring text phone mobile volume temperature temp "
    "thermostat oven alarm timer table seat seats row order orders ticket pnr invoice apartment apt house suite ext "
    "extension zip pin code id week day year channel station bus train rank ranked score track song psalm verse "
    "chapter page room floor level version flight gate platform route line class size number no episode season "
    "part step grade model series fever jor jwor bp pulse weight height marks gpa cgpa otp cvv passcode pr build "
    "issue bug commit pipeline release sprint python java node ios android ubuntu debian macos php".split())
# … unless it is a thing paid for, its price right after it: "bus 50", "daraz order 1299" as a note's last words,
# or beside a verb of spending ("ticket 1500 each, i paid for me and @shila"); "order no 450", "bus 42 schedule",
# "get on bus 42" and "bus 5" (below any fare) stay labels.
PAID_LABELS = frozenset({"bus", "train", "ticket", "tickets", "order", "orders"})
LEAST_PRICE = 10
PLACED = frozenset({"at", "in", "on", "to", "from", "by", "near", "into", "onto"})  # "on bus 42": which, not a price
NOTE_END = " \t.!"
# … and a price someone is looking for, not one they paid: "a flight for under $300", "laptops below 50k".
PRICE_LIMIT_BEFORE = frozenset(["under", "below", "less than", "cheaper than", "at most", "up to", "max", "maximum",
                                "budget of", "within"])
LINKING = frozenset(["is", "was", "no", "no."])
BEFORE_WINDOW = 32
SEPARATORS = " \t:#"
# … or right before one of these ("ta" counts in Bengali-English: "4 ta chair" is four chairs).
NOT_AMOUNT_AFTER_RE = re.compile(
    r"(?<=\d)(?:-?[^\W\d_]|°)|\s*(?:am\b|pm\b|a\.m\.|p\.m\.|o'?clock|noon|midnight|hrs?\b|mins?\b|secs?\b|seconds?|"
    r"ta\b|chairs?|tables|passengers?|adults?|guests?|children|kids?|people|persons?|seats|rooms|nights?|bags|boxes|"
    r"bottles|cups?|slices|pieces|eggs|sided|sides|ways|players|teams|pages|copies|units|plates|glasses|"
    r"tablespoons?|teaspoons?|tbsp|tsp|inch(?:es)?|feet|foot|ft\b|cm\b|mm\b|metres?|meters?|miles?|km\b|kgs?\b|"
    r"lbs?\b|oz\b|ounces?|grams?|liters?|litres?|gallons?|degrees?|°|celsius|fahrenheit|percent|stars?|"
    r"calories|cal\b|mph|gb\b|mb\b|tb\b|ml\b|mg\b|g\b|l\b|of us|or more|or less|times\b|x\b|th\b|st\b|nd\b|rd\b|"
    r"(?:year|month|week|day|hour|minute)s?\s+(?:ago|old|later)\b|"
    r"more (?:days?|weeks?|months?|years?|hours?|minutes?|times?)\b|minutes?\b|minit\b|ghonta\b|jon\b|জন|"
    r"টা(?!কা)|ডিগ্রি|মিনিট|ঘণ্টা|দিন|মাস|সপ্তাহ|বছর|din\b|diner\b|mash\b|mashe\b|bochor\b)(?![a-z])", re.IGNORECASE)
# The same without IGNORECASE, for ASCII text in lower case (every letter it names is lower case): same spans, faster.
NOT_AMOUNT_AFTER_CASED_RE = re.compile(NOT_AMOUNT_AFTER_RE.pattern)
# "2 tickets", "12 bananas": a small whole number before a plural is a count ("bought 2 tickets 800" is 800).
COUNT_AFTER_RE = re.compile(r"\s+[^\W\d_]{3,}(?<!s)s\b")
COUNT_MAX = 20
# Sums, conversions and "what if"s: the numbers in them are asked about, never spent (matched on lower case;
# several small patterns scan faster than one alternation of all of them).
ASKED_WORDS_RE = re.compile(
    r"(?<![a-z])(?:divided by|multiply|multiplied|subtract|square root|sum of|add up|calculate|convert|conversion|"
    r"exchange rate|equals?|equal to|how (?:many|much (?:is|are|would|will)|long|far))\b")
ARITHMETIC_RE = re.compile(r"\d\s*(?:plus|minus|times|divided by|multiplied by|over|x|[×*])\s*\d|\bsqrt\b|"
                           r"\bsquared\b|\bcubed\b")
ADD_UP_RE = re.compile(r"add \d+(?:\.\d+)? (?:and|to|plus) \d")
ASKED_START_RE = re.compile(r"(?:if|when|whats?|what's|is|are|can|could|would|should|will)\b")
CONVERSION_RE = re.compile(r"(?<![a-z])(?:in|to|into) (?:usd|dollars|euros?|yen|pesos|pounds|rupees|taka|bdt|inr|"
                           r"gbp|eur|rubles|yuan)\b")
# An id, not an amount: seven or more digits written without grouping or a decimal point.
LONG_ID_RE = re.compile(r"\d{7,}")
# 401k and 403b are retirement plans, not 401,000.
PLAN_RE = re.compile(r"\b40[13]\s?[kb]\b", re.IGNORECASE)
WORD_RE = re.compile(r"[^\W\d_][\w\u0900-\u0dff'.-]*")  # Indic vowel signs are no \w, yet inside words


def bare_number_is_amount(text: str, span: MoneySpan, *, supported: bool, spending: bool,
                          before: tuple[str, str] | None = None, note_end: int | None = None) -> bool:
    """Whether a number written without a currency is an amount: `supported` says the message has a money verb
    or mentions people, or is short enough to be a ledger note ("lunch 250"); `spending` that it has a verb of
    spending or receiving ("paid", "bought", "received"), without which seven digits or more are an id; `before` is
    `words_before(text, span.start)` when the caller has it; `note_end` where the note ends before a date written
    last ("bus 50 yesterday")."""
    if not supported or (not spending and LONG_ID_RE.fullmatch(text[span.start:span.end].strip())):
        return False
    digits = text[span.start:span.end].strip()
    if span.numeral is None and len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
        return False  # "BG 084", "007": a code; no price is written with a leading zero
    last, pair = before or words_before(text, span.start)
    if pair.startswith("flight ") and len(last) <= 3:
        return False  # "flight BG 147": an airline's code, then the flight's number
    if (last in NOT_AMOUNT_BEFORE and not _price_of_a_paid_thing(text[:note_end], span, last, pair, spending)) or (
            NOT_AMOUNT_AFTER_CASED_RE.match(text.lower(), span.end) if text.isascii()
                                     else NOT_AMOUNT_AFTER_RE.match(text, span.end)):
        return False
    if span.amount <= COUNT_MAX and span.amount == span.amount.to_integral() and COUNT_AFTER_RE.match(text, span.end):
        return False
    if not spending and last == "for":  # "table for 4", but "bought shoes for 250"
        return False
    return not PLAN_RE.match(text, len(text) - len(text[span.start:].lstrip()))


def _price_of_a_paid_thing(text: str, span: MoneySpan, label: str, pair: str, spending: bool) -> bool:
    return label in PAID_LABELS and span.amount >= LEAST_PRICE and pair.split(" ", 1)[0] not in PLACED \
        and text[:span.start].rstrip().lower().endswith(label) and (
            spending or text[span.end:].strip(NOTE_END).lower() in ("", "on", "in"))  # "… on 1 jan" was cut


def currency_amount_is_spent(text: str, span: MoneySpan, before: tuple[str, str] | None = None) -> bool:
    """An amount with its currency is spent unless it is a price looked for ("for under $300"); `before` is
    `words_before(text, span.start)` when the caller has it."""
    last, pair = before or words_before(text, span.start)
    return last not in PRICE_LIMIT_BEFORE and pair not in PRICE_LIMIT_BEFORE


def words_before(text: str, end: int) -> tuple[str, str]:
    """The word right before `end` (past "is", "was", "no", ":" and "#") and the two before it, lower case; empty
    when something other than spaces, ":" or "#" stands between (another number, say)."""
    tail = text[max(0, end - BEFORE_WINDOW):end].lower()
    last = _last_word(tail)
    if last in LINKING:
        tail = tail.rstrip(SEPARATORS)[:-len(last)]
        last = _last_word(tail) or last
    before = _last_word(tail.rstrip(SEPARATORS)[:-len(last)]) if last else ""
    return last.rstrip("."), f"{before} {last}".strip().rstrip(".")


def _last_word(tail: str) -> str:
    tail = tail.rstrip(SEPARATORS)
    start = len(tail)
    while start and (tail[start - 1].isalpha() or tail[start - 1] == "."):
        start -= 1
    return tail[start:]


def is_a_sum_or_question(lower: str) -> bool:
    """A sum, a conversion or a question about a number ("560 divided by 3", "500 dollars in pesos")."""
    return bool(ASKED_WORDS_RE.search(lower) or ARITHMETIC_RE.search(lower) or ADD_UP_RE.search(lower)
                or ASKED_START_RE.match(lower) or CONVERSION_RE.search(lower))


def word_count(text: str) -> int:
    return len(WORD_RE.findall(text))

"""Which numbers are not amounts: times, counts, sizes, temperatures, ids, sums and prices asked about."""
from __future__ import annotations

import re
from collections.abc import Iterator, Set

from core.nlu import bengali
from core.nlu.gates import gated
from core.nlu.money import MoneySpan, parse_number

# A number without a currency right after one of these words is a time, a count, a setting or a label.
NOT_AMOUNT_BEFORE = frozenset(
    "at by around till until to and or between from roll call dial ring text phone mobile volume temperature temp "
    "thermostat oven alarm alert ack acked resolved snoozed timer table seat seats row order orders ticket pnr "
    "invoice apartment apt house suite ext extension zip postcode pin code id week day year channel station bus train "
    "rank ranked score track song psalm verse zone sector ward nombor nong "  # "কেবিন নম্বর ৪১২": "nombor 412"
    "chapter page room floor level version flight gate platform route line class size number no episode season "
    "part step grade model series gpa cgpa otp cvv passcode pr build bug commit python java node ios android ubuntu "
    "debian macos php reading hotline helpline limit tr".split())  # "tr": a transformer ("TR 445")
# Numbers of a place or of network equipment, when small ("road 11", "feeder 7", "block 3"; "curtain pole 3500",
# "bought a plot 500000" and "road 120" are prices)
SMALL_LABELS = frozenset({"road", "sector", "block", "plot", "lane", "feeder", "transformer", "pole", "substation",
                          "dtr"})
SMALL_LABEL_MAX = 99
BOUGHT_RE = gated(r"\b(?:bought|buy|purchased|kinlam|kinsi|kinechi|kinse|kinlo)\b")
# … unless it is a thing paid for, its price right after it: "bus 50", "daraz order 1299" as a note's last words,
# or beside a verb of spending ("ticket 1500 each, i paid for me and @shila"); "order no 450", "bus 42 schedule",
# "missed bus 42", "status of order 1299" and "bus 5" (below any fare) stay labels.
PAID_LABELS = frozenset({"bus", "train", "ticket", "tickets", "order", "ring"})  # "gold er ring 18500 kinlam"
LEAST_PRICE = 10
NOT_BEFORE_A_PAID_THING = frozenset(
    "at in on to from by near into onto for of my his her our their the this that next last missed miss catch caught "
    "take took cancel cancelled canceled return returned track tracking wait waiting board boarded status where which "
    "get got".split())
TRAILING = " \t.!"  # what may follow the price at a note's end
AFTER_A_PRICE = ("", "on", "in")  # "bus 41 on 1 jan": the date was cut from the note
# "lunch 250 no 300", "rickshaw 80? no 100": a "no" right after an amount takes it back; it numbers nothing
SAID_AGAIN_AFTER_NO_RE = re.compile(r"\d\s*(?:tk|taka|৳)?[\s?!,.-]*(?:\bno[\s,.!]*)+\Z", re.IGNORECASE)
# Labels only as a note's first word ("weight 72", "marks 85", "issue 4521"; not "laptop issue 2500")
LABELS_FIRST = frozenset({"weight", "height", "marks", "issue", "pipeline", "release", "sprint"})
OWNERS = frozenset({"my", "his", "her", "our", "their", "the"})
# A reading, not a price, when the number is in its range: "fever 101", "jor 39", "bp 120", "pulse 80", "ac ta 24 e
# rakho"
READINGS = {"fever": ((35, 42), (94, 108)), "jor": ((35, 42), (94, 108)), "jwor": ((35, 42), (94, 108)),
            "bp": ((40, 250),), "pulse": ((30, 220),), "ac": ((16, 30),)}
BLOOD_PRESSURE_RE = re.compile(r"\b(?:bp|pressure)\s*\d{2,3}\s*/?\s*\Z", re.IGNORECASE)  # "bp 120 80": both
# "flight BG 147": an airline's two-character code, then the flight's number
FLIGHT_CODE_RE = gated(r"\bflight\s+(?:is\s+|number\s+|no\.?\s+)?(?P<code>[A-Za-z0-9]{2})\s*\Z", re.IGNORECASE)
# Three groups of digits or more, a space apart: a meeting id or a phone number written in parts ("845 2231 9087")
ID_GROUPS_RE = re.compile(r"(?<![\d.,])(?:\d{2,}(?: \d{2,}){2,}|01\d{3}[ -]\d{6})(?![\d.,])")  # "01911 223344"
ID_DIGITS_MIN = 10  # "taxi 150 200 180" are three fares
# Days, months, people, floors or o'clock counted small ("৩০ দিনে", "2 din er bazar 1500", "3 jon", "11 tay", "৮ তলায়",
# "2 tar dike"); a price per
# month stays one ("bhara 10000 mashe")
SMALL_COUNT_MAX = 31
SMALL_COUNT_AFTER_RE = re.compile(r"\s*(?:din|diner|dine|mash|mashe|bochor|soptah|saptah|tarikh|tay|tai|bar|baar|"
                                  r"tar dike|tola|tolay|tolar|তলা|তলায়|তলার|দিন|"
                                  r"দিনে|মাস|মাসে|সপ্তাহ|বছর|তারিখে|তারিখ|টায়|টা(?!কা))(?![\w\u0980-\u09ff])", re.IGNORECASE)
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
    r"overs\b|wickets?\b|runs?\b|bosta\b|complaints?\b|requests?\b|digits?\b|alerts?\b|"  # counts
    r"new (?:[a-z]+ )?(?:meters|connections|customers|applications|tickets)\b|gaj\b|goj\b|yards?\b|size\b|"
    r"bottles|cups?|slices|pieces|eggs|sided|sides|ways|players|teams|pages|copies|units\b|unit\b(?!\s*\d)|"
    # cloth by the yard ("… 40 gaj 9200 kinlam"), "ring 16 size er ta kinlam", a post's reach ("reels e 12k view")
    r"plates|glasses|views\b|view (?:hoise|hoyeche|holo)\b|likes\b|followers?\b|subscribers?\b|tablespoons?|"
    r"teaspoons?|tbsp|tsp|inch(?:es)?|feet|foot|ft\b|cm\b|mm\b|metres?|meters?|miles?|km\b|kgs?\b|lbs?\b|oz\b|"
    r"ounces?|grams?|liters?|litres?|gallons?|degrees?|°|celsius|fahrenheit|percent|stars?|calories|cal\b|mph|"
    r"gb\b|mb\b|tb\b|ml\b|mg\b|g\b|l\b|kwh\b|kw\b|kva\b|mva\b|mw\b|volts?\b|amps?\b|"
    r"of us|or more|or less|times\b|x\b|th\b|st\b|nd\b|rd\b|(?:year|month|week|day|hour|minute)s?\s+(?:ago|old|"
    r"later)\b|more (?:days?|weeks?|months?|years?|hours?|minutes?|times?)\b|minutes?\b|minit\b|ghonta\b|jon\b|"
    r"baj(?:e|ey|che|chhe|lo|te)\b|hotline\b|helpline\b|"  # "4 bajche": four o'clock; "16116 hotline e"
    r"জন(?![\u0980-\u09ff])|ডিগ্রি|মিনিট|ঘণ্টা|%)(?![a-z])", re.IGNORECASE)
OUT_OF_RE = re.compile(r"\s*out of \d")  # "88 out of 100": a mark (but "paid 500 out of 1000 for rent" is 500)
PAYING_VERBS = frozenset({"paid", "spent", "pay", "spend", "dilam"})
# The same without IGNORECASE, for ASCII text in lower case (every letter it names is lower case): same spans, faster.
NOT_AMOUNT_AFTER_CASED_RE = re.compile(NOT_AMOUNT_AFTER_RE.pattern)
# "2 tickets", "12 bananas": a small whole number before a plural is a count ("bought 2 tickets 800" is 800).
COUNT_AFTER_RE = re.compile(r"\s+[^\W\d_]{3,}(?<!s)s\b")
COUNT_MAX = 20
# "200 bricks for 9000": however large, a number before a plural and then "for" a number is a count, that one its price
# (the price last in its clause: "paid 5000 bills for 2 months" counts months)
COUNT_THEN_PRICE_RE = re.compile(r"\s*[^\W\d_]{3,}(?<!s)s\s+for\s+(?:(?:tk|rs|taka|bdt|usd|inr)\.?\s*|[$৳€£₹]\s*)?"
                                 r"\d[\d,.]*k?(?:\s*(?:tk|taka|bdt|rs|usd|dollars|rupees|/-))?\s*(?:$|[,.;!)])",
                                 re.IGNORECASE)
# Sums, conversions and "what if"s: the numbers in them are asked about, never spent (matched on lower case;
# several small patterns scan faster than one alternation of all of them).
ASKED_WORDS_RE = re.compile(
    r"\bkoto\W*$|^\D*\d[\d,.]*\s*(?:tk|taka|৳)?\s+koto (?:taka )?baki\W*$|"  # "customer 1200 tk koto baki"
    r"(?<![a-z])(?:divided by|multiply|multiplied|subtract|square root|sum of|add up|calculate|"
    r"convert(?! (?:hoye|hoise|hoyeche|holo|kore)\b)|"  # "oi dollar ta convert hoye": converted, told
    r"conversion|"
    r"exchange rate|equals?|equal to|how (?:many|much (?:is|are|would|will)|long|far))\b")
ARITHMETIC_RE = re.compile(r"\d\s*(?:plus|minus|times|divided by|multiplied by|over)\s*\d|\bsqrt\b|\bsquared\b|"
                           r"\bcubed\b")
# "15 x 23", "12*12=?", "4 jon x 800 = 3200 hobe probably": the whole message a product to work out, or worked out
# ("coffee 2 x 120" is a record), or one asked ("bro what's 1250 x 12")
# (each run of spaces taken whole, "\s*+": a pasted run of newlines is not tried every way it can be split)
PRODUCT_RE = re.compile(r"\s*+[\d.,]++(?:\s*+(?:jon|people|persons?|ta))?\s*+[x×*]\s*+[\d.,]++\s*+"
                        r"(?:(?:=(?:\s*+[\d.,]++(?:\s++(?:tk|taka|hobe|hoy|probably|maybe|mone hoy))*+)?\s*+\??|"
                        r"\?|koto)\s*+)?")
PRODUCT_ASKED_RE = re.compile(r"\b(?:what'?s|what is|how much is|calc(?:ulate)?)\s+[\d.,]+\s*[x×*]\s*[\d.,]+\s*"
                              r"(?:=\s*\??|\?|koto)?\s*$")
ADD_UP_RE = re.compile(r"add \d+(?:\.\d+)? (?:and|to|plus) \d")
# "500+350+1200 koto hoy", "120*3=?": numbers joined by signs, then asked for ("lunch 200+150" is a record)
# (a chain begins at its first number only: started at every number of "1k+1k+…", the search would be quadratic)
SIGNS_ASKED_RE = re.compile(r"(?<![\d.,+*×÷])(?<![+*×÷]\s)\d[\d.,]*+(?:\s*(?:k|hajar|hazar|lakh|thousand))?\s*[+*×÷]\s*"
                            r"\d[\d.,]*"
                            r"(?:\s*(?:k|hajar|hazar|lakh|thousand))?"
                            r"(?:\s*[+*×÷]\s*\d[\d.,]*(?:\s*(?:k|hajar|hazar|lakh|thousand))?)*\s*"
                            r"(?:=\s*\??\s*$|\?|\b(?:koto|kto|how much|equals?)\b)")
# "18% vat on 12,500 koto hoy?", "what's 15% of 860": a share of a number, asked
PERCENT_ASKED_RE = re.compile(r"\d\s*%\s*(?:\w+\s+){0,2}?(?:on|of|er|from)\s+(?:tk\s*|[$৳]\s*)?\d[\d,.]*"
                              r"(?:\s*(?:tk|taka))?\s*(?:\?|\b(?:koto|kto|how much|equals?|hoy)\b|$)")
ASKED_START_RE = re.compile(r"(?:if|when|whats?|what's|is|are|can|could|would|should|will)\b")
WHAT_IF_RE = gated(r"\b(?:dile|korle|nile|kinle) ki\b")  # "100 tk recharge dile ki bonus pabo"
CONVERSION_RE = re.compile(r"(?<![a-z])(?:in|to|into) (?:usd|dollars|euros?|yen|pesos|pounds|rupees|taka|bdt|inr|"
                           r"gbp|eur|rubles|yuan)\b")
# An id, not an amount: seven or more digits written without grouping or a decimal point.
LONG_ID_RE = re.compile(r"\d{7,}")
# 401k and 403b are retirement plans, not 401,000.
PLAN_RE = gated(r"\b40[13]\s?[kb]\b", re.IGNORECASE)
WORD_RE = re.compile(r"(?!(?<=\d)k\b)[^\W\d_][\w\u0900-\u0dff'.-]*", re.IGNORECASE)  # not 2k's k; Indic signs


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
    if pair == "out of" or (OUT_OF_RE.match(text, span.end) and last not in PAYING_VERBS) \
            or _a_reading(last, pair, span) or _second_blood_pressure(text, span) or _a_flight(text, span) \
            or _in_id_groups(text, span) \
            or (not spending and last in LABELS_FIRST and (pair == last or pair.split(" ", 1)[0] in OWNERS)):
        return False  # "88 out of 100", "fever 101", "flight BG 147", "zoom id 845 2231 9087", "weight 72"
    if small_whole(span, SMALL_COUNT_MAX) and SMALL_COUNT_AFTER_RE.match(text, span.end):
        return False
    if last in SMALL_LABELS and span.amount <= SMALL_LABEL_MAX and not span.currency \
            and BOUGHT_RE.search(text) is None:  # "pole 3 replace korlam" is no price; "bought sun block 15" is
        return False
    if last == "care" and pair.startswith("customer"):  # "bkash customer care 16247", not "day care 5000"
        return False
    if (last in NOT_AMOUNT_BEFORE and not _price_of_a_paid_thing(text[:note_end], span, last, pair, spending)
            and not (last == "no" and SAID_AGAIN_AFTER_NO_RE.search(text, 0, span.start))) or (
            NOT_AMOUNT_AFTER_CASED_RE.match(text.lower(), span.end) if text.isascii()
                                     else NOT_AMOUNT_AFTER_RE.match(text, span.end)):
        return False
    if (small_whole(span, COUNT_MAX) and COUNT_AFTER_RE.match(text, span.end)) \
            or (span.currency is None and COUNT_THEN_PRICE_RE.match(text, span.end)):
        return False
    if not spending and last == "for":  # "table for 4", but "bought shoes for 250"
        return False
    return not PLAN_RE.match(text, len(text) - len(text[span.start:].lstrip()))


def small_whole(span: MoneySpan, most: int) -> bool:
    """A whole number no bigger than `most`: what a count can be."""
    return span.amount <= most and span.amount == span.amount.to_integral()


def _price_of_a_paid_thing(text: str, span: MoneySpan, label: str, pair: str, spending: bool) -> bool:
    """"bus 50", "daraz order 1299": the label's word right before the number (no "no" or "#" between), nothing
    after it but a date that was cut, or a verb of spending in the message."""
    before = pair.split(" ", 1)[0] if " " in pair else ""
    return label in PAID_LABELS and span.amount >= LEAST_PRICE and before not in NOT_BEFORE_A_PAID_THING \
        and text[:span.start].rstrip().lower().endswith(label) and (
            spending or text[span.end:].strip(TRAILING).lower() in AFTER_A_PRICE)


def _a_reading(last: str, pair: str, span: MoneySpan) -> bool:
    if last == "ta" and " " in pair:  # "ac ta 24 e rakho": the thing, then its "ta"
        last, pair = pair.split(" ", 1)[0], ""
    ranges = READINGS.get(last)
    return ranges is not None and not pair.startswith("for ") and any(low <= span.amount <= high
                                                                        for low, high in ranges)


def _second_blood_pressure(text: str, span: MoneySpan) -> bool:
    return span.amount < 250 and BLOOD_PRESSURE_RE.search(text, 0, span.start) is not None


def _a_flight(text: str, span: MoneySpan) -> bool:
    found = FLIGHT_CODE_RE.search(text, 0, span.start)
    return found is not None and (found["code"].isupper() or any(c.isdigit() for c in found["code"])) \
        and span.amount < 10_000


def _in_id_groups(text: str, span: MoneySpan) -> bool:
    start = span.end - len(text[span.start:span.end].lstrip())  # a span may start at the space before its digits
    return any(run.start() <= start and span.end <= run.end() and sum(c.isdigit() for c in run[0]) >= ID_DIGITS_MIN
               for run in ID_GROUPS_RE.finditer(text))


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


# "1200 ke 3 diye bhag korle koto", "500 er sathe 300 jog korle": a sum in Bengali-English
# not "500 jog kore dao" (add it) nor "বাজার ৯০০ টাকা, ৩ জনে ভাগ করলে ৩০০ করে" (a record, and its split told)
BENGALI_SUM_RE = re.compile(r"\d.*\b(?:bhag|gun|jog|biyog)\s*(?:korle|dile)\b(?!\s*[\d,.]+\s*(?:kore|করে|each))")


def is_a_sum(lower: str) -> bool:
    """A sum to work out ("15 x 23", "560 divided by 3", "1200 ke 3 diye bhag korle koto")."""
    return bool(ARITHMETIC_RE.search(lower) or PRODUCT_RE.fullmatch(lower) or ADD_UP_RE.search(lower)
                or (("what" in lower or "calc" in lower or "how much" in lower)
                    and PRODUCT_ASKED_RE.search(lower))
                or SIGNS_ASKED_RE.search(lower) or ("%" in lower and PERCENT_ASKED_RE.search(lower))
                # not "dinner 1500 dilam, 3 jon bhag korle 500 kore": a payment, then its split
                or (BENGALI_SUM_RE.search(lower) and _nothing_paid(lower)))


def is_a_sum_or_question(lower: str) -> bool:
    """A sum, a conversion or a question about a number ("560 divided by 3", "500 dollars in pesos")."""
    return bool(ASKED_WORDS_RE.search(lower) or ASKED_START_RE.match(lower) or CONVERSION_RE.search(lower)
                or is_a_sum(lower)
                or (WHAT_IF_RE.search(lower) and _nothing_paid(lower)))


# A payment to come, not one made: "tomorrow i'll pay the 2000 rent", "rahim ke 500 dibo", "next month e 20000 salary
# barbe" (but "karim er kache 300 pabo" is a debt owed now, and "paid 500, will pay the rest tomorrow" a payment)
TO_COME_RE = gated(r"\b(?:i['’]ll|i will|we['’]ll|we will|(?:i['’]?m|i am|we['’]re|we are) (?:going to|gonna)|"
                        r"ill (?:pay|send|give|buy|transfer|return)|"
                        r"gonna|(?:i|we) plan to|planning to|will (?:pay|buy|send|give|transfer|spend|get|receive)|"
                        r"dibo|debo|dimu|dibe|korbo|kinbo|kinmu|pathabo|pathabe|barbe|kombe|ashbe|lagbe|felbo|"
                        # a loan asked for ("3500 dhar dite parbi?"), a price asked by a seller ("they are asking 300")
                        r"dhar (?:dite|dao|den|diba|diben|chai)|(?:are|is|was|were) asking|chaise|chacche|chaitese|"
                        r"dite (?:chaisilo|chay|chan|chacche)|chaibo|chaimu|(?:"  # … or asked: "ammu bollo 10k pathate"
                        r"(?:bollo|bolse|boleche|bolche|bolchen) (?:\S+ ){0,3}?(?:pathate|dite|kinte)|"
                        r"(?:pathate|dite|kinte) (?:bollo|bolse|boleche|bolche|bolchen))"
                        r"(?!.*\b(?:sent|pathaisi|pathalam|disi|dilam|dewa|deya|done)\b)|"
                        r"ferot (?:dao|den|diben|din|dio|diyo|chai)|korte hobe)\b")  # "karim amar 500 ferot dao": asked
# back; "nabil er sathe hisab shesh korte hobe": still to do
# Verbs of money already paid or received: a plan beside one ("paid 500, will pay the rest tomorrow") is no plan
# (not "asche", "is coming")
DONE_WORDS = frozenset({"spent", "paid", "bought", "purchased", "gave", "got", "received", "earned", "sold", "won",
                        "credited", "charged", "returned", "nilam", *bengali.EXPENSE_VERBS.split("|"),
                        *bengali.INCOME_VERBS.split("|")}) - {"asche", "ashche"}
# a clause's own verb said as now, or its own day gone: "i'll pay 2000 rent, pay 300 for lunch now", "… lunch 300
# today", "… the 800 gas bill is done" are no plan of the 300 or the 800
NOT_TO_COME = frozenset({"pay", "pays", "buy", "buys", "spend", "spends", "cost", "costs", "give", "send", "dei",
                         "dii", "kini", "lage", "now", "today", "yesterday", "done", "already", "ago"})
PAID_NOW = DONE_WORDS | {"today", "yesterday", "done", "already", "ago"}  # a clause told as paid, or its day gone
GET_PAID_RE = re.compile(r"\b(?:get|gets|getting|i'm|am) paid\b")
# a clause ends at a comma or a full stop not inside a number ("12,000", "12.50"), or at ; ! ? "but" "tai" "then"
CLAUSE_BREAK_RE = re.compile(r"(?<!\d)[,.]|[,.](?!\d)|[;!?]| but | tai | then | so ")
CURRENCY_DOT_RE = gated(r"\b(tk|rs)\.(?=\s*\d)")  # "tk. 500" is one amount; "500 tk. kal…" ends a clause
WORD_RUN_RE = re.compile(r"\w+")
PLAN_BREAK_RE = re.compile(CLAUSE_BREAK_RE.pattern + "| and ")  # a plan and a payment are often joined by "and"


def _nothing_paid(lower: str) -> bool:
    """No word of money already paid or received (DONE_WORDS) in the text."""
    return DONE_WORDS.isdisjoint(WORD_RUN_RE.findall(lower))


AMOUNT_TO_BE_RE = re.compile(r"\s*(?:tk\.?\s*|৳\s*)?\d[\d,.]*\s*(?:k|tk|taka|/-)?\s+hobe\W*")


def is_a_plan(lower: str, words: Set[str]) -> bool:
    """Money to be paid or received later, with nothing said to be paid already: every clause with a number in it
    says it is to come ("bazar 2000, kal abar korbo" is a record, "kal 500 dibo" a plan), or an amount alone is what
    it will be ("500 hobe": a reply in talk about a price)."""
    if AMOUNT_TO_BE_RE.fullmatch(lower):
        return True
    if "paid" in words and GET_PAID_RE.search(lower):  # "… on friday when i get paid": no payment made
        words = set(WORD_RUN_RE.findall(GET_PAID_RE.sub(" ", lower)))
    if not words.isdisjoint(DONE_WORDS) or TO_COME_RE.search(lower) is None:
        return False
    return all(to_come for _, _, to_come in _amounts_to_come(lower))


def amountless_plans(lower: str) -> list[tuple[int, int]]:
    """Where in `lower` the clauses are that plan a payment and hold no number, beside one with a number told as paid
    ("i'll pay rent tomorrow and paid 300 for groceries today": the first), so that the amount paid keeps its own
    words and day; none otherwise ("team lunch kal korbo, budget 3000 er moddhe" pays nothing)."""
    if TO_COME_RE.search(lower) is None:
        return []
    spans, paid = [], False
    for start, end in _clause_spans(lower, PLAN_BREAK_RE):
        clause, said = lower[start:end], WORD_RUN_RE.findall(lower, start, end)
        if any(c.isdigit() for c in clause):
            paid = paid or not PAID_NOW.isdisjoint(said)
        elif TO_COME_RE.search(clause) is not None and DONE_WORDS.isdisjoint(said):
            spans.append((start, end))
    return spans if paid else []


def planned_spans(lower: str) -> list[tuple[int, int]]:
    """Where in `lower` the clauses with an amount still to be paid are ("kal rent 5000 dibo, bazar 2000 dilam": the
    first), so that an amount paid beside them is the one recorded."""
    return [(start, end) for start, end, to_come in _amounts_to_come(lower) if to_come] \
        if TO_COME_RE.search(lower) else []


def _amounts_to_come(lower: str) -> Iterator[tuple[int, int, bool]]:
    """Each clause with a number in it, its span in `lower`, and whether it says it is to come: itself, or after an
    amount to come without a verb or a day of its own ("i'll pay 2000 for rent, 1000 for electricity"); never one
    told as paid ("bazar 2000 dilam")."""
    # as long as `lower`, so the spans hold; "when i get paid" pays nothing
    text = GET_PAID_RE.sub(lambda said: " " * len(said.group()), CURRENCY_DOT_RE.sub(r"\1 ", lower))
    coming = False
    for start, end in _clause_spans(text, CLAUSE_BREAK_RE):
        clause = text[start:end]
        if any(c.isdigit() for c in clause):
            said = set(WORD_RUN_RE.findall(clause))
            coming = said.isdisjoint(DONE_WORDS) and (TO_COME_RE.search(clause) is not None
                                                      or (coming and NOT_TO_COME.isdisjoint(said)))
            yield start, end, coming


def _clause_spans(text: str, breaks: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """Where each clause of `text` starts and ends, `breaks` matching what ends one (and is in none)."""
    start = 0
    for found in breaks.finditer(text):
        yield start, found.start()
        start = found.end()
    yield start, len(text)


def word_count(text: str) -> int:
    return len(WORD_RE.findall(text))


# A note's amount told as such: last, after a dash or a colon ("water bottles for the boys - 480"), or right after a
# fee ("courier charge 150 (sundarban) for the cheque")
NOTED_LAST_RE = re.compile(r"\s[-–—:=]\s*(?P<amount>\d[\d,.]*)(?:/-)?\s*$|"  # … or a fare or a bill last ("… 250 vara")
                           r"\s(?P<fee>\d[\d,.]*)\s*(?:tk|taka)?\s+(?:vara|bhara|fare|bill)\W*$")
NOTED_FEE_RE = re.compile(r"^(?:[^\W\d_]+ ){0,2}(?:charges?|fees?|fare)\s+\d[\d,.]*+"
                          r"(?!\s+(?:was|is|are|will|has|had|went|got|goes|would|per|every|if)\b)")
# a number told after a dash that counts or names something ("room number … - 305", "total guests … - 45")
NOT_NOTED_WORDS = frozenset({"number", "no", "guests", "people", "persons", "members", "room", "rooms", "seats",
                             "students", "players", "floor", "flat"})


def noted_amount(text: str, words: Set[str]) -> bool:
    """Whether a note longer than a few words says which number is its amount: its only number, last, after a dash or
    a colon, a price's size, nothing counted or numbered ("water bottles for the boys - 480", not "on road 7 - 12",
    "tomorrow - 3" nor "total guests … - 45"), or a fee its first words name ("courier charge 150 (sundarban) for the
    cheque", not "bus fare 50 was raised"); `words` are the message's \\w runs."""
    if (last := NOTED_LAST_RE.search(text)) is not None:
        return not any(char.isdigit() for char in text[:last.start()]) and words.isdisjoint(NOT_NOTED_WORDS) \
            and (parse_number(last["amount"] or last["fee"]) or 0) >= LEAST_PRICE
    return NOTED_FEE_RE.search(text) is not None


# "i never paid the 500", "client hasn't paid the invoice $1200": no payment made (a debt, perhaps; no record)
DENIED_RE = re.compile(r"\b(?:never|not|didn'?t|hasn'?t|haven'?t|won'?t|yet to)\s+(?:yet\s+|even\s+|actually\s+)?"
                       r"(?:paid|pay|spent|spend|bought|buy|received|receive|got|get|sent|send|transferred|transfer)\b")
NEGATION_WORDS = frozenset({"never", "not", "didn", "didnt", "hasn", "hasnt", "haven", "havent", "won", "wont", "yet"})
PAID_SAID_RE = re.compile(r"\b(?:paid|spent|bought|received|got|sent|transferred)\b")


def payment_denied(before: str, words: Set[str]) -> bool:
    """Whether the text before an amount denies, in the amount's clause, that it was paid or received ("i never paid
    the 500"), with no payment told after the denial ("didn't get the receipt but paid 500"; "dinner 800 i did not pay
    tip" denies the tip). `words` are the message's \\w runs (most messages hold no negation: nothing is searched)."""
    if words.isdisjoint(NEGATION_WORDS):
        return False
    starts = [found.end() for found in CLAUSE_BREAK_RE.finditer(before)]
    clause = before[starts[-1] if starts else 0:]
    denials = list(DENIED_RE.finditer(clause))
    return bool(denials) and PAID_SAID_RE.search(clause, denials[-1].end()) is None

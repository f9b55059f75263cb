"""Pieces of a record read from its text: the amount's clause, cents, exact shares, a description's words, money told
but not paid."""
from __future__ import annotations

import re
from collections.abc import Set
from decimal import Decimal

from core.nlu import bengali
from core.nlu import mentions as mention_text
from core.nlu.categories import Categoriser
from core.nlu.gates import gated
from core.nlu.lookups import customers_payment_told
from core.nlu.money import MoneySpan, parse_number
from core.nlu.numbers import (
    LEAST_PRICE,
    NOT_NOTED_WORDS,
    noted_amount,
    word_count,
)

CLAUSE_END_RE = re.compile(r"[,;.!?]")
# Indic vowel signs are not \w, but they end words ("রিকশা"): only spaces and punctuation are trimmed.
KEPT_CHAR_RE = re.compile(r"[\w\u0900-\u0dff]")
# the same trimming for ASCII text, as str.strip does it (faster than two searches)
ASCII_NOT_KEPT = "".join(c for c in map(chr, range(128)) if not KEPT_CHAR_RE.match(c))
CENTS_RE = re.compile(r"(?P<whole>\d[\d,]*)\.(?P<part>\d\d)")  # "24.90": an amount with its cents
NOT_CENTS_WORDS = frozenset({"rating", "rated", "score", "scored", "gpa", "cgpa", "ielts", "band", "grade", "glucose",
                             "sugar", "ph", "temperature", "temp", "fever", "km", "kg", "miles", "mile", "lands",
                             "leaves", "departs", "arrives", "version", "v", "percent", "weight", "height"})


def cents_written(body: str, words: Set[str], total: MoneySpan) -> bool:
    """A note's amount written with its cents ("train to brighton 24.90") says money as a currency does; not a time
    ("the train leaves 14.45", "10.30 e meeting") nor a reading, score or measure ("rating 4.90", "glucose 5.60")."""
    written = CENTS_RE.fullmatch(body[total.start:total.end].strip())
    return written is not None and words.isdisjoint(NOT_CENTS_WORDS) \
        and not (int(written["whole"].replace(",", "")) < 24 and int(written["part"]) < 60)


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the spans spaced out (as long as before: positions hold)."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def clause_of(text: str, at: int) -> str:
    """The clause of `text` (between commas, semicolons or full stops) that holds position `at`."""
    starts = [m.end() for m in CLAUSE_END_RE.finditer(text, 0, at)]
    end = CLAUSE_END_RE.search(text, at)
    return text[starts[-1] if starts else 0:end.start() if end else len(text)]


def trimmed(text: str) -> str:
    """`text` without the spaces and punctuation at either end."""
    if text.isascii():
        return text.strip(ASCII_NOT_KEPT)
    first = KEPT_CHAR_RE.search(text)
    if first is None:
        return ""
    last = KEPT_CHAR_RE.search(text[::-1])
    return text[first.start():len(text) - last.start()] if last else text


# What the sender asks the bot to do with a note ("add netflix 500", "log expense: uber 320", "put down 300 for taxi"):
# no word of what was paid for
REQUEST_VERBS = r"(?:put|jot|write|note) down|add|record|log|note|enter"
# (not a thing's own first word: "record player", "log cabin", "note book")
REQUEST_VERB_RE = re.compile(r"(?!record (?:player|book|label)|log (?:cabin|book)|note ?(?:book|pad))"
                             rf"(?:{REQUEST_VERBS})\b\W*", re.IGNORECASE)


# "add 220 for rickshaw to karwan bazar", "can you put down 1200 for the doctor visit": the bot asked to keep a note of
# money (not "add milk to my shopping list", "add 500 to the food budget", "put down 3 names for the quiz")
RECORD_ASKED_RE = re.compile(r"(?:(?:can|could|would) (?:you|u) |pls |please |plz |kindly )?"
                             rf"(?:{REQUEST_VERBS})\b"
                             r"(?!.*\b(?:to|in|on|into|onto) (?:my |the |our |a )?(?:\w+ )?(?:list|calendar|cart|"
                             r"playlist|reminders?|todo|to-do|agenda|schedule|budget|alarm|notes?|savings|group|"
                             r"register|sheet)\b)")


def asked_to_record(text: str, words: Set[str]) -> bool:
    """A longer note that still says which number is its amount (`noted_amount`), or one the bot is asked to keep
    ("add 220 for rickshaw to karwan bazar"; which of its numbers is money the amount checks say: not "zone 4")."""
    return noted_amount(text, words) or RECORD_ASKED_RE.match(text.lower()) is not None


PAID_OUT_RE = gated(r"\b(?:forked|shelled|shelling|paid|paying|splurged)\s+out\b|\bforked\s+over\b", re.IGNORECASE)


def without_request_verb(description: str, body: str) -> str:
    """A description without the request it began with ("add netflix": "netflix"; "record": none) or the rest of
    its verb ("forked out 200 for the concert": "concert", not "out concert")."""
    if description.lower().startswith(("out ", "over ")) and PAID_OUT_RE.search(body):
        return description.split(" ", 1)[1]
    found = REQUEST_VERB_RE.match(description)
    if found is None or RECORD_ASKED_RE.match(body.strip().lower()) is None:
        return description  # "track pants 1200", "bought note book 120": the thing's own word
    return description[found.end():]


# Someone else's word for their own payment, told on ("he paid 1800 tk twice he says, wants refund", "she said she
# paid 2500 at bkash but it isn't showing"): a customer's claim, not the sender's money; not the sender's payment
# with a remark after it ("paid 1200 for dinner, she said it was worth it"), nor money paid to the sender ("client
# paid me 350, he said great work") or paid too ("he says lunch was 500, i paid")
REPORTING_WORDS = frozenset({"says", "said", "claims", "claimed", "claiming", "bolse", "bollo", "bolche", "boltese",
                             "bolchen", "bolechen"})
HEARSAY_RE = re.compile(r"\b(?:he|she|they|customer|client)\b(?: \w+){0,2} (?:says|said|claims?|claimed|claiming|"
                        r"bolse|bollo|bolche|boltese|bolchen|bolechen)\b|"
                        r"\b(?:says|said|claims?|claimed|claiming) (?:that )?(?:he|she|they)\b")
THIRD_PERSON_PAID_RE = re.compile(r"\b(?:he|she|they|customer|client|se|uni|tini)\b(?: \w+){0,4}? (?:paid|pays|sent|"
                                  r"gave|transferred|deposited|spent|spends|bought|buys|dilo|dise|diyeche|pathaise|"
                                  r"pathiyeche|pathalo|"
                                  r"korechen|diyechen|dilen|korse|koreche|korlo)\b"
                                  r"(?! (?:me|us)\b)")
SENDER_RE = re.compile(r"\b(?:i|we|ami|amra)\b")
# … or told as heard, the Bengali way: "রাকিব নাকি ৫০০০ টাকার জুতা কিনেছে" (rakib, it seems, bought shoes for 5000),
# "ইউনিভার্সিটির ফি নাকি ৩৫০০০ হয়েছে" (the fee, it seems, is now 35000), "শুনলাম পাশের দোকানদার ৫ লাখ টাকা লোন নিছে"
HEARD_RE = re.compile(r"^@?(?:[^\W\d_]\S* ){1,2}naki \S(?=.*\b(?:kineche|kinse|kinlo|dise|diyeche|dilo|korse|koreche|"
                      r"khoroch|spent|paid|bought|hoyeche|hoise)\b)|"
                      # someone's pay or price, reportedly: "rakib er salary naki 80k", "nila apu'r husband er salary
                      # naki 1.5 lakh", "jamal er salary 38000 shunlam"
                      r"^@?(?:[^\W\d_]\S* ){0,3}[^\W\d_]\S* (?:er|r) (?:salary|beton|income|bonus|rent|vara|dam) "
                      r"(?:\S+ ){0,2}?(?:naki|shunlam|shunechi|shunsi)\b|"
                      # (not "heard back from landlord, paid rent 15000": heard from, then paid)
                      r"^(?:shunlam|shunechi|heard(?: that)?(?! back\b| from\b| you\b)) (?:[^\W\d_]\S* ){1,3}"
                      r"(?=.*(?:\b(?:nise|niche|nilo|niyeche|dise|diyeche|dilo|kineche|kinse|kinlo|bought|paid|spent|"
                      r"took|borrowed)\b|নিছে|নিয়েছে|দিয়েছে))")
# one person's debt to another, neither of them the sender: "Riyad owes the tailor 3000 apparently"
OTHERS_OWE_RE = re.compile(r"@?(?!(?:i|we|you|u)\b)[^\W\d_][\w.]* owes (?!(?:me|us)\b)(?:the |his |her |their |a )?"
                           r"[^\W\d_]")
# the sender's own verb of paying or buying: "electricity bill naki 1850 hoise, bkash e dilam" is a record
SENDER_VERB_RE = re.compile(r"\b(?:" + bengali.SENDER_VERBS + r")\b")
WITH_YOU_WORDS = frozenset({"kache", "kase", "kachhe"})  # a word every ASKED_OF_YOU_RE match holds
# Money asked of the one talked to: "tor kache 100 taka hobe? ekhon lagbe" (do you have 100 on you?)
ASKED_OF_YOU_RE = re.compile(r"\b(?:tor|tomar|apnar|tomader|apnader|toder) (?:kache|kase|kachhe) (?:\S+ ){0,2}?"
                             r"\d[\d,.]*k? ?(?:taka|tk)? ?(?:hobe|ache|ase|achhe)\b")
# "meter reading she gave was 18452", "রিডিং 3421 থেকে 3980": the reading told, no money named between it and the number
READING_SAID_RE = re.compile(r"\bmeter reading\b|\breading(?=\s*(?:[:=-]|ta|holo|chilo|is|was)?\s*\d)")
MONEY_NOUN_RE = re.compile(r"\b(?:charges?|fees?|bill|cost|jonno|for|visit|taka|tk|dilam|paid)\b")


# Someone else's own purchase: "@tanvir bought himself a ps5 for 62000", "rafi 30k diye notun phone kinse", "tanvir
# nijer jonno 15k er ghori kinse" (none of it the sender's; "sabbir bhai gas cylinder kinse 1450 e" may be the flat's)
OWN_PURCHASE_RE = re.compile(r"\bbought (?:himself|herself|themselves)\b|^@?(?!(?:i|we|just|finally|yesterday|"
                             r"today|also|then|so|and|already|recently|ok|okay|lol|have|had|has|who)\b)[^\W\d_][\w.]* "
                             r"bought an? new\b|\b(?:nijer jonno|notun|new)\b (?:\S+ ){0,4}?(?:kinse|kinlo|kineche)\b")
# … or spent by someone else, told as news: "my friend spent $2000 on his vacation lol", "rakib spent like 3k on
# cigarettes this week bro" (not "rakib spent 1200 on groceries for the flat", which may be the flat's to share)
_SOMEONE_ELSE_FIRST = (r"^(?:my |our )?(?!(?:i|we|you|u|me|ami|amra|just|finally|also|then|so|and|already|ugh|"
                       r"today|yesterday|kal|aaj|ajke|who|have|had|has|total|how|what|omg|oops|wow|damn|ok|okay|"
                       r"well|yeah|yes|no|nah|maybe|prob|tbh|again|never|almost|bro|lol|hmm|salary|bonus|invoice|"
                       r"payment|bill|rent|it|this|that|client|project|order|overtime)\b)(?![a-z]+ly\b)[^\W\d_][\w.]* ")
_NEWS = r"(?=.*\bon (?:his|her|their) |.*\b(?:lol|lmao|haha|bro|smh)\W*$| like\b|.*\bcan you believe\b)"
OTHERS_SPENT_RE = re.compile(_SOMEONE_ELSE_FIRST + r"spent\b"
                             # not shared ("… on our dinner", "… for us", "… for the flat")
                             r"(?!.*\b(?:our|us|my|me|amader|for (?:the )?(?:flat|house|team|group|trip|all|everyone|"
                             r"mess))\b)" + _NEWS)
# … or paid to someone else, told likewise: "Sabbir got paid 2k usd for one landing page lol"
OTHERS_PAID_RE = re.compile(_SOMEONE_ELSE_FIRST + r"got paid\b(?!.*\b(?:us|me|amake|amader)\b)" + _NEWS)
# … or a customer's or caller's word, told to colleagues: "customer bolse 2 mash e 8000 tk bill", "ক্যালার বলতেছে ৫০০
# টাকা রিচার্জ করছে বিকাশে কিন্তু টোকেন পায় নাই"
CLAIMANTS = frozenset({"customer", "caller", "client", "grahok", "consumer"})
OWN_TAKINGS = frozenset({"received", "collected", "nilam", "pelam", "paisi", "got"})  # "…, received 20000 today"
CLAIM_START_RE = re.compile(r"^(?:customer|caller|client|grahok|consumer)(?: \w+)? (?:bolse|bolche|bolteche|boltese|"
                            r"bole|says|said|claims|claimed|complains|complained|janalo|janaise)\b")
MARKS_RE = re.compile(r"\bgot \d+(?: marks?)? (?:in|on) (?:the |my |our )?(?:midterms?|finals?|exams?|tests?|quiz|"
                      r"class test|maths?|english|physics)\b")  # "i got 89 in the midterm": a mark
PURCHASE_VERBS = frozenset({"bought", "kinse", "kinlo", "kineche"})  # one is in every OWN_PURCHASE_RE match
# a price someone else says: "headmaster says the new guide books cost 350 each" (no one of the sender's paid it)
SAYS = frozenset({"says", "said"})
GIVING = frozenset({"gave", "give", "pay", "advance"})  # with MONEY_WORDS: not "…, paid 2000", "…, gave advance 300"
SAYS_COST_RE = gated(r"\b(?:says|said)\b(?: that)?[^,.;?]*\b(?:costs?|will cost|is|are)\b[^,.;?]*\d")
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "ami", "amra", "amar", "amader", "amake", "amk"})


def hearsay(lower: str, words: Set[str]) -> bool:
    """A payment told as a third person's claim that they paid, or as heard, the sender not among those who paid; or
    money asked of the one talked to."""
    return (not words.isdisjoint(REPORTING_WORDS) and HEARSAY_RE.search(lower) is not None
            and THIRD_PERSON_PAID_RE.search(lower) is not None and SENDER_RE.search(lower) is None) \
        or ((lower.startswith(("shunlam", "shunechi", "heard ")) or "naki" in words or "shunlam" in words
             or "shunechi" in words or "shunsi" in words)
            and HEARD_RE.search(lower) is not None and SENDER_RE.search(lower) is None
            and SENDER_VERB_RE.search(lower) is None) \
        or (not words.isdisjoint(WITH_YOU_WORDS) and ASKED_OF_YOU_RE.search(lower) is not None) \
        or (not words.isdisjoint(PURCHASE_VERBS) and words.isdisjoint(FIRST_PERSON)
            and OWN_PURCHASE_RE.search(lower) is not None) \
        or ("got" in words and MARKS_RE.search(lower) is not None) \
        or ("owes" in words and OTHERS_OWE_RE.match(lower) is not None and SENDER_RE.search(lower) is None) \
        or ("spent" in words and OTHERS_SPENT_RE.search(lower) is not None) \
        or ("paid" in words and "got" in words and OTHERS_PAID_RE.search(lower) is not None) \
        or (not words.isdisjoint(CLAIMANTS) and CLAIM_START_RE.match(lower) is not None
            and SENDER_RE.search(lower) is None and words.isdisjoint(OWN_TAKINGS)) \
        or (not words.isdisjoint(SAYS) and words.isdisjoint(FIRST_PERSON) and words.isdisjoint(MONEY_WORDS)
            and words.isdisjoint(GIVING) and SAYS_COST_RE.search(lower) is not None)


def reading_told(lower: str, amount_at: int) -> bool:
    """The number at `amount_at` is a meter's reading told after the words ("meter reading she gave was 18452"), not a
    fee for one ("paid meter reading charge 300", "meter reading er jonno 200 dilam")."""
    said = READING_SAID_RE.search(lower) if "reading" in lower else None  # its look-ahead may reach the amount
    return said is not None and said.start() < amount_at \
        and MONEY_NOUN_RE.search(lower, said.end(), amount_at) is None


# A price told, nothing bought: "মুরগির দাম আজ ২২০ টাকা কেজি" (chicken is 220 a kilo today), "chicken is 220 a kilo"
PRICE_WORDS = frozenset({"dam", "daam", "price", "prices", "rate", "dor"})
PER_UNIT = r"(?:kg|keji|kilo|kilogram|dozen|hali|liter|litre|ltr|piece|pc|pcs)\b"
PER_UNIT_AFTER_RE = re.compile(r"\s*(?:tk|taka|৳|rs)?\.?\s*(?:(?:a|per|prati|ek) )?" + PER_UNIT)
# (or right after the amount's currency: "ডাব এখানে ৭০ টাকা পিস", "alu 60 taka kg")
A_UNIT_AFTER_RE = re.compile(r"\s*(?:tk|taka|৳|rs)?\.?\s*(?:a|per|prati) " + PER_UNIT + r"|\s*(?:tk|taka|৳)?\s*kore\b|"
                             r"(?:(?<=tk)|(?<=taka)|(?<=৳))\.?\s*(?:kg|keji|kilo|dozen|hali|liter|litre|piece)\b")


BROUGHT = frozenset({"anlam", "ansi", "enechi", "nilam", "nisi", "niyechi"})  # "beef 750 per kg, 2 kg anlam": bought


def price_told(lower: str, words: Set[str], amount_end: int) -> bool:
    """A price per kilo, dozen or piece told with no verb of paying: a price named ("dam", "price", "rate"), or "a
    kilo" / "per kg" said after the amount; `amount_end` is where the amount ends in `lower`."""
    return words.isdisjoint(BROUGHT) and (
        (not words.isdisjoint(PRICE_WORDS) and PER_UNIT_AFTER_RE.match(lower, amount_end) is not None)
        or A_UNIT_AFTER_RE.match(lower, amount_end) is not None)


# a customer's arrears told ("oi customer er 1,75,000 taka bokeya") or a figure asked why ("450 unit e 3,890 taka keno")
TOLD_WORDS = frozenset({"bokeya", "bokaya", "keno", "arrear", "arrears"})
# a target or an exchange rate told ("Q3 target 18 crore tk", "ajke rate 121.5 dollar er"), not money paid
TARGET_OR_RATE_RE = gated(r"\b(?:q[1-4]|quarterly|monthly|yearly|annual|sales|collection|revenue|daily|weekly|amader|"
                          r"our|team|masher|bochorer) targets?\b|"
                          r"\b(?:dollar|usd|euro|pound|riyal|exchange|conversion|ajker|today'?s|bank|meal|unit|"
                          r"hourly)(?: er)? rate\b|"
                          r"^(?:ajke |aaj |today )?(?:the )?rate\b|"
                          # an office's takings told: "ajke total 145000 tk vending hoise Gazipur e"
                          r"\b(?:vending|collection) (?:hoise|hoyeche|holo|hoilo)\b|"
                          # … or a counter's: "আজকে কাউন্টারে ৩ লাখ টাকা জমা হয়েছে"
                          r"\bcounter\b(?![^?]{0,80}?\b(?:bill|amar|account|a/c|fee|fees|passport)\b)[^?]{0,60}?"
                          r"\b(?:joma|jama) (?:hoise|hoyeche|holo|hoilo)\b")


# a customer's number or a year with "er" after it: "ami 53390021 er kagoj scan kore mail korsi", "2024 er data"
OWNED_RE = re.compile(r"\s*(?:er|এর|'s)\b")  # not "r", which is also "and" ("bazar 2000 r rickshaw 100")
YEAR_RE = re.compile(r"(?:19[89]\d|20[0-3]\d)")
# verbs that pay or get money, not merely do ("korsi": did), which a long number with "er" after it needs to be one
MONEY_DONE = frozenset(bengali.SENDER_VERBS.split("|")) - {"korlam", "korsi", "korechi"} \
    | {"paid", "spent", "bought", "received", "got", "jama"}
# … and a year's, any verb of money at all ("2000 er bazar korlam" is 2000 spent)
MONEY_WORDS = MONEY_DONE | frozenset(bengali.EXPENSE_VERBS.split("|")) | frozenset(bengali.INCOME_VERBS.split("|"))


# a figure the sender told a customer: "meter test fee 500 tk, customer ke janiye diyesi" (not "bazar 800 tk, ammu ke
# janiye dilam": told, and spent)
INFORMED_RE = re.compile(r"\b(?:customer|grahok|client|consumer) ke (?:\w+ )?(?:janiye|janaye) (?:diyesi|diyechi|disi|"
                         r"dilam|dichi)\b(?! na\b)")


def told_not_paid(lower: str, words: Set[str], total: MoneySpan, *, paying: bool) -> bool:
    """Money heard of or told to someone, a meter's reading, a price per kilo or arrears told, or asked why, not paid by
    the sender; `paying` whether a verb of paying or getting money is in the message."""
    return hearsay(lower, words) or customers_payment_told(lower, words) \
        or (("janiye" in words or "janaye" in words) and INFORMED_RE.search(lower) is not None
            and SENDER_VERB_RE.search(INFORMED_RE.sub(" ", lower)) is None) \
        or (not total.currency and reading_told(lower, total.start)) \
        or (not paying and (price_told(lower, words, total.end) or not words.isdisjoint(TOLD_WORDS)
                            or TARGET_OR_RATE_RE.search(lower) is not None))


def owned_id(lower: str, words: Set[str], span: MoneySpan, *, alone: bool) -> bool:
    """A customer's number or a year with "er" after it, no currency written ("53390021 er kagoj", "2024 er data"):
    no amount, unless money was paid or got ("1500000 er gari kinlam", "2000 er bazar korlam"; a year beside another
    number, `alone` False, is none either: "2024 er rent 5000 dilam")."""
    if span.currency or OWNED_RE.match(lower, span.end) is None:
        return False
    number = lower[span.start:span.end].strip()
    year = YEAR_RE.fullmatch(number) is not None
    # a round figure in the years' range is money when paid ("2000 er bazar korlam"); "2024 er school fee" is a year
    return (year and (words.isdisjoint(MONEY_WORDS) or not alone or int(number) % 50 != 0)) \
        or (len(number) >= 7 and number.isdigit() and words.isdisjoint(MONEY_DONE))


PRICED_NOTE_MAX_WORDS = 8
PRICED_NOTE_LEAST = 50  # a whole number under it is as likely a count: "pizza party for the kids 25" (not "… 18.70")
# a clock's time, or a time counted, before the number: "… tonight 2030", "… show, 1930", "… closes 2200", "due in 30"
TIME_BEFORE = frozenset({"tonight", "show", "closes", "opens", "at", "in", "by", "till", "until", "from", "starts",
                         "ends", "due", "around", "before", "after"})
CLOCK_RE = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
# a request's first words, no note's: "wake me up for breakfast 630" asks for an alarm
REQUEST_FIRST = frozenset({"wake", "remind", "set", "play", "call", "text", "book", "order", "schedule", "find", "show",
                           "tell", "give", "get", "make", "turn", "what", "how", "when", "where", "who", "why", "is",
                           "are", "can", "could", "would", "will", "do", "does", "did", "let", "send", "convert",
                           "search", "check", "cancel", "reserve", "add", "start", "stop", "open", "read", "change"})
# how much of a thing was bought, before its price: "dal r soybean tel 2 liter 390", "piyaj 3 kg 240"
MEASURED_RE = re.compile(r"\b\d{1,2}(?:\.\d)?\s*(?:kg|kgs|gm|g|liters?|litres?|l|ta|pcs?|packets?|dozen|hali)\b")
# a note's last number, after a comma or a space (marks and emoji may follow it)
PRICE_LAST_RE = re.compile(r"(?<=[\s,])(?P<amount>\d[\d,.]*\d|\d)(?:/-)?[^\w]*$")


def priced_note(text: str, words: Set[str], categories: Categoriser) -> bool:
    """A note a few words longer than "lunch 250" whose one number, last, is what a thing it names cost ("tea snacks
    for the meeting 460", "couple dinner at the westin, 6850 😅"): a category's word is in it, nothing counted or
    numbered ("guests", "room"); `words` are its \\w runs."""
    found = PRICE_LAST_RE.search(text)
    if found is None or any(char.isdigit() for char in MEASURED_RE.sub(" ", text[:found.start()])) \
            or text.split(None, 1)[0].lower() in REQUEST_FIRST or word_count(text) > PRICED_NOTE_MAX_WORDS \
            or not words.isdisjoint(NOT_NOTED_WORDS) or CLOCK_RE.fullmatch(found["amount"]) \
            or (amount := parse_number(found["amount"]) or Decimal(0)) < LEAST_PRICE \
            or (amount < PRICED_NOTE_LEAST and amount == amount.to_integral()):
        return False
    before = text[:found.start("amount")].rstrip(" ,").rsplit(None, 1)
    return (not before or before[-1].lower() not in TIME_BEFORE) and categories.guess(text) != "other"


def exact_shares(cleaned: mention_text.Cleaned, money: list[MoneySpan]) -> tuple[dict[str, MoneySpan], MoneySpan]:
    """Exact shares ("@karim 300 @nadia 200") and the total; a lone amount is always the total."""
    attached: dict[int, str] = {}
    for span in cleaned.mentions:
        after = next((m for m in money if 0 <= m.start - span.end <= 2), None)
        if after is not None:
            attached[id(after)] = span.name
    free = [m for m in money if id(m) not in attached]
    if not attached or (not free and len(attached) < 2):
        return {}, money[0]
    shares = {name: m for m in money if (name := attached.get(id(m)))}
    if free:
        return shares, free[0]
    total = sum((m.amount for m in money if id(m) in attached), start=money[0].amount * 0)
    currency = next((m.currency for m in money if m.currency), None)
    return shares, MoneySpan(money[0].start, money[-1].end, total, currency)


# "rafi paid 500?", "has the customer paid 500?": whether someone else paid, asked in one breath (not "i paid 500?",
# nor "bob paid 400 for the taxi, can you split it?")
# (the one who paid named first: no adverb, day or the sender's own employer; nothing asked to be done with it)
OTHERS_PAID_ASKED_RE = re.compile(r"(?:(?:has|have|did) )?(?:the |a |my |our )?(?!(?:i|we|ami|amra|just|already|also|"
                                  r"finally|today|yesterday|tonight|aaj|aj|ajke|kal|kalke|recently|then|so|and|but|"
                                  r"ok|okay|actually|maybe|probably|still|office|company|employer|boss)\b)[^\W\d_]+"
                                  r"(?: [^\W\d_]+)? (?:paid|sent|gave|transferred)\b"
                                  r"(?![^?]*\b(?:split|divide|add|record|log|save|share|ways|between|each|per)\b)"
                                  r"[^,.;!?]*\?(?:.*\?)?\W*$")  # "rafi paid 500? really?"


def others_payment_asked(lower: str) -> bool:
    """Whether someone else paid, asked: no record of the sender's."""
    return OTHERS_PAID_ASKED_RE.match(lower) is not None

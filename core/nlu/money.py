"""Find money in text: symbols and codes, grouping styles, k/m/lakh/crore suffixes and number words."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from core.money import ISO_CURRENCIES
from core.nlu.gates import gated

# A currency written as a word or sign (cut from descriptions; a long number beside one is no customer id)
CURRENCY_WORD_RE = re.compile(r"\b(?:tk|taka|bdt|usd|dollars?|bucks?|euros?|rupees?|rs)\b|[৳$€£₹]|/-", re.IGNORECASE)
# One of these is in every CURRENCY_WORD_RE match in ASCII text in lower case (a literal look, fast to scan for).
CURRENCY_WORD_HINT_RE = re.compile(r"tk|taka|bdt|usd|dollar|buck|euro|rupee|rs|\$|/-")

SYMBOLS = {"元": "CNY", "₡": "CRC", "₾": "GEL", "₭": "LAK", "ரூ": "LKR", "₮": "MNT", "₸": "KZT", "₵": "GHS",
           "৳": "BDT", "$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "¥": "JPY", "₩": "KRW", "₽": "RUB",
           "₺": "TRY", "₱": "PHP", "₦": "NGN", "₫": "VND", "₪": "ILS", "฿": "THB", "₴": "UAH"}
WORDS = {"tk": "BDT", "taka": "BDT", "takas": "BDT", "bdt": "BDT", "usd": "USD", "dollar": "USD",
         "dollars": "USD", "buck": "USD", "bucks": "USD", "eur": "EUR", "euro": "EUR", "euros": "EUR",
         "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "quid": "GBP", "inr": "INR", "rs": "INR", "rs.": "INR",
         "rupee": "INR", "rupees": "INR", "yen": "JPY", "jpy": "JPY", "cny": "CNY", "yuan": "CNY",
         "rmb": "CNY", "aud": "AUD", "cad": "CAD", "chf": "CHF", "sgd": "SGD", "aed": "AED",
         "dirham": "AED", "dirhams": "AED", "sar": "SAR", "riyal": "SAR", "riyals": "SAR", "myr": "MYR",
         "ringgit": "MYR", "thb": "THB", "baht": "THB", "pkr": "PKR", "npr": "NPR", "lkr": "LKR",
         "nzd": "NZD", "hkd": "HKD", "sek": "SEK", "nok": "NOK", "dkk": "DKK", "zar": "ZAR", "rand": "ZAR",
         "kwd": "KWD", "qar": "QAR", "omr": "OMR", "bhd": "BHD", "krw": "KRW", "won": "KRW", "idr": "IDR",
         "rupiah": "IDR", "php": "PHP", "peso": "PHP", "pesos": "PHP", "ngn": "NGN", "naira": "NGN",
         "egp": "EGP", "kes": "KES", "try": "TRY", "lira": "TRY", "rub": "RUB", "ruble": "RUB",
         "rubles": "RUB", "brl": "BRL", "real": "BRL", "reais": "BRL", "mxn": "MXN", "vnd": "VND",
         "dong": "VND", "usdt": "USD"}
# Lowercase words that are ISO codes but also ordinary English or names: only taken when written in capitals.
AMBIGUOUS = {"try", "real", "won", "rand", "peso", "php", "all", "top", "bob", "mad", "cup", "sar", "rub"}
SCALES = {"k": Decimal(1000), "thousand": Decimal(1000), "m": Decimal(10**6), "mn": Decimal(10**6),
          "million": Decimal(10**6), "lakh": Decimal(10**5), "lakhs": Decimal(10**5), "lac": Decimal(10**5),
          "lacs": Decimal(10**5), "crore": Decimal(10**7), "crores": Decimal(10**7), "cr": Decimal(10**7),
          "koti": Decimal(10**7),
          "bn": Decimal(10**9), "billion": Decimal(10**9),
          "hajar": Decimal(1000), "hazar": Decimal(1000)}  # Bengali-English: "2 hajar", "5 hazar taka"
# Scales a smaller amount may follow, the two one amount: a smaller scaled one ("1 lakh 20 hajar"), or a plain
# number with its currency or ending the amount, after a thousand ("2 hajar 500 dilam", "5 thousand 200 taka") or,
# in thousands, after a lakh ("1 lakh 50000 taka"); not one with a unit or thing of its own after it ("30 thousand
# 15 tarikh e", "3 thousand 2 hundred", "10 thousand 500 bijli"), nor "1 lakh 20" (20 thousand, as often as 20)
COMPOUND_SCALES = frozenset({"thousand", "lakh", "lakhs", "lac", "lacs", "crore", "crores", "cr", "koti", "hajar",
                             "hazar"})
COMPOUND_END_RE = re.compile(r"\s*(?:$|[,.;!?]|(?:er|dilam|disi|dise|dilo|diye|pelam|paisi|lagse|laglo|gese|gelo|"
                             r"khoroch|spent|paid|cost|korlam|kinlam)\b)")
UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
HUNDRED_AFTER_DIGITS_RE = re.compile(r"\s*hundred\b", re.IGNORECASE)  # "3 hundred", "1 hundred fifty"
WORD_SCALES = {"hundred": 100, "thousand": 1000, "lakh": 10**5, "lac": 10**5, "million": 10**6,
               "crore": 10**7, "billion": 10**9}

# The one-character symbols as one class: a class test beats trying twenty-odd alternatives at every position.
_SYMBOL = "[" + "".join(re.escape(s) for s in SYMBOLS if len(s) == 1) + "]|" \
    + "|".join(re.escape(s) for s in SYMBOLS if len(s) > 1)
_NUMBER = r"\d+(?:[.,]\d+)*"
_SCALE = (r"(?i:k|m|mn|bn|cr|thousand|million|billion|lakhs?|lacs?|crores?|koti|"
          # not "500 hajar ke dilam" (a name) nor "10 hajar bar" (times)
          r"ha[jz]ar(?!\s+(?:ke|er|r|apu|apa|bhai|vai|sathe|shathe|ar|bar|baar)\b))")
_CODE = r"[A-Za-z]{2,8}\.?"
# "(?:(x)|)" rather than "(x)?": the same, but an optional group costs a repeat frame at every position tried.
MONEY_RE = re.compile(
    rf"(?:(?P<neg>-)|)(?:(?P<pre>{_SYMBOL}|\b(?:[A-Z]{{3}}|(?i:tk|rs|taka|bdt|usd|eur|gbp|inr))\.?(?=\s?\d))|)\s?"
    rf"(?<![\w.,])(?P<num>{_NUMBER})(?![\d])"
    rf"(?:\s?(?P<scale>{_SCALE})\b|)"
    rf"(?:\s?(?P<post>{_SYMBOL}|/-|{_CODE}\b)|)",
)
# "1e309", "2.5E+3", "1_000": written like numbers, but not how anyone writes an amount. Read as amounts they
# came out as 1 (the digits before the letter); they are reported as they stand instead, and refused.
ODD_NUMERAL_RE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?:[eE][+-]?\d+|(?:_\d+)+)")
# Cheap looks first: no pattern above matches without a digit, nor an odd numeral without a digit before its "e"/"_".
DIGIT_RE = re.compile(r"\d")
ODD_HINT_RE = re.compile(r"\d[eE_]")
# The most a MONEY_RE match holds before its first digit ("-", "taka.", a space) and reads after its last one
# (" thousand", " dollars", a look past): the scan may start and stop that far from the digits.
MONEY_LEAD = 7
MONEY_TAIL = 24
ASCII_DIGITS = "0123456789"
_NUMBER_WORDS = "|".join(sorted(["a", "an", *UNITS, *TENS, *WORD_SCALES], key=len, reverse=True))
NUMBER_WORDS = frozenset([*UNITS, *TENS, *WORD_SCALES])
NUMBER_WORD_SPLIT_RE = re.compile(r"[^a-z]+")
WORD_NUMBER_RE = re.compile(rf"\b(?:(?:{_NUMBER_WORDS})(?:[\s-]+(?:and[\s-]+)?)?)+\b", re.IGNORECASE)
WORDS_SPLIT_RE = re.compile(r"[\s-]+")
CURRENCY_AFTER_WORDS_RE = re.compile(rf"\s*({_SYMBOL}|[A-Za-z]{{2,8}}\.?)")
SIGN_AFTER_WORD_RE = re.compile(r"[\w-]$")
UNIT_SUFFIX_RE = re.compile(r"(?:st|nd|rd|th|am|pm|h\b|hrs?|min|kg|km|g\b|l\b|ml|gb|mb|x\b)")
ARITHMETIC_AFTER_RE = re.compile(r"[-+*]\s?\d")


# "420 million finnish markka", "10,000 swiss francs", "50 cents", "470 pence": qualified names and subunits.
QUALIFIED = {"us": "USD", "u.s.": "USD", "american": "USD", "hk": "HKD", "hong kong": "HKD", "australian": "AUD",
             "canadian": "CAD", "singapore": "SGD", "new zealand": "NZD", "swiss": "CHF", "finnish": "FIM",
             "dutch": "NLG", "french": "FRF", "german": "DEM", "japanese": "JPY", "chinese": "CNY", "indian": "INR",
             "pakistani": "PKR", "sri lankan": "LKR", "nepali": "NPR", "mexican": "MXN", "philippine": "PHP"}
NAMED_UNITS = {"dollar": "USD", "franc": "CHF", "markka": "FIM", "guilder": "NLG", "mark": "DEM", "yen": "JPY",
               "yuan": "CNY", "kuai": "CNY", "rupee": "INR", "peso": "MXN", "euro": "EUR", "pound": "GBP",
               "peseta": "ESP"}
SUBUNITS = {"cent": "USD", "cents": "USD", "penny": "GBP", "pence": "GBP"}
QUALIFIED_AFTER_RE = re.compile(
    r"[\s-]?(?:(?P<qual>" + "|".join(sorted(map(re.escape, QUALIFIED), key=len, reverse=True)) + r")\s+)?"
    r"(?P<unit>dollars?|francs?|markkas?|guilders?|marks?|yen|yuan|kuai|rupees?|pesos?|euros?|pounds?|pesetas?|"
    r"cents?|penny|pence)\b", re.IGNORECASE)
QUALIFIED_SYMBOL_RE = gated(r"\b(?P<qual>us|hk|a|au|c|s|nz)\s?\$\s?$", re.IGNORECASE)
QUALIFIED_SYMBOLS = {"us": "USD", "hk": "HKD", "a": "AUD", "au": "AUD", "c": "CAD", "s": "SGD", "nz": "NZD"}
CENTS_AFTER_RE = re.compile(r"\s*(?:and\s+)?(?P<n>\d{1,2}|[a-z]+(?:[\s-][a-z]+)?)\s*(?:(?:cents?|pence|p)\b|"
                            r"(?=\s*[.!?]?\s*$)|(?=\s+and\b))", re.IGNORECASE)
# Colloquial Chinese: "one kuai and five mao five" is 1 yuan + 5 jiao + 5 fen = 1.55 CNY.
MAO_AFTER_RE = re.compile(r"\s*(?:and\s+)?(?P<mao>\d|[a-z]+)\s+mao(?:\s+(?P<fen>\d|[a-z]+)\b)?", re.IGNORECASE)


def qualified_after(text: str, pos: int, folded: str | None = None) -> tuple[str, Decimal, int] | None:
    """(currency, factor, end) for a currency name right after `pos`, like "swiss francs" or "cents"; `folded` is
    `text` in lower case when it is ASCII."""
    match = QUALIFIED_AFTER_CASED_RE.match(folded, pos) if folded is not None else QUALIFIED_AFTER_RE.match(text, pos)
    if match is None:
        return None
    unit = match["unit"].lower()
    if unit in SUBUNITS:
        return SUBUNITS[unit], Decimal("0.01"), match.end()
    qualifier = (match["qual"] or "").lower()
    code = QUALIFIED.get(qualifier) or NAMED_UNITS[unit.rstrip("s") if unit != "pesos" else "peso"]
    return code, Decimal(1), match.end()


UNIT_AFTER_RE = re.compile(r"\s*(?:nil|goals?|points?|runs?|wickets?|times|years?|yrs|months?|days?|weeks?|hours?|"
                           r"minutes?|people|persons?|pcs|pieces|items|kids|members|steps|miles?|meters?|floors?|"
                           r"stars?|percent|degrees?)\b", re.IGNORECASE)
# The same without IGNORECASE, for ASCII text in lower case (every letter they name is lower case): same spans, faster.
QUALIFIED_AFTER_CASED_RE = re.compile(QUALIFIED_AFTER_RE.pattern)
CENTS_AFTER_CASED_RE = re.compile(CENTS_AFTER_RE.pattern)
UNIT_AFTER_CASED_RE = re.compile(UNIT_AFTER_RE.pattern)


@dataclass(frozen=True, slots=True)
class MoneySpan:
    start: int
    end: int
    amount: Decimal
    currency: str | None
    from_words: bool = False
    unknown_code: str | None = None  # "5 XYZ": looks like a currency code but is not ISO 4217
    numeral: str | None = None  # "1e309": a numeral that is not an amount (then `amount` is 0, never used)
    marked: bool = False  # written "1,800/-": money (the local currency's "only"), though no currency is named


def currency_of(token: str | None) -> str | None:
    """ISO code for a symbol, word or code token; None when it is not a currency."""
    if not token:
        return None
    if token in SYMBOLS:
        return SYMBOLS[token]
    if token == "/-":
        return None
    bare = token.rstrip(".")
    lower = token.lower()
    if lower in WORDS and (lower not in AMBIGUOUS or bare.isupper()):
        return WORDS[lower]
    if bare.isupper() and bare in ISO_CURRENCIES:
        return bare
    if bare.lower() in WORDS and bare.lower() not in AMBIGUOUS:
        return WORDS[bare.lower()]
    return None


def parse_number(raw: str) -> Decimal | None:
    """'1,250.50', '1.250,50', '1,00,000', '2.4' → Decimal; None when the grouping is inconsistent."""
    commas, dots = raw.count(","), raw.count(".")
    if commas and dots:
        decimal_sep = "," if raw.rfind(",") > raw.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        whole, _, frac = raw.rpartition(decimal_sep)
        if whole.count(decimal_sep) or not _valid_groups(whole, group_sep):
            return None
        text = whole.replace(group_sep, "") + "." + frac
    elif commas:
        whole, _, last = raw.rpartition(",")
        if commas == 1 and len(last) in (1, 2):
            text = whole + "." + last  # "1,5" and "12,50": decimal comma
        elif _valid_groups(raw, ","):
            text = raw.replace(",", "")
        else:
            return None
    elif dots > 1:
        if not _valid_groups(raw, "."):
            return None
        text = raw.replace(".", "")
    else:
        text = raw
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _valid_groups(raw: str, sep: str) -> bool:
    """Western (1,234,567) or Indian (12,34,567) grouping."""
    parts = raw.split(sep)
    if len(parts) == 1:
        return True
    if not (1 <= len(parts[0]) <= 3) or len(parts[-1]) != 3:
        return False
    middle = parts[1:-1]
    return all(len(p) == 3 for p in middle) or all(len(p) == 2 for p in middle)


def words_to_number(words: str) -> Decimal | None:
    tokens = [t for t in WORDS_SPLIT_RE.split(words.lower()) if t and t != "and"]
    if not tokens or all(t in ("a", "an") for t in tokens):
        return None
    total = current = 0
    seen_digit = False
    for token in tokens:
        if token in ("a", "an"):
            current = current or 1
        elif token in UNITS:
            current += UNITS[token]
            seen_digit = True
        elif token in TENS:
            current += TENS[token]
            seen_digit = True
        elif token == "hundred":
            current = (current or 1) * 100
            seen_digit = True
        elif token in WORD_SCALES:
            total += (current or 1) * WORD_SCALES[token]
            current = 0
            seen_digit = True
        else:
            return None
    return Decimal(total + current) if seen_digit else None


def find_money(text: str, blocked: list[tuple[int, int]] = ()) -> list[MoneySpan]:  # type: ignore[assignment]
    """All amounts in `text`, in order, skipping spans in `blocked` (dates, times, mentions' ids)."""
    first_digit = DIGIT_RE.search(text)
    folded = text.lower() if text.isascii() else None
    spans = [MoneySpan(m.start(), m.end(), Decimal(0), None, numeral=m.group()) for m in ODD_NUMERAL_RE.finditer(text)
             if not any(b0 <= m.start() < b1 for b0, b1 in blocked)] if first_digit and ODD_HINT_RE.search(text) else []
    odd = [(s.start, s.end) for s in spans]
    scale_before: Decimal | None = None  # the scale of the amount just read, when a smaller one may add to it
    for match in _money_matches(text, first_digit.start()) if first_digit else ():
        neg, pre_text, num, scale, post_text = match.group("neg", "pre", "num", "scale", "post")
        num_start = match.start("num")
        if (blocked or odd) and any(b0 <= num_start < b1 for b0, b1 in (*blocked, *odd)):
            continue
        pre, post = currency_of(pre_text), currency_of(post_text)
        if _looks_non_money(text, folded, match, pre or post):
            continue
        value = parse_number(num)
        if value is None:
            continue
        start, end = match.span()
        amount_end = match.end("scale") if scale else match.end("num")
        if scale:
            value *= SCALES[scale.lower()]
        if pre_text and not pre:
            start = num_start
        if post_text and not post and post_text != "/-":
            end = amount_end
        qualified = QUALIFIED_SYMBOL_RE.search(text, 0, match.start("pre") + 1) if pre == "USD" else None
        # IGNORECASE also matches "ſ" (long s) for "s": a qualifier that is not one of ours leaves plain dollars
        if qualified and (currency := QUALIFIED_SYMBOLS.get(qualified["qual"].lower())):
            pre, start = currency, qualified.start()
        if not pre and (named := qualified_after(text, amount_end, folded)):
            post, factor, end = named
            value *= factor
        if neg and num_start == match.start("neg") + 1:
            value = -value
        unknown = post_raw if (post_raw := (post_text or "").rstrip(".")).isupper() and len(post_raw) == 3 \
            and not post else None
        if scale_before is not None and not pre_text and not neg and 0 < value < scale_before \
                and spans[-1].currency is None and not text[spans[-1].end:start].strip() \
                and (scale or ((scale_before <= 1000 or value >= 1000)
                               and (post or COMPOUND_END_RE.match(text, amount_end)))):
            before = spans[-1]  # "2 hajar 500" is 2,500; "1 lakh 20 hajar" 1,20,000
            value += before.amount
            start = before.start
            spans.pop()
        scale_before = SCALES[scale.lower()] if scale and scale.lower() in COMPOUND_SCALES else None
        spans.append(MoneySpan(start, end, value.normalize() if value == value.to_integral() else value,
                               pre or post, unknown_code=unknown, marked=post_text == "/-"))
    words = NUMBER_WORD_SPLIT_RE.split(text.lower() if folded is None else folded)
    for match in WORD_NUMBER_RE.finditer(text) if not NUMBER_WORDS.isdisjoint(words) else ():
        value = words_to_number(match.group().strip())
        if value is None or any(s.start <= match.start() < s.end for s in spans) \
                or any(b0 <= match.start() < b1 for b0, b1 in blocked):  # "the past two weeks": a period's count
            continue
        after = CURRENCY_AFTER_WORDS_RE.match(text[match.end():])
        currency = currency_of(after.group(1)) if after else None
        end = match.end() + (after.end() if after and currency else 0)
        if currency is None and (named := qualified_after(text, match.end(), folded)):
            currency, factor, end = named
            value *= factor
        start = match.start()
        # "spent 3 hundred on textbooks": 300 (the number the only one: "2 hundred bricks for 9000" is left be)
        if len(spans) == 1 and (before := spans[0]).end <= start and not text[before.end:start].strip() \
                and HUNDRED_AFTER_DIGITS_RE.match(text, before.end) and before.currency is None \
                and 0 < before.amount < 100 and before.amount == before.amount.to_integral():
            value, start = before.amount * 100 + value - 100, before.start
            spans.pop()
        spans.append(MoneySpan(start, end, value, currency, from_words=True))
    return _with_cents(text, folded, sorted(spans, key=_start) if len(spans) > 1 else spans)


def _money_matches(text: str, first_digit: int) -> Iterator[re.Match[str]]:
    """MONEY_RE's matches (as finditer finds them), each looked for from MONEY_LEAD before the next digit, and the
    scan ending MONEY_TAIL past the last: no match starts before, nor reads as far as, either (on ASCII text the
    last digit is cheap to find)."""
    end = len(text)
    if end > first_digit + 1 + MONEY_TAIL and text.isascii():  # else the scan ends at the text's end anyway
        end = max(map(text.rfind, ASCII_DIGITS)) + 1 + MONEY_TAIL
    pos, digit = 0, first_digit
    while (match := MONEY_RE.search(text, max(pos, digit - MONEY_LEAD), end)) is not None:
        yield match
        pos = match.end()
        if (following := DIGIT_RE.search(text, pos)) is None:
            return
        digit = following.start()


def _start(span: MoneySpan) -> int:
    return span.start


def _small_number(raw: str) -> Decimal | None:
    return Decimal(raw) if raw.isdigit() else words_to_number(raw)


def _with_cents(text: str, folded: str | None, spans: list[MoneySpan]) -> list[MoneySpan]:
    """Join "3 dollars 50 cents" and "thirteen dollars and forty-five cents" into one amount."""
    joined: list[MoneySpan] = []
    skip_until = -1
    for span in spans:
        if span.start < skip_until:
            continue
        cents = _cents_after(text, folded, span.end) if span.currency and span.amount == span.amount.to_integral() \
            else None
        value = None
        if span.currency == "CNY" and (mao := MAO_AFTER_RE.match(text, span.end)):
            jiao, fen = _small_number(mao["mao"]), _small_number(mao["fen"]) if mao["fen"] else Decimal(0)
            if jiao is not None and fen is not None:
                joined.append(MoneySpan(span.start, mao.end(), span.amount + jiao / 10 + fen / 100, "CNY",
                                        span.from_words))
                skip_until = mao.end()
                continue
        if cents is not None:
            value = _small_number(cents["n"])
        if value is not None and value < 100:
            joined.append(MoneySpan(span.start, cents.end(), span.amount + value / 100,  # type: ignore[union-attr]
                                    span.currency, span.from_words, span.unknown_code))
            skip_until = cents.end()  # type: ignore[union-attr]
        else:
            joined.append(span)
    return joined


def _cents_after(text: str, folded: str | None, pos: int) -> re.Match[str] | None:
    return CENTS_AFTER_CASED_RE.match(folded, pos) if folded is not None else CENTS_AFTER_RE.match(text, pos)


def _looks_non_money(text: str, folded: str | None, match: re.Match[str], real_currency: str | None) -> bool:
    """Times, percentages, ordinals, phone numbers, scores and arithmetic are not amounts."""
    num = match["num"]
    num_start, num_end = match.span("num")
    after, before = text[num_end:num_end + 3], text[max(0, num_start - 1):num_start]
    adjacent_sign = match["neg"] and num_start == match.start("neg") + 1
    if adjacent_sign and SIGN_AFTER_WORD_RE.search(text[:match.start()]):  # "f-150", "3-1": not a sign
        return True
    if after[:2] == "/-":  # "450/-": South Asian notation for a whole amount
        return False
    if after[:1] in (":", "%", "/", "x", "×") or before in (":", "#", "/", "+", "*", "^", "="):
        return True
    if UNIT_SUFFIX_RE.match(after.lower()):
        return not real_currency
    if not real_currency and (UNIT_AFTER_CASED_RE.match(folded, num_end) if folded is not None
                              else UNIT_AFTER_RE.match(text, num_end)):
        return True
    if after[:1] in ("-", "+", "*") and ARITHMETIC_AFTER_RE.match(after):
        return True
    digits = len(num) - num.count(".") - num.count(",")  # num is digits with "." and "," between
    return digits >= 9 and not real_currency and "," not in num

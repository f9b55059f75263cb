"""Bengali and Bengali-English number words as digits: "sare tin hajar" 3500, "আড়াই হাজার" 2500, "একশ বিশ" 120."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

# Numbers below a hundred, as they are spelled in Latin letters (several spellings each) and in Bengali script.
ROMAN_UNITS = {
    "ek": 1, "dui": 2, "tin": 3, "teen": 3, "char": 4, "chaar": 4, "pach": 5, "panch": 5, "paach": 5, "paanch": 5,
    "choy": 6, "chhoy": 6, "sat": 7, "saat": 7, "at": 8, "aat": 8, "noy": 9, "dosh": 10, "dos": 10, "egaro": 11,
    "baro": 12, "tero": 13, "choddo": 14, "chouddo": 14, "ponero": 15, "pondro": 15, "sholo": 16, "solo": 16,
    "shotero": 17, "sotero": 17, "atharo": 18, "unish": 19, "unis": 19, "bish": 20, "bis": 20, "pochish": 25,
    "pochis": 25, "ponchish": 25, "tirish": 30, "trish": 30, "chollish": 40, "cholish": 40, "ponchash": 50,
    "panchash": 50, "ponchas": 50, "shottor": 70, "sottor": 70, "ashi": 80, "nobboi": 90}
SCRIPT_UNITS = {
    "এক": 1, "দুই": 2, "দু": 2, "তিন": 3, "চার": 4, "পাঁচ": 5, "ছয়": 6, "সাত": 7, "আট": 8, "নয়": 9,
    "দশ": 10, "এগারো": 11, "বারো": 12, "তেরো": 13, "চোদ্দ": 14, "চৌদ্দ": 14, "পনেরো": 15, "পনের": 15, "ষোল": 16,
    "ষোলো": 16, "সতেরো": 17, "আঠারো": 18, "উনিশ": 19, "বিশ": 20, "কুড়ি": 20, "একুশ": 21, "বাইশ": 22, "তেইশ": 23,
    "চব্বিশ": 24, "পঁচিশ": 25, "ছাব্বিশ": 26, "সাতাশ": 27, "আটাশ": 28, "ত্রিশ": 30, "তিরিশ": 30, "পঁয়ত্রিশ": 35,
    "চল্লিশ": 40, "পঁয়তাল্লিশ": 45, "পঞ্চাশ": 50, "পঞ্চান্ন": 55, "ষাট": 60, "পঁয়ষট্টি": 65, "সত্তর": 70,
    "পঁচাত্তর": 75, "আশি": 80, "পঁচাশি": 85, "নব্বই": 90}
# A number said with a half: "dedh" one and a half, "arai" two and a half (each before a hundred or a scale).
ROMAN_HALVES = {"dedh": Decimal("1.5"), "derh": Decimal("1.5"), "arai": Decimal("2.5"), "adai": Decimal("2.5"),
                "arhai": Decimal("2.5"), "aarai": Decimal("2.5")}
SCRIPT_HALVES = {"দেড়": Decimal("1.5"), "আড়াই": Decimal("2.5")}
# "sare tin hajar" is three and a half thousand; "pone dui hajar" a quarter less than two thousand.
ROMAN_SHIFTS = {"sare": Decimal("0.5"), "sarhe": Decimal("0.5"), "pone": Decimal("-0.25"),
                "poune": Decimal("-0.25")}  # not "share": English's "my share" too
SCRIPT_SHIFTS = {"সাড়ে": Decimal("0.5"), "পৌনে": Decimal("-0.25")}
ROMAN_HUNDREDS = ("sho", "shoo", "shō")
SCRIPT_HUNDREDS = ("শ", "শো", "শত")
ROMAN_SCALES = {"hajar": 1000, "hazar": 1000, "lakh": 10**5, "lac": 10**5, "koti": 10**7}
SCRIPT_SCALES = {"হাজার": 1000, "লাখ": 10**5, "লক্ষ": 10**5, "কোটি": 10**7}
# A scale word in Bengali script after digits ("৫ হাজার টাকা") as the Latin word the money rules read.
SCRIPT_SCALE_WORDS = {"হাজার": "hajar", "লাখ": "lakh", "লক্ষ": "lakh", "কোটি": "crore"}
# Said alone before "taka", these are rather English words ("at taka", "sat"); with a hundred or a scale they count.
NOT_ALONE = frozenset({"at", "sat", "noy", "tin", "solo", "bis", "dos", "char", "নয়", "দু"})
CURRENCY_AFTER_RE = re.compile(r"\s*(?:taka|tk|টাকা)", re.IGNORECASE)

# what a word is worth and how: a number, a number with a half, a shift of the next, a hundred, a scale
Word = tuple[str, Decimal]


def _vocabulary(units: dict[str, int], halves: dict[str, Decimal], shifts: dict[str, Decimal],
                hundreds: tuple[str, ...], scales: dict[str, int]) -> dict[str, tuple[Word, ...]]:
    """Every number word of one script, with a hundred glued to each count ("charsho"), and what each says."""
    words: dict[str, tuple[Word, ...]] = {}
    for word, count in units.items():
        words[word] = (("number", Decimal(count)),)
        if count < 10:  # "charsho", "পাঁচশো": a hundred glued to its count
            for hundred in hundreds:
                words[word + hundred] = (("number", Decimal(count)), ("hundred", Decimal(100)))
    for word, half in halves.items():
        words[word] = (("half", half),)
        for hundred in hundreds:
            words[word + hundred] = (("half", half), ("hundred", Decimal(100)))
    words.update({word: (("shift", shift),) for word, shift in shifts.items()})
    words.update({hundred: (("hundred", Decimal(100)),) for hundred in hundreds})
    words.update({word: (("scale", Decimal(scale)),) for word, scale in scales.items()})
    return {unicodedata.normalize("NFC", word): meaning for word, meaning in words.items()}


ROMAN = _vocabulary(ROMAN_UNITS, ROMAN_HALVES, ROMAN_SHIFTS, ROMAN_HUNDREDS, ROMAN_SCALES)
SCRIPT = _vocabulary(SCRIPT_UNITS, SCRIPT_HALVES, SCRIPT_SHIFTS, SCRIPT_HUNDREDS, SCRIPT_SCALES)
_ROMAN_WORD = "|".join(sorted(map(re.escape, ROMAN), key=len, reverse=True))
# (ASCII letters only, case-blind: "ſare" or "TİN" are no words of ours, and lower-case to one)
ROMAN_RUN_RE = re.compile(rf"(?<![\w.,])(?:{_ROMAN_WORD})(?:[\s-]+(?:{_ROMAN_WORD}))*(?![\w])",
                          re.IGNORECASE | re.ASCII)
# Bengali vowel signs are no \w: a word is one where no Bengali letter (nor a Latin one) is beside it
_LETTER = "\u0980-\u09ffA-Za-z"
_SCRIPT_WORD = "|".join(sorted(map(re.escape, SCRIPT), key=len, reverse=True))
# (no look-behind first: a pattern that begins with its words lets the engine skip where none begins; `_digits`
# turns down a run that a letter comes before)
SCRIPT_RUN_RE = re.compile(rf"(?:{_SCRIPT_WORD})(?:\s+(?:{_SCRIPT_WORD}))*(?![{_LETTER}])")
LETTER_OR_DIGIT_RE = re.compile(rf"[{_LETTER}\d]")
# a scale word on its own (not the "লক্ষ" of "লক্ষ্যমাত্রা", a target)
SCRIPT_SCALE_RE = re.compile(f"(?<![{_LETTER}])(?:" + "|".join(SCRIPT_SCALE_WORDS) + f")(?![{_LETTER}])")
# What a message holds when it may say a number in words (a hundred, a scale, a half, or a number before "taka"):
# without one, the runs are not looked for (most messages hold none)
_ALONE = "|".join(sorted(map(re.escape, set(ROMAN_UNITS) - NOT_ALONE), key=len, reverse=True))
# (case-blind, or with a "\b" first, an alternative could not be skipped ahead to as fast: the look-behind after the
# first letter keeps "postpone" and "place" out at the same speed)
ROMAN_HINT_RE = re.compile(r"ha[jz]ar|lakh|koti|sho\b|shoo|shō|dedh|derh|arai|adai|arhai|s(?<![a-z]s)are\b|sarhe|"
                           r"p(?<![a-z]p)one\b|poune|l(?<![a-z]l)ac\b")
ALONE_BEFORE_CURRENCY_RE = re.compile(rf"\b(?:{_ALONE})[\s-]+(?:taka|tk)\b")
SCRIPT_HINT_RE = re.compile(rf"শো?(?![{_LETTER}])|শত|হাজার|লাখ|লক্ষ|কোটি|টাকা|সাড়ে|দেড়|আড়াই|পৌনে")
WORD_IN_RUN_RE = re.compile(r"[^\s-]+")


def in_digits(text: str) -> str:
    """`text` with its Bengali-script and Bengali-English number words written as digits ("dedh hajar taka dilam" →
    "1500 taka dilam"), in NFC; `text` itself when it is ASCII and says none."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if SCRIPT_HINT_RE.search(text):
            text = SCRIPT_RUN_RE.sub(lambda found: _digits(found, SCRIPT), text)
            text = SCRIPT_SCALE_RE.sub(lambda found: f" {SCRIPT_SCALE_WORDS[found.group()]} ", text)
    # (looked for as typed: a phone's capital first letter leaves the scale word after it in lower case)
    if ROMAN_HINT_RE.search(text) is None and not (
            ("tk" in text or "taka" in text) and ALONE_BEFORE_CURRENCY_RE.search(text)):
        return text
    return ROMAN_RUN_RE.sub(lambda found: _digits(found, ROMAN), text)


def _digits(found: re.Match[str], vocabulary: dict[str, tuple[Word, ...]]) -> str:
    """The run of number words as digits, or as it was when it is no number said in words."""
    if found.start() and LETTER_OR_DIGIT_RE.match(found.string, found.start() - 1):
        return found.group()  # the end of a word ("ekdin"), or after digits ("5hajar")
    words = [(word, vocabulary[word.group().lower()]) for word in WORD_IN_RUN_RE.finditer(found.group())]
    while words and words[0][1][0][0] == "scale":  # "1 lakh bish hajar": the 1 lakh is the digits'
        words.pop(0)
    # a number right after a scale ends the run unless a hundred, a scale or "taka" follows it: "dui hajar noy" (not),
    # "tin hajar ek din age", "rent pondro hajar at mirpur" (but "tin hajar charsho pochish" is one number)
    while len(words) >= 2 and len(words[-1][1]) == 1 and words[-1][1][0][0] == "number" \
            and words[-2][1][-1][0] == "scale" \
            and not CURRENCY_AFTER_RE.match(found.string, found.end()):  # "dui hajar paach taka" is 2005
        words.pop()
    meanings = [meaning for _, said in words for meaning in said]
    if (value := _value(meanings)) is None:
        return found.group()
    if not any(kind in ("hundred", "scale") for kind, _ in meanings) and (
            len(words) > 1 or words[0][0].group().lower() in NOT_ALONE
            or not CURRENCY_AFTER_RE.match(found.string, found.end())):
        return found.group()  # "ek kaj", "tin jon": a count or a word; "pach taka" is money
    return found.group()[:words[0][0].start()] + _written(value) + found.group()[words[-1][0].end():]


def _value(meanings: list[Word]) -> Decimal | None:
    """What the words say, or None when they say no one number ("sare char": a time; "tin char": none)."""
    total, current, shift, last_scale, half_waiting = Decimal(0), Decimal(0), Decimal(0), Decimal(0), False
    for kind, value in meanings:
        if kind == "shift":
            if shift or current:
                return None
            shift = value
        elif kind in ("number", "half"):
            # a number only below the last place of the one before it ("charsho pochish" 425, "bish tin" 23):
            # "tin char" is no one number
            if current and not (kind == "number" and value < _last_place(current)):
                return None
            current += value
            half_waiting = kind == "half"
        elif kind == "hundred":
            if current >= 10 or not current:  # "ek sho dui sho", "bish sho"; "শো" alone is a show
                return None
            current, shift, half_waiting = ((current or 1) + shift) * 100, Decimal(0), False
        else:  # a scale: above what came before it in its group, below the scale before ("ek lakh bish hajar")
            if current >= value or (total and value >= last_scale):
                return None
            total, current, last_scale = total + ((current or 1) + shift) * value, Decimal(0), value
            shift, half_waiting = Decimal(0), False
    if shift or half_waiting or not meanings:
        return None  # "sare char": half past four; "dedh" alone: a half needs its hundred or scale
    return total + current


def _last_place(number: Decimal) -> int:
    """The largest power of ten that divides `number` (400: 100; 20: 10; 7: 1)."""
    place = 1
    while number % (place * 10) == 0:
        place *= 10
    return place


def _written(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")

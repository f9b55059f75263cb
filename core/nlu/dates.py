"""Dates in chat text (an entry's day), resolved against a reference time in the user's time zone."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
MONTH_NAME = _MONTH  # a month's name, whole or short ("june", "sept")
_DAY = r"(?:\d{1,2})(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?"
WEEKDAY_NAME = _WEEKDAY  # a weekday's name, whole or short ("fri")
DATE_RE = re.compile(
    rf"\b(?:(?:day before yesterday|yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening))"
    rf"|(?:last|this|on|past)\s+{_WEEKDAY}"
    rf"|\d{{4}}-\d{{1,2}}-\d{{1,2}}"
    rf"|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?"
    rf"|{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?"
    rf"|\d+\s+days?\s+ago)\b", re.IGNORECASE)
# The same without IGNORECASE, for ASCII text in lower case (every letter they name is lower case): same spans, faster.
DATE_CASED_RE = re.compile(DATE_RE.pattern)
FIXED_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "last night": -1,
              "yesterday": -1, "day before yesterday": -2, "tomorrow": 1}
# The forms resolve_date reads a date phrase in, compiled once.
DAYS_AGO_RE = re.compile(r"(\d+)\s+days?\s+ago")
WEEKDAY_PHRASE_RE = re.compile(rf"(last|this|on|past)\s+({_WEEKDAY})")
ISO_DAY_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
SLASHED_DAY_RE = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?")
DAY_MONTH_RE = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})(?:,?\s+(\d{{4}}))?")
MONTH_DAY_RE = re.compile(rf"({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?")
# Cheap first looks on ASCII text in lower case: every date holds one of these ("yesterday", "last fri", "5 mar",
# "12/03", "2026-03-05", "last night").
DATE_HINT_RE = re.compile("|".join(("day", "night", "tomorrow", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
                                    "morning", "afternoon", "evening", *MONTHS, "-", "/")))


# The days an entry may be dated: from 1 Jan 2000 up to a year after today. Anything else is a typo (a
# year-1 date even reaches PostgreSQL as -infinity), so it is refused rather than stored.
EARLIEST = date(2000, 1, 1)
LATEST_AHEAD = timedelta(days=366)
RANGE_TEXT = "I record dates from 1 Jan 2000 up to a year from today"


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: int
    end: int
    text: str
    value: date | None  # None: it looked like a date but is not a real one (or is past the calendar's end)
    out_of_range: bool = False  # a real date phrase for a day outside EARLIEST … today + LATEST_AHEAD

    def entities(self) -> dict[str, str]:
        """The parse's date entity: `date`, or what was written when it is no day (`date_text`) or out of range."""
        if self.out_of_range:
            return {"date_out_of_range": self.text}
        if self.value is None:
            return {"date_text": self.text}
        return {"date": self.value.isoformat()}


def local_today(now: datetime, tz: str) -> date:
    return now.astimezone(ZoneInfo(tz)).date()


def in_range(value: date, today: date) -> bool:
    """Whether an entry may be dated `value` (subtracting, not adding: today + a year may not exist)."""
    return value >= EARLIEST and value - today <= LATEST_AHEAD


def _date_pattern(text: str) -> tuple[re.Pattern[str], str] | None:
    """The pattern to find dates with and the text to run it on (spans are the same); None when there is no date."""
    if not text.isascii():
        return DATE_RE, text
    lower = text.lower()
    return (DATE_CASED_RE, lower) if DATE_HINT_RE.search(lower) else None


def date_spans(text: str, pos: int = 0) -> list[tuple[int, int]]:
    """Where dates are in `text`, from `pos` on."""
    found = _date_pattern(text)
    return [m.span() for m in found[0].finditer(found[1], pos)] if found else []


def find_date(text: str, now: datetime, tz: str) -> DateSpan | None:
    found = _date_pattern(text)
    match = found[0].search(found[1]) if found else None
    if match is None:
        return None
    start, end = match.span()
    phrase = text[start:end]
    today = local_today(now, tz)
    try:
        value = resolve_date(phrase, today)
    except OverflowError:  # "99999999 days ago": before year 1 or after 9999
        return DateSpan(start, end, phrase, None, out_of_range=True)
    return DateSpan(start, end, phrase, value, out_of_range=value is not None and not in_range(value, today))


def resolve_date(phrase: str, today: date) -> date | None:
    """The day a phrase names, None when it names none; OverflowError when it lies beyond the calendar."""
    p = phrase.lower().strip()
    if p in FIXED_DAYS:
        return today + timedelta(days=FIXED_DAYS[p])
    if m := DAYS_AGO_RE.fullmatch(p):
        digits = m.group(1).lstrip("0") or "0"
        if len(digits) > 7:  # more days than the calendar has (and int() refuses thousands of digits)
            raise OverflowError(phrase)
        return today - timedelta(days=int(digits))
    if m := WEEKDAY_PHRASE_RE.fullmatch(p):
        wanted = next(i for i, d in enumerate(WEEKDAYS) if d.startswith(m.group(2)[:3]))
        back = (today.weekday() - wanted) % 7
        return today - timedelta(days=back or (7 if m.group(1) == "last" else 0))
    if m := ISO_DAY_RE.fullmatch(p):
        return _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := SLASHED_DAY_RE.fullmatch(p):
        year = _year(m.group(3), today)
        return _safe(year, int(m.group(2)), int(m.group(1)))  # day/month: the form used where we run
    if m := DAY_MONTH_RE.fullmatch(p):
        return _past_or_given(int(m.group(1)), m.group(2), m.group(3), today)
    if m := MONTH_DAY_RE.fullmatch(p):
        return _past_or_given(int(m.group(2)), m.group(1), m.group(3), today)
    return None


def _year(raw: str | None, today: date) -> int:
    if not raw:
        return today.year
    return int(raw) + (2000 if len(raw) == 2 else 0)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _past_or_given(day: int, month_word: str, year: str | None, today: date) -> date | None:
    month = MONTHS.index(month_word[:3].lower()) + 1
    if year:
        return _safe(int(year), month, day)
    value = _safe(today.year, month, day)
    if value and value > today + timedelta(days=1):  # "17 march" said in January means last March
        return _safe(today.year - 1, month, day)
    return value

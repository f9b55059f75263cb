"""The period a question asks about ("last month", "since monday", "between march 1 and 10"), as first and last day."""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from core.nlu.dates import MONTH_NAME, MONTHS, WEEKDAY_NAME, WEEKDAYS, local_today, resolve_date
from core.nlu.gates import gated

_MONTH = MONTH_NAME
_WEEKDAY = WEEKDAY_NAME
_ORDINAL_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_FULL_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# How many: a figure or a word ("the last two weeks", "past few days", "a couple of months")
COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "few": 3, "a few": 3, "couple": 2,
               "a couple": 2, "couple of": 2, "a couple of": 2}
_COUNT = r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a )?few|(?:a )?couple(?: of)?)"
# One day named: the same phrases an entry's date is written in, and a few only questions use ("on the 5th")
_ONE_DAY_BASE = (rf"(?:the )?day before yesterday|yesterday|today|tonight|last night|this (?:morning|afternoon|evening)"
                 rf"|(?:{_COUNT}|an?)\s+(?:days?|weeks?)\s+ago"
                 rf"|(?:last|this|on|past)\s+{_WEEKDAY}|(?<!black )(?<!cyber )(?<!good )(?<!boxing ){_FULL_WEEKDAY}"
                 rf"|{_ORDINAL_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?|{_MONTH}\s+{_ORDINAL_DAY}(?:,?\s+\d{{4}})?"
                 rf"|\d{{4}}-\d{{1,2}}-\d{{1,2}}")
_THE_NTH = r"the\s+\d{1,2}(?:st|nd|rd|th)(?!\s+of\b)"  # "the 5th" of this month, not "the 5th of march"
_ONE_DAY = rf"{_ONE_DAY_BASE}|on\s+{_THE_NTH}"
_MONTH_OR_YEAR = rf"{_MONTH}(?:\s+\d{{4}})?|(?:19|20)\d\d"
_END = rf"{_ONE_DAY_BASE}|{_THE_NTH}|{_MONTH_OR_YEAR}"
_REL = r"(?P<rel>this|last|previous|current|past)\s+(?:calendar\s+)?(?P<unit>week|month|year|quarter|weekend|fortnight)"
# "my total expenses for 2023", not "bought 4 chairs for 2000": a year a figure is asked for
_ASKED_FOR = (r"(?:spending|expenses|spend|spent|total|summary|income|earnings|purchases|transactions|amount|report|"
              r"statement|taxes) for")
# "export transactions 2025": the records' year ("dinner total 2000", "total bill 2000", "income 2000 from freelance"
# and "spending 2000 on food" are amounts)
_RECORDS_OF = r"(?:transactions|expenses|purchases|entries)"
# "in 2024", not "in 2000 tk": a number with its currency is an amount
_YEAR_OR_MONTH = (rf"(?:in|during|year|from|{_ASKED_FOR}|{_RECORDS_OF})\s+(?P<whole_year>(?:19|20)\d\d)"
                  rf"(?![.,]\d|\s*(?:tk|taka|bdt|rs|usd|eur|\$|৳|dollars?))|(?P<lead>in\s+|for\s+|during\s+|of\s+)?(?P<month>{_MONTH})(?:\s+(?P<year>\d{{4}}))?")
PERIOD_RE = re.compile(
    rf"\b(?:(?:between|from)\s+(?P<a>{_END})\s+(?:and|to|till|until|thru|through|-)\s+"
    rf"(?P<b>{_END}|{_ORDINAL_DAY}(?!\s*(?:%|\$|৳|tk|taka|dollars?|usd|bdt)))"
    rf"|since\s+(?P<since>{_END}|(?:last|the start of (?:the|this)|the beginning of (?:the|this))\s+"
    rf"(?:week|month|year))"
    rf"|(?P<to_date>year|month|week)[- ]to[- ]date|(?P<short_to_date>ytd|mtd)"
    rf"|(?:the\s+)?(?:last|past|previous)\s+(?P<count>{_COUNT})\s+"
    rf"(?P<units>days?|weeks?|months?|years?|fortnights?)"
    rf"|{_REL}"
    # "over the weekend", not "on the weekend trip" (nor "for the weekend", which may be the one ahead)
    rf"|(?:over|during|on|at)\s+the\s+(?P<the_weekend>weekend)(?![ -](?:trip|getaway|vacation|away|shift|job|market|"
    rf"special|brunch|sale|bag)s?\b)"
    rf"|(?P<quarter>q[1-4]|(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)(?:\s+(?:of\s+)?(?P<q_year>\d{{4}}))?"
    rf"|(?P<day>{_ONE_DAY})|{_YEAR_OR_MONTH})\b", re.IGNORECASE)
# The same without IGNORECASE, for ASCII text in lower case (every letter it names is lower case): same spans, faster.
PERIOD_CASED_RE = re.compile(PERIOD_RE.pattern)
# Most questions name a period the plain way ("this month", "in june", "yesterday", "last 3 days"): without a word
# of the other forms (`_names_more_forms`) the pattern with only those finds the same, in a third of the time (its
# other groups never match).
PERIOD_PLAIN_RE = re.compile(
    rf"\b(?:(?:last|past|previous)\s+(?P<count>\d{{1,3}})\s+(?P<units>days?|weeks?|months?|years?|fortnights?)"
    rf"|{_REL}|(?P<day>yesterday|today|tonight)|{_YEAR_OR_MONTH}"
    rf"|(?P<a>(?!))(?P<b>)(?P<since>)(?P<to_date>)(?P<short_to_date>)(?P<the_weekend>)(?P<quarter>)(?P<q_year>))\b")
# Words only the whole pattern reads: a range's, a start's, a quarter's, a weekend's, a day's ("two days ago")
# a weekday as WEEKDAY_NAME spells it: "fri", "tues", "wednesday", "satur"
WEEKDAY_WORDS = frozenset(short + ending for short in ("mon", "tue", "tues", "wed", "wednes", "thu", "thurs", "fri",
                                                       "sat", "satur", "sun") for ending in ("", "day"))
MORE_FORMS_WORDS = frozenset({"between", "since", "date", "ytd", "mtd", "quarter", "q1", "q2", "q3", "q4", "weekend",
                              "fortnight", "ago", "night", "morning", "afternoon", "evening", "before",
                              *WEEKDAY_WORDS})
COUNT_NAMES = frozenset(word for word in COUNT_WORDS if " " not in word and word not in ("a", "an"))
COUNTED_BACK = frozenset({"last", "past", "previous"})
RANGE_FROM = frozenset({"from"})
RANGE_ENDS = frozenset({"to", "until", "till", "through", "thru", "and"})  # "from jan to march"
TOKEN_RE = re.compile(r"[a-z0-9]+")
DAY_OF_MONTH_RE = re.compile(rf"\d(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+\d|\d(?:st|nd|rd|th)\b|\d{{4}}-\d")
DIGITS = "0123456789"
BARE_DAY_RE = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
MONTH_NAME_RE = gated(rf"\b{_MONTH}\b")
WEEKDAY_IN_RE = gated(rf"\b{_WEEKDAY}\b")


def _names_more_forms(lower: str, tokens: set[str]) -> bool:
    """Whether a period may be written in a form only the whole pattern knows (a range, a day, a count in words…)."""
    return not tokens.isdisjoint(MORE_FORMS_WORDS) \
        or (not tokens.isdisjoint(RANGE_FROM) and (not tokens.isdisjoint(RANGE_ENDS) or "-" in lower)) \
        or (not tokens.isdisjoint(COUNTED_BACK) and not tokens.isdisjoint(COUNT_NAMES)) \
        or (any(digit in lower for digit in DIGITS) and DAY_OF_MONTH_RE.search(lower) is not None)


# Every period holds one of these words ("last month", "in june", "on the 5th"), or a year ("2024", "2026-03-05").
PERIOD_WORDS = frozenset({
    "week", "weeks", "weekend", "weekends", "month", "months", "year", "years", "day", "days", "today", "yesterday",
    "tonight", "night", "morning", "afternoon", "evening", "ago", "quarter", "q1", "q2", "q3", "q4", "fortnight",
    "fortnights", "date", "ytd", "mtd", *WEEKDAY_WORDS, *MONTHS, "sept",
    *[name.lower() for name in calendar.month_name[1:]]})
ORDINAL_ENDS = ("st", "nd", "rd", "th")
SATURDAY = 5
# Where the weekend is Friday and Saturday (Bangladesh's, this product's home, and the Gulf's); elsewhere Saturday
# and Sunday.
WEEKEND_STARTS = {"Asia/Dhaka": 4, "Asia/Riyadh": 4, "Asia/Qatar": 4, "Asia/Kuwait": 4, "Asia/Bahrain": 4,
                  "Asia/Muscat": 4}


def _period_tokens(lower: str) -> set[str] | None:
    """The text's words when one of them may name a period, else None (most messages: no pattern is tried)."""
    tokens = set(TOKEN_RE.findall(lower))
    if not tokens.isdisjoint(PERIOD_WORDS):
        return tokens
    if any(digit in lower for digit in DIGITS):
        for token in tokens:
            if token[:1].isdigit() and ((len(token) == 4 and token[:2] in ("19", "20") and token.isdigit())
                                        or (token.endswith(ORDINAL_ENDS) and token[:-2].isdigit())):
                return tokens
    return None


YEAR_RE = re.compile(r"\d{4}")
# A year last in a question about totals ("total spent on medicine 2024", "how much did i spend on fuel 2023?"), or
# first the Bengali way ("2024 e medicine e koto khoroch"): no amount ("total spent on rent 1500" is one; a round
# hundred, "… 2000", "over 2024", "2024 tk", are amounts too)
ASKED_YEAR_RE = re.compile(
    r"^(?:total|how much|what did|what was|whats|what's)\b(?=.*\b(?:spen[dt]|spending|expenses?|khoroch|income|earned|"
    r"earnings)\b)[^\d]*?(?<!\bover)(?<!\babove)(?<!\bunder)(?<!\bbelow)(?<!\bthan)(?<!\$)\s"
    r"(?P<year>19[5-9][1-9]|20[0-2][1-9]|19[6-9]0|20[12]0)\s*\??$|"
    r"^(?P<year_first>19[5-9]\d|20[0-2]\d)\s+(?:e|te|sale|sal|saal|saale)\b(?=.*\b(?:koto|kto)\b)")
COUNTED_UNITS_RE = re.compile(r"\d\s+(?:days?|weeks?|months?|years?)\b", re.IGNORECASE)
# "the past two weeks": a count in words (looked for apart: a digit is the quick first look above)
WORD_COUNTED_UNITS_RE = gated(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|"
                                   r"couple(?: of)?)\s+(?:days?|weeks?|months?|years?|fortnights?)\b")  # lower case
QUARTER_NUMBERS = {"q1": 0, "q2": 1, "q3": 2, "q4": 3, "first": 0, "second": 1, "third": 2, "fourth": 3,
                   "1st": 0, "2nd": 1, "3rd": 2, "4th": 3}
ONE_DAY_RE = re.compile(rf"{_ONE_DAY_BASE}|(?:on\s+)?{_THE_NTH}")
WORD_AGO_RE = re.compile(rf"({_COUNT}|an?)\s+(days?|weeks?)\s+ago")
THE_NTH_RE = re.compile(r"(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)")
MAY_AS_MONTH_AFTER = ("in", "for", "during", "of", "since", "from", "between", "to", "and", "until", "till",
                      "through", "thru", "on")


def find_period(text: str, now: datetime, tz: str) -> tuple[date, date] | None:
    """The period a report asks for; None when there is none, or it lies beyond the calendar ("jan 0000")."""
    # the patterns name ASCII letters only, so text in lower case is read alike whatever else it holds
    if (tokens := _period_tokens(lower := text.lower())) is None:
        return None
    pattern = PERIOD_CASED_RE if _names_more_forms(lower, tokens) else PERIOD_PLAIN_RE
    match = pattern.search(lower)
    while match is not None and match["month"] == "may" and not _may_is_the_month(match, lower):
        match = pattern.search(lower, match.end())  # "may i see my spending"
    if match is None:
        if (asked := ASKED_YEAR_RE.search(lower)) is None:
            return None
        if (year := int(asked["year"] or asked["year_first"])) > local_today(now, tz).year:
            return None  # "total spent on groceries 2028" is no year gone
        if asked["year"] is not None and "since" in lower[:asked.start("year")]:  # "… since the beginning of 2019"
            return date(year, 1, 1), local_today(now, tz)
        return date(year, 1, 1), date(year, 12, 31)
    try:
        period = _period(match, local_today(now, tz), WEEKEND_STARTS.get(tz, SATURDAY))
    except (OverflowError, ValueError):
        return None
    return period if period is not None and period[0] <= period[1] else None


def numbered_period_spans(text: str) -> list[tuple[int, int]]:
    """Where periods holding a number are ("march 2026", "last 3 days"), which are no amounts."""
    if YEAR_RE.search(text) is None and COUNTED_UNITS_RE.search(text) is None \
            and WORD_COUNTED_UNITS_RE.search(text.lower()) is None:
        return []
    matches = PERIOD_CASED_RE.finditer(text.lower()) if text.isascii() else PERIOD_RE.finditer(text)
    spans = [m.span() for m in matches if any(digit in m[0] for digit in DIGITS)  # "since jan 2025" too
             or (m["count"] or "").lower() in COUNT_NAMES or WORD_AGO_RE.fullmatch(m[0].lower())]
    if not spans and (asked := ASKED_YEAR_RE.search(text.lower())) is not None:
        spans.append(asked.span("year" if asked["year"] else "year_first"))
    return spans


def _may_is_the_month(match: re.Match[str], lower: str) -> bool:
    """ "in may", "may 2025": the month; "may i see", "you may": the verb."""
    if match["lead"] or match["year"]:
        return True
    before = lower[max(0, match.start() - 12):match.start()].split()  # the word before, however long the text
    return bool(before) and before[-1] in MAY_AS_MONTH_AFTER


def _period(g: re.Match[str], today: date, weekend: int = SATURDAY) -> tuple[date, date] | None:
    """The period of a match in lower-case text; the commonest forms first."""
    if g["rel"]:
        return _relative(g["rel"], g["unit"], today, weekend)
    if g["month"]:
        month = MONTHS.index(g["month"][:3]) + 1
        year = int(g["year"]) if g["year"] else today.year - (month > today.month)
        return _month(year, month)
    if g["day"]:
        day = one_day(g["day"], today)
        return (day, day) if day is not None else None
    if g["count"]:
        return _counted(COUNT_WORDS.get(g["count"]) or int(g["count"]), g["units"], today)
    if g["whole_year"]:
        return date(int(g["whole_year"]), 1, 1), date(int(g["whole_year"]), 12, 31)
    if g["a"]:
        return _between(g["a"], g["b"], today)
    if g["since"]:
        since = g["since"]
        if since.endswith(("week", "month", "year")):  # "since last month", "since the start of the year"
            start = _relative("last" if since.startswith("last") else "this", since.rsplit(" ", 1)[1], today)[0]
        else:
            start = _end(since, today)[0]
        return start, today
    if g["to_date"] or g["short_to_date"]:
        unit = g["to_date"] or g["short_to_date"]
        start = today.replace(month=1, day=1) if unit in ("year", "ytd") else today.replace(day=1) \
            if unit in ("month", "mtd") else today - timedelta(days=today.weekday())
        return start, today
    if g["the_weekend"]:
        return _weekend(today, weekend, back=False, begun=True)
    return _quarter(QUARTER_NUMBERS[g["quarter"].split()[0]], g["q_year"], today)


def one_day(phrase: str, today: date) -> date | None:
    """The day a question's phrase names: an entry's date phrases, and "last night", "two weeks ago", "monday",
    "the 5th" (this month's, or last month's while it is still ahead)."""
    if phrase.startswith("the day before"):  # dates.FIXED_DAYS knows "day before yesterday"
        phrase = phrase.removeprefix("the ")
    if (ago := WORD_AGO_RE.fullmatch(phrase)) is not None:  # "3 days ago", "two weeks ago"
        count = COUNT_WORDS.get(ago[1]) or int(ago[1])
        return today - timedelta(days=count * (7 if ago[2].startswith("week") else 1))
    if (nth := THE_NTH_RE.fullmatch(phrase)) is not None:
        day, month_start = int(nth[1]), today.replace(day=1)
        if day > 31:
            return None
        if day > today.day:  # still ahead this month: last month's (or the latest month with a 31st)
            month_start = (month_start - timedelta(days=1)).replace(day=1)
        while day > calendar.monthrange(month_start.year, month_start.month)[1]:
            month_start = (month_start - timedelta(days=1)).replace(day=1)
        return month_start.replace(day=day)
    if phrase.endswith("day") and phrase in WEEKDAYS:
        phrase = "on " + phrase
    return resolve_date(phrase, today)


def _end(phrase: str, today: date) -> tuple[date, date]:
    """A range's end or a "since": one day, a month (with its year) or a year, as first and last day."""
    if ONE_DAY_RE.fullmatch(phrase):
        day = one_day(phrase, today)
        if day is None:
            raise ValueError(phrase)
        return day, day
    if phrase.isdigit():
        return date(int(phrase), 1, 1), date(int(phrase), 12, 31)
    words = phrase.split()
    month = MONTHS.index(words[0][:3]) + 1
    year = int(words[1]) if len(words) > 1 else today.year - (month > today.month)
    return _month(year, month)


def _between(first: str, last: str, today: date) -> tuple[date, date] | None:
    """ "between march 1 and march 10", "from jan to march", "between the 1st and the 15th", "march 1 to 10": the
    start as it last came (today at the latest), the end as it first comes on or after the start."""
    start = _end(first, today)[0]
    if BARE_DAY_RE.fullmatch(last):  # "between march 1 and 10": the start's month
        end = start.replace(day=int(last.rstrip("stndrh")))
        return (start, end) if start <= end else None
    end = _end(last, today)[1]
    if end < start and not YEAR_RE.search(last):  # "from dec 20 to jan 5", "the 1st to the 15th" on the 10th
        end = _next_time(last, end)
    return (start, end) if start <= end else None


def _next_time(phrase: str, end: date) -> date:
    """The end a phrase names, once more: a day of the month a month on, a month or a day of a year a year on."""
    if THE_NTH_RE.fullmatch(phrase):
        following = (end.replace(day=1) + timedelta(days=32)).replace(day=1)
        return following.replace(day=min(end.day, calendar.monthrange(following.year, following.month)[1]))
    if WEEKDAY_IN_RE.search(phrase):  # "between monday and friday" said on a wednesday
        return end + timedelta(weeks=1)
    if MONTH_NAME_RE.search(phrase):
        return end.replace(year=end.year + 1, day=min(end.day, calendar.monthrange(end.year + 1, end.month)[1]))
    return end


def _counted(count: int, units: str, today: date) -> tuple[date, date]:
    """ "past 30 days", "the last two weeks": that many days up to today; months and years counted back the same
    way."""
    if units.startswith("day"):
        return today - timedelta(days=count - 1), today
    if units.startswith(("week", "fortnight")):
        return today - timedelta(days=(7 if units.startswith("week") else 14) * count - 1), today
    return _months_back(today, count * (12 if units.startswith("year") else 1)), today


def _relative(rel: str, unit: str, today: date, weekend: int = SATURDAY) -> tuple[date, date]:
    back = rel in ("last", "previous", "past")
    if unit == "week":
        start = today - timedelta(days=today.weekday()) - timedelta(weeks=back)
        return start, start + timedelta(days=6)
    if unit == "weekend":
        return _weekend(today, weekend, back=back)
    if unit == "fortnight":
        return today - timedelta(days=13), today
    if unit == "quarter":
        quarter = (today.month - 1) // 3 - back
        return _quarter(quarter % 4, str(today.year - (quarter < 0)), today)
    if unit == "month":
        year, month = (today.year, today.month)
        if back:
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return _month(year, month)
    year = today.year - back
    return date(year, 1, 1), date(year, 12, 31)


def _weekend(today: date, first: int, back: bool, begun: bool = False) -> tuple[date, date]:
    """This week's two weekend days, the first of them weekday `first` (Friday where the week ends on Saturday, as in
    Bangladesh); with `back`, last week's ("last weekend", said during one too); with `begun`, the latest begun."""
    start = today - timedelta(days=today.weekday()) + timedelta(days=first)
    if back or (begun and start > today):
        start -= timedelta(weeks=1)
    return start, start + timedelta(days=1)


def _quarter(index: int, year_text: str | None, today: date) -> tuple[date, date]:
    """A calendar quarter (0–3) of the year written, else the latest one not ahead of today."""
    year = int(year_text) if year_text else today.year - (3 * index + 1 > today.month)
    return date(year, 3 * index + 1, 1), _month(year, 3 * index + 3)[1]


def _months_back(today: date, count: int) -> date:
    """The day after the same day `count` months ago (clamped to the month's end)."""
    months = today.year * 12 + today.month - 1 - count
    year, month = divmod(months, 12)
    start = date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))
    return start + timedelta(days=1)


def _month(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])

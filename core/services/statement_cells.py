"""Read one bank-statement cell: a date (day- or month-first, month names, Excel dates) or an amount."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from core.money import ISO_CURRENCIES
from core.nlu.money import SYMBOLS, WORDS

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_TIME = r"(?:$|[T\s,])"  # a time of day may follow the date; it is dropped
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME)
_NUMERIC_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})" + _TIME)
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[-\s/.]*([a-z]{3,9})\.?[-\s/.,]*(\d{4}|\d{2})" + _TIME, re.I)
_MONTH_NAME_DAY = re.compile(r"([a-z]{3,9})\.?[-\s]+(\d{1,2})(?:st|nd|rd|th)?,?[-\s]+(\d{4})" + _TIME, re.I)

# Words a spreadsheet writes for "nothing here" in a money column.
EMPTY_WORDS = frozenset({"", "-", "–", "—", "--", "n/a", "na", "nil", "null", "none"})
_NUMBER = re.compile(r"\d(?:[\d.,'\u00a0\u202f ]*\d)?")
_AFFIX_TOKEN = re.compile(r"[^\W\d_]+\.?|\S")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{2,3})*,\d{3}")  # 1,250,000 and the lakh style 12,34,567
_MINUS = frozenset({"-", "−", "–"})
_SPACES = re.compile(r"[\s'\u00a0\u202f]")
_PLAIN = {False: re.compile(r"-?\d{1,15}(?:\.\d{1,6})?"), True: re.compile(r"-?\d{1,15}(?:,\d{1,6})?")}


class Unreadable(ValueError):
    """Text in a money column that is not an amount."""


@dataclass(frozen=True, slots=True)
class Money:
    value: Decimal          # signed: negative is money out ("-", parentheses or a Dr marker)
    currency: str | None    # from a symbol or code written in the cell


def _month(name: str) -> int | None:
    lower = name.lower()
    for number, full in enumerate(MONTHS, 1):
        if (full.startswith(lower) and len(lower) >= 3) or (lower == "sept" and number == 9):
            return number
    return None


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        return 2000 + year if year < 70 else 1900 + year
    return year


def _safe_date(year: int, month: int | None, day: int) -> date | None:
    if month is None or not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(cell: object, day_first: bool = True) -> date | None:
    """The calendar day a cell names, or None when it is not a date."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if not isinstance(cell, str):
        return None
    text = cell.strip()
    if len(text) > 40:
        return None
    if match := _ISO_DATE.match(text):
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC_DATE.match(text):
        first, second = int(match[1]), int(match[2])
        day, month = (first, second) if day_first else (second, first)
        return _safe_date(_year(match[3]), month, day)
    if match := _DAY_MONTH_NAME.match(text):
        return _safe_date(_year(match[3]), _month(match[2]), int(match[1]))
    if match := _MONTH_NAME_DAY.match(text):
        return _safe_date(int(match[3]), _month(match[1]), int(match[2]))
    return None


def day_first_from(cells: Iterable[object], default: bool = True) -> bool:
    """Whether numeric dates read day/month: the first date whose field is over 12 settles it."""
    for cell in cells:
        if isinstance(cell, str) and (match := _NUMERIC_DATE.match(cell.strip())):
            first, second = int(match[1]), int(match[2])
            if first > 12 >= second:
                return True
            if second > 12 >= first:
                return False
    return default


def currency_of(text: str) -> str | None:
    """The ISO code for a currency written as a code, a word or a symbol ("BDT", "Tk", "৳"), else None."""
    word = text.strip()
    if word in SYMBOLS:
        return SYMBOLS[word]
    if len(word) == 3 and word.upper() in ISO_CURRENCIES:
        return word.upper()
    return WORDS.get(word.lower().rstrip("."))


def decimal_comma_from(cells: Iterable[object]) -> bool:
    """Whether a file writes 1.250,50 (decimal comma) rather than 1,250.50: a vote over its amount cells."""
    comma = dot = 0
    for cell in cells:
        if abs(comma - dot) >= 50:  # settled; a long file need not be read twice
            break
        if not isinstance(cell, str) or not (match := _NUMBER.search(cell)):
            continue
        core = _SPACES.sub("", match.group())
        last_comma, last_dot = core.rfind(","), core.rfind(".")
        if last_comma >= 0 and last_dot >= 0:
            comma, dot = (comma + 1, dot) if last_comma > last_dot else (comma, dot + 1)
        elif last_comma >= 0:
            if len(core) - last_comma - 1 != 3:
                comma += 1
            elif core.count(",") > 1:
                dot += 1
        elif last_dot >= 0:
            if len(core) - last_dot - 1 != 3:
                dot += 1
            elif core.count(".") > 1:
                comma += 1
    return comma > dot


def _to_decimal(core: str, decimal_comma: bool) -> Decimal:
    core = _SPACES.sub("", core)
    point, group = (",", ".") if decimal_comma else (".", ",")
    whole, _, fraction = core.partition(point)
    if group in whole:
        if not _GROUPED.fullmatch(whole.replace(group, ",")):
            raise Unreadable(core)
        whole = whole.replace(group, "")
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        raise Unreadable(core)
    return Decimal(f"{whole}.{fraction}" if fraction else whole)


def _affixes(text: str) -> tuple[bool, str | None]:
    """(negative, currency) from what surrounds the number: signs, parentheses, Dr/Cr, symbols and codes."""
    negative = marker = False
    currency: str | None = None
    opened = closed = False
    for token in _AFFIX_TOKEN.findall(text.replace("/-", " ")):
        word = token.lower().rstrip(".")
        found: str | None = None
        if token in _MINUS:
            negative = True
        elif token == "(":
            opened = True
        elif token == ")":
            closed = True
        elif word in ("dr", "cr"):
            negative, marker = word == "dr", True
        elif token in ("+", ":") or word == "us":
            continue
        elif (found := currency_of(token)) is None or currency not in (None, found):
            raise Unreadable(text)
        currency = found or currency
    if opened != closed:
        raise Unreadable(text)
    return (negative or opened) if not marker else negative, currency


def parse_money(cell: object, decimal_comma: bool = False) -> Money | None:
    """A signed amount, or None for an empty cell; raises Unreadable for text that is not an amount."""
    if cell is None:
        return None
    if isinstance(cell, bool | date):
        raise Unreadable(str(cell))
    if isinstance(cell, int | float | Decimal):
        try:
            value = Decimal(str(cell))
        except InvalidOperation as error:
            raise Unreadable(str(cell)) from error
        if not value.is_finite():
            raise Unreadable(str(cell))
        return Money(value, None)
    text = str(cell).strip()
    if _PLAIN[decimal_comma].fullmatch(text):  # the common case, "-1250.50", without the full work
        return Money(Decimal(text.replace(",", ".")), None)
    if text.lower() in EMPTY_WORDS:
        return None
    match = _NUMBER.search(text) if len(text) <= 40 else None
    if match is None:
        raise Unreadable(text)
    try:
        value = _to_decimal(match.group(), decimal_comma)
        negative, currency = _affixes(text[:match.start()] + " " + text[match.end():])
    except Unreadable as error:
        raise Unreadable(text) from error  # the whole cell, as written, for the message
    return Money(-value if negative else value, currency)

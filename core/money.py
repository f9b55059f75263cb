"""Money as Decimal with an ISO 4217 currency: validation, minor units and locale-aware formatting."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import NumberPattern, get_currency_precision, get_currency_symbol, list_currencies, parse_pattern

ISO_CURRENCIES: frozenset[str] = frozenset(list_currencies())


class UnknownCurrency(ValueError):
    """A currency code that is not in ISO 4217."""


def validate_currency(code: str) -> str:
    upper = code.strip().upper()
    if upper not in ISO_CURRENCIES or len(upper) != 3:
        raise UnknownCurrency(code)
    return upper


@lru_cache(maxsize=512)
def exponent(currency: str) -> int:
    """Digits after the decimal point for a currency (2 for BDT, 0 for JPY, 3 for KWD)."""
    return int(get_currency_precision(currency))


def quantize(amount: Decimal, currency: str) -> Decimal:
    return amount.quantize(Decimal(1).scaleb(-exponent(currency)), rounding=ROUND_HALF_UP)


def to_minor(amount: Decimal, currency: str) -> int:
    """Integer minor units (paisa, cents): exact storage on every database."""
    return int(quantize(amount, currency).scaleb(exponent(currency)))


class TooPrecise(ValueError):
    """An amount written with more decimals than its currency has (0.5 JPY, 10.005 USD)."""

    def __init__(self, amount: Decimal, currency: str) -> None:
        places = exponent(currency)
        uses = "no decimals" if places == 0 else f"{places} decimal{'s' if places > 1 else ''}"
        super().__init__(f"{amount} {currency} has more decimals than {currency} uses ({uses}). "
                         f"Write it as e.g. {quantize(amount, currency)} {currency}.")


def exact_minor(amount: Decimal, currency: str) -> int:
    """Minor units of an amount a person wrote: one rule for every currency — never rounded, refused
    (`TooPrecise`) when it has more decimals than the currency has minor units."""
    minor = amount.scaleb(exponent(currency))
    if minor != minor.to_integral_value():
        raise TooPrecise(amount, currency)
    return int(minor)


def from_minor(minor: int, currency: str) -> Decimal:
    return Decimal(minor).scaleb(-exponent(currency))


@lru_cache(maxsize=512)
def symbol(currency: str, locale: str) -> str:
    """The locale's symbol, or the home territory's symbol when the locale only knows the code (৳ for BDT)."""
    local = get_currency_symbol(currency, locale)
    if local != currency:
        return str(local)
    try:
        home = Locale.parse(f"und_{currency[:2]}")
    except (UnknownLocaleError, ValueError):
        return currency
    return str(get_currency_symbol(currency, home))


@lru_cache(maxsize=512)
def _number_format(currency: str, locale: str) -> tuple[NumberPattern, Locale]:
    """Parsed once per currency and locale: parsing the pattern and locale costs more than formatting."""
    digits = exponent(currency)
    grouping = "#,##,##0" if locale.endswith("_IN") or locale.startswith(("bn", "hi")) else "#,##0"
    return parse_pattern(grouping + ("." + "0" * digits if digits else "")), Locale.parse(locale)


def format_money(amount: Decimal, currency: str, locale: str = "en_IN") -> str:
    """'৳1,00,000.00' for BDT in en_IN: grouping follows the locale, digits follow the currency."""
    pattern, parsed_locale = _number_format(currency, locale)
    body = pattern.apply(abs(quantize(amount, currency)), parsed_locale)
    sign = "-" if amount < 0 else ""
    return f"{sign}{symbol(currency, locale)}{body}"

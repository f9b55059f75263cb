"""Money formatting and minor units per currency."""
from __future__ import annotations

from decimal import Decimal

import pytest

from core.money import UnknownCurrency, format_money, from_minor, to_minor, validate_currency


def test_formats_with_local_symbol_and_grouping() -> None:
    assert format_money(Decimal("100000"), "BDT") == "৳1,00,000.00"
    assert format_money(Decimal("1234567.5"), "USD", "en_US") == "$1,234,567.50"
    assert format_money(Decimal("-12.5"), "EUR") == "-€12.50"
    assert format_money(Decimal("1500"), "JPY", "en_US") == "¥1,500"


def test_minor_units_follow_the_currency() -> None:
    assert to_minor(Decimal("12.345"), "USD") == 1235
    assert to_minor(Decimal("1.2345"), "KWD") == 1235
    assert to_minor(Decimal("1500"), "JPY") == 1500
    assert from_minor(1235, "USD") == Decimal("12.35")


def test_only_iso_codes_are_currencies() -> None:
    assert validate_currency("bdt") == "BDT"
    with pytest.raises(UnknownCurrency):
        validate_currency("XYZ")

"""Property tests: any amount written in a supported format parses back to the same Decimal."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from core.nlu.money import find_money

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2)


def western(value: Decimal) -> str:
    return f"{value:,.2f}"


def european(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def indian(value: Decimal) -> str:
    whole, frac = f"{value:.2f}".split(".")
    head, tail = whole[:-3], whole[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    return ",".join([*groups, tail]) + "." + frac if groups else f"{tail}.{frac}"


@given(amounts, st.sampled_from([western, european, indian]),
       st.sampled_from(["৳{}", "{} tk", "Tk {}", "$ {}", "{} USD", "€{}", "{} EUR", "£{}", "₹{}", "Rs {}", "{} taka"]))
def test_formatted_amounts_parse_back(value: Decimal, style, template: str) -> None:  # type: ignore[no-untyped-def]
    written = template.format(style(value))
    found = find_money(f"spent {written} on lunch")
    assert len(found) == 1, (written, found)
    assert found[0].amount == value, written
    assert found[0].currency is not None


@given(st.integers(min_value=1, max_value=999), st.sampled_from([("k", 1000), ("lakh", 100000), ("crore", 10**7),
                                                                ("m", 10**6)]))
def test_suffixes_scale(value: int, suffix: tuple[str, int]) -> None:
    word, factor = suffix
    found = find_money(f"paid {value}{' ' if len(word) > 1 else ''}{word} tk for land")
    assert found and found[0].amount == value * factor


@given(st.integers(min_value=1, max_value=999_999))
def test_number_words(value: int) -> None:
    words = to_words(value)
    found = find_money(f"{words} taka for dinner")
    assert found and found[0].amount == value, words


ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
       "seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def to_words(n: int) -> str:
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10 - 2] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    if n < 1000:
        return ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " and " + to_words(n % 100))
    return to_words(n // 1000) + " thousand" + ("" if n % 1000 == 0 else " " + to_words(n % 1000))

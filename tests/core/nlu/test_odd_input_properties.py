"""Property tests: odd numerals and dates never crash the parser and never come out as a wrong amount or day."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.intents import Intent
from core.nlu.dates import in_range, local_today
from core.nlu.periods import find_period
from core.nlu.rules import RuleParser
from core.nlu.validate import InvalidParse, validated

PARSER = RuleParser()
NOW = datetime(2026, 3, 18, 9, 30, tzinfo=UTC)
TZ = "Asia/Dhaka"
SCIENTIFIC = re.compile(r"\d+(?:[.,]\d+)*[eE][+-]?\d+")

numerals = st.text(alphabet="0123456789.,eE+-_kmKM ", min_size=1, max_size=40)
digits = st.text(alphabet="0123456789", min_size=1, max_size=30)
scientific = st.builds("{}{}{}{}".format, digits, st.sampled_from(["", ".5", ",25"]), st.sampled_from("eE"),
                       st.builds("{}{}".format, st.sampled_from(["", "+", "-"]), digits))
templates = st.sampled_from(["spent {} on lunch", "{} tk taxi", "lunch {}", "split {} pizza with @karim",
                             "900 taxi @karim {}", "settle {} with @bob", "budget food {} per month",
                             "summary {}", "paid ${} for fuel", "{}"])
months = st.sampled_from(["jan", "feb", "march", "apr", "may", "june", "jul", "aug", "sept", "oct", "nov", "dec"])
years = st.integers(min_value=0, max_value=9999).map("{:04d}".format)
date_phrases = st.one_of(
    st.builds("{} {} {}".format, st.integers(0, 99), months, years),
    st.builds("{} {}, {}".format, months, st.integers(0, 99), years),
    st.builds("{}-{:02d}-{:02d}".format, years, st.integers(0, 99), st.integers(0, 99)),
    st.builds("{}/{}/{}".format, st.integers(0, 99), st.integers(0, 99), years),
    st.builds("{} days ago".format, st.integers(0, 10**40)),
    st.sampled_from(["today", "yesterday", "tomorrow", "last friday", "day before yesterday"]),
)
instants = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC))


def parse(text: str, now: datetime = NOW) -> Intent:
    return PARSER.parse_sync(text, mentions=[], now=now, tz=TZ)


def assert_plain_amounts(intent: Intent) -> None:
    for raw in [intent.entities.get("amount"), *intent.entities.get("shares", {}).values()]:
        if raw is not None:
            assert re.fullmatch(r"-?\d+(?:\.\d+)?", raw), raw
            assert Decimal(raw).is_finite()


@settings(max_examples=400)
@given(numerals, templates)
def test_odd_numerals_never_crash_and_amounts_stay_plain_decimals(numeral: str, template: str) -> None:
    intent = parse(template.format(numeral))
    assert_plain_amounts(intent)


@settings(max_examples=300)
@given(scientific, st.sampled_from(["spent {} on lunch", "{} tk taxi", "lunch {}", "paid ${} for fuel",
                                    "900 taxi @karim {}", "settle {} with @bob"]))
def test_scientific_notation_is_never_read_as_an_amount(numeral: str, template: str) -> None:
    intent = parse(template.format(numeral))
    assert intent.entities.get("amount_text") == numeral, intent
    assert "amount" not in intent.entities and "shares" not in intent.entities


@settings(max_examples=400)
@given(date_phrases, instants)
def test_dates_are_in_range_or_refused_whatever_the_year(phrase: str, now: datetime) -> None:
    intent = parse(f"lunch 100 tk on {phrase}", now)
    written = {key for key in ("date", "date_text", "date_out_of_range") if key in intent.entities}
    assert len(written) <= 1, intent.entities
    if "date" in intent.entities:
        assert in_range(date.fromisoformat(intent.entities["date"]), local_today(now, TZ))


@settings(max_examples=200)
@given(st.one_of(st.builds("{} {}".format, months, years), st.sampled_from(["this week", "last month",
                                                                             "last year", "today"])),
       instants)
def test_report_periods_never_crash(phrase: str, now: datetime) -> None:
    period = find_period(f"summary {phrase}", now, TZ)
    assert period is None or period[0] <= period[1]
    parse(f"summary {phrase}", now)


@settings(max_examples=200)
@given(st.one_of(numerals, scientific, st.sampled_from(["NaN", "Infinity", "-inf", "sNaN", "1e999999999"])))
def test_an_llm_amount_that_is_not_in_the_message_is_rejected_cleanly(amount: str) -> None:
    text = f"spent {amount} on lunch"
    try:
        intent = validated({"intent": "record_transaction", "amount": amount}, text)
    except InvalidParse:
        return
    assert_plain_amounts(intent)
    assert not SCIENTIFIC.fullmatch(amount) or Decimal(intent.entities["amount"]) != Decimal(amount.replace(",", ""))


@pytest.mark.parametrize(("phrase", "expected"), [
    ("31 dec 9999", "date_out_of_range"), ("1 jan 0001", "date_out_of_range"), ("1/1/2099", "date_out_of_range"),
    ("31/12/1999", "date_out_of_range"), ("99999999 days ago", "date_out_of_range"), ("0000-01-01", "date_text"),
    ("1 jan 2000", "date"), ("tomorrow", "date"),
])
def test_the_date_range_is_from_2000_to_a_year_ahead(phrase: str, expected: str) -> None:
    assert expected in parse(f"lunch 100 on {phrase}").entities
    ahead = local_today(NOW, TZ) + timedelta(days=366)
    assert "date" in parse(f"lunch 100 on {ahead:%d %b %Y}").entities
    assert "date_out_of_range" in parse(f"lunch 100 on {ahead + timedelta(days=1):%d %b %Y}").entities


@pytest.mark.parametrize(("text", "currency"), [("ſ $5.99", "USD"), ("S$ 5 lunch", "SGD"), ("K$ 5", "USD")])
def test_a_letter_that_folds_to_a_qualifier_is_not_one(text: str, currency: str) -> None:
    """"ſ" (long s) and "K" (Kelvin) match "s" and "k" case-insensitively; they once crashed the money finder."""
    parsed = RuleParser().parse_sync(text, mentions=[], now=datetime(2026, 3, 18, tzinfo=UTC), tz="Asia/Dhaka")
    assert parsed.entities["currency"] == currency

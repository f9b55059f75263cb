"""The period a question names, as people write it: counted in words, since a day, between two days, quarters."""
from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest

from core.nlu.periods import find_period

NOW = datetime(2026, 3, 20, 10, tzinfo=UTC)  # a Friday; 16:00 in Dhaka


def period(text: str) -> tuple[date, date] | None:
    return find_period(text, NOW, "Asia/Dhaka")


@pytest.mark.parametrize(("text", "start", "end"), [
    ("how much did i spend in the last two weeks", date(2026, 3, 7), date(2026, 3, 20)),
    ("spending for the past few days", date(2026, 3, 18), date(2026, 3, 20)),
    ("my expenses over the last couple of months", date(2026, 1, 21), date(2026, 3, 20)),
    ("purchases in the last twelve months", date(2025, 3, 21), date(2026, 3, 20)),
    ("what did i spend the past fortnight", date(2026, 3, 7), date(2026, 3, 20)),
])
def test_a_count_in_words_is_that_many_days_up_to_today(text: str, start: date, end: date) -> None:
    assert period(text) == (start, end)


@pytest.mark.parametrize(("text", "day"), [
    ("how much did i spend last night", date(2026, 3, 19)),
    ("what did i buy this morning", date(2026, 3, 20)),
    ("spending the day before yesterday", date(2026, 3, 18)),
    ("how much did i spend two days ago", date(2026, 3, 18)),
    ("what did i spend a week ago", date(2026, 3, 13)),
    ("how much did i spend on tuesday", date(2026, 3, 17)),
    ("what did i spend monday", date(2026, 3, 16)),
    ("how much did i spend on march 5", date(2026, 3, 5)),
    ("transactions on the 10th", date(2026, 3, 10)),
    ("transactions on the 25th", date(2026, 2, 25)),  # still ahead this month: last month's
    ("what did i buy on the 5th of march", date(2026, 3, 5)),
])
def test_one_day_named_is_that_day_alone(text: str, day: date) -> None:
    assert period(text) == (day, day)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("how much did i spend between march 1 and march 10", date(2026, 3, 1), date(2026, 3, 10)),
    ("spending between march 1 and 10", date(2026, 3, 1), date(2026, 3, 10)),
    ("what did i spend between the 1st and the 15th", date(2026, 3, 1), date(2026, 3, 15)),
    ("expenses from jan to march", date(2026, 1, 1), date(2026, 3, 31)),
    ("spending from november to january", date(2025, 11, 1), date(2026, 1, 31)),
    ("from december 20 to january 5", date(2025, 12, 20), date(2026, 1, 5)),
    ("how much have i spent since january", date(2026, 1, 1), date(2026, 3, 20)),
    ("spending since last monday", date(2026, 3, 16), date(2026, 3, 20)),
    ("since the start of the year", date(2026, 1, 1), date(2026, 3, 20)),
    ("how much have i spent since last month", date(2026, 2, 1), date(2026, 3, 20)),
    ("my spending year to date", date(2026, 1, 1), date(2026, 3, 20)),
    ("food ytd", date(2026, 1, 1), date(2026, 3, 20)),
    ("my accountant needs my total expenses for 2023", date(2023, 1, 1), date(2023, 12, 31)),
])
def test_a_range_or_a_start_runs_to_its_end_or_today(text: str, start: date, end: date) -> None:
    assert period(text) == (start, end)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("spending this quarter", date(2026, 1, 1), date(2026, 3, 31)),
    ("how much did i spend last quarter", date(2025, 10, 1), date(2025, 12, 31)),
    ("expenses for q4 2025", date(2025, 10, 1), date(2025, 12, 31)),
    ("expenses for q2", date(2025, 4, 1), date(2025, 6, 30)),  # this year's is still ahead
    ("what did i spend over the weekend", date(2026, 3, 20), date(2026, 3, 21)),  # Bangladesh's: Friday, Saturday
    ("last weekend", date(2026, 3, 13), date(2026, 3, 14)),
])
def test_quarters_and_weekends(text: str, start: date, end: date) -> None:
    assert period(text) == (start, end)


@pytest.mark.parametrize("text", [
    "may i see my spending", "how much did i spend on black friday deals", "the weekend trip to chicago",
    "between 20 and 50 dollars", "show my last 5 transactions", "show me the 3rd transaction",
])
def test_words_that_only_look_like_periods_name_none(text: str) -> None:
    assert period(text) is None


def test_a_range_past_the_calendar_is_none_not_a_crash() -> None:
    assert period("between 31 feb and 3 march") is None
    assert period("since march 9999") is None


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@pytest.mark.parametrize(("text", "today", "start", "end"), [
    ("between the 1st and the 15th", date(2026, 3, 10), date(2026, 3, 1), date(2026, 3, 15)),
    ("between march 15 and march 25", date(2026, 3, 20), date(2026, 3, 15), date(2026, 3, 25)),
    ("from dec 20 to jan 5", date(2026, 1, 1), date(2025, 12, 20), date(2026, 1, 5)),
    ("from 5 jan to 10 feb", date(2026, 3, 20), date(2026, 1, 5), date(2026, 2, 10)),
    ("from 2024 to 2025", date(2026, 3, 20), date(2024, 1, 1), date(2025, 12, 31)),
    ("from 2026-03-01 to 2026-03-10", date(2026, 3, 20), date(2026, 3, 1), date(2026, 3, 10)),
    ("how much did i spend from jan - march", date(2026, 3, 20), date(2026, 1, 1), date(2026, 3, 31)),
    ("between monday and friday", date(2026, 3, 18), date(2026, 3, 16), date(2026, 3, 20)),
])
def test_a_range_starts_as_it_last_came_and_ends_as_it_next_comes(text: str, today: date, start: date,
                                                                  end: date) -> None:
    assert find_period(text, at(today, 4), "Asia/Dhaka") == (start, end)


def test_a_range_that_ends_before_it_starts_is_none() -> None:
    assert period("between march 10 and 5") is None


@pytest.mark.parametrize(("text", "today", "zone", "start"), [
    ("last weekend", date(2026, 3, 21), "Asia/Dhaka", date(2026, 3, 13)),  # said on a weekend day: the one before
    ("over the weekend", date(2026, 3, 21), "Asia/Dhaka", date(2026, 3, 20)),  # the one begun
    ("last weekend", date(2026, 3, 19), "Asia/Dhaka", date(2026, 3, 13)),
    ("last weekend", date(2026, 3, 21), "Europe/London", date(2026, 3, 14)),  # Saturday and Sunday there
    ("over the weekend", date(2026, 3, 20), "Europe/London", date(2026, 3, 14)),
])
def test_which_weekend(text: str, today: date, zone: str, start: date) -> None:
    assert find_period(text, at(today, 4), zone) == (start, start + timedelta(days=1))


def test_the_31st_is_the_latest_month_that_had_one() -> None:
    assert find_period("how much did i spend on the 31st", at(date(2026, 3, 22), 4), "Asia/Dhaka") == (
        date(2026, 1, 31), date(2026, 1, 31))


def test_many_mays_take_no_time_to_read() -> None:
    started = time.perf_counter()
    assert find_period("may " * 1000, NOW, "UTC") is None
    assert time.perf_counter() - started < 1.0  # a bound far above the milliseconds it takes, below the seconds it took


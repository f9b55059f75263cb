"""The shop a list or a summary narrows to: its name, never the day or month said after it, never a period."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from core.nlu.rules import RuleParser

NOW = datetime(2026, 3, 20, 10, tzinfo=UTC)
RULES = RuleParser(bot_names=frozenset({"Switchboard"}))


def parse(text: str) -> tuple[str, dict[str, Any]]:
    intent = RULES.parse_sync(text, mentions=[], now=NOW, tz="Asia/Dhaka")
    return intent.name, intent.entities


@pytest.mark.parametrize(("text", "search", "period"), [
    ("what did i spend at costco sunday", "costco", ("2026-03-15", "2026-03-15")),
    ("what did i spend at walmart saturday", "walmart", ("2026-03-14", "2026-03-14")),
    ("show me what i spent at shwapno", "shwapno", None),
    ("i want to see what i bought at best buy in december", "best buy", ("2025-12-01", "2025-12-31")),
    ("could you please list what i bought at lowe's yesterday", "lowe's", ("2026-03-19", "2026-03-19")),
    ("what did i spend in dhaka", "dhaka", None),
    ("what did i get at costco yesterday", "costco", ("2026-03-19", "2026-03-19")),
    ("show my purchases at Costco Sunday", "Costco", ("2026-03-15", "2026-03-15")),
    ("did i buy anything at target yesterday", "target", ("2026-03-19", "2026-03-19")),
])
def test_a_list_narrows_to_the_shop_named_not_the_day_after_it(text: str, search: str,
                                                                 period: tuple[str, str] | None) -> None:
    name, entities = parse(text)
    assert (name, entities.get("search")) == ("list_entries", search)
    assert entities.get("period") == ({"start": period[0], "end": period[1]} if period else None)


@pytest.mark.parametrize(("text", "period"), [
    ("what did i spend in march", ("2026-03-01", "2026-03-31")),
    ("show me what i spent in march", ("2026-03-01", "2026-03-31")),
])
def test_spending_in_a_month_is_that_months_summary_not_a_search_for_its_name(text: str,
                                                                              period: tuple[str, str]) -> None:
    name, entities = parse(text)
    assert (name, entities.get("search")) == ("spending_summary", None)
    assert entities["period"] == {"start": period[0], "end": period[1]}


def test_what_was_spent_on_a_category_is_its_figure_not_a_list() -> None:
    name, entities = parse("show me what i spent on groceries last month")
    assert (name, entities.get("category")) == ("spending_summary", "groceries")


def test_a_shop_named_with_a_short_day_or_month_keeps_its_whole_name() -> None:
    assert parse("how much did i spend at big sun")[1].get("search") == "big sun"

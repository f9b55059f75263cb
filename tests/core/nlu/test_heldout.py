"""CLINC150's held-out splits, which the parser is never tuned on: minimum scores computed on every run."""
from __future__ import annotations

import pytest

from core.nlu.clinc import measure
from core.nlu.rules import RuleParser
from tests.data import CLINC150

PARSER = RuleParser(bot_names=frozenset({"Switchboard"}))


@pytest.mark.parametrize("split", ["test", "oos_test"])
def test_requests_outside_finance_almost_never_get_a_write(split: str) -> None:
    """The issue's target: at most 0.5 % of requests outside banking and credit cards become a write."""
    heldout = measure(PARSER, CLINC150, split)
    assert heldout.requests >= 1000
    assert heldout.write_share <= 0.005, heldout.writes


def test_spending_history_questions_do_not_regress() -> None:
    """A floor, not the issue's 90 % target: what the rules reached when this test was written (22 of 30)."""
    understood, asked = measure(PARSER, CLINC150, "test").mapped["spending_history"]
    assert asked == 30
    assert understood >= 22

"""Fewest transfers: every position is settled, and no more than n-1 transfers are needed."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.services.reports import fewest_transfers


def test_chain_of_debts_collapses() -> None:
    # a owes b 100, b owes c 100: one transfer a → c
    assert fewest_transfers({"a": -100, "b": 0, "c": 100}) == [("a", "c", 100)]


@given(st.lists(st.integers(-10_000, 10_000), min_size=1, max_size=8))
def test_every_position_is_settled(amounts: list[int]) -> None:
    net = {f"p{i}": a for i, a in enumerate(amounts)}
    net["last"] = -sum(amounts)
    transfers = fewest_transfers(net)
    after = dict(net)
    for debtor, creditor, amount in transfers:
        assert amount > 0
        after[debtor] += amount
        after[creditor] -= amount
    assert all(v == 0 for v in after.values())
    assert len(transfers) <= max(0, sum(1 for v in net.values() if v) - 1)

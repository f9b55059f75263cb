"""Categories guessed from the words people use, a category's own name among them."""
from __future__ import annotations

import pytest

from core.nlu.categories import Categoriser

CATEGORIES = Categoriser()


@pytest.mark.parametrize(("text", "category"), [
    ("how much did i spend on entertainment", "entertainment"), ("travel last month", "travel"),
    ("health this year", "health"), ("education costs", "education"), ("transport", "transport"),
])
def test_a_categorys_own_name_is_that_category(text: str, category: str) -> None:
    assert CATEGORIES.guess(text) == category


@pytest.mark.parametrize(("text", "category"), [
    ("eating out", "food"), ("uber eats 450", "food"), ("uber 300", "transport"), ("wine 800", "food"),
    ("gas bill 900", "utilities"), ("gasoline 40", "transport"), ("medical checkup", "health"),
    ("new furniture", "shopping"), ("vacation deposit", "travel"),
])
def test_everyday_words_name_their_category(text: str, category: str) -> None:
    assert CATEGORIES.guess(text) == category


def test_a_deployments_own_category_is_known_by_its_name() -> None:
    assert Categoriser({"pets": ["vet", "dog food"]}).guess("how much on pets") == "pets"

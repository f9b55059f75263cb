"""The classifier's cached per-token rows give exactly the features, sums and guesses `features()` describes."""
from __future__ import annotations

import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from core.nlu.classifier import IntentClassifier, features
from tests.data import NLU_CORPUS

CLASSIFIER = IntentClassifier.load()
TEXTS = [json.loads(line)["text"] for line in NLU_CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
ODD = ["", "   ", "@bob <at>Ann Lee</at> paid 1234567890123 ৳", "৫০০ টাকা আজ রিকশা", "a ab abc 7", "aaj ajke 12:30"]


def feature_rows(text: str) -> list[int]:
    return [i for f in features(text) if (i := CLASSIFIER.vocabulary.get(f)) is not None]


def dense_guess(text: str) -> tuple[str, float]:
    """The guess as it was first written: the summed rows of `features()`, softmax of the best label."""
    rows = feature_rows(text)
    logits = np.add.reduce(CLASSIFIER.weights.take(rows, axis=0)) + CLASSIFIER.bias if rows \
        else CLASSIFIER.bias.copy()
    best = int(logits.argmax())
    return CLASSIFIER.labels[best], 1.0 / float(np.exp(logits - logits[best]).sum())


def test_rows_are_the_known_features_in_order_twice_over() -> None:
    for text in TEXTS + ODD:
        assert CLASSIFIER.rows(text) == feature_rows(text), text
        assert CLASSIFIER.rows(text) == feature_rows(text), text  # the second time from the token cache


def test_guesses_are_bit_for_bit_the_dense_ones() -> None:
    for text in TEXTS[::3] + ODD:
        guess = CLASSIFIER.guess(text)
        assert (guess.label, guess.probability) == dense_guess(text), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab e1 9@<>/at৳$৫টাকাé.-_"), max_size=30))
def test_any_text_gives_the_rows_of_its_features(text: str) -> None:
    assert CLASSIFIER.rows(text) == feature_rows(text)

"""The classifier's cached per-token rows give exactly the sums and guesses the features of `features()` give."""
from __future__ import annotations

import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from core.nlu.classifier import TOKEN_CACHE_SIZE, TOKEN_RE, IntentClassifier, _tokens, features
from tests.data import NLU_CORPUS

CLASSIFIER = IntentClassifier.load()
TEXTS = [json.loads(line)["text"] for line in NLU_CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
ODD = ["", "   ", "@bob <at>Ann Lee</at> paid 1234567890123 ৳", "৫০০ টাকা আজ রিকশা", "a ab abc 7", "aaj ajke 12:30"]


def feature_rows(text: str) -> list[int]:
    return [i for f in features(text) if (i := CLASSIFIER.vocabulary.get(f)) is not None]


def dense_logits(text: str) -> np.ndarray:
    """The logits as first written: the summed weight rows of `features()`, and the bias."""
    rows = feature_rows(text)
    return np.add.reduce(CLASSIFIER.weights.take(rows, axis=0)) + CLASSIFIER.bias if rows else CLASSIFIER.bias.copy()


def dense_guess(text: str) -> tuple[str, float]:
    logits = dense_logits(text)
    best = int(logits.argmax())
    return CLASSIFIER.labels[best], 1.0 / float(np.exp(logits - logits[best]).sum())


def test_logits_are_exactly_the_sums_of_the_features_rows_twice_over() -> None:
    """Summed per token and cached, in another order: the same sums to the last bit (half-precision weights summed
    in double precision are exact)."""
    for text in TEXTS + ODD:
        assert CLASSIFIER.logits(text) == tuple(dense_logits(text).tolist()), text
        CLASSIFIER._last = None
        assert CLASSIFIER.logits(text) == tuple(dense_logits(text).tolist()), text  # now from the token cache


def test_guesses_are_the_dense_ones() -> None:
    for text in TEXTS[::3] + ODD:
        guess = CLASSIFIER.guess(text)
        label, probability = dense_guess(text)
        assert guess.label == label, text
        assert abs(guess.probability - probability) < 1e-12, text


def test_a_full_token_cache_starts_over_between_texts_never_inside_one() -> None:
    classifier = IntentClassifier.load()
    text = "spent 500 on groceries at shwapno yesterday with @karim"
    for n in range(30):  # many tokens seen before: the cache fills and starts over several times
        classifier.logits(f"word{n} " * 2 + "x" * (n % 7 + 3))
    classifier._token_rows = {f"filler{n}": ("filler", classifier._first_token_row + n)
                              for n in range(TOKEN_CACHE_SIZE - 3)}  # three rows left, the text has nine tokens
    assert classifier.logits(text) == tuple(dense_logits(text).tolist())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab e1 9@<>/at৳$৫টাকাé.-_"), max_size=30))
def test_any_text_gives_the_sums_of_its_features(text: str) -> None:
    CLASSIFIER._last = None
    assert CLASSIFIER.logits(text) == tuple(dense_logits(text).tolist())


def test_a_text_of_more_tokens_than_the_cache_holds_is_read_from_its_features() -> None:
    text = " ".join(f"w{n}x" for n in range(TOKEN_CACHE_SIZE + 5)) + " spent on food"
    assert CLASSIFIER.logits(text) == tuple(dense_logits(text).tolist())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdez ABZ.,'!?-_@<$/&:07")), max_size=40))
def test_plain_words_are_tokenised_from_their_word_runs_as_the_pattern_would(text: str) -> None:
    lower = text.lower()
    assert _tokens(lower) == TOKEN_RE.findall(lower)

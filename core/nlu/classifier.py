"""A small linear intent classifier over word and character n-grams, loaded from the committed model file."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.nlu import bengali
from core.nlu.gates import word_places
from core.nlu.native import PACKAGE_DIR

MODEL_PATH = PACKAGE_DIR / "intent_model.npz"  # not beside __file__: a compiled module's is in _native/
NOT_OURS = "not_ours"  # the label of requests meant for some other assistant (CLINC150's other intents)
TOKEN_RE = re.compile(r"<at>[^<]*</at>|@[\w.]+|[^\W\d_]+|\d+|[৳$€£₹]")
DIGITS_RE = re.compile(r"\d")
NOT_PLAIN_RE = re.compile(r"[0-9_@<$]")  # what makes TOKEN_RE's tokens differ from a text's \w runs (in ASCII)
TOKEN_CACHE_SIZE = 20_000  # tokens whose summed rows are kept; the cache starts over when it is full
def _tokens(lower: str) -> list[str]:
    """TOKEN_RE's tokens of a lower-case text; of plain ASCII words (no digit, "_", "@", "<" or "$") they are its \\w
    runs, which the rules' word gates have already found (`word_places` keeps them)."""
    if lower.isascii() and NOT_PLAIN_RE.search(lower) is None:
        return [word for _, _, word in word_places(lower)]
    return TOKEN_RE.findall(lower)


def tokens(text: str) -> list[str]:
    """Lower-case words with digits generalised ("5" and "7" are both "0") and mentions as one token."""
    words = []
    for token in TOKEN_RE.findall(bengali.normalise(text).lower()):
        if token[0] in "@<":
            words.append("@")
        elif token[0].isdigit():
            words.append("0" * min(len(token), 8))
        else:
            words.append(token)
    return words


def features(text: str) -> list[str]:
    """Words, word pairs, and the 3- and 4-letter pieces of each word (typos keep most of their pieces)."""
    words = tokens(text)
    found = ["w " + w for w in words]
    found += ["b " + a + " " + b for a, b in zip(["^", *words], [*words, "$"], strict=True)]
    padded = ["<" + w + ">" for w in words if len(w) > 2 and w.isalpha()]
    found += [p[i:i + 3] for p in padded for i in range(len(p) - 2)]
    found += [p[i:i + 4] for p in padded for i in range(len(p) - 3)]
    return found


@dataclass(frozen=True, slots=True)
class Guess:
    label: str
    probability: float


class IntentClassifier:
    """Softmax regression: one weight row per known feature, one column per label.

    The weights are half-precision numbers (the model file's), summed in double precision: every sum is exact, so it
    does not matter in which order a message's rows are added. That lets each token's own rows (its word, its 3- and
    4-letter pieces) be summed once, when first seen, into a row of its own: a message adds up one row a token, one
    a word pair and the bias. Its caches assume one thread at a time (the event loop's), as the parser is used."""

    def __init__(self, vocabulary: dict[str, int], weights: np.ndarray, bias: np.ndarray,
                 labels: list[str]) -> None:
        self.vocabulary = vocabulary
        # rounded as the model file keeps them (by way of single precision, as they always were: a training's
        # weights round to the same half-precision numbers in memory as in the file)
        self.weights = weights.astype(np.float32).astype(np.float16).astype(np.float64)
        self.bias = bias.astype(np.float32).astype(np.float64)
        self.labels = labels
        # the features' rows, then the bias, then one row per token seen (filled as tokens come)
        self._bias_row = len(self.weights)
        self._first_token_row = self._bias_row + 1
        self._matrix = np.zeros((self._first_token_row + TOKEN_CACHE_SIZE, len(labels)))
        self._matrix[:self._bias_row] = self.weights
        self._matrix[self._bias_row] = self.bias
        self._token_rows: dict[str, tuple[str, int]] = {}  # a token → its word and its row
        # word pairs by their first word ("^" before the first): the row of "b first second"
        self._pairs: dict[str, dict[str, int]] = {}
        for name, row in vocabulary.items():
            if name.startswith("b "):
                first, second = name[2:].split(" ", 1)
                self._pairs.setdefault(first, {})[second] = row
        self._last: tuple[str, tuple[float, ...]] | None = None  # the last text read, and its logits

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> IntentClassifier:
        with np.load(path, allow_pickle=False) as model:
            vocabulary = {name: i for i, name in enumerate(str(model["vocabulary"]).split("\n"))}
            return cls(vocabulary, model["weights"], model["bias"], str(model["labels"]).split("\n"))

    def save(self, path: Path) -> None:
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(path, vocabulary=np.array("\n".join(words)), weights=self.weights.astype(np.float16),
                            bias=self.bias.astype(np.float32), labels=np.array("\n".join(self.labels)))

    def rows(self, text: str) -> list[int]:
        """The rows whose sum is the text's logits: each token's, each known word pair's, and the bias."""
        cache, pairs = self._token_rows, self._pairs
        found: list[int] = []
        after: dict[str, int] = pairs.get("^", {})
        tokens = _tokens(bengali.normalise(text).lower())
        if len(tokens) > TOKEN_CACHE_SIZE:  # more tokens than rows to cache them in: the features' own rows
            return [*[i for feature in features(text) if (i := self.vocabulary.get(feature)) is not None],
                    self._bias_row]
        if len(cache) + len(tokens) > TOKEN_CACHE_SIZE:
            cache.clear()  # before the text, not in its middle: its tokens' rows are not written over while in use
        for token in tokens:
            word, row = cache.get(token) or self._token_row(token)
            if (pair := after.get(word)) is not None:
                found.append(pair)
            after = pairs.get(word, {})
            found.append(row)
        if (pair := after.get("$")) is not None:
            found.append(pair)
        found.append(self._bias_row)
        return found

    def _token_row(self, token: str) -> tuple[str, int]:
        """What `tokens` makes of one token, and a row holding the sum of its own features' rows (its word, its 3- and
        4-letter pieces)."""
        vocabulary = self.vocabulary
        word = "@" if token[0] in "@<" else "0" * min(len(token), 8) if token[0].isdigit() else token
        own = [i for i in (vocabulary.get("w " + word),) if i is not None]
        padded = "<" + word + ">" if len(word) > 2 and word.isalpha() else ""
        own += [i for n in range(len(padded) - 2) if (i := vocabulary.get(padded[n:n + 3])) is not None]
        own += [i for n in range(len(padded) - 3) if (i := vocabulary.get(padded[n:n + 4])) is not None]
        row = self._first_token_row + len(self._token_rows)
        self._matrix[row] = np.add.reduce(self._matrix.take(own, axis=0)) if own else 0.0
        self._token_rows[token] = known = (word, row)
        return known

    def logits(self, text: str) -> tuple[float, ...]:
        """One score a label; the last text's are kept (a guess and a label's probability often read the same)."""
        last = self._last
        if last is not None and last[0] == text:
            return last[1]
        logits = tuple(np.add.reduce(self._matrix.take(self.rows(text), axis=0)).tolist())
        self._last = (text, logits)
        return logits

    def guess(self, text: str) -> Guess:
        logits = self.logits(text)
        best = max(logits)
        # the softmax probability of the best label alone: 1 / Σ exp(l - l_best)
        return Guess(self.labels[logits.index(best)], 1.0 / _exp_sum(logits, best))

    def probability(self, text: str, label: str) -> float:
        logits = self.logits(text)
        best = max(logits)
        return math.exp(logits[self.labels.index(label)] - best) / _exp_sum(logits, best)


def _exp_sum(logits: tuple[float, ...], best: float) -> float:
    """Σ exp(l - best), added left to right (a plain loop: compiled, no generator object is made)."""
    total = 0.0
    for value in logits:
        total += math.exp(value - best)
    return total

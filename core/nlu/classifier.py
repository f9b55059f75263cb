"""A small linear intent classifier over word and character n-grams, loaded from the committed model file."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.nlu import bengali
from core.nlu.native import PACKAGE_DIR

MODEL_PATH = PACKAGE_DIR / "intent_model.npz"  # not beside __file__: a compiled module's is in _native/
NOT_OURS = "not_ours"  # the label of requests meant for some other assistant (CLINC150's other intents)
TOKEN_RE = re.compile(r"<at>[^<]*</at>|@[\w.]+|[^\W\d_]+|\d+|[৳$€£₹]")
DIGITS_RE = re.compile(r"\d")
TOKEN_CACHE_SIZE = 50_000  # rows of this many distinct tokens are kept; the cache starts over when it is full
# A token's word, the start of the word pair it begins ("b word "), and the rows of its word, 3- and 4-letter pieces.
TokenRows = tuple[str, str, tuple[int, ...], tuple[int, ...], tuple[int, ...]]


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
    """Softmax regression: one weight row per known feature, one column per label."""

    def __init__(self, vocabulary: dict[str, int], weights: np.ndarray, bias: np.ndarray,
                 labels: list[str]) -> None:
        self.vocabulary = vocabulary
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.labels = labels
        # the bias as one more row, summed last: the same sums as adding it after, one numpy call fewer
        self._rows_and_bias = np.vstack([self.weights, self.bias[None, :]])
        self._bias_row = len(self.weights)
        # each token's word and known features (its own, its 3- and 4-letter pieces): words recur far more than texts
        self._token_rows: dict[str, TokenRows] = {}

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> IntentClassifier:
        with np.load(path, allow_pickle=False) as model:
            vocabulary = {name: i for i, name in enumerate(str(model["vocabulary"]).split("\n"))}
            return cls(vocabulary, model["weights"], model["bias"], str(model["labels"]).split("\n"))

    def save(self, path: Path) -> None:
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(path, vocabulary=np.array("\n".join(words)), weights=self.weights.astype(np.float16),
                            bias=self.bias, labels=np.array("\n".join(self.labels)))

    def rows(self, text: str) -> list[int]:
        """The known features of `features(text)` as weight rows, in the same order (so the same float sums)."""
        vocabulary, cache = self.vocabulary, self._token_rows
        found: list[int] = []
        pairs: list[int] = []
        threes: list[int] = []
        fours: list[int] = []
        pair = "b ^ "
        for token in TOKEN_RE.findall(bengali.normalise(text).lower()):
            word, after, own, three, four = cache.get(token) or self._rows_of_token(token)
            if (i := vocabulary.get(pair + word)) is not None:
                pairs.append(i)
            pair = after
            found += own
            threes += three
            fours += four
        if (i := vocabulary.get(pair + "$")) is not None:
            pairs.append(i)
        found += pairs
        found += threes
        found += fours
        return found

    def _rows_of_token(self, token: str) -> TokenRows:
        """What `tokens` makes of one token, the start of a word pair after it, and its own features' rows."""
        vocabulary = self.vocabulary
        word = "@" if token[0] in "@<" else "0" * min(len(token), 8) if token[0].isdigit() else token
        own = tuple(i for i in (vocabulary.get("w " + word),) if i is not None)
        padded = "<" + word + ">" if len(word) > 2 and word.isalpha() else ""
        three = tuple(i for n in range(len(padded) - 2) if (i := vocabulary.get(padded[n:n + 3])) is not None)
        four = tuple(i for n in range(len(padded) - 3) if (i := vocabulary.get(padded[n:n + 4])) is not None)
        if len(self._token_rows) >= TOKEN_CACHE_SIZE:
            self._token_rows.clear()
        self._token_rows[token] = known = (word, "b " + word + " ", own, three, four)
        return known

    def logits(self, text: str) -> np.ndarray:
        rows = self.rows(text)
        rows.append(self._bias_row)
        return np.add.reduce(self._rows_and_bias.take(rows, axis=0))

    def guess(self, text: str) -> Guess:
        logits = self.logits(text)
        best = int(logits.argmax())
        # the softmax probability of the best label alone: 1 / Σ exp(l - l_best)
        logits -= logits[best]
        return Guess(self.labels[best], 1.0 / float(np.add.reduce(np.exp(logits, out=logits))))

    def probability(self, text: str, label: str) -> float:
        logits = self.logits(text)
        exps = np.exp(logits - logits.max())
        return float(exps[self.labels.index(label)] / exps.sum())

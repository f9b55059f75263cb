"""A small linear intent classifier over word and character n-grams, loaded from the committed model file."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.nlu import bengali

MODEL_PATH = Path(__file__).with_name("intent_model.npz")
NOT_OURS = "not_ours"  # the label of requests meant for some other assistant (CLINC150's other intents)
TOKEN_RE = re.compile(r"<at>[^<]*</at>|@[\w.]+|[^\W\d_]+|\d+|[৳$€£₹]")
DIGITS_RE = re.compile(r"\d")


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

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> IntentClassifier:
        with np.load(path, allow_pickle=False) as model:
            vocabulary = {name: i for i, name in enumerate(str(model["vocabulary"]).split("\n"))}
            return cls(vocabulary, model["weights"], model["bias"], str(model["labels"]).split("\n"))

    def save(self, path: Path) -> None:
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(path, vocabulary=np.array("\n".join(words)), weights=self.weights.astype(np.float16),
                            bias=self.bias, labels=np.array("\n".join(self.labels)))

    def logits(self, text: str) -> np.ndarray:
        rows = [i for f in features(text) if (i := self.vocabulary.get(f)) is not None]
        if not rows:
            return self.bias.copy()
        summed = np.add.reduce(self.weights.take(rows, axis=0))
        summed += self.bias
        return summed

    def guess(self, text: str) -> Guess:
        logits = self.logits(text)
        best = int(logits.argmax())
        # the softmax probability of the best label alone: 1 / Σ exp(l - l_best)
        return Guess(self.labels[best], 1.0 / float(np.exp(logits - logits[best]).sum()))

    def probability(self, text: str, label: str) -> float:
        logits = self.logits(text)
        exps = np.exp(logits - logits.max())
        return float(exps[self.labels.index(label)] / exps.sum())

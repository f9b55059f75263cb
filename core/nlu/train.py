"""Trains the intent classifier (`python -m core.nlu.train`): our corpus's train split, CLINC150 `train` and `val`.

Deterministic: the same data gives the same model file, byte for byte (fixed order, full-batch steps, no sampling).
The thresholds in core/nlu/offline.py were chosen on `val` with a model trained on `train` alone; CLINC150's `test`
and `oos_test` are never read here.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from core.nlu.classifier import MODEL_PATH, NOT_OURS, IntentClassifier, features

ROOT = Path(__file__).resolve().parents[2]
CORPORA = tuple(ROOT / "tests" / "data" / name for name in (
    "nlu_corpus.jsonl", "nlu_corpus_people.jsonl", "nlu_corpus_banking.jsonl"))
CLINC = ROOT / "tests" / "data" / "conformance" / "clinc150" / "data" / "data_full.json"
# CLINC150 intents that are ours; every other one (and out-of-scope) is someone else's request.
CLINC_OURS = {"spending_history": "spending_summary", "transactions": "list_entries"}
MIN_COUNT = 2  # a feature seen in one message only is noise
STEPS, RATE, L2 = 160, 0.1, 1e-4  # L2 chosen by 3 folds of CLINC150 train+val (1e-5, 1e-4, 3e-4, 1e-3)


def training_examples() -> list[tuple[str, str]]:
    """(text, label) of the corpus's train split (a line without a split is train) and of CLINC150 `train`/`val`."""
    return corpus_examples() + clinc_examples()


def corpus_examples() -> list[tuple[str, str]]:
    examples = []
    for path in CORPORA:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and (item := json.loads(line)).get("split", "train") == "train":
                examples.append((item["text"], NOT_OURS if item["intent"] == "unknown" else item["intent"]))
    return examples


def clinc_examples() -> list[tuple[str, str]]:
    clinc = json.loads(CLINC.read_text())
    return [(text, CLINC_OURS.get(label, NOT_OURS)) for split in ("train", "val") for text, label in clinc[split]]


def train(examples: list[tuple[str, str]], *, steps: int = STEPS, l2: float = L2) -> IntentClassifier:
    labels = sorted({label for _, label in examples})
    counts = Counter(f for text, _ in examples for f in set(features(text)))
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    rows, columns = [], []
    for row, (text, _) in enumerate(examples):
        found = sorted({i for f in features(text) if (i := vocabulary.get(f)) is not None})
        rows += [row] * len(found)
        columns += found
    row_of, column_of = np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64)
    by_column = np.argsort(column_of, kind="stable")
    present, starts = np.unique(column_of[by_column], return_index=True)
    target = np.array([labels.index(label) for _, label in examples])
    # each label weighs as much as the others in total, so our few hundred messages are not drowned by CLINC's
    per_label = Counter(target.tolist())
    sample_weight = np.array([len(examples) / (len(labels) * per_label[t]) for t in target])[:, None]
    truth = np.eye(len(labels))[target]
    weights = np.zeros((len(vocabulary), len(labels)))
    bias = np.zeros(len(labels))
    moments = [np.zeros_like(weights), np.zeros_like(weights), np.zeros_like(bias), np.zeros_like(bias)]
    for step in range(1, steps + 1):
        logits = _row_sums(weights[column_of], row_of, len(examples)) + bias
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        error = (probabilities - truth) * sample_weight / len(examples)
        grad_w = np.zeros_like(weights)
        grad_w[present] = np.add.reduceat(error[row_of[by_column]], starts, axis=0)
        grad_w += l2 * weights
        grad_b = error.sum(axis=0)
        weights, bias = _adam(step, weights, grad_w, bias, grad_b, moments)
    return IntentClassifier(vocabulary, weights, bias, labels)


def _row_sums(values: np.ndarray, row_of: np.ndarray, n_rows: int) -> np.ndarray:
    """Sums of `values` grouped by their (sorted, possibly gapped) row numbers."""
    sums = np.zeros((n_rows, values.shape[1]))
    rows, starts = np.unique(row_of, return_index=True)
    sums[rows] = np.add.reduceat(values, starts, axis=0)
    return sums


def _adam(step: int, weights: np.ndarray, grad_w: np.ndarray, bias: np.ndarray, grad_b: np.ndarray,
          moments: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    out = []
    pairs = ((weights, grad_w, moments[0], moments[1]), (bias, grad_b, moments[2], moments[3]))
    for value, grad, first, second in pairs:
        first *= beta1
        first += (1 - beta1) * grad
        second *= beta2
        second += (1 - beta2) * grad * grad
        corrected = first / (1 - beta1 ** step)
        scale = np.sqrt(second / (1 - beta2 ** step)) + eps
        out.append(value - RATE * corrected / scale)
    return out[0], out[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.nlu.train", description=__doc__)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    examples = training_examples()
    model = train(examples)
    model.save(args.out)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()[:16]
    print(json.dumps({"examples": len(examples), "features": len(model.vocabulary), "labels": model.labels,
                      "bytes": args.out.stat().st_size, "sha256": digest}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

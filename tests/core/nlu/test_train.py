"""`python -m core.nlu.train` is deterministic and the committed model is what it makes from the committed data."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from core.nlu import train
from core.nlu.classifier import IntentClassifier


def test_training_twice_gives_the_same_model() -> None:
    examples = train.training_examples()[::9]
    first, second = train.train(examples), train.train(examples)
    assert first.vocabulary == second.vocabulary and first.labels == second.labels
    assert np.array_equal(first.weights, second.weights)


def test_the_committed_model_is_the_one_the_committed_data_trains(tmp_path: Path) -> None:
    """Fails when the corpus or the features changed and nobody ran `python -m core.nlu.train`."""
    assert train.main(["--out", str(tmp_path / "model.npz")]) == 0
    fresh, committed = IntentClassifier.load(tmp_path / "model.npz"), IntentClassifier.load()
    assert fresh.labels == committed.labels
    assert fresh.vocabulary == committed.vocabulary
    assert np.array_equal(fresh.weights, committed.weights)

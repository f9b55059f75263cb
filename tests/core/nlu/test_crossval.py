"""The cross-validation folds: each CLINC150 spending or transactions request is held out once, never trained on."""
from __future__ import annotations

from core.nlu.crossval import folds
from core.nlu.train import CLINC_OURS, clinc_examples


def test_every_mapped_request_is_held_out_exactly_once_and_never_in_its_own_training() -> None:
    mapped = [example for example in clinc_examples() if example[1] in set(CLINC_OURS.values())]
    pairs = folds(5)
    held = [example for _, held_out in pairs for example in held_out]
    assert sorted(held) == sorted(mapped) and len(held) >= 200
    for training, held_out in pairs:
        trained_on = {text.lower() for text, _ in training}
        assert not any(text.lower() in trained_on for text, _ in held_out)

"""K-fold estimate of how the parser reads CLINC150's finance questions it was not trained on, from `train`/`val` only.

`python -m core.nlu.crossval` holds out every k-th spending-history and transactions request of CLINC150's
`train`+`val`, trains the classifier on everything else, and parses the held-out ones with the rules and that model.
It is the figure to tune on: `test` is never read, so its score stays a held-out one.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from core.nlu.classifier import IntentClassifier
from core.nlu.evaluate import REFERENCE_NOW
from core.nlu.offline import OfflineParser
from core.nlu.rules import RuleParser
from core.nlu.train import CLINC_OURS, clinc_examples, corpus_examples
from core.nlu.train import train as train_model


def folds(k: int) -> list[tuple[list[tuple[str, str]], list[tuple[str, str]]]]:
    """(training, held out) pairs: every k-th CLINC150 request of an intent that is ours is held out in turn."""
    corpus, clinc = corpus_examples(), clinc_examples()
    ours = set(CLINC_OURS.values())
    mapped = [i for i, (_, label) in enumerate(clinc) if label in ours]
    pairs = []
    for fold in range(k):
        held = {i for n, i in enumerate(mapped) if n % k == fold}
        held_texts = {clinc[i][0].lower() for i in held}  # nor the same words elsewhere, in our corpus or CLINC
        training = [e for e in corpus if e[0].lower() not in held_texts]
        training += [e for i, e in enumerate(clinc) if i not in held and e[0].lower() not in held_texts]
        pairs.append((training, [clinc[i] for i in sorted(held)]))
    return pairs


def fold_model(training: list[tuple[str, str]], cache: Path | None) -> IntentClassifier:
    """The classifier trained on `training`, kept in `cache` under the data's digest (trying rules is then quick)."""
    if cache is None:
        return train_model(training)
    digest = hashlib.sha256(json.dumps(training).encode()).hexdigest()[:16]
    path = cache / f"fold-{digest}.npz"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        train_model(training).save(path)
    return IntentClassifier.load(path)


def run(k: int, cache: Path | None = None) -> dict[str, Any]:
    rules = RuleParser(bot_names=frozenset({"Switchboard"}))
    misses: list[dict[str, str]] = []
    asked = understood = 0
    for training, held_out in folds(k):
        parser = OfflineParser(rules, fold_model(training, cache))
        for text, want in held_out:
            got = parser.parse_sync(text, mentions=[], now=REFERENCE_NOW, tz="Asia/Dhaka")
            asked += 1
            if got.name == want:
                understood += 1
            else:
                guess = parser.classifier.guess(text) if parser.classifier else None
                misses.append({"text": text, "want": want, "got": got.name,
                               "classifier": f"{guess.label} {guess.probability:.2f}" if guess else "",
                               "reason": got.reason})
    return {"folds": k, "asked": asked, "understood": understood,
            "share": round(understood / asked, 4) if asked else None,
            "misses": misses}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.nlu.crossval", description=__doc__)
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--models", type=Path, help="keep each fold's model here and reuse it while the data holds")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.k, args.models), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

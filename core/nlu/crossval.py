"""K-fold estimate of how the parser reads CLINC150's finance questions it was not trained on, from `train`/`val` only.

`python -m core.nlu.crossval` holds out every k-th spending-history and transactions request of CLINC150's
`train`+`val`, trains the classifier on everything else, and parses the held-out ones with the rules and that model.
It is the figure to tune on: `test` is never read, so its score stays a held-out one.

`--classifier-only --folds 0,1,2 --l2 1e-4` scores the classifier as it answers when the rules understand nothing:
every k-th request of all CLINC150 `train`+`val` held out in turn (our two intents named, the others left alone),
and, with the first fold's model, the corpus's `test` split and the blind banking set.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from core.intents import Intent
from core.nlu.classifier import IntentClassifier
from core.nlu.evaluate import REFERENCE_NOW, load
from core.nlu.offline import READS, OfflineParser
from core.nlu.rules import RuleParser
from core.nlu.train import CLINC_OURS, CORPORA, L2, clinc_examples, corpus_examples
from core.nlu.train import train as train_model
from core.turn import Mention


def folds(k: int) -> list[tuple[list[tuple[str, str]], list[tuple[str, str]]]]:
    """(training, held out) pairs: every k-th CLINC150 request of an intent that is ours is held out in turn."""
    corpus, clinc = corpus_examples(), clinc_examples()
    ours = set(CLINC_OURS.values())
    mapped = [i for i, (_, label) in enumerate(clinc) if label in ours]
    pairs = []
    for fold in range(k):
        held = {i for n, i in enumerate(mapped) if n % k == fold}
        pairs.append((_training(corpus, clinc, held), [clinc[i] for i in sorted(held)]))
    return pairs


def _training(corpus: list[tuple[str, str]], clinc: list[tuple[str, str]], held: set[int]) -> list[tuple[str, str]]:
    """Everything but the held-out CLINC150 rows, nor the same words elsewhere (in our corpus or CLINC150)."""
    held_texts = {clinc[i][0].lower() for i in held}
    return [e for e in corpus if e[0].lower() not in held_texts] + [
        e for i, e in enumerate(clinc) if i not in held and e[0].lower() not in held_texts]


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


class _Silent(RuleParser):
    """Rules that understand nothing: what the offline parser then answers is the classifier's own decision."""

    def parse_sync(self, text: str, *, mentions: list[Mention], now: Any, tz: str) -> Intent:
        return Intent("unknown", 0.1)


def classifier_only(k: int, chosen: list[int], l2: float) -> dict[str, Any]:
    corpus, clinc = corpus_examples(), clinc_examples()
    ours = set(CLINC_OURS.values())
    named, false_reads = [0, 0], [0, 0]
    others: dict[str, list[int]] = {}
    for fold in chosen:
        held_rows = set(range(fold, len(clinc), k))
        held = [clinc[i] for i in sorted(held_rows)]
        parser = OfflineParser(_Silent(bot_names=frozenset({"Switchboard"})),
                               train_model(_training(corpus, clinc, held_rows), l2=l2))
        for text, label in held:
            got = parser.parse_sync(text, mentions=[], now=REFERENCE_NOW, tz="Asia/Dhaka").name
            tally = named if label in ours else false_reads
            tally[1] += 1
            tally[0] += got == label if label in ours else got != "unknown"
        if fold == chosen[0]:
            for path in CORPORA:
                lines = [item for item in load(path) if item.get("split", "train") == "test"]
                for item in lines:
                    got = parser.parse_sync(item["text"], mentions=[], now=REFERENCE_NOW, tz="Asia/Dhaka").name
                    wanted = item["intent"] if item["intent"] in READS else "unknown"  # it never names a write
                    tally = others.setdefault(path.stem, [0, 0])
                    tally[0] += got == wanted
                    tally[1] += 1
    return {"folds": chosen, "of": k, "l2": l2, "ours_named": [*named, _share(named)],
            "others_given_a_read": [*false_reads, _share(false_reads)],
            "corpus_test_splits_read_right": {name: [*pair, _share(pair)] for name, pair in others.items()}}


def _share(pair: list[int]) -> float | None:
    return round(pair[0] / pair[1], 4) if pair[1] else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.nlu.crossval", description=__doc__)
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--models", type=Path, help="keep each fold's model here and reuse it while the data holds")
    parser.add_argument("--classifier-only", action="store_true", help="score the classifier alone (see above)")
    parser.add_argument("--folds", default="0,1,2", help="with --classifier-only: which of the k folds to run")
    parser.add_argument("--l2", type=float, default=L2, help="with --classifier-only: the L2 weight to train with")
    args = parser.parse_args(argv)
    if args.classifier_only:
        figures = classifier_only(args.k, [int(n) for n in args.folds.split(",")], args.l2)
        print(json.dumps(figures, ensure_ascii=False))
        return 0
    print(json.dumps(run(args.k, args.models), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

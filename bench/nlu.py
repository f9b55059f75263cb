"""Rule parser figures: throughput, corpus accuracy, CLINC150 false writes (tuning and held-out splits), and money
extraction vs Microsoft's."""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
import venv
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from bench.rasa_demo import measure as measure_rasa
from bench.ratios import figure
from core.intents import WRITE_INTENTS
from core.nlu import RUNS
from core.nlu.chain import OfflineReader
from core.nlu.classifier import IntentClassifier
from core.nlu.clinc import HELD_OUT_WRITES, measure
from core.nlu.evaluate import REFERENCE_NOW, load, score
from core.nlu.money import find_money
from core.nlu.native import OFF_SWITCH
from core.nlu.offline import OfflineParser
from core.nlu.rules import RuleParser
from tests.data import CLINC150, RASA_FINANCIAL_DEMO, RECOGNIZERS_CURRENCY

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "nlu_corpus.jsonl"
PEOPLE = ROOT / "tests" / "data" / "nlu_corpus_people.jsonl"  # written apart from the rules; has a test split
# banking questions written apart from the parser, each set's test split scored here: "banking-1" was read while
# writing rules; "banking-2" (all test) was only scored, its labels once moved to the card/shop convention;
# "banking-3" holds out a third (a few lines glimpsed once); "banking-4" (all test) has only ever been scored (ten of
# its lines were seen once, by a search); banking-8 (all test) is halved: 8a's misses were read to mend rules,
# 8b's never; banking-10 (all test) has only ever been scored; banking-11 and banking-12 are halved: 11a and 12a
# (train) read to mend rules, 11b (test) had its misses shown once by a listing that did not hide it, 12b (test) has
# only ever been scored; banking-13 (Bangladeshi English, Bengali-English, Bengali) likewise: 13a read, 13b only scored;
# banking-14 (crowd-worker style), banking-15 (everyday users) and banking-16 (Bangladesh, with debts and small talk)
# likewise: 14a/15a/16a read, 14b/15b/16b only scored; banking-17 (crowd-worker style, spending and transactions only,
# written 2026-12-05) likewise: 17a read, 17b only scored; banking-18 (crowd-worker style, written 2026-12-06)
# likewise, 18b scored as its writer labelled it; banking-19 (crowd-worker style, spending, entries and budgets beside
# other banking, written 2026-12-06) likewise; banking-20 (spending questions and near misses typed to a money
# assistant), banking-21 (crowd workers shown CLINC150-like intent descriptions) and banking-22 (South Asian English,
# a little Hindi, Tagalog and Bengali-English), all written 2026-12-06, likewise; banking-23 (crowd workers handed one
# concrete scenario each, written 2026-12-06) likewise; banking-24 (crowd workers' spending questions among other
# banking and everyday requests, written 2026-12-07) likewise; banking-25 (crowd workers' spending totals in many
# wordings among purchases asked to be shown and a bank's or a phone assistant's other requests, written 2026-12-07)
# likewise; banking-26 (the same kinds of request, with purchases told, written 2026-12-07) and banking-27 (forty kinds
# of people asking for spending totals in many words, their purchases, and near misses, written 2026-12-07) likewise;
# banking-28 (crowd workers, written 2026-12-07) and banking-29 (a voice assistant's or a bank bot's users of many
# kinds, dictating, written 2026-12-07) likewise
BANKING_SETS = ("banking-1", "banking-2", "banking-3", "banking-4", "banking-8a", "banking-8b", "banking-10",
                "banking-11b", "banking-12b", "banking-13b", "banking-14b", "banking-15b", "banking-16b", "banking-17b",
                "banking-18b", "banking-19b", "banking-20b", "banking-21b", "banking-22b",
                "banking-23b", "banking-24b", "banking-25b", "banking-26b",
                "banking-27b", "banking-28b", "banking-29b")
BANKING = ROOT / "tests" / "data" / "nlu_corpus_banking.jsonl"
MS_VENV = ROOT / "bench" / ".venv-recognizers"


def throughput(parser: OfflineReader, texts: list[str], seconds: float = 3.0) -> float:
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for text in texts:
            parser.parse_sync(text, mentions=[], now=REFERENCE_NOW, tz="Asia/Dhaka")
        done += len(texts)
    return done / (time.perf_counter() - started)


REPEATS = 3  # interleaved rounds of (compiled, interpreted) throughput


def throughputs(seconds: float) -> tuple[float, float]:
    """Messages a second over every corpus text (19,864 lines), the rules alone and the rules with the classifier, as
    this process runs the parser (compiled when built, see core.nlu.RUNS)."""
    rules = RuleParser(bot_names=frozenset({"Switchboard"}))
    offline = OfflineParser(rules, IntentClassifier.load())
    texts = [item["text"] for item in load(CORPUS) + load(PEOPLE) + load(BANKING)]
    for text in texts:  # once untimed, as a running bot has: the words the spell check and the classifier have seen
        offline.parse_sync(text, mentions=[], now=REFERENCE_NOW, tz="Asia/Dhaka")
    return throughput(rules, texts, seconds), throughput(offline, texts, seconds)


def interpreted_throughputs(seconds: float) -> tuple[float, float]:
    """`throughputs` in a process that runs the parser's sources as they are (no compiled modules)."""
    code = f"import json; from bench.nlu import throughputs; print(json.dumps(throughputs({seconds})))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**os.environ, OFF_SWITCH: "0"})
    rules_per_s, offline_per_s = json.loads(run.stdout)
    return rules_per_s, offline_per_s


def rates(seconds: float) -> dict[str, list[float]]:
    """Interleaved rounds: this process's parser, then the interpreted one, REPEATS times."""
    found: dict[str, list[float]] = {"rules": [], "offline": [], "rules_interpreted": [], "offline_interpreted": []}
    for _ in range(REPEATS):
        for suffix, measure_now in (("", throughputs), ("_interpreted", interpreted_throughputs)):
            rules_per_s, offline_per_s = measure_now(seconds)
            found["rules" + suffix].append(rules_per_s)
            found["offline" + suffix].append(offline_per_s)
    return found


def clinc_false_writes(parser: OfflineReader) -> dict[str, float]:
    data = json.loads(CLINC150.read_text())
    rates = {}
    for split in ("oos_train", "oos_val", "oos_test"):
        texts = [text for text, _ in data[split]]
        writes = sum(parser.parse_sync(t, mentions=[], now=REFERENCE_NOW, tz="UTC").name in WRITE_INTENTS
                     for t in texts)
        rates[split] = round(writes / len(texts), 4)
    return rates


def clinc_heldout(parser: OfflineReader) -> dict[str, Any]:
    """`train`/`val` may be tuned on; `test`/`oos_test` are only ever reported."""
    figures = {split: measure(parser, CLINC150, split).as_json() for split in ("train", "val", "test", "oos_test")}
    return {"tuning": {k: figures[k] for k in ("train", "val")},
            "held_out": {k: figures[k] for k in ("test", "oos_test")}}


def corpus_false_writes(parser: OfflineReader, corpus: list[dict[str, Any]]) -> float:
    """Share of the corpus's non-write messages that the parser would still propose as a write."""
    reads = [item["text"] for item in corpus if item["intent"] not in HELD_OUT_WRITES]
    writes = sum(parser.parse_sync(t, mentions=[], now=REFERENCE_NOW, tz="Asia/Dhaka").name in HELD_OUT_WRITES
                 for t in reads)
    return round(writes / len(reads), 4) if reads else 0.0


SUBUNITS = {"cent", "penny", "pence"}


def major_units(value: str, unit: str | None) -> Decimal:
    """Amounts in the currency's main unit, so "50 cents" is 0.50 whoever recognised it."""
    amount = Decimal(value)
    return amount / 100 if (unit or "").lower() in SUBUNITS else amount


def currency_cases() -> list[tuple[str, Decimal]]:
    spec = json.loads(RECOGNIZERS_CURRENCY.read_text())
    cases = []
    for case in spec:
        skipped = f"{case.get('NotSupported', '')},{case.get('NotSupportedByDesign', '')}".lower()
        if len(case["Results"]) != 1 or "python" in skipped:
            continue
        try:
            resolution = case["Results"][0]["Resolution"]
            cases.append((case["Input"], major_units(resolution["value"], resolution.get("unit"))))
        except (KeyError, InvalidOperation):
            continue
    return cases


def _correct(values: list[Decimal], expected: Decimal) -> bool:
    return len(values) == 1 and values[0] == expected


def ours(cases: list[tuple[str, Decimal]]) -> dict[str, Any]:
    started = time.perf_counter()
    found = [[m.amount for m in find_money(text) if m.currency] for text, _ in cases]
    elapsed = time.perf_counter() - started
    right = sum(_correct(values, expected) for values, (_, expected) in zip(found, cases, strict=True))
    return {"accuracy": round(right / len(cases), 4), "ms_per_case": round(elapsed / len(cases) * 1000, 4)}


def microsoft(cases: list[tuple[str, Decimal]]) -> dict[str, Any]:
    python = MS_VENV / "bin" / "python"
    if not python.exists():
        venv.create(MS_VENV, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "recognizers-text-suite", "emoji<1.0"],
                       check=True, stdout=subprocess.DEVNULL)
    run = subprocess.run([str(python), str(ROOT / "bench" / "recognizers_runner.py")], check=True,
                         input=json.dumps([text for text, _ in cases]), capture_output=True, text=True)
    result = json.loads(run.stdout)
    right = 0
    for values, (_, expected) in zip(result["values"], cases, strict=True):
        with contextlib.suppress(InvalidOperation):
            right += _correct([major_units(v, unit) for v, unit in values], expected)
    return {"accuracy": round(right / len(cases), 4), "ms_per_case": round(result["seconds"] / len(cases) * 1000, 4)}


def corpus_figures(parser: OfflineReader, corpus: list[dict[str, Any]]) -> dict[str, Any]:
    """Our corpus: the lines it may be tuned on (the first corpus and the train split of the second) and the
    held-out test split, scored apart."""
    figures: dict[str, Any] = {}
    for part in ("tuned", "held_out"):
        lines = [item for item in corpus if (item.get("split", "train") == "test") == (part == "held_out")]
        scored = score(parser, lines)
        figures[part] = {"messages": scored.total, "intent_accuracy": round(scored.intent_accuracy, 4),
                         "amount_exact_match": round(scored.amount_exact, 4),
                         "false_write_share": corpus_false_writes(parser, lines)}
    return figures


def summary_rows(rules_per_s: list[float], mine: dict[str, float],
                 theirs: dict[str, float]) -> list[dict[str, Any]]:
    """Money extraction against Microsoft's recognizer in the same run (cases a second, accuracy); the parser's
    throughput has no baseline to run beside it, only its absolute target."""
    return [figure("nlu: currency cases/s ÷ Microsoft Recognizers-Text", "cases/s", [1000 / mine["ms_per_case"]],
                   [1000 / theirs["ms_per_case"]], "Microsoft Recognizers-Text", ">= 10"),
            figure("nlu: currency accuracy ÷ Microsoft's", "share right", [mine["accuracy"]], [theirs["accuracy"]],
                   "Microsoft Recognizers-Text", ">= 1.0"),
            figure("nlu: rule parser messages/s, one core", "messages/s", rules_per_s, target=">= 20000")]


def main(seconds: float) -> None:
    rules = RuleParser(bot_names=frozenset({"Switchboard"}))
    offline = OfflineParser(rules, IntentClassifier.load())
    corpus = load(CORPUS) + load(PEOPLE) + load(BANKING)
    banking_tests = {source: [item for item in corpus if item.get("source") == source and item["split"] == "test"]
                     for source in (*BANKING_SETS, "people-2b", "people-3b", "ops-1b", "people-4b",
                                                       "people-5b", "ops-2b", "people-6b", "people-7b",
                                                       "people-8b", "ops-3b", "people-9b", "ops-4b",
                                                       "people-10b", "ops-5b", "people-11b", "ops-6b",
                                                       "people-12b", "people-13b", "ops-7b", "people-14b",
                                                       "ops-8b", "people-15b", "ops-9b", "people-16b", "ops-10b",
                                                       "people-17b", "ops-11b", "people-18b", "ops-12b",
                                                       "people-19b", "people-20b", "ops-13b", "ops-14b",
                                                       "people-21b", "ops-15b", "people-22b", "ops-16b",
                                                       "people-23b")}
    cases = currency_cases()
    mine, theirs = ours(cases), microsoft(cases)
    measured = rates(seconds)
    rules_per_s, offline_per_s = statistics.median(measured["rules"]), statistics.median(measured["offline"])
    held_out = clinc_heldout(offline)
    test = held_out["held_out"]["test"]
    print(json.dumps({
        "bench": "nlu",
        "parser_runs": RUNS,  # "compiled" (mypyc, `python -m core.nlu.build`) or "interpreted: why"
        "messages_per_s": {"rules": round(rules_per_s), "rules+classifier": round(offline_per_s),
                           "interpreted": {"rules": round(statistics.median(measured["rules_interpreted"])),
                                           "rules+classifier": round(statistics.median(
                                               measured["offline_interpreted"]))}},
        "corpus_size": len(corpus),
        "corpus": {"rules": corpus_figures(rules, corpus), "rules+classifier": corpus_figures(offline, corpus)},
        "banking_test_splits": {source: {"messages": len(items), **{
            name: round(score(p, items).intent_accuracy, 4) for name, p in (("rules", rules), ("rules+classifier",
                                                                                                offline))}}
            for source, items in banking_tests.items()},
        "clinc150_false_write_rate": clinc_false_writes(offline),
        "clinc150": {"rules": clinc_heldout(rules), "rules+classifier": held_out},
        # written by Rasa's team for their demo bot: a held-out set by other people than ours
        "rasa_financial_demo": {"rules": measure_rasa(rules, RASA_FINANCIAL_DEMO),
                                "rules+classifier": measure_rasa(offline, RASA_FINANCIAL_DEMO)},
        "targets": {"out_of_domain_write_share": "<= 0.005", "spending_history->spending_summary": ">= 0.9",
                    "transactions->list_entries": ">= 0.9", "messages_per_s": ">= 20000"},
        "currency_spec_cases": len(cases),
        "currency_ours": mine,
        "currency_microsoft": theirs,
        "currency_speedup": round(theirs["ms_per_case"] / mine["ms_per_case"], 1) if mine["ms_per_case"] else None,
        "figures": [*summary_rows(measured["rules"], mine, theirs),
                    figure("nlu: rules + classifier messages/s, one core", "messages/s", measured["offline"],
                           target=">= 20000"),
                    figure("nlu: rules + classifier messages/s, as run ÷ interpreted", "messages/s",
                           measured["offline"], measured["offline_interpreted"], "the same sources, interpreted"),
                    figure("nlu: CLINC150 test, writes outside finance", "share", [test["out_of_domain_write_share"]],
                           target="<= 0.005"),
                    figure("nlu: CLINC150 test, spending_history read as spending_summary", "share",
                           [test["spending_history->spending_summary"]], target=">= 0.9"),
                    figure("nlu: CLINC150 test, transactions read as list_entries", "share",
                           [test["transactions->list_entries"]], target=">= 0.9")],
    }))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="0.5 s of throughput per parser and round instead of 3 s")
    main(0.5 if parser.parse_args().quick else 3.0)

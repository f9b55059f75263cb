"""`python -m bench`: every benchmark as its own subprocess, its JSON line read, the summary in docs rewritten."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.summary import Outcome, Steal, block, machine, rewrite

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
# name: (arguments of the full run, arguments of --quick: small sizes, two repeats where there are repeats)
BENCHES: dict[str, tuple[list[str], list[str]]] = {
    "nlu": ([], ["--quick"]),
    "ledger": ([], ["--users", "10", "--per-user", "5", "--processes", "1", "--repeat", "2"]),
    "lookup": ([], ["--customers", "2000", "--days", "7", "--processes", "1", "--repeat", "2"]),
    "telegram": ([], ["--workers", "1", "--updates", "300", "--people", "50", "--repeat", "2", "--messages", "60"]),
    "teams": (["--repeat", "3"], ["--messages", "100", "--repeat", "2"]),
    "alerts": (["--repeat", "3"], ["--quick", "--repeat", "2"]),
    "monitor": ([], ["--customers", "2000", "--days", "7", "--cycles", "5", "--answers", "20"]),
    "admin": ([], ["--customers", "2000", "--days", "7", "--entries", "5000", "--sessions", "3", "--rounds", "1"]),
    "imports": ([], ["--quick"]),
    "charts": ([], ["--quick"]),
}


def parse_line(stdout: str) -> dict[str, Any] | None:
    """The last line of a bench's output that is its JSON object, or None."""
    for line in reversed(stdout.strip().splitlines()):
        try:
            found = json.loads(line)
        except ValueError:
            continue
        if isinstance(found, dict) and "bench" in found:
            return found
    return None


def outcome_of(name: str, returncode: int, stdout: str, stderr: str) -> Outcome:
    """What one bench's subprocess left: its figures, or a one-line reason it failed."""
    last = next((line.strip() for line in reversed(stderr.strip().splitlines()) if line.strip()), "")
    if returncode != 0:
        return Outcome(name, failed=f"exit {returncode}: {last[:200]}")
    found = parse_line(stdout)
    if found is None:
        return Outcome(name, failed=f"no JSON line on stdout {last[:160]}".rstrip())
    if not found.get("figures"):
        return Outcome(name, failed="its JSON line has no figures")
    return Outcome(name, figures=list(found["figures"]))


def run_one(name: str, arguments: list[str], timeout: float, command: list[str] | None = None) -> Outcome:
    """`python -m bench.NAME ARGUMENTS` in its own process; a crash, a timeout or no JSON is a failed row."""
    argv = command or [sys.executable, "-m", f"bench.{name}", *arguments]
    before, started = Steal.now(), time.monotonic()
    with tempfile.TemporaryFile("w+") as stderr:  # lookups log a line per query: not kept in memory
        try:
            done = subprocess.run(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=stderr, text=True, timeout=timeout)
            stderr.seek(0)
            result = outcome_of(name, done.returncode, done.stdout, _tail(stderr.read()))
        except subprocess.TimeoutExpired:
            result = Outcome(name, failed=f"timed out after {timeout:.0f} s")
    result.seconds = time.monotonic() - started
    result.steal_pct = before.percent_until(Steal.now())
    return result


def _tail(text: str, lines: int = 20) -> str:
    return "\n".join(text.splitlines()[-lines:])


def chosen(only: str | None, skip: str | None) -> list[str]:
    names = [n for n in (only.split(",") if only else BENCHES) if n]
    unknown = [n for n in [*names, *(skip.split(",") if skip else [])] if n and n not in BENCHES]
    if unknown:
        raise SystemExit(f"unknown bench: {', '.join(unknown)} (known: {', '.join(BENCHES)})")
    return [n for n in names if n not in (skip or "").split(",")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, two repeats: a few minutes")
    parser.add_argument("--only", help="comma-separated benches to run (default: all)")
    parser.add_argument("--skip", help="comma-separated benches not to run")
    parser.add_argument("--timeout", type=float, help="seconds per bench (default 900 with --quick, else 3600)")
    parser.add_argument("--doc", type=Path, default=DOC, help="the document whose summary block is rewritten")
    parser.add_argument("--no-write", action="store_true", help="print the summary block, leave the document")
    args = parser.parse_args()
    names = chosen(args.only, args.skip)
    timeout = args.timeout or (900 if args.quick else 3600)
    began, outcomes = Steal.now(), []
    for name in names:
        print(f"bench.{name} …", file=sys.stderr, flush=True)
        outcomes.append(run_one(name, BENCHES[name][1 if args.quick else 0], timeout))
        print(f"bench.{name}: {outcomes[-1].failed or 'done'} ({outcomes[-1].seconds:.0f} s)", file=sys.stderr)
    command = " ".join(["python -m bench", *sys.argv[1:]])
    text = block(outcomes, machine(), command, datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                 began.percent_until(Steal.now()))
    print(text)
    if not args.no_write:
        args.doc.write_text(rewrite(args.doc.read_text(encoding="utf-8"), text), encoding="utf-8")
    if any(o.failed for o in outcomes):
        raise SystemExit(1)


if __name__ == "__main__":
    main()

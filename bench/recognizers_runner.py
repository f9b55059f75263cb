"""Runs Microsoft's Recognizers-Text currency model on cases from stdin (inside its own venv, emoji<1.0)."""
import json
import sys
import time

from recognizers_number_with_unit import recognize_currency
from recognizers_text import Culture


def main() -> None:
    inputs = json.load(sys.stdin)
    for text in inputs:  # warm-up: model construction is cached by the library
        recognize_currency(text, Culture.English)
        break
    started = time.perf_counter()
    values = []
    for text in inputs:
        found = recognize_currency(text, Culture.English)
        values.append([[str(r.resolution.get("value")), r.resolution.get("unit")] for r in found if r.resolution])
    elapsed = time.perf_counter() - started
    json.dump({"values": values, "seconds": elapsed}, sys.stdout)


if __name__ == "__main__":
    main()

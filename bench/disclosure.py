"""Disclosure engine against the labelled set: recall, precision, time per message.

Run: .venv/bin/python bench/disclosure.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.disclosure import disclose  # noqa: E402
from app.core.scenarios.loader import default_library  # noqa: E402
from tests.evaluation.disclosure import evaluate, load_items  # noqa: E402

LABELS = Path(__file__).resolve().parent.parent / "tests" / "data" / "disclosure_labels.yaml"


def main() -> None:
    library = default_library()
    items = load_items(LABELS)
    report = evaluate(items, library)
    negatives = [i for i in items if i.negative]
    print(
        f"labelled messages: {len(items)} ({len(negatives)} negatives or attacks), "
        f"scenarios: {len({i.scenario for i in items})}"
    )
    print(f"recall:    {report.recall:.3f} ({report.found}/{report.expected} expected facts)")
    print(
        f"precision: {report.precision:.3f} ({report.correct_reveals}/{report.revealed} reveals "
        "expected or allowed)"
    )
    print(f"negatives that revealed something: {len(report.leaks)}")
    timings = []
    for _ in range(5):
        for item in items:
            scenario = library.get(item.scenario)
            start = time.perf_counter()
            disclose(item.message, scenario)
            timings.append(time.perf_counter() - start)
    timings.sort()
    print(
        f"time per message: median {statistics.median(timings) * 1e3:.3f} ms, "
        f"p99 {timings[int(len(timings) * 0.99)] * 1e3:.3f} ms"
    )
    for item, missed in report.misses:
        print(f"  miss {sorted(missed)} [{item.scenario}] {item.message!r}")
    for item, leaked in report.leaks:
        print(f"  LEAK {sorted(leaked)} [{item.scenario}] {item.message!r}")


if __name__ == "__main__":
    main()

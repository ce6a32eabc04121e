"""One analysis per message: how long reading one candidate message takes, cold (nothing cached),
over every message of the labelled corpora (messages and estimates, dev and test parts).

Run: .venv/bin/python bench/analysis.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core import analysis  # noqa: E402
from app.core.scenarios.loader import default_library  # noqa: E402

CORPORA = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpora"


def messages() -> list[tuple[str, str]]:
    """(scenario id, text) of every corpus message and estimate sentence."""
    out = []
    for corpus, key in (("messages", "message"), ("estimates", "text")):
        for part in ("dev", "test"):
            for path in sorted((CORPORA / corpus).glob(f"{part}*.yaml")):
                for item in yaml.safe_load(path.read_text("utf-8")):
                    out.append((item["scenario"], item[key]))
    return out


def main() -> None:
    library = default_library()
    library.compile_all()
    items = messages()
    for scenario_id, text in items:  # warm the words, rules, spellers and pint
        warm = analysis.analyse(text, library.get(scenario_id))
        _ = warm.disclosure(), warm.calculations
    timings = []
    for scenario_id, text in items:
        scenario = library.get(scenario_id)
        analysis._CACHES.clear()
        start = time.perf_counter()
        found = analysis.analyse(text, scenario)
        # Worked out on first use, and part of the cost: what the interview reads of a message
        # (its disclosure: injection, facts asked, question) and the arithmetic.
        found.disclosure()
        found.calculations  # noqa: B018
        timings.append(time.perf_counter() - start)
    timings.sort()
    p99 = timings[int(len(timings) * 0.99)]
    print(
        f"analyse one message, cold, over {len(timings)} corpus messages: "
        f"median {statistics.median(timings) * 1e3:.3f} ms, p99 {p99 * 1e3:.3f} ms, "
        f"max {timings[-1] * 1e3:.3f} ms"
    )


if __name__ == "__main__":
    main()

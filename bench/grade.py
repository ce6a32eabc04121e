"""Grader: median time to grade a 100-message transcript, and agreement with the labels.

Run: .venv/bin/python bench/grade.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.grading.grader import grade  # noqa: E402
from app.core.transcript import parse_transcript  # noqa: E402
from tests.evaluation.grading import agreement  # noqa: E402

TRANSCRIPTS = Path(__file__).resolve().parent.parent / "tests" / "data" / "transcripts"


def hundred_messages() -> dict:
    """The longest labelled transcript, its messages repeated to exactly 100."""
    files = sorted(TRANSCRIPTS.glob("*.json"))
    longest = max((json.loads(p.read_text()) for p in files), key=lambda t: len(t["messages"]))
    messages = (longest["messages"] * (100 // len(longest["messages"]) + 1))[:100]
    return {"scenario_id": longest["scenario_id"], "messages": messages}


def main() -> None:
    transcript = parse_transcript(hundred_messages())
    grade(transcript)  # warm the caches (scenario files, compiled rules, templates)
    timings = []
    for _ in range(30):
        start = time.perf_counter()
        grade(transcript)
        timings.append(time.perf_counter() - start)
    print(
        f"grade a 100-message transcript ({transcript.scenario_id}): "
        f"median {statistics.median(timings) * 1e3:.1f} ms, min {min(timings) * 1e3:.1f} ms"
    )
    result = agreement(TRANSCRIPTS)
    print(
        f"per-criterion agreement with labels: {result.rate:.3f} "
        f"({result.agree}/{result.total}) over {len(result.scores)} transcripts"
    )
    for name in sorted(result.scores):
        print(f"  {name:<28} {result.tiers[name]:<10} score {result.scores[name]}")
    for name, criterion_id, label, graded in result.disagreements:
        print(f"  disagree {name} {criterion_id}: label {label}, graded {graded}")


if __name__ == "__main__":
    main()

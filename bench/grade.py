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

from app.core import analysis  # noqa: E402
from app.core.grading.grader import grade  # noqa: E402
from app.core.transcript import Transcript, parse_transcript  # noqa: E402
from tests.evaluation.grading import agreement  # noqa: E402

TRANSCRIPTS = Path(__file__).resolve().parent.parent / "tests" / "data" / "transcripts"
DEV_TRANSCRIPTS = TRANSCRIPTS.parent / "corpora" / "transcripts" / "dev"


def hundred_messages() -> dict:
    """The longest labelled transcript, its messages repeated to exactly 100."""
    files = sorted(TRANSCRIPTS.glob("*.json"))
    longest = max((json.loads(p.read_text()) for p in files), key=lambda t: len(t["messages"]))
    messages = (longest["messages"] * (100 // len(longest["messages"]) + 1))[:100]
    return {"scenario_id": longest["scenario_id"], "messages": messages}


CPU: list[float] = []
"""Process CPU seconds of each cold grade (what other programs on a busy machine barely move)."""


def cold(transcript: Transcript) -> float:
    """Seconds to grade `transcript` with the analysis cache emptied first: the cost of
    messages never read before (its CPU seconds go to `CPU`)."""
    analysis._CACHES.clear()
    start, cpu = time.perf_counter(), time.process_time()
    grade(transcript)
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - start


def long_transcript(limit: int | None = None, scenario_id: str | None = None) -> dict:
    """Distinct messages of the labelled transcripts (each said once), alternating roles, until
    there are at least 250 turns and 17,000 words, or the first `limit` messages of one
    scenario's: a long interview whose every message is new to the analysis cache."""
    files = sorted(TRANSCRIPTS.glob("*.json")) + sorted(DEV_TRANSCRIPTS.glob("*.json"))
    messages: list[dict] = []
    seen: set[str] = set()
    for path in files:
        t = json.loads(path.read_text())
        if scenario_id is not None and t["scenario_id"] != scenario_id:
            continue
        for m in t["messages"][1:]:
            if m["content"] in seen or (messages and messages[-1]["role"] == m["role"]):
                continue
            seen.add(m["content"])
            messages.append({"role": m["role"], "content": m["content"]})
        words = sum(len(m["content"].split()) for m in messages)
        if limit is None and len(messages) >= 250 and words >= 17_000:
            break
    opening = {"role": "interviewer", "content": "Let's design a system."}
    return {"scenario_id": scenario_id, "messages": [opening, *messages][:limit]}


def _median_ms(runs: list[float]) -> str:
    return f"median {statistics.median(runs) * 1e3:.1f} ms, min {min(runs) * 1e3:.1f} ms"


def _cpu_ms() -> str:
    """The CPU time of the cold grades since the last call."""
    runs = CPU[:]
    CPU.clear()
    return f"(CPU median {statistics.median(runs) * 1e3:.1f} ms)"


def main() -> None:
    raw = hundred_messages()
    transcript = parse_transcript(raw)
    grade(transcript)  # warm the caches (scenario files, compiled rules, templates)
    warm, fresh = [], []
    distinct = parse_transcript(long_transcript(100, "tiktok"))
    CPU.clear()
    for _ in range(30):
        start = time.perf_counter()
        grade(transcript)
        warm.append(time.perf_counter() - start)
        fresh.append(cold(distinct))
    fresh_cpu = _cpu_ms()
    print(
        f"grade a 100-message transcript ({transcript.scenario_id}), its messages already "
        f"analysed (as after an interview): {_median_ms(warm)}"
    )
    print(
        f"grade a 100-message transcript of distinct messages ({distinct.scenario_id}), "
        f"none analysed before: {_median_ms(fresh)} {fresh_cpu}"
    )
    long_raw = long_transcript()
    words = sum(len(m["content"].split()) for m in long_raw["messages"])
    long = parse_transcript(long_raw)
    runs = [cold(long) for _ in range(5)]
    print(
        f"grade a {len(long_raw['messages'])}-message, {words:,}-word transcript "
        f"(graded generically), nothing cached: {_median_ms(runs)} {_cpu_ms()}"
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

"""CLI start-up: median whole-process wall time of `sdi scenarios` and `sdi grade FILE`.

Each command runs as a user runs it, a fresh interpreter (`python -m app.cli ...`) from the repo
root, so the figure includes the interpreter, the imports and the command's own work.

Run: .venv/bin/python bench/startup.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
COMMANDS = {
    "sdi scenarios": ["scenarios"],
    "sdi grade twitter-strong.json": ["grade", "tests/data/transcripts/twitter-strong.json"],
    # A plain-text, spoken transcript of 86 turns (small talk, feedback), graded generically.
    "sdi grade leaderboard-spoken.txt": [
        "grade",
        "tests/data/formats/leaderboard-spoken.txt",
        "--problem",
        "Design a leaderboard",
    ],
}


def wall_time(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - start


def main() -> None:
    for name, args in COMMANDS.items():
        wall_time(args)  # warm the file cache and the bytecode
        timings = [wall_time(args) for _ in range(RUNS)]
        print(
            f"{name:<32} median {statistics.median(timings) * 1e3:6.0f} ms "
            f"(min {min(timings) * 1e3:.0f}, max {max(timings) * 1e3:.0f}, {RUNS} runs)"
        )


if __name__ == "__main__":
    main()

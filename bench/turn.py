"""Per-turn overhead of an interview turn vs a bare LangGraph interrupt/resume step.

Both run on the same AsyncSqliteSaver (a fresh SQLite file), in the same process and run:
- bare:  a one-node loop whose node calls interrupt(); one step = Command(resume=...) running the
         node to its end and back to the next interrupt
- graph: our interview graph, one candidate message (policy + offline renderer), no store writes
- turn:  InterviewService.send: store the message, run the graph, store the reply

Each line gives wall-clock p50/p99 and the process's CPU time per turn (every thread: the event
loop, the store's worker threads, the SQLite checkpointer's thread), and the time the garbage
collector took. On a busy machine the wall-clock figures swing (fsync, other programs); CPU per
turn barely moves, so the ratios are given on both.

With --profile FILE, py-spy samples this process (the thread holding the GIL) while the full
turns run, and bench/profile.py's tables are printed (the raw stacks stay in FILE).

Run: .venv/bin/python bench/turn.py [turns] [--profile FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, TypedDict

sys.path.insert(
    0, str(Path(__file__).resolve().parent.parent)
)  # this checkout, not an installed one

from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver  # noqa: E402
from langgraph.graph import START, StateGraph  # noqa: E402
from langgraph.types import Command, interrupt  # noqa: E402

from app.config import Settings  # noqa: E402
from app.service.interviews import DURABILITY, open_service  # noqa: E402
from graphs.context import InterviewContext  # noqa: E402
from graphs.interview import build_graph  # noqa: E402

SCRIPT = [
    "Can tweets contain images?",
    "Can they be edited?",
    "Is the feed chronological?",
    "What's the read rate?",
    "I'd relax consistency because late tweets harm nobody.",
    "Let's move on to the API.",
    "GET /accounts/{id}/feed?page_token=t",
    "Let's start the design.",
    "Media goes to a blob store.",
    "Tweets table indexed by author_id.",
]


class Bare(TypedDict, total=False):
    n: int


async def bare_node(state: Bare) -> dict[str, Any]:
    value = interrupt("next?")
    return {"n": int(value)}


class GcClock:
    """Seconds the garbage collector ran (gc.callbacks), and collections per generation."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = [0, 0, 0]
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start
            self.collections[info["generation"]] += 1

    def take(self) -> tuple[float, list[int]]:
        out = (self.seconds, self.collections)
        self.seconds, self.collections = 0.0, [0, 0, 0]
        return out


GC = GcClock()


def summary(
    name: str, samples: list[float], cpu: float, gc_s: float, gcs: list[int]
) -> tuple[float, float]:
    samples = sorted(samples)
    p50 = statistics.median(samples) * 1e3
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))] * 1e3
    per = cpu / len(samples) * 1e3
    print(
        f"{name:<34} p50 {p50:6.2f} ms   p99 {p99:6.2f} ms   CPU {per:5.2f} ms/turn   "
        f"gc {gc_s / len(samples) * 1e3:4.2f} ms/turn ({gcs[0]}/{gcs[1]}/{gcs[2]})   (n={len(samples)})"
    )
    return p50, per


def spy(path: Path) -> subprocess.Popen[bytes]:
    """py-spy on this process until stopped with SIGINT (it writes `path` then)."""
    exe = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    cmd = [
        exe,
        "record",
        "--pid",
        str(os.getpid()),
        "--gil",
        "--nonblocking",
        "--rate",
        "250",
        "--format",
        "raw",
        "-o",
        str(path),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)  # attached
    return proc


async def main(turns: int, profile: Path | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        async with AsyncSqliteSaver.from_conn_string(str(db)) as saver:
            builder = StateGraph(Bare)
            builder.add_node("ask", bare_node)
            builder.add_edge(START, "ask")
            builder.add_edge("ask", "ask")
            bare = builder.compile(checkpointer=saver)
            ours = build_graph().compile(checkpointer=saver)
            context = InterviewContext()
            bare_t, graph_t = [], []
            bare_cpu = graph_cpu = 0.0
            bare_gc = [0.0, [0, 0, 0]]
            graph_gc = [0.0, [0, 0, 0]]
            for run in range(turns // len(SCRIPT) + 1):
                cfg = {"configurable": {"thread_id": f"bare-{run}"}}
                await bare.ainvoke({"n": 0}, cfg, durability=DURABILITY)
                ocfg = {"configurable": {"thread_id": f"ours-{run}"}}
                await ours.ainvoke(
                    {"interview_id": f"ours-{run}", "scenario_id": "twitter"},
                    ocfg,
                    context=context,
                    durability=DURABILITY,
                )
                for i, text in enumerate(SCRIPT):
                    GC.take()
                    cpu, start = time.process_time(), time.perf_counter()
                    await bare.ainvoke(Command(resume=i), cfg, durability=DURABILITY)
                    bare_t.append(time.perf_counter() - start)
                    bare_cpu += time.process_time() - cpu
                    _add(bare_gc, GC.take())
                    cpu, start = time.process_time(), time.perf_counter()
                    await ours.ainvoke(
                        {"inbox": {"content": text, "seq": 1 + 2 * i}},
                        ocfg,
                        context=context,
                        durability=DURABILITY,
                    )
                    graph_t.append(time.perf_counter() - start)
                    graph_cpu += time.process_time() - cpu
                    _add(graph_gc, GC.take())
        settings = Settings(DATABASE_URL=f"sqlite:///{Path(tmp) / 'service.db'}")
        turn_t = []
        turn_cpu = 0.0
        turn_gc = [0.0, [0, 0, 0]]
        async with open_service(settings) as service:
            interview, _ = await service.start("twitter")
            await service.send(interview.id, SCRIPT[0])  # warm: first-use imports and caches
            spying = spy(profile) if profile is not None else None
            for _ in range(turns // len(SCRIPT) + 1):
                interview, _ = await service.start("twitter")
                for text in SCRIPT:
                    GC.take()
                    cpu, start = time.process_time(), time.perf_counter()
                    await service.send(interview.id, text)
                    turn_t.append(time.perf_counter() - start)
                    turn_cpu += time.process_time() - cpu
                    _add(turn_gc, GC.take())
            if spying is not None:
                spying.send_signal(signal.SIGINT)
                spying.wait()
    print(f"Per-turn cost on AsyncSqliteSaver (durability={DURABILITY}), offline renderer")
    b, bc = summary("bare interrupt/resume step", bare_t, bare_cpu, *bare_gc)
    g, gc_ = summary("interview graph turn", graph_t, graph_cpu, *graph_gc)
    t, tc = summary("full turn (store + graph + store)", turn_t, turn_cpu, *turn_gc)
    print(f"wall p50: graph/bare {g / b:.2f}x   full turn/bare {t / b:.2f}x")
    print(f"CPU:      graph/bare {gc_ / bc:.2f}x   full turn/bare {tc / bc:.2f}x")


def _add(total: list, taken: tuple[float, list[int]]) -> None:
    total[0] += taken[0]
    total[1] = [a + b for a, b in zip(total[1], taken[1], strict=True)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("turns", type=int, nargs="?", default=200)
    parser.add_argument("--profile", type=Path, help="py-spy's raw stacks of the full turns")
    args = parser.parse_args()
    asyncio.run(main(args.turns, args.profile))
    if args.profile is not None:
        from bench.profile import parse, report

        print(f"\nprofile of the full turns ({args.profile}):")
        print(report(parse(args.profile), len(SCRIPT) * (args.turns // len(SCRIPT) + 1), 250, 30))

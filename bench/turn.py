"""Per-turn overhead of an interview turn vs a bare LangGraph interrupt/resume step.

Both run on the same AsyncSqliteSaver (a fresh SQLite file), in the same process and run:
- bare:  a one-node loop whose node calls interrupt(); one step = Command(resume=...) running the
         node to its end and back to the next interrupt
- graph: our interview graph, one candidate message (policy + offline renderer), no store writes
- turn:  InterviewService.send: store the message, run the graph, store the reply

Run: .venv/bin/python bench/turn.py [turns]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, TypedDict

from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver
from langgraph.graph import START, StateGraph
from langgraph.types import Command, interrupt

from app.config import Settings
from app.service.interviews import DURABILITY, open_service
from graphs.context import InterviewContext
from graphs.interview import build_graph

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


def summary(name: str, samples: list[float]) -> float:
    samples = sorted(samples)
    p50 = statistics.median(samples) * 1e3
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))] * 1e3
    print(f"{name:<34} p50 {p50:6.2f} ms   p99 {p99:6.2f} ms   (n={len(samples)})")
    return p50


async def main(turns: int) -> None:
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
                    start = time.perf_counter()
                    await bare.ainvoke(Command(resume=i), cfg, durability=DURABILITY)
                    bare_t.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    await ours.ainvoke(
                        {"inbox": {"content": text, "seq": 1 + 2 * i}},
                        ocfg,
                        context=context,
                        durability=DURABILITY,
                    )
                    graph_t.append(time.perf_counter() - start)
        settings = Settings(DATABASE_URL=f"sqlite:///{Path(tmp) / 'service.db'}")
        turn_t = []
        async with open_service(settings) as service:
            for _ in range(turns // len(SCRIPT) + 1):
                interview, _ = await service.start("twitter")
                for text in SCRIPT:
                    start = time.perf_counter()
                    await service.send(interview.id, text)
                    turn_t.append(time.perf_counter() - start)
    print(f"Per-turn cost on AsyncSqliteSaver (durability={DURABILITY}), offline renderer")
    b = summary("bare interrupt/resume step", bare_t)
    g = summary("interview graph turn", graph_t)
    t = summary("full turn (store + graph + store)", turn_t)
    print(f"ratio graph/bare {g / b:.2f}x   full turn/bare {t / b:.2f}x")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))

"""Where a server's time goes: py-spy's collapsed stacks (`--format raw`) as two tables.

- by layer: each sample goes to the layer of its innermost frame that belongs to one (websocket,
  auth, service, lock, graph node, policy, renderer, store, checkpoint, LangGraph, logging,
  metrics, event loop ...); a frame of no layer (json, copy, dataclasses) counts for its caller,
  so json.dumps in the websocket's send_json is websocket time and in the store is store time.
- top functions: the innermost frames (self time), the hottest first.

With `turns` (turns completed while sampling) and `rate` (samples a second), each line also says
milliseconds per turn. py-spy samples every thread that is not idle, so the main thread (event
loop) and worker threads (store writes, SQLite checkpointer) add up: more than one core's worth
of samples is possible.

Run: .venv/bin/python bench/profile.py RAW_FILE [--turns N] [--rate HZ] [--top N]
Record one: py-spy record --pid PID --rate 100 --nonblocking --format raw -o FILE --duration S
(bench/load.py --profile DIR does it for every server during each measured window).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("logging", ("/logging/", "app/logs.py")),
    ("metrics", ("prometheus_client/", "app/metrics.py")),
    ("auth", ("app/service/auth.py", "app/api/guards.py", "app/api/deps.py")),
    ("lock", ("app/service/locks.py",)),
    ("checkpoint", ("langgraph/checkpoint/", "aiosqlite/", "ormsgpack", "psycopg_pool/")),
    ("store", ("sqlalchemy/", "sqlmodel/", "app/storage/", "psycopg/")),
    ("grading", ("app/core/grading/", "app/core/hints.py")),
    ("policy", ("app/core/",)),
    ("renderer", ("app/render/", "jinja2/", "app/prompts.py")),
    ("graph node", ("graphs/",)),
    ("LangGraph", ("langgraph/", "langchain_core/")),
    ("service", ("app/service/",)),
    (
        "websocket",
        (
            "app/api/ws.py",
            "app/api/hub.py",
            "starlette/websockets",
            "websockets/",
            "uvicorn/protocols/websockets/",
            "wsproto/",
        ),
    ),
    ("turn (api)", ("app/api/turns.py", "app/api/fanout.py", "app/api/ratelimit.py")),
    (
        "http",
        (
            "uvicorn/protocols/http/",
            "h11/",
            "httptools/",
            "fastapi/",
            "starlette/",
            "app/api/",
            "anyio/",
            "pydantic",
        ),
    ),
    ("threads", ("concurrent/futures/", "threading.py")),
    ("event loop", ("asyncio/", "uvloop/")),
)
"""(layer, path fragments), most specific first: the first layer whose fragment is in a frame's
file names the frame."""

FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^():]*)(?::(?P<line>\d+))?\)$")


def layer_of(file: str) -> str | None:
    for name, fragments in LAYERS:
        if any(f in file for f in fragments):
            return name
    return None


def parse(path: Path) -> Counter[tuple[str, ...]]:
    """Stacks (root first) and their sample counts."""
    stacks: Counter[tuple[str, ...]] = Counter()
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks[tuple(stack.split(";"))] += int(count)
    return stacks


def _file(frame: str) -> str:
    m = FRAME.match(frame)
    return m.group("file") if m else frame


def _short(frame: str) -> str:
    m = FRAME.match(frame)
    if not m:
        return frame
    file = m.group("file")
    for marker in ("site-packages/", "/lib/python3.11/", "/app/", "/graphs/", "/bench/"):
        if marker in file:
            prefix = "" if marker.startswith(("/lib", "site")) else marker.strip("/") + "/"
            file = prefix + file.split(marker, 1)[1]
            break
    return f"{m.group('func')} ({file})"


def by_layer(stacks: Counter[tuple[str, ...]]) -> Counter[str]:
    out: Counter[str] = Counter()
    for stack, count in stacks.items():
        layer = next((x for f in reversed(stack) if (x := layer_of(_file(f))) is not None), None)
        out[layer or "other"] += count
    return out


def self_time(stacks: Counter[tuple[str, ...]]) -> Counter[str]:
    out: Counter[str] = Counter()
    for stack, count in stacks.items():
        out[_short(stack[-1])] += count
    return out


def report(
    stacks: Counter[tuple[str, ...]], turns: int = 0, rate: float = 100.0, top: int = 20
) -> str:
    total = sum(stacks.values()) or 1
    lines = [f"{total} samples at {rate:g} Hz" + (f", {turns} turns" if turns else "")]

    def cols(count: int) -> str:
        ms = f"{count / rate / turns * 1e3:8.2f} ms/turn" if turns else ""
        return f"{count / total:7.1%} {ms}"

    lines.append("  by layer (innermost frame that belongs to one):")
    for name, count in by_layer(stacks).most_common():
        lines.append(f"    {name:<14}{cols(count)}")
    lines.append(f"  top {top} functions by self time:")
    for name, count in self_time(stacks).most_common(top):
        lines.append(f"    {cols(count)}  {name}")
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("raw", type=Path, nargs="+", help="py-spy --format raw files (summed)")
    p.add_argument("--turns", type=int, default=0, help="turns completed while sampling")
    p.add_argument("--rate", type=float, default=100.0, help="py-spy's --rate")
    p.add_argument("--top", type=int, default=20)
    args = p.parse_args()
    stacks: Counter[tuple[str, ...]] = Counter()
    for path in args.raw:
        stacks += parse(path)
    print(report(stacks, args.turns, args.rate, args.top))


if __name__ == "__main__":
    main()

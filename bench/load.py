"""Load: many concurrent websocket interviews against real `sdi serve` processes, loopback only.

The bench starts its own servers (tests/servers.py: `sdi serve` subprocesses, offline renderer)
on a throwaway SQLite file or a throwaway PostgreSQL cluster, and drives them from asyncio
clients (the `websockets` library) in this process. Interviews are created over REST before
each measured window; each client then walks a scripted interview (questions, "let's move on",
design sentences), thinking a jittered while between turns, and starts a new interview when its
script ends. Turn latency: from sending the `message` frame to receiving the interviewer's
`message` frame for it.

Phases, each on freshly started servers and a fresh database:
- ramp:       (per think time) N interviews at each level (clients are added, never restarted), a fixed window
              per level; stops at the first level with an error or a p99 over 200 ms
- memory:     server RSS (VmRSS) before and after opening N idle websockets, per socket
- saturation: no think time, many clients: completed turns/s, for 1..W workers

Columns: offered/s is N / think; ms/turn is server CPU per completed turn (the figure to
compare runs by when the machine is busy); srv, db and cli cpu are the CPU used by the servers,
PostgreSQL and this client (100% = one core); `other` is what the rest of the machine used
meanwhile (near 0 on a quiet machine; when not, the figures are noise). Error kinds:
create:<status or exception>, connect:<exception>, timeout (no reply in --turn-timeout),
closed:<close code>, error:<code of an `error` frame>, protocol:<exception>. The per-interview
rate limit is lifted in the servers (SDI_RATE_*): the bench measures capacity, not the limiter.

The client shares the machine's cores with the servers (and PostgreSQL): its own CPU use is
printed beside the server's, and a busy client inflates the latencies it measures.

One run per setting (database x workers) gives the largest N held at p99 <= 200 ms for each
think time (default: a turn every 5 s and every 30 s).

Run: .venv/bin/python bench/load.py [--quick] [--levels 100,250,...] [--window S] [--think 5,30]
     [--workers 1|2] [--database sqlite|postgresql] [--saturation-clients C]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.servers import PgCluster, ServeProcess, start_cluster

P99_TARGET_MS = 200.0
N_TARGET = 1000
KB_TARGET = 200.0
CLK_TCK = os.sysconf("SC_CLK_TCK")
SERVER_ENV = {"SDI_RATE_BURST": "1000000", "SDI_RATE_PER_MINUTE": "1000000000"}
"""The per-interview rate limit is lifted: the bench measures capacity, not the limiter
(a saturating client sends several turns a second on one interview)."""

SCRIPTS: dict[str, list[str]] = {
    "twitter": [
        "Before drawing anything I'd like to clarify a few things. Can a tweet hold pictures or video?",
        "Can people edit or delete a tweet once it is posted?",
        "What happens to the tweets of someone who deletes their account?",
        "Should the home timeline be in time order, or ranked by some algorithm?",
        "Do we need to know who liked a tweet, or is a count enough? Are retweets in scope?",
        "So the main objects are accounts and tweets; an account follows other accounts and "
        "writes tweets. Given an account, get all its tweets; given an account, get the feed of "
        "the accounts it follows. Does that sound right?",
        "The feed has to load fast since it's the first page everybody sees. Is it fine if a "
        "follower sees a new tweet a few seconds late?",
        "Then I'll relax consistency, because a late tweet hurts nobody. Let's move on to the API.",
        "Accounts and tweets are structured records, pictures and videos are blobs.\n"
        "- GET /accounts/{id}/tweets?cursor=c\n- GET /accounts/{id}/feed?cursor=c\n"
        "- POST /accounts/{id}/tweets",
        "How many reads and writes a minute should I plan for? How big is a tweet on average?",
        "It's read-heavy, since feeds are loaded far more often than people post. 1k writes a "
        "minute times 1 MB is 1 GB a minute, so about 1.5 TB a day.",
        "Let's go to the design. Media goes to a blob store and the tweet row keeps its URL.",
        "I'd choose a non-relational database since we don't need strong consistency and it "
        "scales out; the drawback is that we lose multi-row transactions.",
        "Tables: tweets(id, author_id, text, media_url, created_at) with an index on author_id; "
        "follows(followee_id, follower_id) keyed by followee_id.",
        "The feed is the hot path, so I'd precompute each account's feed on write. Stateless API "
        "servers sit behind a load balancer so we can scale out and restart them one by one.",
        "For accounts with millions of followers I'd merge their tweets at read time instead. A "
        "cache of hot feeds pays off because they are read very often.",
        "If reads grow a hundredfold I'd add read replicas and grow the feed cache.",
        "Against the requirements the feed stays fast and available; the weak spot is fan-out for "
        "huge accounts, which I'd improve next. That's my design.",
        "No questions from my side, thank you.",
    ],
    "code-deploy": [
        "A few questions first. What do we store about each release?",
        "Can an artifact change after it's published, or is it immutable?",
        "How quickly must a release reach the servers?",
        "How much downtime can the deployment system tolerate?",
        "Can we assume the code we deploy is trusted?",
        "What format are the packages in?",
        "Can a release be rolled back?",
        "So the objects are products, releases and servers; given a product, get all its "
        "releases; given a release, get its status on every server. Does that sound right?",
        "Deploys aren't user-facing so a little downtime is acceptable; I'd relax that for "
        "simplicity. Let's move on to the API.",
        "Release metadata is structured; the artifacts themselves are large binary archives.\n"
        "- POST /products/{id}/releases\n- GET /products/{id}/releases?page_token=t\n"
        "- GET /releases/{id}/servers?page_token=t",
        "How big is a typical artifact? How many releases happen a day, and how many servers are there?",
        "It's read-heavy on the artifacts: one build is downloaded by hundreds of servers. "
        "1k releases a day times 5 GB is 5 TB a day.",
        "Let's start the design. Artifacts go to a blob store; a relational database keeps "
        "releases and their status because we want transactions on status changes.",
        "The downside of a relational database is harder horizontal scaling, but the volume is small.",
        "Tables: releases(id, product_id, version, commit_hash) with an index on product_id; "
        "deployments(release_id, server_id, status) keyed by release_id.",
        "Servers poll an agent endpoint and download from regional mirrors of the blob store, "
        "so hundreds of servers don't hit one bucket. API servers are stateless behind a load "
        "balancer.",
        "Against the requirements a release reaches every server well inside the hour; the next "
        "improvement would be peer-to-peer distribution. I'm done.",
        "Nothing from me, thanks.",
    ],
}


# ---------------------------------------------------------------- processes and /proc


def _proc(pid: int, name: str) -> str:
    return Path(f"/proc/{pid}/{name}").read_text()


def rss_kb(pids: list[int]) -> int:
    """Summed VmRSS of `pids`, in KiB."""
    total = 0
    for pid in pids:
        for line in _proc(pid, "status").splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def cpu_s(pids: list[int]) -> float:
    """Summed user+system CPU seconds of `pids` (a pid that is gone counts 0)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = _proc(pid, "stat").rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / CLK_TCK


def machine_busy_s() -> float:
    """CPU seconds the whole machine has spent busy (not idle, not waiting on I/O)."""
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / CLK_TCK


def open_files_limit(pid: int) -> str:
    for line in _proc(pid, "limits").splitlines():
        if line.startswith("Max open files"):
            soft, hard = line.split()[3:5]
            return f"{soft} (hard {hard})"
    return "?"


def postgres_pids(cluster: PgCluster | None) -> list[int]:
    """The postmaster and its children (backends, writer, WAL...), read from /proc."""
    if cluster is None or cluster.data_dir is None:
        return []
    with contextlib.suppress(OSError, ValueError):
        master = int((cluster.data_dir / "postmaster.pid").read_text().split()[0])
        pids = [master]
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    if int(_proc(int(entry.name), "stat").rsplit(")", 1)[1].split()[1]) == master:
                        pids.append(int(entry.name))
        return pids
    return []


@dataclass
class Fleet:
    """W `sdi serve` processes on one fresh database (SQLite file or PostgreSQL database)."""

    workers: int
    home: Path
    cluster: PgCluster | None
    servers: list[ServeProcess] = field(default_factory=list)

    def start(self) -> Fleet:
        self.home.mkdir(parents=True)
        if self.cluster is None:
            url = f"sqlite:///{self.home / 'load.db'}"
        else:
            url = self.cluster.new_database()
        for i in range(self.workers):
            server = ServeProcess(home=self.home / f"w{i}", database_url=url, env=SERVER_ENV)
            self.servers.append(server)
            server.start()
        return self

    def stop(self) -> None:
        for server in self.servers:
            with contextlib.suppress(Exception):
                server.stop(timeout=10)

    @property
    def pids(self) -> list[int]:
        return [s.proc.pid for s in self.servers if s.proc is not None]

    def cpu(self) -> tuple[float, float]:
        return cpu_s(self.pids), cpu_s(postgres_pids(self.cluster))


# ---------------------------------------------------------------- clients


@dataclass
class Turn:
    sent: float
    latency: float | None
    kind: str = "ok"


@dataclass
class Lab:
    """What every client shares: the servers, the settings, and what they recorded."""

    fleet: Fleet
    http: list[httpx.AsyncClient]
    think: float
    jitter: float
    timeout: float
    turns: list[Turn] = field(default_factory=list)
    errors: list[tuple[float, str]] = field(default_factory=list)
    acts: Counter[str] = field(default_factory=Counter)
    revealed: int = 0
    created: int = 0
    finished_scripts: int = 0
    counter: int = 0
    """Interviews asked for so far: picks the server (round robin) and the scenario."""
    connect_gate: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(64))
    profile: Path | None = None
    """Where py-spy's samples of each measured window go (--profile), else None."""

    def error(self, at: float, kind: str) -> None:
        self.errors.append((at, kind))

    async def create(self) -> tuple[int, str, str]:
        """A new interview: servers in turn (round robin per interview), scenarios in turn."""
        index, self.counter = self.counter, self.counter + 1
        server = index % len(self.http)
        scenario = list(SCRIPTS)[(index // len(self.http)) % len(SCRIPTS)]
        response = await self.http[server].post(
            "/api/v1/interviews", json={"scenario_id": scenario}
        )
        response.raise_for_status()
        self.created += 1
        return server, response.json()["id"], scenario


class Candidate:
    """One scripted candidate on one websocket; a new interview when its script ends."""

    def __init__(self, lab: Lab) -> None:
        self.lab = lab
        self.server = 0
        self.interview: str | None = None
        self.script: list[str] = []
        self.pos = 0
        self.ws: Any = None
        self.pending: float | None = None
        """When the turn under way was sent (None: no turn under way)."""

    async def prepare(self) -> bool:
        """Create the interview (if none) and open its websocket; False after an error."""
        return (self.interview is not None or await self.new_interview()) and await self.connect()

    async def new_interview(self) -> bool:
        now = time.perf_counter()
        try:
            self.server, self.interview, scenario = await self.lab.create()
        except httpx.HTTPStatusError as exc:
            self.lab.error(now, f"create:{exc.response.status_code}")
            return False
        except (httpx.HTTPError, KeyError, ValueError) as exc:
            self.lab.error(now, f"create:{type(exc).__name__}")
            return False
        self.script, self.pos = SCRIPTS[scenario], 0
        return True

    async def connect(self) -> bool:
        """Open the interview's websocket (live frames only: no replay is asked for)."""
        lab, now = self.lab, time.perf_counter()
        url = f"{lab.fleet.servers[self.server].ws}/api/v1/interviews/{self.interview}/ws"
        try:
            async with lab.connect_gate:
                self.ws = await websockets.connect(
                    url, open_timeout=lab.timeout, ping_interval=None
                )
        except (OSError, TimeoutError, websockets.WebSocketException) as exc:
            lab.error(now, f"connect:{type(exc).__name__}")
            return False
        return True

    async def close(self) -> None:
        ws, self.ws = self.ws, None
        if ws is not None:
            with contextlib.suppress(Exception):
                await ws.close()

    async def run(self, first_delay: float) -> None:
        """Think, send, wait for the reply; forever (the phase cancels the task)."""
        try:
            await asyncio.sleep(first_delay)
            while True:
                if self.ws is None and not await self.prepare():
                    await asyncio.sleep(1.0)
                    continue
                if self.pos >= len(self.script):
                    self.lab.finished_scripts += 1
                    await self.close()
                    self.interview = None
                    continue
                if self.lab.think > 0:
                    spread = self.lab.think * self.lab.jitter
                    await asyncio.sleep(
                        random.uniform(self.lab.think - spread, self.lab.think + spread)
                    )
                await self.turn(self.script[self.pos])
        finally:
            await self.close()

    async def turn(self, text: str) -> None:
        """Send one line; its reply is the interviewer's message right after the echo of ours
        (a reply to a turn that timed out earlier can still arrive: it is not taken for this)."""
        lab = self.lab
        mine: int | None = None
        sent = self.pending = time.perf_counter()
        try:
            await self.ws.send(json.dumps({"type": "message", "content": text}))
            async with asyncio.timeout(lab.timeout):
                while True:
                    frame = json.loads(await self.ws.recv())
                    kind = frame.get("type")
                    if kind == "error":
                        self.record(sent, f"error:{frame.get('code')}")
                        self.pos += 1  # a refused line is skipped, as a person would rephrase
                        return
                    if kind != "message":
                        continue  # step_changed, fact_revealed, follow_up (counted from `act`)
                    if frame["role"] == "candidate" and frame["content"] == text:
                        mine = frame["seq"]
                    elif (
                        frame["role"] == "interviewer"
                        and mine is not None
                        and frame["seq"] == mine + 1
                    ):
                        self.record(sent, "ok", time.perf_counter() - sent)
                        lab.acts.update(frame.get("act") or [])
                        lab.revealed += len(frame.get("revealed") or [])
                        self.pos += 1
                        if frame.get("step") == "done":
                            self.pos = len(self.script)
                        return
        except TimeoutError:
            self.record(sent, "timeout")
            self.pos += 1
            await self.close()
        except websockets.ConnectionClosed as exc:
            code = exc.rcvd.code if exc.rcvd is not None else "none"
            self.record(sent, f"closed:{code}")
            self.ws = None
        except (ValueError, KeyError, TypeError) as exc:  # a frame that breaks the protocol
            self.record(sent, f"protocol:{type(exc).__name__}")
            self.pos += 1
            await self.close()
        finally:
            self.pending = None

    def record(self, sent: float, kind: str, latency: float | None = None) -> None:
        self.lab.turns.append(Turn(sent, latency, kind))
        if kind != "ok":
            self.lab.error(sent, kind)


async def add_candidates(lab: Lab, count: int) -> list[Candidate]:
    """`count` candidates with their interview created and websocket open (8 at once)."""
    gate = asyncio.Semaphore(8)
    out = [Candidate(lab) for _ in range(count)]

    async def one(c: Candidate) -> None:
        async with gate:
            await c.prepare()

    await asyncio.gather(*(one(c) for c in out))
    return out


async def drain(candidates: list[Candidate], end: float, timeout: float) -> None:
    """Wait until every turn sent before `end` has its answer (or its timeout)."""
    deadline = time.perf_counter() + timeout + 2
    while time.perf_counter() < deadline:
        if all(c.pending is None or c.pending >= end for c in candidates):
            return
        await asyncio.sleep(0.05)


# ---------------------------------------------------------------- measuring a window


@dataclass
class Window:
    label: str
    n: int
    offered: float | None
    seconds: float
    latencies: list[float]
    errors: Counter[str]
    server_cpu: float
    db_cpu: float
    client_cpu: float
    other_cpu: float
    """CPU the rest of the machine used meanwhile (other programs): noise when not ~0."""
    rss_mb: float
    workers: int

    @property
    def turns_per_s(self) -> float:
        return len(self.latencies) / self.seconds

    @property
    def cpu_per_turn_ms(self) -> float:
        """Server CPU per completed turn (all workers): barely moved by other programs, unlike
        the latencies, so the figure to compare runs by on a busy machine."""
        return self.server_cpu / self.turns_per_s * 1e3 if self.latencies else math.nan

    def pct(self, q: float) -> float:
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(q * len(ordered)) - 1)] * 1e3

    @property
    def held(self) -> bool:
        return bool(self.latencies) and not self.errors and self.pct(0.99) <= P99_TARGET_MS


async def measure(
    lab: Lab, candidates: list[Candidate], label: str, n: int, window: float, since: float
) -> Window:
    """Run for `window` seconds; errors count from `since` (the level's setup), latencies only
    for turns sent inside the window."""
    spies = start_profilers(lab, f"{label.replace(' ', '-')}-{n}", window)
    srv0, db0 = lab.fleet.cpu()
    cli0, all0 = time.process_time(), machine_busy_s()
    start = time.perf_counter()
    await asyncio.sleep(window)
    end = time.perf_counter()
    srv1, db1 = lab.fleet.cpu()
    cli1, all1 = time.process_time(), machine_busy_s()
    await drain(candidates, end, lab.timeout)
    wall = end - start
    ours = (srv1 - srv0) + (db1 - db0) + (cli1 - cli0)
    done = sum(1 for t in lab.turns if start <= t.sent < end and t.latency is not None)
    await report_profiles(spies, done)
    return Window(
        label=label,
        n=n,
        offered=n / lab.think if lab.think > 0 else None,
        seconds=wall,
        latencies=[t.latency for t in lab.turns if start <= t.sent < end and t.latency is not None],
        errors=Counter(kind for at, kind in lab.errors if since <= at < end),
        server_cpu=(srv1 - srv0) / wall,
        db_cpu=(db1 - db0) / wall,
        client_cpu=(cli1 - cli0) / wall,
        other_cpu=max(0.0, (all1 - all0) - ours) / wall,
        rss_mb=rss_kb(lab.fleet.pids) / 1024,
        workers=lab.fleet.workers,
    )


PROFILE_HZ = 100


def start_profilers(
    lab: Lab, tag: str, window: float
) -> list[tuple[subprocess.Popen[bytes], Path]]:
    """py-spy on every server for the window (--profile): non-blocking sampling, so the servers
    are not paused; returns what report_profiles() waits for."""
    if lab.profile is None:
        return []
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    lab.profile.mkdir(parents=True, exist_ok=True)
    out = []
    for i, pid in enumerate(lab.fleet.pids):
        path = lab.profile / f"{tag}-w{i}.txt"
        cmd = [
            spy,
            "record",
            "--pid",
            str(pid),
            "--rate",
            str(PROFILE_HZ),
            "--nonblocking",
            "--gil",
            "--format",
            "raw",
            "--duration",
            str(max(1, int(window))),
            "-o",
            str(path),
        ]
        out.append(
            (subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), path)
        )
    return out


async def report_profiles(spies: list[tuple[subprocess.Popen[bytes], Path]], turns: int) -> None:
    if not spies:
        return
    from bench.profile import parse, report

    stacks: Counter[tuple[str, ...]] = Counter()
    for proc, path in spies:
        await asyncio.to_thread(proc.wait)
        if path.exists():
            stacks += parse(path)
    print(f"   profile ({', '.join(p.name for _, p in spies)}):")
    print("   " + report(stacks, turns, PROFILE_HZ, top=15).replace("\n", "\n   "))


HEADER = (
    f"{'':<12}{'N':>6}{'offered/s':>10}{'turns/s':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
    f"{'max ms':>8}{'srv cpu':>8}{'ms/turn':>8}{'db cpu':>7}{'cli cpu':>8}{'other':>7}{'RSS MB':>8}  errors"
)


def row(w: Window, verdict: str = "") -> str:
    offered = f"{w.offered:.0f}" if w.offered is not None else "-"
    errors = ", ".join(f"{k} {v}" for k, v in w.errors.most_common()) or "0"
    return (
        f"{w.label:<12}{w.n:>6}{offered:>10}{w.turns_per_s:>9.1f}{w.pct(0.5):>8.1f}"
        f"{w.pct(0.95):>8.1f}{w.pct(0.99):>8.1f}{w.pct(1.0):>8.1f}{w.server_cpu:>7.0%} "
        f"{w.cpu_per_turn_ms:>7.2f} "
        f"{w.db_cpu:>6.0%} {w.client_cpu:>7.0%} {w.other_cpu:>6.0%} {w.rss_mb:>7.0f}  {errors} {verdict}"
    )


@contextlib.asynccontextmanager
async def lab_on(args: argparse.Namespace, fleet: Fleet, think: float):  # noqa: ANN201
    """A Lab with one HTTP client per server; stops the fleet on the way out."""
    http = [
        httpx.AsyncClient(base_url=s.http, timeout=args.turn_timeout * 3) for s in fleet.servers
    ]
    try:
        yield Lab(fleet, http, think, args.jitter, args.turn_timeout, profile=args.profile)
    finally:
        for client in http:
            await client.aclose()


async def cancel(tasks: list[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


# ---------------------------------------------------------------- phases


async def ramp(args: argparse.Namespace, fleet: Fleet, think: float) -> list[Window]:
    print(
        f"\n== ramp: {args.workers} worker(s), think {think:g} s ± {args.jitter:.0%}, "
        f"window {args.window:g} s per level, "
        + ("every level" if args.keep_going else "stop at the first error")
        + f"; a level holds with 0 errors and p99 <= {P99_TARGET_MS:.0f} ms"
    )
    print(HEADER)
    results: list[Window] = []
    candidates: list[Candidate] = []
    tasks: list[asyncio.Task[None]] = []
    async with lab_on(args, fleet, think) as lab:
        try:
            for n in args.levels:
                since = time.perf_counter()
                added = await add_candidates(lab, n - len(candidates))
                setup = time.perf_counter() - since
                candidates += added
                tasks += [asyncio.create_task(c.run(random.uniform(0, think))) for c in added]
                # Warm-up: the new clients spread their first turns over one think time.
                await asyncio.sleep(think * (1 + args.jitter) + 1)
                w = await measure(lab, candidates, f"ramp {think:g}s", n, args.window, since)
                results.append(w)
                print(row(w, "ok" if w.held else "FAIL") + f"  (setup {setup:.0f} s)", flush=True)
                if not w.held and not args.keep_going:
                    break
        finally:
            await cancel(tasks)
        mix_note(lab)
    return results


def mix_note(lab: Lab) -> None:
    turns = sum(1 for t in lab.turns if t.kind == "ok")
    if not turns:
        return
    acts = ", ".join(f"{k} {v / turns:.0%}" for k, v in lab.acts.most_common(6))
    print(
        f"   turn mix: {turns} turns over {lab.created} interviews "
        f"({lab.finished_scripts} scripts finished); {lab.revealed} facts revealed; acts: {acts}"
    )


async def memory(args: argparse.Namespace, fleet: Fleet) -> dict[str, float]:
    n = args.memory_n
    print(
        f"\n== memory: {n} interviews, {args.workers} worker(s); server VmRSS, summed over workers"
    )
    async with lab_on(args, fleet, 0) as lab:
        # Warm the server first: imports, the compiled graph, the scenario library.
        warm = await add_candidates(lab, len(SCRIPTS) * fleet.workers)
        for c in warm:
            for _ in range(3):
                if c.ws is not None and c.pos < len(c.script):
                    await c.turn(c.script[c.pos])
            await c.close()
        await asyncio.sleep(1)
        rss0 = rss_kb(fleet.pids)
        candidates = [Candidate(lab) for _ in range(n)]
        gate = asyncio.Semaphore(8)

        async def create(c: Candidate) -> None:
            async with gate:
                await c.new_interview()

        await asyncio.gather(*(create(c) for c in candidates))
        await asyncio.sleep(1)
        rss1 = rss_kb(fleet.pids)
        await asyncio.gather(*(c.connect() for c in candidates if c.interview is not None))
        made = max(1, sum(c.interview is not None for c in candidates))
        opened = sum(c.ws is not None for c in candidates)
        await asyncio.sleep(args.settle)
        rss2 = rss_kb(fleet.pids)
        turn_gate = asyncio.Semaphore(16)

        async def one_turn(c: Candidate) -> None:
            async with turn_gate:
                if c.ws is not None:
                    await c.turn(c.script[0])

        await asyncio.gather(*(one_turn(c) for c in candidates))
        await asyncio.sleep(args.settle)
        rss3 = rss_kb(fleet.pids)
        await asyncio.gather(*(c.close() for c in candidates))
    errors = Counter(kind for _, kind in lab.errors)
    per_socket = (rss2 - rss1) / max(opened, 1)
    print(
        f"   RSS warm {rss0 / 1024:.1f} MB -> {made} interviews created {rss1 / 1024:.1f} MB -> "
        f"{opened} websockets open and idle {rss2 / 1024:.1f} MB -> one turn each {rss3 / 1024:.1f} MB"
    )
    print(
        f"   per open idle websocket:            {per_socket:7.1f} KB  (target <= {KB_TARGET:.0f} KB)"
    )
    print(f"   per interview, created + open:      {(rss2 - rss0) / made:7.1f} KB")
    print(f"   per interview, after one turn each: {(rss3 - rss0) / made:7.1f} KB")
    if errors:
        print(f"   errors: {dict(errors)}")
    return {"per_socket": per_socket, "opened": opened, "after_turn": (rss3 - rss0) / made}


async def saturation(args: argparse.Namespace, fleet: Fleet) -> Window:
    c = args.saturation_clients
    async with lab_on(args, fleet, 0) as lab:
        since = time.perf_counter()
        candidates = await add_candidates(lab, c)
        tasks = [asyncio.create_task(x.run(0)) for x in candidates]
        try:
            await asyncio.sleep(args.saturation_warmup)
            w = await measure(lab, candidates, f"sat {fleet.workers}w", c, args.window, since)
        finally:
            await cancel(tasks)
        print(row(w), flush=True)
        mix_note(lab)
    return w


# ---------------------------------------------------------------- main


QUICK = {
    "levels": "20,50",
    "window": 5.0,
    "think": "1",
    "memory_n": 100,
    "saturation_clients": 8,
    "saturation_warmup": 2.0,
    "settle": 1.0,
}


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--levels",
        default="100,250,500,1000,1500,2000",
        help="concurrent interviews per ramp level, comma-separated",
    )
    p.add_argument("--window", type=float, default=30.0, help="measured seconds per level")
    p.add_argument(
        "--think",
        default="5,30",
        help="mean seconds between a reply and the next turn; a comma-separated list runs one "
        "ramp per value (5: a brisk test; 30: a typing pace), each on fresh servers",
    )
    p.add_argument(
        "--jitter", type=float, default=0.5, help="think time is uniform in think × (1 ± jitter)"
    )
    p.add_argument(
        "--workers", type=int, default=1, help="sdi serve processes (2 needs PostgreSQL)"
    )
    p.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    p.add_argument("--saturation-clients", type=int, default=64, help="clients with no think time")
    p.add_argument("--saturation-warmup", type=float, default=5.0)
    p.add_argument(
        "--memory-n", type=int, default=1000, help="websockets opened for the memory figure"
    )
    p.add_argument("--settle", type=float, default=3.0, help="idle seconds before reading RSS")
    p.add_argument(
        "--turn-timeout", type=float, default=10.0, help="a turn with no reply by then is an error"
    )
    p.add_argument("--keep", action="store_true", help="keep the servers' logs and databases")
    p.add_argument(
        "--keep-going",
        action="store_true",
        help="run every ramp level, not only up to the first that fails (the whole curve)",
    )
    p.add_argument(
        "--profile",
        type=Path,
        default=None,
        help="sample every server with py-spy during each measured window; raw stacks go to "
        "this directory and a per-layer table is printed (bench/profile.py)",
    )
    p.add_argument("--phases", default="ramp,memory,saturation", help="which phases to run")
    p.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run of about a minute (small levels, short windows)",
    )
    args = p.parse_args(argv)
    if args.quick:  # smaller defaults; flags given on the command line still win
        for key, value in QUICK.items():
            if getattr(args, key) == p.get_default(key):
                setattr(args, key, value)
    args.levels = sorted(int(x) for x in str(args.levels).split(",") if x.strip())
    args.phases = {x.strip() for x in args.phases.split(",")}
    if unknown := args.phases - {"ramp", "memory", "saturation"}:
        p.error(f"unknown phase(s): {', '.join(sorted(unknown))}")
    if args.workers < 1:
        p.error("--workers must be at least 1")
    if args.workers > 1 and args.database == "sqlite":
        p.error(
            "--workers 2 needs --database postgresql: a SQLite file is served by one "
            "`sdi serve` process only"
        )
    args.thinks = [float(x) for x in str(args.think).split(",") if x.strip()]
    if (not args.thinks or min(args.thinks) <= 0) and "ramp" in args.phases:
        p.error("--think must be > 0 for the ramp (use the saturation phase for no think time)")
    return args


def raise_nofile() -> str:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = hard if hard != resource.RLIM_INFINITY else 1 << 20
    resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    return f"{soft} -> {want}"


async def run(args: argparse.Namespace, cluster: PgCluster | None, tmp: Path) -> None:
    fleets: list[Fleet] = []

    def fleet(tag: str, workers: int) -> Fleet:
        f = Fleet(workers, tmp / tag, cluster)
        fleets.append(f)
        f.start()
        if len(fleets) == 1:
            print(
                f"server open-file limit {open_files_limit(f.pids[0])}; server logs under {tmp}"
                f"{'' if args.keep else ' (removed at the end; --keep keeps them)'}"
            )
        return f

    try:
        ramp_res: dict[float, list[Window]] = {}
        mem: dict[str, float] = {}
        sat: list[Window] = []
        if "ramp" in args.phases:
            for think in args.thinks:
                f = fleet(f"ramp{think:g}", args.workers)
                ramp_res[think] = await ramp(args, f, think)
                f.stop()
        if "memory" in args.phases:
            f = fleet("memory", args.workers)
            mem = await memory(args, f)
            f.stop()
        if "saturation" in args.phases:
            counts = range(1, args.workers + 1)
            print(
                f"\n== saturation: {args.saturation_clients} clients, no think time, "
                f"window {args.window:g} s, {'/'.join(map(str, counts))} worker(s)"
            )
            for workers in counts:
                f = fleet(f"sat{workers}", workers)
                if workers == 1:
                    print(HEADER)
                sat.append(await saturation(args, f))
                f.stop()
        summary(args, ramp_res, mem, sat)
    finally:
        for f in fleets:
            f.stop()


def summary(
    args: argparse.Namespace,
    ramps: dict[float, list[Window]],
    mem: dict[str, float],
    sat: list[Window],
) -> None:
    print("\n== results")
    if ramps or sat:
        print(HEADER)
        for ramp_res in ramps.values():
            for w in ramp_res:
                print(row(w, "ok" if w.held else "FAIL"))
        for w in sat:
            print(row(w))
    parts = [
        f"On {os.cpu_count()} cores (client, servers{' and PostgreSQL' if args.database == 'postgresql' else ''} "
        f"sharing them; load average {os.getloadavg()[0]:.1f} at the end), "
        f"{args.workers} `sdi serve` worker(s) on {args.database}"
    ]
    for think, ramp_res in ramps.items():
        held = [w for w in ramp_res if w.held and all(x.held for x in ramp_res if x.n < w.n)]
        best = held[-1] if held else None
        failed = next((w for w in ramp_res if not w.held), None)
        pace = f"a turn every {think:g} s ± {args.jitter:.0%}"
        if best:
            parts.append(
                f"largest N held with {pace}: {best.n} concurrent websocket interviews "
                f"({best.turns_per_s:.0f} turns/s, 0 errors, p99 {best.pct(0.99):.0f} ms)"
            )
        else:
            parts.append(f"with {pace} none of the ramp levels held")
        if failed:
            why = (
                f"{sum(failed.errors.values())} errors"
                if failed.errors
                else f"p99 {failed.pct(0.99):.0f} ms"
            )
            parts.append(
                f"at N={failed.n} it failed ({why}, server CPU {failed.server_cpu:.0%}, "
                f"client CPU {failed.client_cpu:.0%})"
            )
        else:
            parts.append("and the ramp ended without a failing level (raise --levels)")
        target = best is not None and best.n >= N_TARGET
        parts.append(f"target N >= {N_TARGET}: {'met' if target else 'not met'}")
    if mem:
        parts.append(
            f"an open idle websocket costs the server {mem['per_socket']:.0f} KB "
            f"(target <= {KB_TARGET:.0f} KB: {'met' if mem['per_socket'] <= KB_TARGET else 'not met'}), "
            f"{mem['after_turn']:.0f} KB per interview once each has taken a turn"
        )
    if sat:
        first = sat[0]
        text = (
            f"at saturation ({args.saturation_clients} clients, no think time) one worker "
            f"completed {first.turns_per_s:.0f} turns/s (p50 {first.pct(0.5):.0f} ms, "
            f"server CPU {first.server_cpu:.0%}, client CPU {first.client_cpu:.0%})"
        )
        for w in sat[1:]:
            text += (
                f", {w.workers} workers {w.turns_per_s:.0f} turns/s "
                f"({w.turns_per_s / first.turns_per_s:.2f}x)"
            )
        parts.append(text)
    print(
        "\n" + "; ".join(parts) + ". The client runs on the same cores and its CPU use is shown "
        "beside the server's: latencies include its queueing, so the figures are a lower bound "
        "on what the server alone could do, and noisy when other work shares the machine."
    )


def main() -> None:
    args = parse()
    print(
        f"load bench: python {platform.python_version()}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}; client open-file limit {raise_nofile()}"
    )
    if os.getloadavg()[0] > 0.5:
        print(
            "warning: the machine is not quiet (load average above 0.5): other programs compete "
            "for the cores and the figures will be noisy; see the `other` column"
        )
    # Ctrl-C and SIGTERM end the bench the same way: the finally blocks stop servers and
    # PostgreSQL. (SIGINT is set explicitly: a shell starts background jobs with it ignored.)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    tmp = Path(tempfile.mkdtemp(prefix="sdi-load-"))
    cluster = None
    try:
        if args.database == "postgresql":
            cluster = start_cluster()
            print(f"PostgreSQL: {cluster.admin_url.rpartition('@')[2]}")
        try:
            import uvloop

            runner = asyncio.Runner(loop_factory=uvloop.new_event_loop)
        except ImportError:
            runner = asyncio.Runner()
        with runner:
            runner.run(run(args, cluster, tmp))
    except KeyboardInterrupt:
        print("\ninterrupted: servers stopped", file=sys.stderr)
    finally:
        if cluster is not None:
            try:
                cluster.stop()
            except Exception as exc:  # noqa: BLE001 (stopped already, e.g. by the same Ctrl-C)
                print(f"PostgreSQL stop: {exc}", file=sys.stderr)
                if cluster.data_dir is not None:
                    shutil.rmtree(cluster.data_dir.parent, ignore_errors=True)
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

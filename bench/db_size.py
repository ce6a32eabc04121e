"""How big an interview's database gets: 300 turns on one interview (SQLite, offline renderer),
then the size of the SQLite files and of the checkpoint tables, with the store's share.

    python bench/db_size.py [TURNS]

Prints figures; asserts nothing. Before the state stopped holding the transcript, 300 turns
left 33.6 MB of files (12.6 MB of checkpoint blobs after 290 turns, growing 45 KB a turn).
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.config import Settings  # noqa: E402
from app.service.interviews import open_service  # noqa: E402


def _files(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.suffix != ".locks")


OPENING = [
    "Can tweets contain images or video?",
    "Can tweets be edited after they are posted?",
    "Let's move on to the API.",
    "GET /users/{id}/feed?cursor=... returns the home feed a page at a time.",
    "Let's start the design.",
]
DESIGN = [
    "Tweets go in a database keyed by author id and time.",
    "Each user's feed is precomputed into a feed table when a tweet is written.",
    "Media goes to a blob store, and the tweet row keeps its URL.",
    "Stateless API servers sit behind a load balancer.",
    "How many reads a minute should the feed take?",
    "The feed cache holds the latest page, because it is read far more than it changes.",
]


def _say(n: int) -> str:
    """A long interview that never ends: the opening moves, then design talk round and round."""
    return OPENING[n] if n < len(OPENING) else DESIGN[(n - len(OPENING)) % len(DESIGN)]


async def main(turns: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sdi.db"
        settings = Settings(_env_file=None, DATABASE_URL=f"sqlite:///{path}")
        started = time.perf_counter()
        async with open_service(settings) as service:
            interview, _ = await service.start("twitter")
            for n in range(turns):
                await service.send(interview.id, _say(n))
            live = _files(path)
        seconds = time.perf_counter() - started
        closed = _files(path)
        db = sqlite3.connect(path)
        tables = {
            name: db.execute(
                f"SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name = '{name}'"
            ).fetchone()[0]
            for name in ("checkpoints", "writes", "message", "interview")
        }
        rows = db.execute("SELECT COUNT(*) FROM checkpoints").fetchone()[0]
        db.close()
    print(f"{turns} turns on one interview, SQLite, offline renderer ({seconds:.1f} s)")
    print(f"  files while open (db + WAL): {live / 1e6:.2f} MB")
    print(f"  files after close:           {closed / 1e6:.2f} MB   (target <= 2 MB)")
    print(f"  checkpoint rows kept:        {rows}")
    for name, size in tables.items():
        print(f"  table {name:<12} {size / 1e3:8.1f} KB")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 300))

"""Real processes for tests: `sdi serve` on a loopback port, and a throwaway PostgreSQL cluster.

Both are started the way an operator would start them (subprocesses, real sockets), so tests that
use them exercise the same code paths as production: uvicorn, the lifespan, the database driver.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
STARTUP_S = 30.0
MODEL_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SDI_MODEL", "SDI_CLASSIFIER")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ServeProcess:
    """`sdi serve` in a subprocess, offline renderer, in its own empty directory (no .env read).

    start() waits for /healthz; kill() is SIGKILL (a crash); stop() is SIGTERM (a graceful
    shutdown). The same object can be started again on the same port and database."""

    home: Path
    database_url: str
    port: int = field(default_factory=free_port)
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.home / f"server-{self.port}.log"

    def start(self) -> ServeProcess:
        assert self.proc is None or self.proc.poll() is not None, "already running"
        self.home.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k not in MODEL_ENV}
        env |= {"DATABASE_URL": self.database_url, "PYTHONPATH": str(REPO)} | self.env
        self.starts += 1
        with self.log.open("ab") as out:
            out.write(f"\n--- start {self.starts} ---\n".encode())
            out.flush()
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "app.cli", "serve", "--port", str(self.port)],
                cwd=self.home,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + STARTUP_S
        while True:
            assert self.proc.poll() is None, f"sdi serve exited:\n{self.log.read_text()}"
            try:
                if httpx.get(f"{self.http}/readyz", timeout=1.0).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, (
                f"not ready in {STARTUP_S}s:\n{self.log.read_text()}"
            )
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a crash or an OOM kill."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self, timeout: float = 15.0) -> int:
        """SIGTERM and wait; returns the exit code (SIGKILL after `timeout`)."""
        if self.proc is None:
            return 0
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        return int(self.proc.returncode)


@contextmanager
def serving(home: Path, database_url: str, **env: str) -> Iterator[ServeProcess]:
    server = ServeProcess(home=home, database_url=database_url, env=env).start()
    try:
        yield server
    finally:
        server.stop()


def _pg_bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        raise RuntimeError(
            f"PostgreSQL's '{name}' was not found: install Debian's postgresql package "
            "(.ci/run does) or set SDI_TEST_POSTGRES_URL to a server the tests may create databases on"
        )
    return found


@dataclass
class PgCluster:
    """A PostgreSQL server for tests: SDI_TEST_POSTGRES_URL if set, else a throwaway cluster."""

    admin_url: str
    data_dir: Path | None = None

    def new_database(self) -> str:
        """A fresh, empty database; returns its URL."""
        import psycopg

        name = f"sdi_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        base, _, _ = self.admin_url.rpartition("/")
        return f"{base}/{name}"

    def stop(self) -> None:
        if self.data_dir is not None:
            _as_postgres([_pg_bin("pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "stop"])
            shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def _as_postgres(cmd: list[str]) -> None:
    """initdb and pg_ctl refuse to run as root: run them as the postgres user then."""
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()}")


def start_cluster() -> PgCluster:
    url = os.environ.get("SDI_TEST_POSTGRES_URL")
    if url:
        return PgCluster(admin_url=url)
    # Its own directory under the system temp dir: pytest's tmp dirs are private to root, and
    # the server runs as the postgres user.
    base = Path(tempfile.mkdtemp(prefix="sdi-pg-"))
    data = base / "pgdata"
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    port = free_port()
    _as_postgres(
        [_pg_bin("initdb"), "-D", str(data), "--auth=trust", "-U", "postgres", "-E", "UTF8"]
    )
    _as_postgres(
        [
            _pg_bin("pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(base / "pg.log"),
            "-w",
            "start",
            "-o",
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c max_connections=300 "
            "-c fsync=off -c synchronous_commit=off",
        ]
    )
    return PgCluster(admin_url=f"postgresql://postgres@127.0.0.1:{port}/postgres", data_dir=data)

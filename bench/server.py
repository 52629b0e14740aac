"""The bench's own PostgreSQL database and gunicorn server, both on 127.0.0.1 only."""

import os
import platform
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import psycopg
import redis
import requests
from psycopg import sql

from bench.load import PAGE_HEADER

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATABASE = "filet_bench"
PG = "postgres://postgres@127.0.0.1:5432"
HOST, PORT = "127.0.0.1", 8765
REDIS_URL = "redis://127.0.0.1:6379/3"
BASE_URL = f"http://{HOST}:{PORT}"
WORKERS = 3
STARTUP_SECONDS = 30


# Only these names may be dropped and recreated: never a real database by mistake.
DATABASE_PATTERN = re.compile(r"filet_(bench|perf)[a-z0-9_]*")


def use(database: str = DATABASE, port: int = PORT) -> None:
    """Point the bench at another scratch database or port (two runs side by side). Any
    other database than filet_bench caches in Redis database 4, not 3: two data sets must
    never share cached reports."""
    global DATABASE, PORT, BASE_URL, REDIS_URL
    if not DATABASE_PATTERN.fullmatch(database):
        raise ValueError(
            f"the bench only drops databases named filet_bench… or filet_perf…: {database}"
        )
    if not 1024 < port < 65536:
        raise ValueError(f"port out of range: {port}")
    DATABASE, PORT, BASE_URL = database, port, f"http://{HOST}:{port}"
    REDIS_URL = f"redis://{HOST}:6379/{3 if database == 'filet_bench' else 4}"


def bench_env() -> dict[str, str]:
    """The environment of every child process: the bench database, Redis db 3, header on."""
    env = dict(os.environ)
    for name in ("FILET_DEMO", "DEBUG", "SECRET_KEY"):
        env.pop(name, None)
    env.update(
        FILET_ENV="development",
        DATABASE_URL=f"{PG}/{DATABASE}",
        REDIS_URL=REDIS_URL,
        FILET_QUERY_COUNT_HEADER="1",
        ALLOWED_HOSTS=HOST,
        LOG_LEVEL="WARNING",
        # Twenty clients share one identity per role: the per-person API limit would
        # answer 429 and measure nothing.
        API_RATE="1000000/hour",
    )
    return env


def recreate_database() -> str:
    """Drop and create filet_bench; return the server's version."""
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        name = sql.Identifier(DATABASE)
        # FORCE ends connections a crashed earlier run may have left open.
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "unknown"


def flush_cache() -> None:
    """Empty the bench's caches — its Redis database and the database cache table, which
    Filet's cache writes alongside Redis and reads on a Redis miss: what they hold may
    describe another data set, or was written by a run without Redis."""
    redis.Redis.from_url(REDIS_URL).flushdb()
    with psycopg.connect(f"{PG}/{DATABASE}", autocommit=True) as conn:
        exists = conn.execute("SELECT to_regclass('filet_cache')").fetchone()
        if exists and exists[0]:
            conn.execute("TRUNCATE filet_cache")


def analyze() -> None:
    """Vacuum and refresh the planner's statistics, as production's autovacuum does after a
    bulk load: straight after one the statistics are empty and no page is marked
    all-visible (so no index-only scan), and the plans, hence the timings, would change
    mid-run when autovacuum caught up (it is off on some machines, this one included)."""
    with psycopg.connect(f"{PG}/{DATABASE}", autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")


def manage(env: dict[str, str], *args: str) -> str:
    """Run a manage.py command; return its standard output, or fail with its error."""
    result = subprocess.run(  # noqa: S603 — fixed program, arguments from this module
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def _port_in_use() -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((HOST, PORT)) == 0


@contextmanager
def gunicorn(
    env: dict[str, str], log: IO[str], access_log: str, *, workers: int = WORKERS
) -> Iterator["subprocess.Popen[bytes]"]:
    """Serve Filet for the duration of the block; always stop the server afterwards.

    The access log holds, per request, the bench's page name and the microseconds the
    request spent inside gunicorn (see bench.stats.read_server_times).
    """
    if _port_in_use():
        raise RuntimeError(f"port {PORT} is already taken: is another bench running?")
    command = [str(BIN / "gunicorn"), "filet.wsgi", "-b", f"{HOST}:{PORT}"]
    command += ["-w", str(workers), "--threads", "1", "--access-logfile", access_log]
    command += ["--access-logformat", f"%({{{PAGE_HEADER.lower()}}}i)s %(D)s"]
    server = subprocess.Popen(  # noqa: S603 — fixed program and arguments
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        _wait_until_up(server)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_up(server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {server.returncode}")
        try:
            # A worker's first request loads Django: slow on a busy machine, hence 10 s.
            requests.get(f"{BASE_URL}/comptes/login/", timeout=10)
        except requests.RequestException:
            time.sleep(0.2)
        else:
            return
    raise RuntimeError(f"gunicorn did not answer within {STARTUP_SECONDS} s")


def machine_info(postgres: str) -> dict[str, Any]:
    return {
        "nproc": os.cpu_count(),
        "cpu": _first_value("/proc/cpuinfo", "model name"),
        "memory": _first_value("/proc/meminfo", "MemTotal"),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "postgres": postgres,
        "gunicorn_workers": WORKERS,
    }


def _first_value(path: str, key: str) -> str:
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return "unknown"
    return next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith(key)), "unknown")

"""`python -m bench.run`: build a bench database, serve Filet with gunicorn, load the pages
from concurrent clients and report latency, throughput and SQL counts per page.

Everything runs on this machine: PostgreSQL and Redis on 127.0.0.1, gunicorn on port 8765.
"""

import argparse
import json
import os
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg

from bench import load, server
from bench.pages import FLOOR, PAGES, roles_needed
from bench.stats import PageStats, Sample, format_table, read_server_times, summarise_all

RESULTS = Path(__file__).resolve().parent / "results"
WARM_UP_ROUNDS = 2


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--scale", choices=["region", "province"], default="region")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--duration", type=float, default=20, help="seconds of measurement")
    parser.add_argument("--requests", type=int, default=100_000, help="at most this many")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if args.clients < 1 or args.duration <= 0 or args.requests < 1:
        parser.error("--clients, --duration and --requests must be positive")
    return args


def prepare(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    """A fresh database with the generated data; returns what the report says about it."""
    say(f"database {server.DATABASE}: drop, create, migrate")
    postgres = server.recreate_database()
    server.manage(env, "migrate", "--verbosity", "0")
    say(f"generate --scale {args.scale}")
    started = time.monotonic()
    summary = server.manage(env, "generate", "--scale", args.scale, "--seed", str(args.seed))
    say(summary.strip())
    # Ten years of observations per region (the observatory's dashboard aggregates them).
    say("generate_observations --years 10 --per-month 50")
    summary += server.manage(env, "generate_observations", "--years", "10", "--per-month", "50")
    seconds = round(time.monotonic() - started, 1)
    say(summary.strip().splitlines()[-1])
    server.analyze()
    return {"postgres": postgres, "summary": summary.strip(), "seconds": seconds}


@dataclass(frozen=True)
class Measurement:
    samples: list[Sample]
    elapsed: float
    warm_up_errors: int
    # The machine is shared: its load before and after says how far to trust the figures.
    load_before: tuple[float, ...]
    load_after: tuple[float, ...]
    server_ms: dict[str, list[float]]
    server_log: Path


def bench(args: argparse.Namespace, env: dict[str, str]) -> Measurement:
    """Sessions, server, warm-up, measurement; the server is stopped whatever happens."""
    roles = roles_needed(PAGES)
    count = args.clients * len(roles)
    output = server.manage(env, "bench_sessions", "--count", str(count), "--roles", ",".join(roles))
    # Kept after the run: the server's log is where a failed page's traceback is.
    logs = Path(tempfile.mkdtemp(prefix="filet-bench-"))
    access_log = logs / "access.log"
    with open(logs / "gunicorn.log", "w") as log, server.gunicorn(env, log, str(access_log)) as url:
        clients = load.make_clients(args.clients, url, json.loads(output), roles)
        say(f"warm-up: {WARM_UP_ROUNDS} rounds of {len(PAGES)} pages per client")
        warm = load.warm_up(clients, PAGES, WARM_UP_ROUNDS)
        load_before = os.getloadavg()
        say(f"measuring: {args.clients} clients, {args.duration:g} s, load {load_before[0]:.2f}")
        samples, elapsed = load.measure(clients, PAGES, args.duration, args.requests)
    return Measurement(
        samples=samples,
        elapsed=elapsed,
        warm_up_errors=sum(not s.ok for s in warm),
        load_before=load_before,
        load_after=os.getloadavg(),
        server_ms=read_server_times(access_log.read_text().splitlines()),
        server_log=logs / "gunicorn.log",
    )


def write_results(
    args: argparse.Namespace,
    prepared: dict[str, Any],
    measurement: Measurement,
    stats: list[PageStats],
) -> Path:
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"{stamp}-{args.scale}.json"
    payload = {
        "created_at": stamp,
        "parameters": vars(args) | {"warm_up_rounds": WARM_UP_ROUNDS},
        "machine": server.machine_info(prepared["postgres"])
        | {"load_before": measurement.load_before, "load_after": measurement.load_after},
        "generation": {"summary": prepared["summary"], "seconds": prepared["seconds"]},
        "run": {
            "requests": len(measurement.samples),
            "seconds": round(measurement.elapsed, 2),
            "warm_up_errors": measurement.warm_up_errors,
        },
        "pages": [s.as_dict() for s in stats],
    }
    RESULTS.mkdir(exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    return path


def say(message: str) -> None:
    print(f"bench: {message}", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    env = server.bench_env()
    try:
        prepared = prepare(args, env)
        measurement = bench(args, env)
    except (RuntimeError, OSError, psycopg.Error) as error:
        say(f"FAILED: {error}")
        return 2
    return report(args, prepared, measurement)


def report(args: argparse.Namespace, prepared: dict[str, Any], measurement: Measurement) -> int:
    """Print the table, write the JSON; non-zero when any page had errors."""
    samples, elapsed = measurement.samples, measurement.elapsed
    stats = summarise_all([p.name for p in PAGES], samples, elapsed, FLOOR, measurement.server_ms)
    rate = len(samples) / elapsed
    print(f"\n{args.scale}: {len(samples)} requests in {elapsed:.1f} s ({rate:.1f} req/s)")
    print(
        f"load average before/after: {measurement.load_before[0]:.2f}/"
        f"{measurement.load_after[0]:.2f} on {os.cpu_count()} CPUs\n"
    )
    print(format_table(stats))
    say(f"results written to {write_results(args, prepared, measurement, stats)}")
    failed = [s.page for s in stats if s.failed]
    if failed:
        say(f"FAILED: errors on {', '.join(failed)} (server log: {measurement.server_log})")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

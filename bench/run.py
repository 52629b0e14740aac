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
from bench.stats import (
    PageStats,
    Sample,
    Targets,
    format_table,
    of_phase,
    read_server_times,
    summarise_all,
    verdict,
)

RESULTS = Path(__file__).resolve().parent / "results"
WARM_UP_ROUNDS = 2
# Two phases, the same clients and pages: "saturated" clients never pause (what the server
# can serve, and each page's cost when it is busy); "paced" clients pause like very busy
# people between two pages (every 0.5–1.5 s), and issue 8's targets are judged there.
PHASES = ("saturated", "paced")
PACED_PAUSE = (0.5, 1.5)
# The observatory's dashboard has its own p95 bound in issue 8.
TARGETS = Targets(p95_by_page={"observatory trends · coordinator": 300.0})
# Observations per region and month, over ten years, by scale: the province gets issue 8's
# million (460 × 17 regions × 120 months × 1.08 for the busier summer and December months:
# 1 004 204, in about five minutes); a region keeps 50 (6 446) so that it stays quick.
OBSERVATIONS_PER_MONTH = {"region": 50, "province": 460}


def observations_per_month(args: argparse.Namespace) -> int:
    """--observations if given, else the scale's default."""
    return getattr(args, "observations", None) or OBSERVATIONS_PER_MONTH[args.scale]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--scale", choices=["region", "province"], default="region")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--duration", type=float, default=20, help="seconds of measurement")
    parser.add_argument("--requests", type=int, default=100_000, help="at most this many")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--database",
        default=server.DATABASE,
        help="scratch database to drop and recreate (filet_bench… or filet_perf…)",
    )
    parser.add_argument("--port", type=int, default=server.PORT)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the data already generated in --database (no drop, no generation)",
    )
    parser.add_argument(
        "--observations",
        type=int,
        default=None,
        help="observations per region and month, over ten years (region 50, province 460)",
    )
    parser.add_argument(
        "--phases",
        default=",".join(PHASES),
        help="comma-separated, in order: saturated (no pause), paced (pauses of --pause)",
    )
    parser.add_argument(
        "--pause",
        default=",".join(f"{v:g}" for v in PACED_PAUSE),
        help="the paced phase's pause between two pages, min,max seconds",
    )
    args = parser.parse_args(argv)
    if args.clients < 1 or args.duration <= 0 or args.requests < 1:
        parser.error("--clients, --duration and --requests must be positive")
    args.phases = [name.strip() for name in args.phases.split(",") if name.strip()]
    if not args.phases or set(args.phases) - set(PHASES):
        parser.error(f"--phases: choose among {', '.join(PHASES)}")
    try:
        low, high = (float(v) for v in args.pause.split(","))
    except ValueError:
        parser.error("--pause: two numbers of seconds, min,max")
    if not 0 <= low <= high:
        parser.error("--pause: 0 <= min <= max")
    args.pause = (low, high)
    return args


def prepare(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    """A fresh database with the generated data; returns what the report says about it."""
    say(f"database {server.DATABASE}: drop, create, migrate")
    postgres = server.recreate_database()
    server.flush_cache()
    server.manage(env, "migrate", "--verbosity", "0")
    say(f"generate --scale {args.scale}")
    started = time.monotonic()
    summary = server.manage(env, "generate", "--scale", args.scale, "--seed", str(args.seed))
    say(summary.strip())
    # Ten years of observations per region (the observatory's dashboard aggregates them).
    per_month = str(observations_per_month(args))
    say(f"generate_observations --years 10 --per-month {per_month}")
    summary += server.manage(
        env, "generate_observations", "--years", "10", "--per-month", per_month
    )
    seconds = round(time.monotonic() - started, 1)
    say(summary.strip().splitlines()[-1])
    server.analyze()
    return {"postgres": postgres, "summary": summary.strip(), "seconds": seconds}


def reused(env: dict[str, str]) -> dict[str, Any]:
    """What the report says about a database generated by an earlier run (--reuse), brought
    up to the code's migrations. The cache is emptied: it may hold another data set's."""
    server.manage(env, "migrate", "--verbosity", "0")
    server.flush_cache()
    server.analyze()
    with psycopg.connect(f"{server.PG}/{server.DATABASE}") as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return {"postgres": str(row[0]) if row else "unknown", "summary": "reused", "seconds": 0}


@dataclass(frozen=True)
class Phase:
    name: str
    pause: tuple[float, float]
    samples: list[Sample]
    elapsed: float
    # The machine is shared: its load before and after says how far to trust the figures.
    load_before: tuple[float, ...]
    load_after: tuple[float, ...]
    server_ms: dict[str, list[float]]


@dataclass(frozen=True)
class Measurement:
    phases: list[Phase]
    warm_up_errors: int
    server_log: Path


def bench(args: argparse.Namespace, env: dict[str, str]) -> Measurement:
    """Sessions, server, warm-up, each phase; the server is stopped whatever happens."""
    roles = roles_needed(PAGES)
    count = args.clients * len(roles)
    output = server.manage(env, "bench_sessions", "--count", str(count), "--roles", ",".join(roles))
    # Kept after the run: the server's log is where a failed page's traceback is.
    logs = Path(tempfile.mkdtemp(prefix="filet-bench-"))
    access_log = logs / "access.log"
    runs = []
    with open(logs / "gunicorn.log", "w") as log, server.gunicorn(env, log, str(access_log)):
        clients = load.make_clients(args.clients, server.BASE_URL, json.loads(output), roles)
        say(f"warm-up: {WARM_UP_ROUNDS} rounds of {len(PAGES)} pages per client")
        warm = load.warm_up(clients, PAGES, WARM_UP_ROUNDS)
        for name in args.phases:
            pause = args.pause if name == "paced" else (0.0, 0.0)
            pacing = load.Pacing(phase=name, pause=pause, seed=args.seed)
            load_before = os.getloadavg()
            say(
                f"{name}: {args.clients} clients, pause {pause[0]:g}–{pause[1]:g} s, "
                f"{args.duration:g} s, load {load_before[0]:.2f}"
            )
            samples, elapsed = load.measure(clients, PAGES, args.duration, args.requests, pacing)
            runs.append((name, pause, samples, elapsed, load_before, os.getloadavg()))
    # gunicorn has written every line once it has stopped.
    server_ms = read_server_times(access_log.read_text().splitlines())
    return Measurement(
        phases=[
            Phase(name, pause, samples, elapsed, before, after, of_phase(server_ms, name))
            for name, pause, samples, elapsed, before, after in runs
        ],
        warm_up_errors=sum(not s.ok for s in warm),
        server_log=logs / "gunicorn.log",
    )


def write_results(
    args: argparse.Namespace,
    prepared: dict[str, Any],
    measurement: Measurement,
    stats: dict[str, list[PageStats]],
) -> Path:
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"{stamp}-{args.scale}.json"
    payload = {
        "created_at": stamp,
        "parameters": vars(args) | {"warm_up_rounds": WARM_UP_ROUNDS},
        "machine": server.machine_info(prepared["postgres"]),
        "generation": {"summary": prepared["summary"], "seconds": prepared["seconds"]},
        "warm_up_errors": measurement.warm_up_errors,
        "phases": [
            {
                "name": phase.name,
                "pause": phase.pause,
                "requests": len(phase.samples),
                "seconds": round(phase.elapsed, 2),
                "load_before": phase.load_before,
                "load_after": phase.load_after,
                "pages": [s.as_dict() for s in stats[phase.name]],
                "targets_missed": verdict(stats[phase.name], TARGETS)
                if phase.name == "paced"
                else None,
            }
            for phase in measurement.phases
        ],
    }
    RESULTS.mkdir(exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    return path


def say(message: str) -> None:
    print(f"bench: {message}", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        server.use(args.database, args.port)
    except ValueError as error:
        say(f"FAILED: {error}")
        return 2
    env = server.bench_env()
    try:
        prepared = reused(env) if args.reuse else prepare(args, env)
        measurement = bench(args, env)
    except (RuntimeError, OSError, psycopg.Error) as error:
        say(f"FAILED: {error}")
        return 2
    return report(args, prepared, measurement)


def report(args: argparse.Namespace, prepared: dict[str, Any], measurement: Measurement) -> int:
    """Print a table per phase and the paced phase's verdict, write the JSON; non-zero when
    any page had errors. A missed target is reported, not an exit status: the figures
    depend on the machine and on what else it runs."""
    names = [p.name for p in PAGES]
    stats = {}
    for phase in measurement.phases:
        found = summarise_all(names, phase.samples, phase.elapsed, FLOOR, phase.server_ms)
        stats[phase.name] = found
        rate = len(phase.samples) / phase.elapsed
        print(
            f"\n{args.scale} · {phase.name} (pause {phase.pause[0]:g}–{phase.pause[1]:g} s): "
            f"{len(phase.samples)} requests in {phase.elapsed:.1f} s ({rate:.1f} req/s), "
            f"load average before/after {phase.load_before[0]:.2f}/{phase.load_after[0]:.2f} "
            f"on {os.cpu_count()} CPUs\n"
        )
        print(format_table(found))
    if "paced" in stats:
        missed = verdict(stats["paced"], TARGETS)
        print(f"\ntargets (paced phase): {len(names) - len(missed)} of {len(names)} pages meet all")
        for page, what in missed.items():
            print(f"  {page}: {'; '.join(what)}")
    say(f"results written to {write_results(args, prepared, measurement, stats)}")
    failed = sorted({s.page for found in stats.values() for s in found if s.failed})
    if failed:
        say(f"FAILED: errors on {', '.join(failed)} (server log: {measurement.server_log})")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

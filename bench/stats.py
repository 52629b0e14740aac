"""Turning timed samples into the per-page figures the bench reports."""

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import unquote


@dataclass(frozen=True)
class Sample:
    """One measured request."""

    page: str
    ms: float
    ok: bool
    queries: int | None = None


@dataclass(frozen=True)
class PageStats:
    page: str
    count: int
    errors: int
    p50: float | None
    p95: float | None
    p99: float | None
    throughput: float
    sql_median: float | None
    sql_max: int | None
    floor_ratio: float | None
    # Time inside gunicorn (its access log), without the wait in its listen queue.
    server_p50: float | None = None
    server_floor_ratio: float | None = None

    @property
    def failed(self) -> bool:
        # A page that was never answered is as broken as one that answered with errors.
        return self.errors > 0 or self.count == 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile, interpolating linearly between ranks (numpy's default)."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _rounded(values: Sequence[float], q: float) -> float | None:
    # Rounded to 0.01 ms: finer is noise, and rounded figures compare exactly in tests.
    return round(percentile(values, q), 2) if values else None


def _ratio(value: float | None, reference: float | None) -> float | None:
    return round(value / reference, 2) if value is not None and reference else None


def summarise(
    page: str,
    samples: Sequence[Sample],
    elapsed: float,
    server_ms: Sequence[float] = (),
    floor: PageStats | None = None,
) -> PageStats:
    """Figures for one page, compared with the floor's when it is given."""
    times = [s.ms for s in samples]
    queries = [s.queries for s in samples if s.queries is not None]
    p50, server_p50 = _rounded(times, 50), _rounded(server_ms, 50)
    return PageStats(
        page=page,
        count=len(samples),
        errors=sum(not s.ok for s in samples),
        p50=p50,
        p95=_rounded(times, 95),
        p99=_rounded(times, 99),
        throughput=round(len(samples) / elapsed, 2) if elapsed > 0 else 0.0,
        sql_median=statistics.median(queries) if queries else None,
        sql_max=max(queries) if queries else None,
        floor_ratio=_ratio(p50, floor.p50 if floor else p50),
        server_p50=server_p50,
        server_floor_ratio=_ratio(server_p50, floor.server_p50 if floor else server_p50),
    )


def summarise_all(
    pages: Sequence[str],
    samples: Sequence[Sample],
    elapsed: float,
    floor: str,
    server_ms: Mapping[str, Sequence[float]] | None = None,
) -> list[PageStats]:
    """Figures for every page, in `pages` order, each compared with the floor page."""
    server_ms = server_ms or {}
    by_page: dict[str, list[Sample]] = {page: [] for page in pages}
    for sample in samples:
        by_page.setdefault(sample.page, []).append(sample)
    reference = summarise(floor, by_page.get(floor, []), elapsed, server_ms.get(floor, ()))
    return [
        summarise(page, found, elapsed, server_ms.get(page, ()), reference)
        for page, found in by_page.items()
    ]


def read_server_times(lines: Iterable[str]) -> dict[str, list[float]]:
    """Per page, the milliseconds gunicorn logged as `<quoted page name> <microseconds>`;
    requests without a page name (the warm-up) are left out."""
    times: dict[str, list[float]] = {}
    for line in lines:
        name, _space, micros = line.strip().rpartition(" ")
        if name and name != "-" and micros.isdigit():
            times.setdefault(unquote(name), []).append(int(micros) / 1000)
    return times


def of_phase(server_ms: Mapping[str, Sequence[float]], phase: str) -> dict[str, list[float]]:
    """The server times of one phase, keyed by page (the access log names `phase/page`)."""
    prefix = f"{phase}/"
    return {
        name.removeprefix(prefix): list(times)
        for name, times in server_ms.items()
        if name.startswith(prefix)
    }


@dataclass(frozen=True)
class Targets:
    """Issue 8's targets, judged on the paced phase: each page's median within `floor_ratio`
    times the floor's, its p95 under `p95_ms` (some pages have their own bound), at most
    `sql` statements, and no error."""

    floor_ratio: float = 3.0
    p95_ms: float = 150.0
    sql: int = 15
    p95_by_page: Mapping[str, float] = field(default_factory=dict)

    def misses(self, stats: PageStats) -> list[str]:
        """What this page misses, in words; empty when it meets every target."""
        found = []
        if stats.failed:
            found.append(f"{stats.errors} errors in {stats.count} requests")
        if stats.floor_ratio is not None and stats.floor_ratio > self.floor_ratio:
            found.append(f"median {stats.floor_ratio:.2f}× the floor (> {self.floor_ratio:g}×)")
        bound = self.p95_by_page.get(stats.page, self.p95_ms)
        if stats.p95 is not None and stats.p95 >= bound:
            found.append(f"p95 {stats.p95:.1f} ms (≥ {bound:g} ms)")
        if stats.sql_median is not None and stats.sql_median > self.sql:
            found.append(f"{stats.sql_median:g} SQL statements (> {self.sql})")
        return found


def verdict(stats: Sequence[PageStats], targets: Targets) -> dict[str, list[str]]:
    """Per page that misses a target, what it misses."""
    return {s.page: found for s in stats if (found := targets.misses(s))}


# field, heading, format; the page name is left-aligned, every figure right-aligned.
COLUMNS = [
    ("page", "page", ""),
    ("count", "n", "d"),
    ("errors", "err", "d"),
    ("p50", "p50 ms", ".1f"),
    ("p95", "p95 ms", ".1f"),
    ("p99", "p99 ms", ".1f"),
    ("throughput", "req/s", ".1f"),
    ("server_p50", "srv p50", ".1f"),
    ("sql_median", "sql med", "g"),
    ("sql_max", "sql max", "d"),
    ("floor_ratio", "×floor", ".2f"),
    ("server_floor_ratio", "srv ×floor", ".2f"),
]


def format_table(stats: Sequence[PageStats]) -> str:
    """An aligned plain-text table that is also a valid Markdown table."""
    titles = [title for _field, title, _fmt in COLUMNS]
    rows = [
        ["—" if (v := getattr(s, field)) is None else format(v, fmt) for field, _t, fmt in COLUMNS]
        for s in stats
    ]
    widths = [max(len(row[i]) for row in [titles, *rows]) for i in range(len(COLUMNS))]

    def line(cells: list[str]) -> str:
        pairs = list(zip(cells, widths, strict=True))
        padded = [pairs[0][0].ljust(pairs[0][1])] + [c.rjust(w) for c, w in pairs[1:]]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 1) + ("-" if i == 0 else ":") for i, w in enumerate(widths))
    return "\n".join([line(titles), rule + "|", *(line(row) for row in rows)])

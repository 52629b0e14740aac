import time

import pytest

from bench.load import Budget, Pacing, _cycle, make_clients
from bench.pages import FLOOR, PAGES, Identity, Page, own_people, roles_needed
from bench.stats import (
    PageStats,
    Sample,
    Targets,
    format_table,
    of_phase,
    percentile,
    read_server_times,
    summarise,
    summarise_all,
    verdict,
)
from filet.organisations.roles import Role

TENS = [float(v) for v in range(100, -1, -10)]  # 100, 90, ..., 0: order must not matter


@pytest.mark.parametrize(("q", "expected"), [(0, 0.0), (50, 50.0), (95, 95.0), (100, 100.0)])
def test_percentile_interpolates_between_ranks(q, expected):
    assert percentile(TENS, q) == expected


def test_percentile_of_one_value_is_that_value():
    assert percentile([42.0], 99) == 42.0


def test_percentile_of_nothing_is_refused():
    with pytest.raises(ValueError, match="no values"):
        percentile([], 50)


def test_summarise_reports_exact_figures():
    samples = [Sample("home", 60.0, True, 4), Sample("home", 100.0, False, 9)]
    samples.append(Sample("home", 80.0, True, 5))

    floor = summarise("floor", [Sample("floor", 50.0, True, 2)], 1.0, server_ms=[8.0])

    stats = summarise("home", samples, elapsed=2.0, server_ms=[10.0, 20.0, 30.0], floor=floor)

    assert stats == PageStats(
        page="home",
        count=3,
        errors=1,
        p50=80.0,
        p95=98.0,
        p99=99.6,
        throughput=1.5,
        sql_median=5,
        sql_max=9,
        floor_ratio=1.6,
        server_p50=20.0,
        server_floor_ratio=2.5,
    )
    assert stats.failed is True


def test_summarise_all_compares_each_page_with_the_floor():
    samples = [Sample("floor", ms, True, 2) for ms in TENS]
    samples += [Sample("home", 75.0, True, None), Sample("home", 125.0, True, None)]

    server_ms = {"floor": [4.0, 6.0], "home": [15.0]}

    stats = summarise_all(["floor", "home", "audit"], samples, 13.0, "floor", server_ms)

    assert [(s.page, s.count, s.p50, s.p99, s.floor_ratio) for s in stats] == [
        ("floor", 11, 50.0, 99.0, 1.0),
        ("home", 2, 100.0, 124.5, 2.0),
        ("audit", 0, None, None, None),
    ]
    assert [(s.server_p50, s.server_floor_ratio) for s in stats] == [
        (5.0, 1.0),
        (15.0, 3.0),
        (None, None),
    ]
    assert [s.throughput for s in stats] == [0.85, 0.15, 0.0]
    assert (stats[1].sql_median, stats[1].sql_max) == (None, None)
    assert [s.failed for s in stats] == [False, False, True]


def test_server_times_are_read_from_the_access_log():
    lines = ["home%20%C2%B7%20pivot 12345", "- 999", "floor 2000", "home%20%C2%B7%20pivot 800"]

    assert read_server_times(lines) == {"home · pivot": [12.345, 0.8], "floor": [2.0]}


def test_table_is_aligned_markdown():
    stats = [summarise("floor", [Sample("floor", 12.5, True, 2)], 1.0)]

    assert format_table(stats).splitlines() == [
        "| page  | n | err | p50 ms | p95 ms | p99 ms | req/s | srv p50 | sql med | sql max "
        "| ×floor | srv ×floor |",
        "|-------|--:|----:|-------:|-------:|-------:|------:|--------:|--------:|--------:"
        "|-------:|-----------:|",
        "| floor | 1 |   0 |   12.5 |   12.5 |   12.5 |   1.0 |       — |       2 |       2 "
        "|   1.00 |          — |",
    ]


def test_pages_name_the_roles_they_need_in_order_of_first_use():
    pages = [
        Page("floor", "/plancher/", "worker"),
        Page("login", "/comptes/login/", None),
        Page("home", "/", "coordinator"),
        Page("people", own_people, "representative"),
        Page("again", "/", "worker"),
    ]

    assert roles_needed(pages) == ["worker", "coordinator", "representative"]
    assert own_people(Identity(key="k", role="representative", organisation=7)) == (
        "/partenaires/7/personnes/"
    )


def test_bench_pages_are_served_by_known_roles_and_start_with_the_floor():
    assert PAGES[0].name == FLOOR
    assert len({page.name for page in PAGES}) == len(PAGES)
    assert set(roles_needed(PAGES)) <= set(Role.values)


def test_clients_get_sessions_of_their_own():
    sessions = {
        "cookie": "filet-session",
        "sessions": [
            {"key": f"k{n}", "role": role, "email": f"{n}@x", "organisation": n}
            for n, role in enumerate(["pivot", "worker", "pivot", "worker"])
        ],
    }

    clients = make_clients(2, "http://127.0.0.1:8765", sessions, ["pivot", "worker"])

    assert [(c.identities["pivot"].key, c.identities["worker"].key) for c in clients] == [
        ("k0", "k1"),
        ("k2", "k3"),
    ]
    assert clients[0].http["pivot"].cookies.get("filet-session") == "k0"
    assert clients[0].identities[None] == Identity()


def test_of_phase_keeps_only_that_phase_and_strips_its_name():
    logged = read_server_times(
        ["paced/floor 8000", "saturated/floor 30000", "paced/home 12000", "- 5000"]
    )

    assert of_phase(logged, "paced") == {"floor": [8.0], "home": [12.0]}
    assert of_phase(logged, "saturated") == {"floor": [30.0]}


def _stats(page: str, **figures) -> PageStats:
    base = {
        "count": 10, "errors": 0, "p50": 10.0, "p95": 20.0, "p99": 30.0, "throughput": 1.0,
        "sql_median": 5, "sql_max": 6, "floor_ratio": 1.0,
    }  # fmt: skip
    return PageStats(page=page, **(base | figures))


def test_a_page_within_every_target_misses_nothing():
    assert Targets().misses(_stats("home", floor_ratio=3.0, p95=149.9, sql_median=15)) == []


def test_each_target_missed_is_named():
    missed = Targets().misses(
        _stats("home", errors=2, floor_ratio=3.01, p95=150.0, sql_median=16, sql_max=16)
    )

    assert missed == [
        "2 errors in 10 requests",
        "median 3.01× the floor (> 3×)",
        "p95 150.0 ms (≥ 150 ms)",
        "16 SQL statements (> 15)",
    ]


def test_a_page_never_answered_misses_its_targets():
    assert Targets().misses(_stats("home", count=0, p50=None, p95=None, floor_ratio=None)) == [
        "0 errors in 0 requests"
    ]


def test_a_page_may_have_its_own_p95_bound():
    targets = Targets(p95_by_page={"observatory": 300.0})

    assert targets.misses(_stats("observatory", p95=299.0)) == []
    assert targets.misses(_stats("home", p95=299.0)) == ["p95 299.0 ms (≥ 150 ms)"]
    assert verdict([_stats("observatory", p95=299.0), _stats("home", p95=299.0)], targets) == {
        "home": ["p95 299.0 ms (≥ 150 ms)"]
    }


def test_paced_clients_pause_between_pages_and_tag_the_phase(monkeypatch):
    fetched, slept = [], []

    class FakeClient:
        def fetch(self, page, *, measured=True, phase=""):
            fetched.append((page.name, phase))
            return Sample(page.name, 1.0, True)

    monkeypatch.setattr("bench.load.time.sleep", slept.append)
    pages = [Page("a", "/a/", None), Page("b", "/b/", None)]
    budget = Budget(deadline=time.monotonic() + 60, remaining=3)

    samples = _cycle(FakeClient(), pages, 1, budget, Pacing("paced", (0.5, 1.5), seed=7))

    assert [s.page for s in samples] == ["b", "a", "b"]
    assert {phase for _name, phase in fetched} == {"paced"}
    assert len(slept) == 3 and all(0.5 <= pause <= 1.5 for pause in slept)
    # The same seed and client give the same pauses.
    again: list[float] = []
    monkeypatch.setattr("bench.load.time.sleep", again.append)
    _cycle(FakeClient(), pages, 1, Budget(time.monotonic() + 60, 3), Pacing("paced", (0.5, 1.5), 7))
    assert again == slept


def test_saturated_clients_never_pause(monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr("bench.load.time.sleep", slept.append)

    class FakeClient:
        def fetch(self, page, *, measured=True, phase=""):
            return Sample(page.name, 1.0, True)

    _cycle(FakeClient(), [Page("a", "/a/", None)], 0, Budget(time.monotonic() + 60, 5), Pacing())

    assert slept == []

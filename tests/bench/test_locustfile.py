"""A few seconds of the soak's locustfile against a live server: every visitor signed in
with its bench session, no failure. The five-minute soak itself is `make soak`."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from bench.soak import over_target, read_locust

ROOT = Path(__file__).resolve().parents[2]
PAGES = "login (anonymous),training coverage,pivots board · coordinator,matrix"


@pytest.mark.django_db(transaction=True)
def test_the_locustfile_signs_everyone_in_and_nothing_fails(live_server, tmp_path):
    call_command("generate", "--scale", "tiny", stdout=StringIO())
    out = StringIO()
    call_command(
        "bench_sessions", "--count", "4", "--roles", "coordinator,representative", stdout=out
    )
    sessions = tmp_path / "sessions.json"
    sessions.write_text(out.getvalue())
    env = dict(
        os.environ,
        FILET_SOAK_SESSIONS=str(sessions),
        FILET_SOAK_WAIT="0.1,0.3",
        FILET_SOAK_PAGES=PAGES,
    )
    locust = Path(sys.executable).parent / "locust"
    command = [str(locust), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless"]
    command += ["--host", live_server.url, "-u", "10", "-r", "10", "-t", "5s"]
    command += ["--json-file", str(tmp_path / "soak"), "--only-summary", "--loglevel", "WARNING"]
    result = subprocess.run(  # noqa: S603 — fixed program and arguments
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    rows = read_locust(tmp_path / "soak.json", seconds=5)
    total = rows.pop()
    assert total["page"] == "Aggregated"
    assert total["failures"] == 0
    assert total["requests"] == sum(row["requests"] for row in rows) > 0
    # Every chosen page was opened, each by its role's session: no redirect to the login.
    assert {row["page"] for row in rows} == set(PAGES.split(","))


def test_the_soak_holds_each_page_to_its_own_p95_bound():
    rows = [
        {"page": "home · worker", "p95": 400.0, "srv_p95": 149.0},
        {"page": "who to call", "p95": 100.0, "srv_p95": 150.0},
        {"page": "observatory trends · coordinator", "p95": 290.0, "srv_p95": 290.0},
        {"page": "api · trends · coordinator", "p95": 290.0, "srv_p95": 290.0},
        {"page": "Aggregated", "p95": 400.0, "srv_p95": None},
        {"page": "never answered", "p95": None, "srv_p95": None},
    ]

    # The verdict reads the time inside gunicorn; the clients' p95 is judged apart.
    assert over_target(rows) == ["who to call", "api · trends · coordinator"]
    assert over_target(rows, key="p95") == ["home · worker", "api · trends · coordinator"]

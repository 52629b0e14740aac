"""`python -m bench.profile PAGE [PAGE…]`: profile pages of bench/pages.py with pyinstrument,
in-process, against the database DATABASE_URL names (a generated bench data set).

Each page is requested once to warm up, then `--repeat` times under the profiler; the
median time (wall clock, and CPU of this process: steadier on a shared machine), the SQL
count and the profile (text) are printed. Nothing is written to the
database but the sessions (one per role) and what the pages themselves record.
"""

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filet.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")


def main() -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    from bench.management.commands.bench_sessions import _holders, _session_for
    from bench.pages import PAGES, Identity

    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("pages", nargs="+", help="page names from bench/pages.py")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sql", action="store_true", help="print each SQL statement and its time")
    parser.add_argument("--sql-chars", type=int, default=300)
    args = parser.parse_args()
    by_name = {page.name: page for page in PAGES}
    for name in args.pages:
        page = by_name[name]
        client = Client()
        identity = Identity()
        if page.role:
            item = _session_for(_holders(page.role, limit=1)[0])
            client.cookies[settings.SESSION_COOKIE_NAME] = item["key"]
            identity = Identity(**item)
        path = page.path_for(identity)
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        times, cpu = [], []
        profiler = Profiler()
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                started, started_cpu = time.perf_counter(), time.process_time()
                profiler.start()
                response = client.get(path)
                profiler.stop()
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
        print(
            f"== {name} {path}: {statistics.median(times):.1f} ms "
            f"({statistics.median(cpu):.1f} ms of this process's CPU), "
            f"{len(queries)} queries, {len(response.content)} bytes"
        )
        if args.sql:
            for query in queries.captured_queries:
                print(f"  {query['time']}s {query['sql'][: args.sql_chars]}")
        print(profiler.output_text(unicode=False, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

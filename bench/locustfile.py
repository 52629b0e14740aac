"""The soak's visitors, for locust (`make soak` runs it through bench/soak.py).

Each simulated person holds one signed-in session written by `manage.py bench_sessions`
(the file FILET_SOAK_SESSIONS names), plays its role's pages of bench/pages.py in random
order (FILET_SOAK_PAGES may name a few), and pauses between pages as a reader does
(FILET_SOAK_WAIT, "min,max" seconds).
One in ten visitors is anonymous and opens the login page. Any answer other than 2xx — a
redirect to the login above all — is a failure. Redirects are not followed.
"""

import itertools
import json
import os
import random
from pathlib import Path
from typing import Any
from urllib.parse import quote

from locust import HttpUser, between, task
from locust.exception import StopUser

from bench.pages import PAGES, Identity, Page

PAGE_HEADER = "X-Bench-Page"
_low, _high = (float(x) for x in os.environ.get("FILET_SOAK_WAIT", "10,30").split(","))
# A comma-separated choice of pages by name (the smoke test's); every page by default.
_chosen = {name for name in os.environ.get("FILET_SOAK_PAGES", "").split(",") if name}
SOAK_PAGES = [page for page in PAGES if not _chosen or page.name in _chosen]


def _sessions() -> tuple[str, list[dict[str, Any]]]:
    path = os.environ.get("FILET_SOAK_SESSIONS", "")
    if not path:
        return "sessionid", []
    payload = json.loads(Path(path).read_text())
    return payload["cookie"], payload["sessions"]


COOKIE, SESSIONS = _sessions()
_dealer = itertools.count()


class Visitor(HttpUser):
    wait_time = between(_low, _high)

    def on_start(self) -> None:
        number = next(_dealer)
        # Every tenth visitor is anonymous; the others take the sessions in turn.
        if number % 10 == 9 or not SESSIONS:
            self.identity = Identity()
        else:
            item = SESSIONS[number % len(SESSIONS)]
            self.identity = Identity(**item)
            self.client.cookies.set(COOKIE, item["key"])
        self.pages = [p for p in SOAK_PAGES if p.role == self.identity.role]
        if not self.pages:
            raise StopUser()

    @task
    def open_a_page(self) -> None:
        self._open(random.choice(self.pages))  # noqa: S311 — not for security

    def _open(self, page: Page) -> None:
        headers = {PAGE_HEADER: quote(page.name)}
        with self.client.get(
            page.path_for(self.identity),
            name=page.name,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if not 200 <= response.status_code < 300:
                response.failure(f"HTTP {response.status_code}")
            else:
                response.success()

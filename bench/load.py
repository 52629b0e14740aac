"""Concurrent clients: each one plays a set of identities and cycles through the pages."""

import itertools
import random
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import requests

from bench.pages import Identity, Page
from bench.stats import Sample

QUERY_HEADER = "X-Filet-Queries"
PAGE_HEADER = "X-Bench-Page"
TIMEOUT = 30


@dataclass
class Budget:
    """Shared by every client: the run stops at the deadline or after so many requests."""

    deadline: float
    remaining: int
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> bool:
        with self.lock:
            if self.remaining <= 0 or time.monotonic() >= self.deadline:
                return False
            self.remaining -= 1
            return True


class Client:
    """One simulated person at a browser: a cookie jar per identity it plays."""

    def __init__(self, base_url: str, cookie: str, identities: dict[str | None, Identity]):
        self.base_url = base_url
        self.identities = identities
        self.http = {role: _jar(cookie, who) for role, who in identities.items()}

    def fetch(self, page: Page, *, measured: bool = True, phase: str = "") -> Sample:
        """Time one GET. Redirects are not followed: being sent to the login is an error."""
        identity = self.identities[page.role]
        url = self.base_url + page.path_for(identity)
        # Names the page (and the phase) in gunicorn's access log, which records the time
        # spent inside it.
        headers = {PAGE_HEADER: quote(tagged(phase, page.name))} if measured else {}
        started = time.perf_counter()
        try:
            response = self.http[page.role].get(
                url, headers=headers, allow_redirects=False, timeout=TIMEOUT
            )
        except requests.RequestException:
            return Sample(page.name, _ms_since(started), ok=False)
        header = response.headers.get(QUERY_HEADER, "")
        return Sample(
            page.name,
            _ms_since(started),
            ok=200 <= response.status_code < 300,
            queries=int(header) if header.isdigit() else None,
        )


def tagged(phase: str, page: str) -> str:
    """The name a request carries in the access log: `phase/page`, or the page alone."""
    return f"{phase}/{page}" if phase else page


def _jar(cookie: str, identity: Identity) -> requests.Session:
    http = requests.Session()
    if identity.key:
        http.cookies.set(cookie, identity.key, domain="127.0.0.1", path="/")
    return http


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def make_clients(
    count: int, base_url: str, sessions: dict[str, Any], roles: Sequence[str]
) -> list[Client]:
    """Deal the signed-in sessions out so that no two clients share one."""
    by_role: dict[str, list[Identity]] = {role: [] for role in roles}
    for item in sessions["sessions"]:
        if item["role"] in by_role:
            by_role[item["role"]].append(Identity(**item))
    clients = []
    for index in range(count):
        identities: dict[str | None, Identity] = {None: Identity()}
        for role, pool in by_role.items():
            identities[role] = pool[index % len(pool)]
        clients.append(Client(base_url, sessions["cookie"], identities))
    return clients


def warm_up(clients: Sequence[Client], pages: Sequence[Page], rounds: int) -> list[Sample]:
    """Fill caches and connection pools, and let each session pass its first MFA check."""
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        batches = pool.map(
            lambda c: [c.fetch(p, measured=False) for _ in range(rounds) for p in pages], clients
        )
        return [sample for batch in batches for sample in batch]


@dataclass(frozen=True)
class Pacing:
    """How a client behaves between two pages: `pause` seconds drawn uniformly from
    (low, high), (0, 0) for none. `phase` names the run in the server's access log."""

    phase: str = ""
    pause: tuple[float, float] = (0.0, 0.0)
    seed: int = 0


def measure(
    clients: Sequence[Client],
    pages: Sequence[Page],
    duration: float,
    max_requests: int,
    pacing: Pacing = Pacing(),  # noqa: B008 — frozen, so sharing the default is safe
) -> tuple[list[Sample], float]:
    """Run every client until the budget is spent; return the samples and the wall time."""
    budget = Budget(deadline=time.monotonic() + duration, remaining=max_requests)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        batches = list(
            pool.map(lambda n: _cycle(clients[n], pages, n, budget, pacing), range(len(clients)))
        )
    elapsed = time.perf_counter() - started
    return [sample for batch in batches for sample in batch], elapsed


def _cycle(
    client: Client, pages: Sequence[Page], offset: int, budget: Budget, pacing: Pacing
) -> list[Sample]:
    # Each client starts at a different page so that every page is under load at once, and
    # draws its pauses from its own generator: the same seed gives the same pauses.
    pauses = random.Random(pacing.seed * 10_000 + offset)  # noqa: S311 — not for security
    samples = []
    for page in itertools.islice(itertools.cycle(pages), offset % len(pages), None):
        if not budget.take():
            break
        samples.append(client.fetch(page, phase=pacing.phase))
        low, high = pacing.pause
        if high > 0:
            time.sleep(pauses.uniform(low, high))
    return samples

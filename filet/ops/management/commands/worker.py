"""`manage.py worker`: the background process. It sends the e-mail outbox (retrying while
the mail server is down, never twice) and runs the periodic jobs (reminders, bulletins,
purges), each slot once even with several workers. `--once` does a single pass."""

import os
import signal
import socket
import time
from datetime import datetime, timedelta
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from filet.ops import jobs, outbox
from filet.ops.models import Heartbeat


class Command(BaseCommand):
    help = "Send queued e-mails and run periodic jobs (loop; --once for a single pass)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")
        parser.add_argument("--sleep", type=float, default=5.0, help="Seconds between passes.")
        parser.add_argument("--name", default="", help="This worker's name (host:pid).")
        parser.add_argument("--no-jobs", action="store_true", help="Only send e-mails.")
        parser.add_argument(
            "--jobs-at",
            type=datetime.fromisoformat,
            default=None,
            help="With --once: run the job slots due at this moment (ISO 8601, with its offset) "
            "instead of now, to catch up a slot missed while no worker ran.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"] or f"{socket.gethostname()}:{os.getpid()}"
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        while True:
            try:
                self.one_pass(name, jobs_too=not options["no_jobs"], at=options["jobs_at"])
            except DatabaseError as error:
                # The database is down or slow: wait and try again, never crash the loop.
                self.stderr.write(f"worker: database unavailable: {error}")
            if options["once"] or self.stopping:
                return
            close_old_connections()  # like the end of a request: drop broken connections
            self._sleep(options["sleep"])

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(0.2, seconds))

    def one_pass(self, name: str, *, jobs_too: bool, at: datetime | None = None) -> None:
        Heartbeat.objects.update_or_create(worker=name[:100], defaults={"seen_at": timezone.now()})
        lease = timedelta(seconds=int(getattr(settings, "OUTBOX_LEASE_SECONDS", 600)))
        outbox.release_interrupted(older_than=lease)
        ran = jobs.run_due(name, now=at) if jobs_too else 0
        sent, failed = outbox.process(name)
        if sent or failed or ran:
            self.stdout.write(f"worker: {sent} sent, {failed} failed attempts, {ran} jobs run")

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True

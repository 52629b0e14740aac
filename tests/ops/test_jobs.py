"""Periodic jobs: each (job, slot) runs once however many workers there are."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from filet.ops import jobs
from filet.ops.models import JobRun, OutboxMessage
from tests.pivots.builders import designation

pytestmark = pytest.mark.django_db
TORONTO = ZoneInfo("America/Toronto")


def test_a_daily_reminder_slot_runs_once_for_two_workers(worker_sends, personas):
    with time_machine.travel(datetime(2025, 3, 1, 9, tzinfo=TORONTO), tick=False):
        designation(personas)
    pivots_job = next(job for job in jobs.SCHEDULE if job.name == "pivot_reminders")
    with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=TORONTO), tick=False):
        assert jobs.run_due("one", jobs=(pivots_job,)) == 1
        assert jobs.run_due("two", jobs=(pivots_job,)) == 0
    run = JobRun.objects.get()
    assert (run.job, run.slot, run.worker, run.ok) == ("pivot_reminders", "2026-03-02", "one", True)
    assert run.output == "pivot_reminders: 1 reminded, 0 escalated"
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [
        [personas.representative.email]
    ]
    assert mail.outbox == []  # the worker's outbox pass sends it


def test_slots_follow_the_period_in_local_time():
    moment = datetime(2026, 3, 2, 1, 30, tzinfo=ZoneInfo("UTC"))  # 20:30 the day before
    by_name = {job.name: job for job in jobs.SCHEDULE}
    assert by_name["send_meeting_reminders"].slot(moment) == "2026-03-01T20"
    assert by_name["pivot_reminders"].slot(moment) == "2026-03-01"
    assert by_name["send_bulletin"].slot(moment) == "2026-03"
    assert by_name["send_bulletin"].arguments(moment) == ["--month=2026-02"]


def test_daily_jobs_wait_for_the_morning():
    job = next(job for job in jobs.SCHEDULE if job.name == "pivot_reminders")
    assert not job.is_time(datetime(2026, 3, 2, 5, 59, tzinfo=TORONTO))
    assert job.is_time(datetime(2026, 3, 2, 6, 0, tzinfo=TORONTO))


def test_a_command_that_is_not_installed_is_skipped():
    missing = jobs.Job("nothing", jobs.DAILY, command="no_such_command_here")
    assert not missing.available()


def test_a_failing_job_is_recorded_and_the_others_run(db):
    def broken() -> str:
        raise ValueError("broken")

    failing = jobs.Job("broken", jobs.HOURLY, function=broken)
    fine = jobs.Job("fine", jobs.HOURLY, function=lambda: "done")
    assert jobs.run_due("one", jobs=(failing, fine)) == 2
    assert dict(JobRun.objects.values_list("job", "ok")) == {"broken": False, "fine": True}
    assert JobRun.objects.get(job="broken").output == "ValueError: broken"

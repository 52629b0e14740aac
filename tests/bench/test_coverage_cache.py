"""The training coverage page reads the report from the cache (issue 8, performance at
provincial scale): the cached report must equal the computed one, page by page, and any
change to what it reads must be seen on the next request."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from filet.audit.actions import record
from filet.organisations.models import Membership, Role
from filet.training import coverage, coverage_cache
from filet.training.models import Completion, CompletionMethod, CompletionStatus, ModuleVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny(db) -> None:
    call_command("generate", "--scale", "tiny", stdout=StringIO())


def _line(line: coverage.Line) -> tuple:
    return (
        line.person.pk,
        line.person.full_name,
        line.organisation.pk,
        line.organisation.name_fr,
        line.role_label,
        line.module.pk,
        line.latest_number,
        line.completed_number,
        line.status,
    )


def _totals(report) -> list[tuple]:
    return [
        (t.organisation.pk, t.organisation.name_fr, t.people_count, t.current_count)
        for t in report.organisations
    ]


def _same(summary: coverage_cache.Summary, report: coverage.Coverage) -> None:
    assert _totals(summary) == _totals(report)
    assert [_line(line) for line in summary.not_current] == [
        _line(line) for line in report.not_current
    ]


@pytest.mark.parametrize("scope", ["all", "one"])
def test_the_cached_report_is_the_computed_one_in_every_slice(tiny, monkeypatch, scope):
    monkeypatch.setattr(coverage_cache, "CHUNK", 2)  # slices straddle several chunks
    ids = (
        None if scope == "all" else {Membership.objects.filter(role=Role.PIVOT)[0].organisation_id}
    )
    report = coverage.compute(ids)
    assert len(report.not_current) > 3
    coverage_cache.summary(ids)  # stores it
    cached = coverage_cache.summary(ids)
    _same(cached, report)
    expected = [_line(line) for line in report.not_current]
    for start, stop in ((0, 2), (1, 4), (3, 4), (1, len(expected)), (len(expected) - 1, 999)):
        assert [_line(line) for line in cached.not_current[start:stop]] == expected[start:stop]
    assert _line(cached.not_current[-1]) == expected[-1]
    with pytest.raises(IndexError):
        cached.not_current[len(expected)]


def test_a_second_read_makes_no_computation(tiny, monkeypatch):
    coverage_cache.summary()

    def fail(*args, **kwargs):
        raise AssertionError("computed again")

    monkeypatch.setattr(coverage_cache, "compute", fail)
    assert len(coverage_cache.summary().not_current[:100]) > 0


def test_evicted_chunks_are_computed_again(tiny, monkeypatch):
    monkeypatch.setattr(coverage_cache, "CHUNK", 2)
    first = [_line(line) for line in coverage_cache.summary().not_current]
    key = coverage_cache._key(None)
    coverage_cache.cache.delete(f"{key}:lines:1")
    assert [_line(line) for line in coverage_cache.summary().not_current] == first


def _lacking_pivot() -> tuple[int, ModuleVersion]:
    line = next(
        line
        for line in coverage.compute().not_current
        if line.status == coverage.CoverageStatus.MISSING
    )
    return line.person.pk, ModuleVersion.objects.get(module=line.module, number=line.latest_number)


def test_a_completion_is_seen_on_the_next_read(tiny, django_capture_on_commit_callbacks):
    coverage_cache.summary()
    user_id, version = _lacking_pivot()
    with django_capture_on_commit_callbacks(execute=True):
        Completion.objects.create(
            user_id=user_id,
            version=version,
            method=CompletionMethod.ATTENDANCE,
            status=CompletionStatus.APPROVED,
            completed_on=datetime.date(2026, 1, 5),
        )
    _same(coverage_cache.summary(), coverage.compute())


def test_the_generation_changes_only_once_the_transaction_commits(
    tiny, django_capture_on_commit_callbacks
):
    before = coverage_cache.GENERATION.current()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        membership = Membership.objects.filter(role=Role.WORKER).first()
        membership.ended_at = membership.started_at
        membership.save()
        # Until the commit, readers keep the report of the data they can see.
        assert coverage_cache.GENERATION.current() == before
    for callback in callbacks:
        callback()
    assert coverage_cache.GENERATION.current() != before


def test_renaming_a_person_invalidates_a_sign_in_does_not(tiny, django_capture_on_commit_callbacks):
    membership = Membership.objects.filter(role=Role.PIVOT).select_related("user").first()
    user = membership.user
    before = coverage_cache.GENERATION.current()
    with django_capture_on_commit_callbacks(execute=True):
        user.last_login = datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
        user.save(update_fields=["last_login"])
    assert coverage_cache.GENERATION.current() == before
    with django_capture_on_commit_callbacks(execute=True):
        user.full_name = "Renamed Person"
        user.save(update_fields=["full_name"])
    assert coverage_cache.GENERATION.current() != before


def test_an_audited_training_action_invalidates(tiny, django_capture_on_commit_callbacks):
    # Attendance approves completions with QuerySet.update(): its audit entry is the signal.
    before = coverage_cache.GENERATION.current()
    with django_capture_on_commit_callbacks(execute=True):
        record(None, "auth.login_failed", None)
    assert coverage_cache.GENERATION.current() == before
    with django_capture_on_commit_callbacks(execute=True):
        record(None, "training.attendance_taken", None, changed=1)
    assert coverage_cache.GENERATION.current() != before

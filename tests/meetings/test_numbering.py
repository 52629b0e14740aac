import threading
from datetime import datetime, timedelta

from django.db import connections
from django.utils import timezone

from filet.meetings import actions
from filet.meetings.models import Resolution
from tests.meetings.builders import make_meeting, make_resolution


def test_numbers_follow_each_other_within_a_year_and_restart_the_next(personas):
    first = make_meeting(personas, starts_at=timezone.make_aware(datetime(2026, 3, 5, 13, 30)))
    next_year = make_meeting(personas, starts_at=timezone.make_aware(datetime(2027, 1, 14, 13, 30)))
    codes = [make_resolution(personas, first).code for _ in range(3)]
    codes.append(make_resolution(personas, next_year).code)
    assert codes == ["2026-01", "2026-02", "2026-03", "2027-01"]


def test_a_vote_keeps_its_counts_and_consensus_none(personas):
    meeting = make_meeting(personas)
    vote = actions.take_resolution(
        meeting,
        by=personas.coordinator,
        data=actions.ResolutionInput(
            decision="Adopté.", method="vote", votes_for=9, votes_against=1, abstentions=2
        ),
    )
    consensus = actions.take_resolution(
        meeting,
        by=personas.coordinator,
        data=actions.ResolutionInput(decision="Adopté.", votes_for=9),
    )
    assert (vote.votes_for, vote.votes_against, vote.abstentions) == (9, 1, 2)
    assert (consensus.votes_for, consensus.votes_against, consensus.abstentions) == (
        None,
        None,
        None,
    )


def test_two_concurrent_resolutions_get_two_numbers(transactional_db, personas):
    meeting = make_meeting(personas, starts_at=timezone.now() + timedelta(days=1))
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def take() -> None:
        try:
            barrier.wait()
            make_resolution(personas, meeting)
        except BaseException as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(Resolution.objects.values_list("number", flat=True)) == [1, 2]

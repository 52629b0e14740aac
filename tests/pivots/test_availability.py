from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from filet.pivots import actions
from tests.pivots.builders import designation

pytestmark = pytest.mark.django_db
QUEBEC = ZoneInfo("America/Toronto")


def _pivot(personas):
    return designation(personas, slots=[(1, time(9, 0), time(17, 0))])  # Tuesdays


def test_available_inside_a_weekly_range_in_quebec_time(personas):
    made = _pivot(personas)
    assert made.is_available(datetime(2026, 6, 9, 9, 0, tzinfo=QUEBEC)) is True
    assert made.is_available(datetime(2026, 6, 9, 17, 0, tzinfo=QUEBEC)) is False
    assert made.is_available(datetime(2026, 6, 10, 10, 0, tzinfo=QUEBEC)) is False


def test_utc_moments_are_read_in_quebec_time(personas):
    made = _pivot(personas)
    # 13:30 UTC is 09:30 in Québec in June (EDT).
    assert made.is_available(datetime(2026, 6, 9, 13, 30, tzinfo=ZoneInfo("UTC"))) is True
    assert made.is_available(datetime(2026, 6, 9, 12, 30, tzinfo=ZoneInfo("UTC"))) is False


def test_an_absence_wins_over_the_hours(personas):
    made = _pivot(personas)
    actions.add_absence(
        made, by=personas.representative, starts_on=date(2026, 6, 8), ends_on=date(2026, 6, 12)
    )
    assert made.is_available(datetime(2026, 6, 9, 10, 0, tzinfo=QUEBEC)) is False
    assert made.is_available(datetime(2026, 6, 16, 10, 0, tzinfo=QUEBEC)) is True

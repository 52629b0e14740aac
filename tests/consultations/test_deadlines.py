from datetime import date, datetime

import pytest

from filet.consultations.deadlines import (
    add_working_days,
    due_at,
    easter,
    holidays,
    is_working_day,
    step_at,
)
from filet.pivots.models import LOCAL_ZONE


def _local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LOCAL_ZONE)


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5))],
)
def test_easter(year, expected):
    assert easter(year) == expected


def test_quebec_statutory_holidays_of_2026():
    assert sorted(holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 18),  # National Patriots' Day
        date(2026, 6, 24),
        date(2026, 7, 1),
        date(2026, 9, 7),  # Labour Day
        date(2026, 10, 12),  # Thanksgiving
        date(2026, 12, 25),
    ]


def test_a_sunday_fete_nationale_is_taken_on_monday():
    assert date(2029, 6, 25) in holidays(2029)
    assert date(2029, 6, 24) not in holidays(2029)


def test_weekends_and_holidays_are_not_working_days():
    assert is_working_day(date(2026, 6, 23))
    assert not is_working_day(date(2026, 6, 24))
    assert not is_working_day(date(2026, 6, 27))


def test_two_working_days_skip_the_weekend_and_the_holiday():
    assert add_working_days(date(2026, 6, 22), 2) == date(2026, 6, 25)  # Monday, 24 off
    assert add_working_days(date(2026, 6, 26), 2) == date(2026, 6, 30)  # Friday
    assert add_working_days(date(2026, 6, 29), 2) == date(2026, 7, 2)  # July 1 off
    assert add_working_days(date(2026, 11, 27), 2) == date(2026, 12, 1)


def test_normal_urgency_is_two_working_days_at_the_end_of_the_day():
    assert due_at("normal", _local("2026-11-27 10:00")) == _local("2026-12-01 23:59:59")
    assert due_at("normal", _local("2026-11-28 10:00")) == _local("2026-12-01 23:59:59")


def test_urgent_is_the_same_day_with_at_least_four_hours():
    assert due_at("urgent", _local("2026-11-27 10:00")) == _local("2026-11-27 23:59:59")
    assert due_at("urgent", _local("2026-11-27 21:30")) == _local("2026-11-28 01:30")


def test_the_chain_steps_are_hours_apart_when_urgent_and_working_days_otherwise():
    deadline = _local("2026-11-27 23:59:59")
    assert step_at("urgent", deadline, 0) == deadline
    assert step_at("urgent", deadline, 2) == _local("2026-11-28 07:59:59")
    assert step_at("normal", deadline, 1) == _local("2026-11-30 23:59:59")
    assert step_at("normal", deadline, 2) == _local("2026-12-01 23:59:59")

"""When an answer is expected, in Québec time: urgent the same day, normal within two working
days. Working days skip weekends and Québec's statutory holidays (Act respecting labour
standards, s. 60, with Good Friday and Easter Monday both off as in the public sector)."""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

from filet.pivots.models import LOCAL_ZONE

END_OF_DAY = time(23, 59, 59)
# An urgent question asked late in the evening still leaves the pivot a few hours.
URGENT_FLOOR = timedelta(hours=4)
NORMAL_WORKING_DAYS = 2
# The overdue chain: backup then representative, this long after the deadline.
URGENT_STEP = timedelta(hours=4)


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _observed(day: date) -> date:
    """Fête nationale and Canada Day falling on a Sunday are taken the next day."""
    return day + timedelta(days=1) if day.weekday() == 6 else day


def _nth_monday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7 + 7 * (n - 1))


@lru_cache(maxsize=64)
def holidays(year: int) -> frozenset[date]:
    easter_day = easter(year)
    may_24 = date(year, 5, 24)
    return frozenset(
        {
            date(year, 1, 1),
            easter_day - timedelta(days=2),  # Good Friday
            easter_day + timedelta(days=1),  # Easter Monday
            may_24 - timedelta(days=may_24.weekday()),  # National Patriots' Day
            _observed(date(year, 6, 24)),
            _observed(date(year, 7, 1)),
            _nth_monday(year, 9, 1),  # Labour Day
            _nth_monday(year, 10, 2),  # Thanksgiving
            date(year, 12, 25),
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def add_working_days(day: date, count: int) -> date:
    """The count-th working day after `day` (day itself not counted)."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def _end_of(day: date) -> datetime:
    return datetime.combine(day, END_OF_DAY, tzinfo=LOCAL_ZONE)


def due_at(urgency: str, moment: datetime) -> datetime:
    """The deadline of a question asked at `moment`."""
    local = moment.astimezone(LOCAL_ZONE)
    if urgency == "urgent":
        return max(_end_of(local.date()), local + URGENT_FLOOR)
    return _end_of(add_working_days(local.date(), NORMAL_WORKING_DAYS))


def step_at(urgency: str, deadline: datetime, step: int) -> datetime:
    """When the step-th stage of the overdue chain is due (0: reminder at the deadline,
    1: backup pivot, 2: representative): hours apart when urgent, working days otherwise."""
    if step == 0:
        return deadline
    if urgency == "urgent":
        return deadline + URGENT_STEP * step
    return _end_of(add_working_days(deadline.astimezone(LOCAL_ZONE).date(), step))

"""The one business-day calendar: Europe/Paris, Monday to Friday, French public holidays off.

Used by the reminder engine (offsets counted in business days, nothing sent on a holiday) and by the
internships' waiting-time rules alike, so that both agree on what a working day is.
"""

import datetime
import functools
from zoneinfo import ZoneInfo

import holidays

PARIS = ZoneInfo("Europe/Paris")


@functools.lru_cache(maxsize=32)
def _french_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.France(years=year).keys())


def is_business_day(day: datetime.date) -> bool:
    """Monday to Friday, and not a French public holiday (1 May, 14 July, Easter Monday...)."""
    return day.weekday() < 5 and day not in _french_holidays(day.year)


def add_business_days(day: datetime.date, count: int) -> datetime.date:
    """`count` business days after `day` (before it when negative). 0 gives `day` itself."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += datetime.timedelta(days=step)
        if is_business_day(day):
            remaining -= 1
    return day


def business_days_between(start: datetime.date, end: datetime.date) -> int:
    """Business days after `start` up to and including `end`."""
    days, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_business_day(day):
            days += 1
    return days

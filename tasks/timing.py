"""Humane time: Europe/Paris, quiet hours, business days and French public holidays (from
`core.calendar`, the one business-day calendar).

Every due time goes through `next_allowed()` before a reminder is planned, and again just before it is
sent (a backlog claimed late in the evening is postponed to the morning, not sent at night).
"""

import datetime

from django.conf import settings

from core.calendar import PARIS, add_business_days, is_business_day

__all__ = ["PARIS", "add_business_days", "apply_offset", "is_business_day", "next_allowed", "quiet_hours"]


def _parse(value: str) -> datetime.time:
    hour, minute = value.split(":")
    return datetime.time(int(hour), int(minute))


DEFAULT_QUIET_HOURS = ("20:00", "08:30")


def quiet_hours() -> tuple[datetime.time, datetime.time] | None:
    """(start, end) of the night: no reminder is sent from `start` until `end` the next morning.

    ``settings.REMINDERS_QUIET_HOURS = None`` switches quiet hours off (used by tests with a real worker).
    """
    value = getattr(settings, "REMINDERS_QUIET_HOURS", DEFAULT_QUIET_HOURS)
    if value is None:
        return None
    start, end = value
    return _parse(start), _parse(end)


def apply_offset(reference: datetime.datetime, value: int, unit: str) -> datetime.datetime:
    """The reference moment moved by the rule's offset, counted in Paris local dates."""
    local = reference.astimezone(PARIS)
    if unit == "business_days":
        day = add_business_days(local.date(), value)
    else:
        day = local.date() + datetime.timedelta(days=value)
    return datetime.datetime.combine(day, local.time().replace(tzinfo=None), tzinfo=PARIS).astimezone(datetime.UTC)


def next_allowed(
    moment: datetime.datetime, *, quiet: bool = True, business_days_only: bool = False
) -> datetime.datetime:
    """The first moment at or after `moment` when a reminder may be sent (returned in UTC)."""
    hours = quiet_hours()
    if hours is None:
        quiet = False
        start = end = datetime.time(0, 0)
    else:
        start, end = hours
    local = moment.astimezone(PARIS)
    for _ in range(40):  # a fortnight of holidays and weekends at most; the loop always settles sooner
        moved = False
        if quiet and local.time() >= start:
            local = datetime.datetime.combine(local.date() + datetime.timedelta(days=1), end, tzinfo=PARIS)
            moved = True
        if quiet and local.time() < end:
            local = datetime.datetime.combine(local.date(), end, tzinfo=PARIS)
            moved = True
        if business_days_only and not is_business_day(local.date()):
            morning = end if quiet else datetime.time(0, 0)
            local = datetime.datetime.combine(local.date() + datetime.timedelta(days=1), morning, tzinfo=PARIS)
            moved = True
        if not moved:
            break
    return local.astimezone(datetime.UTC)


def is_allowed(moment: datetime.datetime, *, quiet: bool = True, business_days_only: bool = False) -> bool:
    return next_allowed(moment, quiet=quiet, business_days_only=business_days_only) == moment.astimezone(datetime.UTC)


def local_day_start(moment: datetime.datetime) -> datetime.datetime:
    local = moment.astimezone(PARIS)
    return datetime.datetime.combine(local.date(), datetime.time(0, 0), tzinfo=PARIS)


def local_week_start(moment: datetime.datetime) -> datetime.datetime:
    day = local_day_start(moment)
    return day - datetime.timedelta(days=day.weekday())

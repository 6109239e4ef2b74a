import datetime

from tasks import timing
from tests.tasks.conftest import paris

UTC = datetime.UTC


def test_next_allowed_daytime_is_unchanged():
    moment = paris(2026, 6, 16, 10, 0)
    assert timing.next_allowed(moment) == moment.astimezone(UTC)


def test_next_allowed_evening_moves_to_next_morning():
    assert timing.next_allowed(paris(2026, 6, 16, 20, 0)) == paris(2026, 6, 17, 8, 30).astimezone(UTC)
    assert timing.next_allowed(paris(2026, 6, 16, 23, 59)) == paris(2026, 6, 17, 8, 30).astimezone(UTC)


def test_next_allowed_early_morning_waits_until_half_past_eight():
    assert timing.next_allowed(paris(2026, 6, 17, 6, 0)) == paris(2026, 6, 17, 8, 30).astimezone(UTC)
    assert timing.next_allowed(paris(2026, 6, 17, 8, 29)) == paris(2026, 6, 17, 8, 30).astimezone(UTC)


def test_next_allowed_respects_business_days_weekend_and_french_holidays():
    # Saturday -> Monday morning
    assert timing.next_allowed(paris(2026, 6, 20, 10, 0), business_days_only=True) == paris(
        2026, 6, 22, 8, 30
    ).astimezone(UTC)
    # 14 July 2026 is a Tuesday and a public holiday -> Wednesday 15
    assert timing.next_allowed(paris(2026, 7, 14, 11, 0), business_days_only=True) == paris(
        2026, 7, 15, 8, 30
    ).astimezone(UTC)
    # 1 May 2026 is a Friday -> Monday 4 May
    assert timing.next_allowed(paris(2026, 5, 1, 9, 0), business_days_only=True) == paris(2026, 5, 4, 8, 30).astimezone(
        UTC
    )
    # Without the business-day flag, a holiday is an ordinary day
    assert timing.next_allowed(paris(2026, 7, 14, 11, 0)) == paris(2026, 7, 14, 11, 0).astimezone(UTC)


def test_is_business_day():
    assert timing.is_business_day(datetime.date(2026, 7, 13))
    assert not timing.is_business_day(datetime.date(2026, 7, 14))
    assert not timing.is_business_day(datetime.date(2026, 5, 1))
    assert not timing.is_business_day(datetime.date(2026, 4, 6))  # Easter Monday 2026
    assert not timing.is_business_day(datetime.date(2026, 6, 21))  # Sunday


def test_add_business_days_skips_holidays_both_ways():
    assert timing.add_business_days(datetime.date(2026, 7, 10), 2) == datetime.date(2026, 7, 15)
    assert timing.add_business_days(datetime.date(2026, 7, 20), -5) == datetime.date(2026, 7, 10)
    assert timing.add_business_days(datetime.date(2026, 7, 20), 0) == datetime.date(2026, 7, 20)


def test_apply_offset_keeps_the_local_time_across_daylight_saving():
    # 25 October 2026: clocks go back in Paris; 10:00 stays 10:00 local
    moment = timing.apply_offset(paris(2026, 10, 20, 10, 0), 7, "days")
    assert moment.astimezone(timing.PARIS).replace(tzinfo=None) == datetime.datetime(2026, 10, 27, 10, 0)


def test_quiet_hours_can_be_switched_off(settings):
    settings.REMINDERS_QUIET_HOURS = None
    moment = paris(2026, 6, 16, 23, 0)
    assert timing.next_allowed(moment) == moment.astimezone(UTC)


def test_quiet_hours_come_from_settings(settings):
    settings.REMINDERS_QUIET_HOURS = ("21:00", "09:00")
    assert timing.next_allowed(paris(2026, 6, 16, 20, 30)) == paris(2026, 6, 16, 20, 30).astimezone(UTC)
    assert timing.next_allowed(paris(2026, 6, 17, 8, 45)) == paris(2026, 6, 17, 9, 0).astimezone(UTC)

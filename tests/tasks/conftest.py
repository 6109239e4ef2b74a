"""Fixtures of the reminder engine's tests."""

import datetime
import uuid

import pytest
from django.utils import timezone

from tasks import timing
from tasks.services import rules_sync
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory


def paris(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=timing.PARIS)


@pytest.fixture(autouse=True)
def _reminder_settings(settings):
    # A lock key of its own per test, so that parallel runs never share the dispatcher lock.
    settings.REMINDERS_KEY_PREFIX = f"pa-test-{uuid.uuid4().hex[:10]}"
    settings.SITE_URL = "https://formation.example.test"


@pytest.fixture
def rules(db):
    rules_sync()
    from tasks.models import ReminderRule

    return {rule.code: rule for rule in ReminderRule.objects.all()}


def make_inactive_learners(count: int, *, cohort=None, days: int = 20, now=None, **user_fields):
    """`count` learners of a running cohort, last seen `days` ago."""
    now = now or timezone.now()
    cohort = cohort or CohortFactory(
        starts_on=timezone.localdate(now) - datetime.timedelta(days=60),
        ends_on=timezone.localdate(now) + datetime.timedelta(days=200),
    )
    learners = []
    for _ in range(count):
        learner = UserFactory(last_login=now - datetime.timedelta(days=days), **user_fields)
        EnrolmentFactory(cohort=cohort, learner=learner)
        learners.append(learner)
    return cohort, learners


@pytest.fixture
def live_celery(redis_url, settings, transactional_db, tmp_path):
    """This process sends to a real Redis; `live.start_worker(...)` starts real workers on it."""
    from tests.tasks.live import LiveCelery

    settings.REDIS_URL = redis_url
    settings.REMINDERS_QUIET_HOURS = None
    settings.REMINDERS_STUCK_AFTER = 3
    with LiveCelery(redis_url, tmp_path) as live:
        settings.REMINDERS_KEY_PREFIX = live.prefix
        yield live

"""Fixtures of the reminder engine's tests."""

import datetime

import pytest

from tasks import timing
from tasks.services import rules_sync


def paris(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=timing.PARIS)


@pytest.fixture
def rules(db):
    rules_sync()
    from tasks.models import ReminderRule

    return {rule.code: rule for rule in ReminderRule.objects.all()}

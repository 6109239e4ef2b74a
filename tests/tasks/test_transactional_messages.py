"""Quiet hours hold back nudges, never the answers to what someone just did or a decision just published."""

import datetime

import pytest
import time_machine

from tasks import registry, timing
from tasks.models import Outbox
from tasks.registry import Due
from tasks.services import message_queue, rules_sync

pytestmark = pytest.mark.django_db


def test_every_message_goes_at_once_and_every_nudge_keeps_quiet_hours():
    specs = registry.rule_specs()
    messages = [spec for spec in specs if spec.is_message]
    nudges = [spec for spec in specs if not spec.is_message and not spec.is_digest]
    assert len(messages) >= 12 and len(nudges) >= 10
    assert [spec.code for spec in messages if spec.quiet_hours] == []
    assert [spec.code for spec in nudges if not spec.quiet_hours] == []


@pytest.mark.parametrize("code", ["cohorts.message_dossier_incomplete", "cohorts.message_decision_letter"])
def test_an_evening_message_is_due_at_once(code, settings, django_capture_on_commit_callbacks):
    settings.REMINDERS_QUIET_HOURS = ("20:00", "08:30")
    rules_sync()
    evening = datetime.datetime(2026, 11, 18, 22, 30, tzinfo=timing.PARIS)
    with time_machine.travel(evening, tick=False):
        message_queue(code, [Due(reason="application:1:test", reference=evening, email="camille@example.test")])
    assert Outbox.objects.get(rule__code=code).due_at == evening

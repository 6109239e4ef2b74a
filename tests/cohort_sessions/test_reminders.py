"""The cohort calendar's reminder: a learner hears of a session two days before it, and never after it moved."""

import datetime
import uuid

import pytest

from cohort_sessions import reminders
from cohorts.enums import EnrolmentStatus
from tasks.enums import OutboxState
from tasks.models import Outbox
from tasks.services import plan_all, rules_sync
from tests.factories import CohortFactory, CohortSessionFactory, EnrolmentFactory, UserFactory
from tests.tasks.conftest import paris
from tests.tasks.helpers import at, plan_and_dispatch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reminder_settings(settings):
    settings.REMINDERS_KEY_PREFIX = f"pa-test-{uuid.uuid4().hex[:10]}"
    settings.SITE_URL = "https://formation.example.test"


@pytest.fixture
def rules(db):
    rules_sync()


def _rows(code: str):
    return Outbox.objects.filter(rule__code=code)


# --- Learner: a cohort session in two days ----------------------------------------------------------


@pytest.fixture
def session_setup():
    cohort = CohortFactory(starts_on=datetime.date(2026, 1, 5), ends_on=datetime.date(2026, 12, 18))
    other_cohort = CohortFactory(starts_on=datetime.date(2026, 1, 5), ends_on=datetime.date(2026, 12, 18))
    learner = UserFactory(first_name="Noé", last_login=paris(2026, 6, 15, 9, 0))
    withdrawn = UserFactory(last_login=paris(2026, 6, 15, 9, 0))
    other = UserFactory(last_login=paris(2026, 6, 15, 9, 0))
    EnrolmentFactory(cohort=cohort, learner=learner)
    EnrolmentFactory(cohort=cohort, learner=withdrawn, status=EnrolmentStatus.WITHDRAWN)
    EnrolmentFactory(cohort=other_cohort, learner=other)
    session = CohortSessionFactory(
        cohort=cohort, date=datetime.date(2026, 6, 18), starts_at=datetime.time(9, 30), title="Écoute active"
    )
    return session, learner, withdrawn, other


def test_session_reminded_two_days_before_to_its_cohort_only(rules, session_setup, django_capture_on_commit_callbacks):
    _session, learner, withdrawn, other = session_setup
    capture = django_capture_on_commit_callbacks
    assert plan_and_dispatch(capture, paris(2026, 6, 16, 9, 29)) == []
    sent = plan_and_dispatch(capture, paris(2026, 6, 16, 9, 30))
    assert [m.to for m in sent] == [[learner.email]]
    assert sent[0].subject == "Regroupement « Écoute active » le 18/06/2026"
    assert "Bonjour Noé" in sent[0].body and "à 09:30" in sent[0].body
    assert "List-Unsubscribe" in sent[0].extra_headers
    assert plan_and_dispatch(capture, paris(2026, 6, 17, 9, 30)) == []
    assert _rows(reminders.SESSION_SOON).count() == 1
    assert not Outbox.objects.filter(recipient__in=[withdrawn, other]).exists()


def test_session_reminder_cancelled_when_the_session_moves(rules, session_setup, django_capture_on_commit_callbacks):
    session, *_ = session_setup
    with at(paris(2026, 6, 16, 9, 0)):
        plan_all()
    session.date = datetime.date(2026, 6, 25)
    session.save()
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 16, 9, 30)) == []
    assert _rows(reminders.SESSION_SOON).get().state == OutboxState.CANCELLED

"""Every rule of the catalogue: sent at the right moment, not at the wrong ones (time frozen)."""

import datetime

import pytest
from django.core import mail

from cohorts.enums import EnrolmentStatus
from tasks.enums import OutboxKind, OutboxState
from tasks.models import Outbox, ReminderOptOut
from tasks.reminders import COHORT_STARTING, COORDINATOR_DIGEST, LEARNER_INACTIVE
from tasks.services import plan_all, reminder_unsubscribe
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory
from tests.tasks.conftest import paris
from tests.tasks.helpers import at, plan_and_dispatch

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort_2026():
    coordinator = UserFactory(email="coord@example.test", first_name="Claire")
    return CohortFactory(
        starts_on=datetime.date(2026, 1, 5), ends_on=datetime.date(2026, 12, 18), coordinators=[coordinator]
    )


def _learner(cohort, last_login, **fields):
    learner = UserFactory(last_login=last_login, **fields)
    enrolment = EnrolmentFactory(cohort=cohort, learner=learner)
    return learner, enrolment


# --- Learner inactive ------------------------------------------------------------------------------


def test_inactive_learner_reminded_fourteen_days_after_last_visit_not_before(
    rules, cohort_2026, django_capture_on_commit_callbacks
):
    learner, _ = _learner(cohort_2026, paris(2026, 6, 1, 10, 0), first_name="Léa")
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 14, 10, 0)) == []
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 9, 50)) == []  # planned, not due
    assert Outbox.objects.get().state == OutboxState.PENDING
    sent = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 10, 0))
    assert [message.to for message in sent] == [[learner.email]]
    assert sent[0].subject == "Votre formation vous attend, à votre rythme"
    assert "Bonjour Léa" in sent[0].body
    row = Outbox.objects.get()
    assert row.state == OutboxState.SENT
    assert row.cohort == cohort_2026


def test_inactive_learner_never_reminded_at_night(rules, cohort_2026, django_capture_on_commit_callbacks):
    _learner(cohort_2026, paris(2026, 6, 1, 22, 15))
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 22, 15)) == []
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 16, 3, 0)) == []
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 16, 8, 29)) == []
    assert len(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 16, 8, 30))) == 1


def test_inactive_reminder_repeats_weekly_three_times_then_escalates_to_coordinator_digest(
    rules, cohort_2026, django_capture_on_commit_callbacks
):
    learner, _ = _learner(cohort_2026, paris(2026, 6, 1, 10, 0), first_name="Léa", last_name="Martin")
    first = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 10, 0))
    assert len(first) == 1
    # Not again before a week has passed
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 19, 10, 0)) == []
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 22, 9, 59)) == []
    assert len(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 22, 10, 0))) == 1
    assert len(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 29, 10, 0))) == 1
    # The third was the last: no fourth e-mail to the learner...
    later = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 6, 10, 0))
    assert [m.to for m in later if m.to == [learner.email]] == []
    # ...but the coordinator's digest of that day says the learner has not come back
    escalation = Outbox.objects.get(kind=OutboxKind.ESCALATION)
    assert escalation.recipient.email == "coord@example.test"
    assert escalation.state == OutboxState.SENT
    digest = escalation.digest
    assert digest.rule.code == COORDINATOR_DIGEST
    [digest_mail] = [m for m in later if m.to == ["coord@example.test"]]
    assert "Léa Martin" in digest_mail.body
    assert "3" in digest_mail.body
    assert Outbox.objects.filter(rule__code=LEARNER_INACTIVE, kind=OutboxKind.REMINDER).count() == 3
    # Planning again changes nothing
    with at(paris(2026, 7, 7, 10, 0)):
        count = Outbox.objects.count()
        plan_all()
        assert Outbox.objects.filter(kind=OutboxKind.ESCALATION).count() == 1
        assert Outbox.objects.count() == count + 0


def test_inactive_reminder_cancelled_when_the_learner_comes_back(
    rules, cohort_2026, django_capture_on_commit_callbacks
):
    learner, _ = _learner(cohort_2026, paris(2026, 6, 1, 22, 0))
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 16, 7, 45)) == []  # for 8:30
    assert Outbox.objects.get().state == OutboxState.PENDING
    learner.last_login = paris(2026, 6, 16, 8, 0)
    learner.save()
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 16, 8, 30)) == []
    row = Outbox.objects.get()
    assert row.state == OutboxState.CANCELLED
    assert row.events.last().note == "Reason has gone"


def test_inactive_reminder_stops_when_enrolment_is_completed(rules, cohort_2026, django_capture_on_commit_callbacks):
    _, enrolment = _learner(cohort_2026, paris(2026, 6, 1, 10, 0))
    assert len(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 10, 0))) == 1
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.save()
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 22, 10, 0)) == []
    assert Outbox.objects.count() == 1


def test_inactive_reminder_at_most_once_a_week_per_learner(rules, django_capture_on_commit_callbacks):
    learner = UserFactory(last_login=paris(2026, 6, 1, 10, 0))
    for label in ("A", "B"):
        cohort = CohortFactory(label=label, starts_on=datetime.date(2026, 1, 5), ends_on=datetime.date(2026, 12, 18))
        EnrolmentFactory(cohort=cohort, learner=learner)
    assert len(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 10, 0))) == 1
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 18, 10, 0)) == []
    assert len(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 22, 10, 0))) == 1


def test_unsubscribed_learner_gets_no_inactivity_reminder(rules, cohort_2026, django_capture_on_commit_callbacks):
    learner, _ = _learner(cohort_2026, paris(2026, 6, 1, 10, 0))
    with at(paris(2026, 6, 15, 9, 30)):
        plan_all()
    reminder_unsubscribe(user=learner, rule=rules[LEARNER_INACTIVE])
    assert Outbox.objects.get().state == OutboxState.CANCELLED
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 22, 10, 0)) == []
    assert ReminderOptOut.objects.filter(user=learner).count() == 1


def test_inactive_rule_offset_edited_by_coordinator_is_used(rules, cohort_2026, django_capture_on_commit_callbacks):
    from tasks.services import rule_update

    rule_update(rule=rules[LEARNER_INACTIVE], changes={"offset_value": 21})
    _learner(cohort_2026, paris(2026, 6, 1, 10, 0))
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 10, 0)) == []
    assert len(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 22, 10, 0))) == 1


def test_inactive_rule_switched_off_sends_nothing(rules, cohort_2026, django_capture_on_commit_callbacks):
    from tasks.services import rule_update

    _learner(cohort_2026, paris(2026, 6, 1, 10, 0))
    with at(paris(2026, 6, 15, 9, 30)):
        plan_all()
    rule_update(rule=rules[LEARNER_INACTIVE], changes={"enabled": False})
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 10, 0)) == []
    row = Outbox.objects.get()
    assert row.state == OutboxState.CANCELLED
    assert row.events.last().note == "Rule switched off"
    assert mail.outbox == []


# --- Cohort starting soon ----------------------------------------------------------------------------


def test_cohort_starting_reminder_sent_seven_days_before_at_nine(rules, django_capture_on_commit_callbacks):
    cohort = CohortFactory(starts_on=datetime.date(2026, 9, 14), ends_on=datetime.date(2027, 6, 30), label="2026-2027")
    learner = EnrolmentFactory(cohort=cohort, learner=UserFactory(preferred_language="en")).learner
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 9, 6, 9, 0)) == []
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 9, 7, 8, 59)) == []
    [message] = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 9, 7, 9, 0))
    assert message.to == [learner.email]
    assert message.subject == "Your cohort 2026-2027 starts soon"
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 9, 8, 9, 0)) == []


def test_cohort_starting_in_business_days_skips_14_july(rules, django_capture_on_commit_callbacks):
    from tasks.services import rule_update

    rule_update(
        rule=rules[COHORT_STARTING],
        changes={"offset_value": -5, "offset_unit": "business_days", "business_days_only": True},
    )
    cohort = CohortFactory(starts_on=datetime.date(2026, 7, 20), ends_on=datetime.date(2027, 6, 30))
    EnrolmentFactory(cohort=cohort)
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 9, 9, 0)) == []
    assert len(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 10, 9, 0))) == 1


def test_cohort_starting_falling_on_1_may_waits_for_next_business_day(rules, django_capture_on_commit_callbacks):
    from tasks.services import rule_update

    rule_update(rule=rules[COHORT_STARTING], changes={"business_days_only": True})
    # 8 May 2026 minus 7 days = Friday 1 May, a public holiday -> Monday 4 May 08:30... at 09:00 (reference time)
    cohort = CohortFactory(starts_on=datetime.date(2026, 5, 8), ends_on=datetime.date(2027, 6, 30))
    EnrolmentFactory(cohort=cohort)
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 5, 1, 9, 0)) == []
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 5, 2, 10, 0)) == []  # Saturday
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 5, 4, 8, 29)) == []
    assert len(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 5, 4, 8, 30))) == 1


def test_cohort_starting_cancelled_when_start_date_moves(rules, django_capture_on_commit_callbacks):
    cohort = CohortFactory(starts_on=datetime.date(2026, 9, 14), ends_on=datetime.date(2027, 6, 30))
    EnrolmentFactory(cohort=cohort)
    with at(paris(2026, 9, 7, 8, 30)):
        plan_all()
    cohort.starts_on = datetime.date(2026, 10, 5)
    cohort.save()
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 9, 7, 9, 0)) == []
    assert Outbox.objects.get().state == OutboxState.CANCELLED


def test_cohort_starting_not_sent_to_withdrawn_learner(rules, django_capture_on_commit_callbacks):
    cohort = CohortFactory(starts_on=datetime.date(2026, 9, 14), ends_on=datetime.date(2027, 6, 30))
    EnrolmentFactory(cohort=cohort, withdrawn=True)
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 9, 7, 9, 0)) == []
    assert Outbox.objects.count() == 0

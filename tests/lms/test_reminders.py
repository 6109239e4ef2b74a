"""The inactivity reminder counts from the learner's latest learning activity, not only the last login."""

import datetime

import pytest

from cohorts.services import enrolment_withdraw
from lms.models import LearnerProgress
from lms.reminders import last_learning_activity
from tasks.models import Outbox
from tasks.services import rules_sync
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory
from tests.tasks.conftest import paris
from tests.tasks.helpers import at, plan_and_dispatch

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolment():
    rules_sync()
    cohort = CohortFactory(starts_on=datetime.date(2026, 1, 5), ends_on=datetime.date(2026, 12, 18))
    learner = UserFactory(first_name="Léa", last_login=paris(2026, 6, 1, 10, 0))
    return EnrolmentFactory(cohort=cohort, learner=learner)


def test_last_learning_activity_takes_the_latest_across_cohorts(enrolment):
    later_cohort = CohortFactory(starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2027, 6, 30))
    second = EnrolmentFactory(cohort=later_cohort, learner=enrolment.learner)
    LearnerProgress.objects.create(enrolment=enrolment, last_activity_at=paris(2026, 6, 10, 9, 0))
    LearnerProgress.objects.create(enrolment=second, last_activity_at=paris(2026, 6, 12, 9, 0))
    other = EnrolmentFactory(cohort=enrolment.cohort)
    LearnerProgress.objects.create(enrolment=other, last_activity_at=None)
    assert last_learning_activity([enrolment.learner_id, other.learner_id]) == {
        enrolment.learner_id: paris(2026, 6, 12, 9, 0)
    }


def test_learner_who_studies_without_logging_in_again_is_not_called_inactive(
    enrolment, django_capture_on_commit_callbacks
):
    # Last login on 1 June, but a lesson completed on 10 June (a long session, or the API with a token).
    LearnerProgress.objects.create(enrolment=enrolment, last_activity_at=paris(2026, 6, 10, 10, 0))
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 10, 0)) == []
    assert not Outbox.objects.filter(recipient=enrolment.learner).exists()
    sent = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 24, 10, 0))
    assert [message.to for message in sent] == [[enrolment.learner.email]]


# --- Module released but not started ----------------------------------------------------------------


@pytest.fixture
def course(enrolment):
    from lms.models import ModuleRelease
    from tests.factories import LessonPageFactory, ModulePageFactory

    module = ModulePageFactory(parent=enrolment.cohort.programme, title="Écoute active")
    lesson = LessonPageFactory(parent=module)
    ModuleRelease.objects.create(cohort=enrolment.cohort, module=module, opens_on=datetime.date(2026, 6, 1))
    return module, lesson


def _module_rows():
    return Outbox.objects.filter(rule__code="lms.module_not_started")


def test_module_not_started_reminded_seven_days_after_it_opened_not_before(
    enrolment, course, django_capture_on_commit_callbacks
):
    enrolment.learner.last_login = paris(2026, 6, 7, 10, 0)  # keep the inactivity rule out of the way
    enrolment.learner.save()
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 8, 8, 59)) == []
    sent = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 8, 9, 0))
    assert [message.subject for message in sent] == ["Le module « Écoute active » est ouvert pour vous"]
    assert "Bonjour Léa" in sent[0].body
    # Planning again creates nothing new.
    plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 8, 9, 30))
    assert _module_rows().count() == 1


def test_module_not_started_cancelled_once_the_learner_begins(enrolment, course, django_capture_on_commit_callbacks):
    from tests.factories import LessonCompletionFactory

    module, lesson = course
    enrolment.learner.last_login = paris(2026, 6, 7, 10, 0)
    enrolment.learner.save()
    plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 8, 8, 0))  # planned for 9:00
    assert _module_rows().get().state == "pending"
    LessonCompletionFactory(learner=enrolment.learner, lesson=lesson, module=module)
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 8, 9, 0)) == []
    assert _module_rows().get().state == "cancelled"


def test_module_not_started_follows_the_learners_own_opening_date(
    enrolment, course, django_capture_on_commit_callbacks
):
    from lms.models import ModuleReleaseOverride

    module, _lesson = course
    ModuleReleaseOverride.objects.create(enrolment=enrolment, module=module, opens_on=datetime.date(2026, 6, 15))
    enrolment.learner.last_login = paris(2026, 6, 20, 10, 0)
    enrolment.learner.save()
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 8, 9, 0)) == []
    assert not _module_rows().exists()
    assert len(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 22, 9, 0))) == 1


def test_module_not_started_skips_modules_already_begun_and_other_cohorts(
    enrolment, course, django_capture_on_commit_callbacks
):
    from tests.factories import LessonCompletionFactory

    module, lesson = course
    LessonCompletionFactory(learner=enrolment.learner, lesson=lesson, module=module)
    outsider = EnrolmentFactory(cohort=CohortFactory(starts_on=datetime.date(2026, 1, 5)))
    outsider.learner.last_login = paris(2026, 6, 7, 10, 0)
    outsider.learner.save()
    enrolment.learner.last_login = paris(2026, 6, 7, 10, 0)
    enrolment.learner.save()
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 8, 9, 0)) == []
    assert not _module_rows().exists()


# --- Coordinator digest: learners who may need a hand ----------------------------------------------


def test_digest_lists_cohorts_with_learners_at_risk_only_to_their_coordinators(enrolment):
    from django.utils import translation

    from lms import reminders

    coordinator = UserFactory(email="coord@example.test")
    enrolment.cohort.coordinators.add(coordinator)
    other_coordinator = UserFactory(email="other@example.test")
    CohortFactory(
        starts_on=datetime.date(2026, 1, 5), ends_on=datetime.date(2026, 12, 18), coordinators=[other_coordinator]
    )
    # Léa has done nothing recorded for months: she is among those who may need a hand.
    LearnerProgress.objects.create(enrolment=enrolment, last_activity_at=paris(2026, 2, 1, 10, 0))
    now = paris(2026, 6, 10, 8, 30)
    with at(now), translation.override("en"):
        [line] = reminders.at_risk_lines(coordinator, now)
    assert line.text == f"{enrolment.cohort.programme.title} {enrolment.cohort.label}: 1 learner may need a hand"
    assert line.url == f"/apprendre/cohortes/{enrolment.cohort.pk}/a-accompagner/"
    with at(now):
        assert reminders.at_risk_lines(other_coordinator, now) == []
        assert coordinator.pk in set(reminders.at_risk_recipients(now))


def test_digest_has_no_at_risk_line_when_everyone_is_active(enrolment):
    from lms import reminders

    coordinator = UserFactory(email="coord@example.test")
    enrolment.cohort.coordinators.add(coordinator)
    LearnerProgress.objects.create(enrolment=enrolment, last_activity_at=paris(2026, 6, 9, 10, 0))
    with at(paris(2026, 6, 10, 8, 30)):
        assert reminders.at_risk_lines(coordinator, paris(2026, 6, 10, 8, 30)) == []


def test_a_planned_reminder_is_cancelled_once_the_learner_is_withdrawn(
    enrolment, course, django_capture_on_commit_callbacks
):
    enrolment.learner.last_login = paris(2026, 6, 7, 10, 0)
    enrolment.learner.save()
    plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 8, 8, 0))  # planned for 9:00
    assert _module_rows().get().state == "pending"
    coordinator = UserFactory()
    enrolment.cohort.coordinators.add(coordinator)
    enrolment_withdraw(enrolment=enrolment, by=coordinator, reason="Raisons personnelles")
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 8, 9, 0)) == []
    assert _module_rows().get().state == "cancelled"
    # Nothing new is planned for them afterwards, neither this rule nor the inactivity one.
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 8, 9, 0)) == []
    assert not Outbox.objects.filter(recipient=enrolment.learner).exclude(state="cancelled").exists()

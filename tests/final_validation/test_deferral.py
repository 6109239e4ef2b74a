"""Deferral: a deferred learner joins a later cohort of the same programme and keeps what they completed."""

import datetime

import pytest
from django.utils import timezone, translation

from cohort_sessions.enums import AttendanceStatus
from cohorts.enums import EnrolmentStatus
from cohorts.models import Enrolment
from final_validation.enums import JuryOutcome
from final_validation.selectors import ATTENDANCE, INTERNSHIP, MODULES, enrolment_eligibility
from final_validation.services import JuryError, enrolment_defer_to_cohort, final_decision_record
from tests.factories import CohortFactory, EnrolmentFactory
from tests.final_validation.helpers import attend, build_programme, make_eligible, past_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


@pytest.fixture
def lessons(programme):
    return build_programme(programme)


@pytest.fixture
def next_cohort(programme):
    today = timezone.localdate()
    return CohortFactory(
        programme=programme,
        starts_on=today + datetime.timedelta(days=200),
        ends_on=today + datetime.timedelta(days=500),
    )


@pytest.fixture
def deferred(cohort, coordinator, lessons):
    enrolment = EnrolmentFactory(cohort=cohort)
    make_eligible(enrolment, lessons, past_sessions(cohort, 2))
    final_decision_record(
        enrolment=enrolment,
        outcome=JuryOutcome.DEFERRED,
        jury_date=timezone.localdate(),
        note="Rendre le mémoire de stage.",
        by=coordinator,
    )
    return enrolment


def test_deferral_keeps_completed_modules_and_the_validated_internship_but_counts_attendance_anew(
    deferred, next_cohort, coordinator
):
    new = enrolment_defer_to_cohort(enrolment=deferred, to_cohort=next_cohort, by=coordinator)
    deferred.refresh_from_db()
    assert deferred.status == EnrolmentStatus.DEFERRED
    assert new.status == EnrolmentStatus.ACTIVE and new.cohort == next_cohort and new.learner == deferred.learner

    eligibility = enrolment_eligibility(enrolment=new)
    assert eligibility.criterion(MODULES).met
    internship = eligibility.criterion(INTERNSHIP)
    assert internship.met
    assert internship.explanation.endswith(f"Stage effectué dans la promotion {deferred.cohort.label}.")
    assert not eligibility.criterion(ATTENDANCE).met  # the new cohort has had no session yet

    attend(new.learner, past_sessions(next_cohort, 2), [AttendanceStatus.PRESENT] * 2)
    assert enrolment_eligibility(enrolment=new).is_eligible


def test_only_a_deferred_learner_can_be_moved(cohort, next_cohort, coordinator):
    enrolment = EnrolmentFactory(cohort=cohort)
    with pytest.raises(JuryError, match="reporté la validation"):
        enrolment_defer_to_cohort(enrolment=enrolment, to_cohort=next_cohort, by=coordinator)
    assert not Enrolment.objects.filter(cohort=next_cohort).exists()


def test_the_later_cohort_must_be_of_the_same_programme_and_later(deferred, coordinator, programme, cohort):
    earlier = CohortFactory(programme=programme, ended=True)
    elsewhere = CohortFactory(
        starts_on=cohort.starts_on + datetime.timedelta(days=365), ends_on=cohort.ends_on + datetime.timedelta(days=365)
    )
    for target in (earlier, elsewhere):
        with pytest.raises(JuryError, match="même formation"):
            enrolment_defer_to_cohort(enrolment=deferred, to_cohort=target, by=coordinator)
    deferred.refresh_from_db()
    assert deferred.status == EnrolmentStatus.ACTIVE


def test_a_full_cohort_or_an_existing_enrolment_is_refused(deferred, next_cohort, coordinator):
    next_cohort.capacity = 1
    next_cohort.save()
    EnrolmentFactory(cohort=next_cohort)
    with pytest.raises(JuryError, match="complète"):
        enrolment_defer_to_cohort(enrolment=deferred, to_cohort=next_cohort, by=coordinator)
    next_cohort.capacity = 5
    next_cohort.save()
    EnrolmentFactory(cohort=next_cohort, learner=deferred.learner, withdrawn=True)
    with pytest.raises(JuryError, match="déjà inscrite"):
        enrolment_defer_to_cohort(enrolment=deferred, to_cohort=next_cohort, by=coordinator)


def test_only_the_cohorts_coordinators_can_defer(deferred, next_cohort):
    with pytest.raises(JuryError, match="Seuls les coordinateurs"):
        enrolment_defer_to_cohort(enrolment=deferred, to_cohort=next_cohort, by=deferred.learner)

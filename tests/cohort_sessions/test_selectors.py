"""Selectors other parts of the platform will rely on (the reminder engine's "session in two days")."""

import datetime

import pytest

from cohort_sessions.selectors import session_learners, sessions_for_learner, sessions_starting_in
from tests.factories import CohortFactory, CohortSessionFactory, EnrolmentFactory
from tests.utils import queries_for

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


def test_sessions_starting_in_two_days_with_their_active_learners(cohort, learner):
    deferred = EnrolmentFactory(cohort=cohort, deferred=True).learner
    in_two_days = CohortSessionFactory(cohort=cohort, date=TODAY + datetime.timedelta(days=2))
    CohortSessionFactory(cohort=cohort, date=TODAY + datetime.timedelta(days=3))
    CohortSessionFactory(cohort=cohort, date=TODAY + datetime.timedelta(days=1))
    other = CohortSessionFactory(date=TODAY + datetime.timedelta(days=2))
    other_learner = EnrolmentFactory(cohort=other.cohort).learner

    found = {s.pk: [e.learner for e in s.cohort.active_enrolments] for s in sessions_starting_in(days=2, today=TODAY)}

    assert found == {in_two_days.pk: [learner], other.pk: [other_learner]}
    assert deferred not in found[in_two_days.pk]


def test_sessions_starting_in_reads_a_fixed_number_of_queries(cohort):
    def run():
        for session in sessions_starting_in(days=2, today=TODAY):
            [e.learner.email for e in session.cohort.active_enrolments]

    for _ in range(3):
        CohortSessionFactory(cohort=EnrolmentFactory().cohort, date=TODAY + datetime.timedelta(days=2))
    assert queries_for(run) == 3
    for _ in range(5):
        CohortSessionFactory(cohort=EnrolmentFactory().cohort, date=TODAY + datetime.timedelta(days=2))
    assert queries_for(run) == 3


def test_session_learners_are_the_active_enrolments_by_name(cohort):
    session = CohortSessionFactory(cohort=cohort)
    zoe = EnrolmentFactory(cohort=cohort, learner__last_name="Zola").learner
    abel = EnrolmentFactory(cohort=cohort, learner__last_name="Abel").learner
    EnrolmentFactory(cohort=cohort, withdrawn=True)
    assert [e.learner for e in session_learners(session=session)] == [abel, zoe]


def test_learner_in_an_old_and_a_new_cohort_sees_sessions_of_the_current_one(programme, learner, cohort):
    old = CohortFactory(programme=programme, ended=True)
    EnrolmentFactory(cohort=old, learner=learner, deferred=True)
    CohortSessionFactory(cohort=old, title="Ancien")
    CohortSessionFactory(cohort=cohort, title="Actuel")
    assert [s.title for s in sessions_for_learner(user=learner)] == ["Actuel"]

"""'Mon espace': each app's entries, the person's cohorts and enrolments read once per page, constant queries."""

import pytest
from django.urls import reverse

from cohorts.selectors import coordinated_cohorts, current_enrolments_of, enrolments_current_for, reading_once
from tests.factories import CohortFactory, EnrolmentFactory, ProgrammePageFactory
from tests.utils import assert_constant_queries, queries_for

pytestmark = pytest.mark.django_db


def test_inside_reading_once_the_cohorts_and_enrolments_are_read_once(coordinator, learner, cohort):
    with reading_once():
        assert queries_for(coordinated_cohorts, user=coordinator) == 1
        assert queries_for(coordinated_cohorts, user=coordinator) == 0
        assert queries_for(current_enrolments_of, user=learner) == 1
        assert queries_for(current_enrolments_of, user=learner) == 0
        assert [c.pk for c in coordinated_cohorts(user=coordinator)] == [cohort.pk]


def test_outside_reading_once_each_call_reads_afresh(coordinator, cohort):
    """A coordinator removed from a cohort loses its entries at once: nothing is kept between pages."""
    assert coordinated_cohorts(user=coordinator) == [cohort]
    cohort.coordinators.remove(coordinator)
    assert coordinated_cohorts(user=coordinator) == []
    with reading_once():
        assert coordinated_cohorts(user=coordinator) == []
    cohort.coordinators.add(coordinator)
    with reading_once():
        assert coordinated_cohorts(user=coordinator) == [cohort]


def test_current_enrolments_are_those_of_the_selector_in_its_order(learner, cohort):
    """`current_enrolments_of` filters in Python what `enrolments_current_for` asks in SQL: same rows, same order."""
    import datetime  # reason: only this test builds dates

    ended = CohortFactory(
        programme=cohort.programme,
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2021, 1, 1),
    )
    EnrolmentFactory(cohort=ended, learner=learner)
    EnrolmentFactory(cohort=CohortFactory(), learner=learner)
    withdrawn = EnrolmentFactory(cohort=CohortFactory(), learner=learner)
    withdrawn.status = "withdrawn"
    withdrawn.save()
    expected = list(enrolments_current_for(user=learner))
    assert len(expected) == 2
    assert current_enrolments_of(user=learner) == expected


def test_mon_espace_queries_for_a_learner_do_not_grow_with_their_enrolments(client, learner):
    def make_rows(n):
        for _ in range(n):
            EnrolmentFactory(learner=learner, cohort=CohortFactory())

    def fetch():
        response = client.get(reverse("my_space:home"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Mon parcours" in html and "Mes regroupements" in html

    client.force_login(learner)
    assert_constant_queries(make_rows, fetch, few=1, many=4, queries=9)


def test_mon_espace_queries_for_a_coordinator_do_not_grow_with_their_cohorts(client, coordinator):
    def make_rows(n):
        for _ in range(n):
            CohortFactory(coordinators=[coordinator], programme=ProgrammePageFactory())

    def fetch():
        response = client.get(reverse("my_space:home"))
        assert response.status_code == 200
        assert len(response.context["cohort_groups"]) == coordinator.coordinated_cohorts.count()

    client.force_login(coordinator)
    assert_constant_queries(make_rows, fetch, few=1, many=4, queries=10)

"""core.prepared: a queryset compiled once, run again with other ids, gives what the queryset gives."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count
from django.utils import timezone

from cohorts.models import Cohort, Enrolment
from core.prepared import PreparedQuery
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _enrolments(learner):
    return Enrolment.objects.filter(learner_id=learner).select_related("cohort__programme").order_by("pk")


def test_rows_and_related_objects_are_the_querysets_for_each_person(django_assert_num_queries):
    first, second = UserFactory(), UserFactory()
    mine = [EnrolmentFactory(learner=first, cohort=CohortFactory()) for _ in range(2)]
    theirs = EnrolmentFactory(learner=second, cohort=CohortFactory())
    prepared = PreparedQuery(_enrolments, "learner")

    for person, expected in ((first, mine), (second, [theirs]), (UserFactory(), [])):
        with django_assert_num_queries(1):
            rows = prepared(learner=person.pk)
            # The cohort and its programme come with the row, as select_related gives them.
            titles = [(row.cohort.label, row.cohort.programme.title) for row in rows]
        assert rows == list(_enrolments(person.pk)) == expected
        assert titles == [(e.cohort.label, e.cohort.programme.title) for e in expected]
        assert all(row._state.adding is False and row._state.db == "default" for row in rows)


def test_values_annotations_and_several_ids():
    learner = UserFactory()
    cohort = CohortFactory()
    EnrolmentFactory(learner=learner, cohort=cohort)
    EnrolmentFactory(cohort=cohort)

    def build(learner, cohort):
        return (
            Cohort.objects.filter(pk=cohort, enrolments__learner_id=learner)
            .annotate(enrolled=Count("enrolments"))
            .values("label", "enrolled")
        )

    prepared = PreparedQuery(build, "learner", "cohort")
    assert prepared(learner=learner.pk, cohort=cohort.pk) == [{"label": cohort.label, "enrolled": 1}]
    assert prepared(learner=UserFactory().pk, cohort=cohort.pk) == []
    assert prepared(cohort=cohort.pk, learner=learner.pk) == list(build(learner.pk, cohort.pk))


def test_a_saved_row_read_through_it_saves_back():
    enrolment = EnrolmentFactory()
    row = PreparedQuery(_enrolments, "learner")(learner=enrolment.learner_id)[0]
    row.withdrawal_reason = "Déménagement"
    row.save(update_fields=["withdrawal_reason"])
    enrolment.refresh_from_db()
    assert enrolment.withdrawal_reason == "Déménagement"


def test_a_date_in_the_query_is_refused_it_would_be_kept_for_the_process():
    prepared = PreparedQuery(
        lambda learner: Enrolment.objects.filter(learner_id=learner, cohort__ends_on__gte=timezone.localdate()),
        "learner",
    )
    with pytest.raises(ImproperlyConfigured, match="cannot hold a date or a time"):
        prepared(learner=1)
    with pytest.raises(ImproperlyConfigured, match="cannot hold a date or a time"):
        PreparedQuery(lambda learner: Enrolment.objects.filter(learner_id=learner, enrolled_at__lt=_noon()), "learner")(
            learner=1
        )


def _noon():
    return timezone.make_aware(datetime.datetime(2026, 12, 5, 12))


def test_an_id_the_query_does_not_use_and_a_wrong_name_are_refused():
    with pytest.raises(ImproperlyConfigured, match=r"does not use the ids \['cohort'\]"):
        PreparedQuery(lambda learner, cohort: Enrolment.objects.filter(learner_id=learner), "learner", "cohort")(
            learner=1, cohort=2
        )
    with pytest.raises(TypeError, match=r"expects the ids \['learner'\], got \['person'\]"):
        PreparedQuery(_enrolments, "learner")(person=1)


def _server_prepared(connection) -> dict[str, int]:
    """What this connection has prepared on the server: each statement and how many times it ran."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements")
        return dict(cursor.fetchall())


def test_on_postgresql_the_server_prepares_it_once_and_nothing_else(settings):
    from django.db import connection

    learner = UserFactory()
    mine = EnrolmentFactory(learner=learner)
    prepared = PreparedQuery(_enrolments, "learner")
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"
        assert [prepared(learner=learner.pk), prepared(learner=UserFactory().pk)] == [[mine], []]
        return
    before = _server_prepared(connection)
    rows = [prepared(learner=person) for person in (learner.pk, UserFactory().pk, learner.pk)]
    list(_enrolments(learner.pk))  # the same query through the ORM, and the factory's inserts: never prepared
    assert rows == [[mine], [], [mine]]
    after = _server_prepared(connection)
    runs = {sql: count - before.get(sql, 0) for sql, count in after.items() if count != before.get(sql, 0)}
    # One statement, run three times with the ids bound by the server.
    assert [(sql.startswith('SELECT "cohorts_enrolment"'), count) for sql, count in runs.items()] == [(True, 3)]

    settings.PREPARED_QUERIES_SERVER_SIDE = False
    unprepared = PreparedQuery(lambda learner: Cohort.objects.filter(enrolments__learner_id=learner), "learner")
    assert unprepared(learner=learner.pk) == [mine.cohort]
    assert _server_prepared(connection) == after

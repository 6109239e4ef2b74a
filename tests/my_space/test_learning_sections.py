"""The learner dashboard's sessions and internship sections, kept in the shared cache for each learner under the
versions of their cohorts (my_space.dashboard, cohorts.changes.cached_fragment)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cohort_sessions.enums import AttendanceStatus
from cohort_sessions.models import Attendance
from cohort_sessions.services import AttendanceEntry, attendance_record_session
from internships.enums import PlacementStatus
from tests.factories import EnrolmentFactory, PlacementFactory, UserFactory
from tests.factories.calendar import CohortSessionFactory

pytestmark = pytest.mark.django_db


def _sections(client, user) -> tuple[str, str, bool]:
    """The two sections' HTML, and whether they were built for this request (else read from the cache)."""
    client.force_login(user)
    response = client.get(reverse("my_space:learning"))
    assert response.status_code == 200
    html = response.content.decode()

    def section(key):
        start = html.index(f'id="section-{key}"')
        return html[start : html.index("</section>", start)]

    built = any(template.name == "cohort_sessions/dashboard_section.html" for template in response.templates)
    return section("sessions"), section("internship"), built


def test_the_sections_are_kept_until_a_service_writes_for_the_cohort(
    client, learner, cohort, django_capture_on_commit_callbacks
):
    coordinator = UserFactory(staff=True)
    cohort.coordinators.add(coordinator)
    session = CohortSessionFactory(cohort=cohort, date=timezone.localdate() - datetime.timedelta(days=1))
    CohortSessionFactory(cohort=cohort, title="Regroupement de janvier", date=timezone.localdate())
    sessions, _internship, built = _sections(client, learner)
    assert built and "Votre taux d'assiduité apparaîtra après les premiers regroupements." in sessions
    # Written behind the services' back: the sections come from the cache, as they were.
    Attendance.objects.create(session=session, learner=learner, status=AttendanceStatus.ABSENT, recorded_by=coordinator)
    assert _sections(client, learner)[0] == sessions
    assert _sections(client, learner)[2] is False

    with django_capture_on_commit_callbacks(execute=True):
        attendance_record_session(
            session=session, by=coordinator, entries=[AttendanceEntry(learner.pk, AttendanceStatus.PRESENT)]
        )
    sessions, _internship, built = _sections(client, learner)
    assert built and "Votre assiduité : 100 % (1 regroupements suivis sur 1 comptés)." in sessions


def test_each_learner_has_their_own_sections(client, learner, cohort):
    PlacementFactory(
        enrolment=learner.enrolments.get(cohort=cohort), status=PlacementStatus.PROPOSED, host__name="GEM Léa"
    )
    other = EnrolmentFactory(cohort=cohort).learner
    PlacementFactory(enrolment=other.enrolments.get(cohort=cohort), status=PlacementStatus.PROPOSED, host__name="Autre")
    assert "GEM Léa" in _sections(client, learner)[1]
    theirs = _sections(client, other)[1]
    assert "Autre" in theirs and "GEM Léa" not in theirs

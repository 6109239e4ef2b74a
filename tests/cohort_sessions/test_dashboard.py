"""The "Prochains regroupements" section of the learner dashboard."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cohort_sessions import selectors as calendar_selectors
from cohorts.changes import cohort_changed
from tests.factories import EnrolmentFactory
from tests.factories.calendar import AttendanceFactory, CohortSessionFactory
from tests.utils import assert_constant_queries, queries_for

pytestmark = pytest.mark.django_db


def _section(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("my_space:learning"))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="section-sessions"')
    return html[start : html.index("</section>", start)]


def _in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_next_sessions_with_place_or_video_link_and_calendar_links(client, learner, cohort):
    CohortSessionFactory(cohort=cohort, title="Écoute active", date=_in_days(3))
    CohortSessionFactory(cohort=cohort, remote=True, title="Visio partage", date=_in_days(10))
    CohortSessionFactory(cohort=cohort, title="Quatrième, plus loin", date=_in_days(40))
    CohortSessionFactory(cohort=cohort, title="Troisième", date=_in_days(20))
    CohortSessionFactory(cohort=cohort, past=True, title="Déjà passé")
    section = _section(client, learner)
    assert "Prochains regroupements" in section
    assert section.index("Écoute active") < section.index("Visio partage") < section.index("Troisième")
    assert "Quatrième, plus loin" not in section and "Déjà passé" not in section  # the next three only
    assert "Salle 204, 12 rue des Tilleuls, Lyon" in section
    assert 'href="https://visio.example.test/du-pair"' in section and "Rejoindre en visio" in section
    for name in ("cohort_sessions:my-sessions", "cohort_sessions:my-attendance", "cohort_sessions:feed-settings"):
        assert reverse(name) in section
    assert "M'abonner dans mon agenda (iCal)" in section


def test_own_attendance_rate_only(client, learner, cohort):
    other = EnrolmentFactory(cohort=cohort).learner
    for status in ("present", "present", "late", "absent"):
        AttendanceFactory(learner=learner, session__cohort=cohort, status=status)
    AttendanceFactory(learner=learner, session__cohort=cohort, excused=True)
    for _ in range(3):
        AttendanceFactory(learner=other, session__cohort=cohort, absent=True)
    assert "Votre assiduité : 75 % (3 regroupements suivis sur 4 comptés)." in _section(client, learner)
    assert "Votre assiduité : 0 % (0 regroupements suivis sur 3 comptés)." in _section(client, other)


def test_before_any_session_the_rate_is_announced_not_zero(client, learner, cohort):
    section = _section(client, learner)
    assert "Votre taux d'assiduité apparaîtra après les premiers regroupements." in section
    assert "Aucun regroupement n'est prévu pour le moment." in section


def test_sessions_of_another_cohort_are_not_shown(client, learner, cohort):
    CohortSessionFactory(title="Chez les autres", date=_in_days(2))
    assert "Chez les autres" not in _section(client, learner)


def test_section_query_count_is_constant(client, learner, cohort, django_capture_on_commit_callbacks):
    client.force_login(learner)

    def make_rows(n):
        for index in range(n):
            CohortSessionFactory(cohort=cohort, date=_in_days(index + 1), hybrid=index % 2 == 0)
            AttendanceFactory(learner=learner, session__cohort=cohort)

    def fetch():
        with django_capture_on_commit_callbacks(execute=True):
            cohort_changed(cohort_ids=[cohort.pk])  # the rows were written directly: the section is built again
        assert client.get(reverse("my_space:learning")).status_code == 200

    assert_constant_queries(make_rows, fetch, few=1, many=8, queries=6)
    assert queries_for(calendar_selectors.upcoming_sessions_for_learner, user=learner) == 1
    assert queries_for(calendar_selectors.attendance_summaries_for_learner, user=learner) == 1

"""The "Votre stage" section of the learner dashboard: plain status, host and tutor, hours, next step."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape

from cohorts.changes import cohort_changed
from internships.enums import EvaluationKind, EvaluationStatus, PlacementStatus, WeekStatus
from internships.models import Evaluation, PlacementAmendment, PlacementSignature, TimeEntry, WeekSignoff
from tests.factories import PlacementFactory, TutorFactory
from tests.utils import assert_constant_queries, queries_for

pytestmark = pytest.mark.django_db


def _dashboard(client, user) -> str:
    # The section is kept under the versions of the learner's cohorts, which the services bump; these tests write
    # rows directly, so each reading starts from an empty cache (caching: tests/my_space/test_learning_sections.py).
    cache.clear()
    client.force_login(user)
    response = client.get(reverse("my_space:learning"))
    assert response.status_code == 200
    return response.content.decode()


def _section(html: str) -> str:
    start = html.index('id="section-internship"')
    return html[start : html.index("</section>", start)]


def _approve_week(placement, monday, days):
    """`days` days of 7 hours from Monday, signed off by the tutor."""
    for offset in range(days):
        day = monday + datetime.timedelta(days=offset)
        TimeEntry.objects.create(placement=placement, date=day, week_start=monday, hours=7, activity="Accueil")
    WeekSignoff.objects.create(placement=placement, week_start=monday, status=WeekStatus.APPROVED)


def test_no_placement_leaves_the_calm_empty_state(client, learner):
    section = _section(_dashboard(client, learner))
    assert "Rien à afficher au sujet de votre stage pour l&#x27;instant." in section


def test_running_placement_shows_host_tutor_hours_and_next_step(client, learner, make_placement):
    placement = make_placement(PlacementStatus.IN_PROGRESS, planned_hours=140)
    monday = placement.starts_on - datetime.timedelta(days=placement.starts_on.weekday())
    _approve_week(placement, monday, 3)
    TimeEntry.objects.create(  # logged, not yet approved: not in the gauge
        placement=placement,
        date=monday + datetime.timedelta(days=7),
        week_start=monday + datetime.timedelta(days=7),
        hours=7,
        activity="Groupe de parole",
    )
    section = _section(_dashboard(client, learner))
    assert escape(placement.host.name) in section and "Nadia Rousseau" in section
    assert f"Votre stage est en cours, jusqu&#x27;au {placement.ends_on:%d/%m/%Y}." in section
    assert "21 h sur 140 h prévues" in section and 'style="width: 15%"' in section
    assert "Prochaine étape :</strong> Noter les journées de cette semaine." in section
    assert reverse("internships:detail", args=[placement.pk]) in section
    assert "Rien à afficher" not in section


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (PlacementStatus.PROPOSED, "Votre proposition est entre les mains de l&#x27;équipe de coordination."),
        (PlacementStatus.APPROVED_BY_COORDINATOR, "La coordination a donné son accord"),
        (PlacementStatus.APPROVED_BY_TUTOR, "Signer la convention de stage."),
        (PlacementStatus.AGREEMENT_SIGNED, "Vous noterez vos heures dès le premier jour."),
        (PlacementStatus.MIDPOINT_REVIEW, "Remplir votre auto-évaluation."),
        (PlacementStatus.VALIDATED, "Votre stage est validé."),
        (PlacementStatus.REFUSED, "Vous pouvez proposer un autre stage"),
        (PlacementStatus.INTERRUPTED, "Ce stage a été interrompu."),
    ],
)
def test_each_status_reads_in_plain_french(client, learner, make_placement, status, expected):
    make_placement(status)
    assert expected in _section(_dashboard(client, learner))


def test_next_step_follows_what_waits_for_the_learner(client, learner, make_placement):
    placement = make_placement(PlacementStatus.APPROVED_BY_TUTOR)
    amendment = PlacementAmendment.objects.create(
        placement=placement, reason="Dates", original_tutor=placement.tutor, requested_by=learner
    )
    PlacementSignature.objects.create(  # signing an amendment is not signing the agreement
        placement=placement, amendment=amendment, party="learner", signed_by_user=learner, signer_name="L"
    )
    assert "Signer la convention de stage." in _section(_dashboard(client, learner))
    PlacementSignature.objects.create(placement=placement, party="learner", signed_by_user=learner, signer_name="L")
    assert "Vous avez signé ; la convention attend maintenant les autres signatures." in _section(
        _dashboard(client, learner)
    )
    placement.status = PlacementStatus.MIDPOINT_REVIEW
    placement.save()
    Evaluation.objects.create(placement=placement, kind=EvaluationKind.SELF, status=EvaluationStatus.SUBMITTED)
    tutor_eval = Evaluation.objects.create(
        placement=placement, kind=EvaluationKind.MIDPOINT, status=EvaluationStatus.SUBMITTED
    )
    section = _section(_dashboard(client, learner))
    assert "Lire l&#x27;évaluation de votre tuteur ou tutrice et la contresigner." in section
    assert reverse("internships:evaluation", args=[tutor_eval.pk]) in section
    WeekSignoff.objects.create(placement=placement, week_start=placement.starts_on, status=WeekStatus.NEEDS_INFO)
    assert "Votre tuteur ou tutrice a une question sur la semaine du" in _section(_dashboard(client, learner))


def test_open_placement_shown_rather_than_an_old_refused_one(client, learner, make_placement):
    make_placement(PlacementStatus.REFUSED)
    current = make_placement(PlacementStatus.IN_PROGRESS)
    section = _section(_dashboard(client, learner))
    assert section.count('class="dash-placement"') == 1
    assert reverse("internships:detail", args=[current.pk]) in section


def test_learners_see_only_their_own_placement(client, learner, other_learner, make_placement, cohort):
    other_tutor = TutorFactory(name="Autre Tuteur")
    theirs = PlacementFactory(
        enrolment=other_learner.enrolments.get(cohort=cohort),
        tutor=other_tutor,
        host=other_tutor.host,
        status=PlacementStatus.IN_PROGRESS,
    )
    section = _section(_dashboard(client, learner))
    assert "Autre Tuteur" not in section and escape(theirs.host.name) not in section
    assert "Rien à afficher" in section
    assert "Autre Tuteur" in _section(_dashboard(client, other_learner))


def test_section_query_count_is_constant(client, learner, make_placement, django_capture_on_commit_callbacks):
    """More placements (old refused ones) and more logged weeks do not add queries."""
    client.force_login(learner)
    cohort_ids = list(learner.enrolments.values_list("cohort_id", flat=True))
    state = {"weeks": 0}
    current = make_placement(PlacementStatus.IN_PROGRESS)

    def make_rows(n):
        for _ in range(n):
            make_placement(PlacementStatus.REFUSED)
            monday = current.starts_on + datetime.timedelta(days=7 * state["weeks"])
            monday -= datetime.timedelta(days=monday.weekday())
            state["weeks"] += 1
            _approve_week(current, monday, 1)

    def fetch():
        with django_capture_on_commit_callbacks(execute=True):
            cohort_changed(cohort_ids=cohort_ids)  # the rows were written directly: the section is built again
        assert client.get(reverse("my_space:learning")).status_code == 200

    assert_constant_queries(make_rows, fetch, few=1, many=6, queries=6)
    from internships import selectors

    assert queries_for(selectors.learner_dashboard_placements, user=learner) == 1

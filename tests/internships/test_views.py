import datetime
import io

import pytest
from django.urls import reverse
from django.utils.html import escape

from internships import services
from internships.enums import PlacementStatus
from internships.models import Concern, Placement
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    PlacementFactory,
    TutorFactory,
    UserFactory,
)
from tests.utils import assert_constant_queries, body, prepared_file

pytestmark = pytest.mark.django_db


def test_learner_proposes_through_the_form(client, learner, tutor, cohort):
    client.force_login(learner)
    today = datetime.date.today()
    response = client.post(
        reverse("internships:propose"),
        {
            "enrolment": learner.enrolments.get().pk,
            "tutor": tutor.pk,
            "starts_on": (today + datetime.timedelta(days=7)).isoformat(),
            "ends_on": (today + datetime.timedelta(days=60)).isoformat(),
            "weekly_schedule": "Lundi et mardi",
            "planned_hours": 120,
            "max_weekly_hours": 21,
            "tasks_and_objectives": "Co-animer un groupe de parole",
            "binome": "Camille Petit",
        },
    )
    placement = Placement.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("internships:detail", args=[placement.pk])
    assert placement.host == tutor.host


def test_proposal_outside_cohort_dates_shows_french_error(client, learner, tutor, cohort):
    client.force_login(learner)
    response = client.post(
        reverse("internships:propose"),
        {
            "enrolment": learner.enrolments.get().pk,
            "tutor": tutor.pk,
            "starts_on": (cohort.ends_on - datetime.timedelta(days=5)).isoformat(),
            "ends_on": (cohort.ends_on + datetime.timedelta(days=30)).isoformat(),
            "weekly_schedule": "Lundi",
            "planned_hours": 120,
            "max_weekly_hours": 21,
            "tasks_and_objectives": "x",
            "binome": "y",
        },
    )
    assert response.status_code == 200
    assert "période de la promotion" in response.content.decode()
    assert not Placement.objects.exists()


def test_people_without_a_role_get_404(client, make_placement, other_learner, outsider):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    other_coordinator = UserFactory(staff=True)
    CohortFactory(coordinators=[other_coordinator])
    other_tutor_user = UserFactory()
    TutorFactory(user=other_tutor_user, host=placement.host)
    for person in (other_learner, outsider, other_coordinator, other_tutor_user):
        client.force_login(person)
        for url in (
            reverse("internships:detail", args=[placement.pk]),
            reverse("internships:agreement_pdf", args=[placement.pk]),
            reverse("internships:concern_raise", args=[placement.pk]),
        ):
            assert client.get(url).status_code == 404, (person, url)
        assert client.post(reverse("internships:action", args=[placement.pk, "interrupt"])).status_code == 404
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.IN_PROGRESS


def test_each_role_sees_the_placement(client, make_placement, learner, tutor_user, coordinator):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    for person in (learner, tutor_user, coordinator):
        client.force_login(person)
        response = client.get(reverse("internships:detail", args=[placement.pk]))
        assert response.status_code == 200, person
        html = response.content.decode()
        assert escape(placement.host.name) in html and escape(learner.full_name) in html, person


def test_tutor_page_lists_only_own_interns(client, make_placement, tutor_user):
    mine = make_placement(PlacementStatus.IN_PROGRESS)
    theirs = PlacementFactory(status=PlacementStatus.IN_PROGRESS)
    client.force_login(tutor_user)
    html = client.get(reverse("internships:tutor_home")).content.decode()
    assert mine.enrolment.learner.full_name in html
    assert theirs.enrolment.learner.full_name not in html


def test_tutor_page_is_404_for_non_tutors(client, learner):
    client.force_login(learner)
    assert client.get(reverse("internships:tutor_home")).status_code == 404


def test_overview_only_for_coordinators_of_the_cohort(client, cohort, coordinator, learner):
    other_coordinator = UserFactory(staff=True)
    CohortFactory(coordinators=[other_coordinator])
    url = reverse("internships:overview", args=[cohort.pk])
    for person in (other_coordinator, learner):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.get(reverse("internships:overview_export", args=[cohort.pk, "csv"])).status_code == 404
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_exports_csv_and_xlsx(client, cohort, coordinator, make_placement):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    client.force_login(coordinator)
    csv_response = client.get(reverse("internships:overview_export", args=[cohort.pk, "csv"]))
    text = body(csv_response).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Apprenant")
    assert placement.host.name in text
    xlsx = prepared_file(client, reverse("internships:overview_export", args=[cohort.pk, "xlsx"]))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(body(xlsx))).active
    assert sheet.cell(row=2, column=2).value == placement.host.name
    assert client.get(reverse("internships:overview_export", args=[cohort.pk, "pdf"])).status_code == 404


def test_concern_visible_to_cohort_coordinators_and_author_only(
    client, make_placement, learner, coordinator, tutor_user
):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    client.force_login(learner)
    client.post(
        reverse("internships:concern_raise", args=[placement.pk]),
        {"severity": "medium", "description": "Je me sens épuisée en ce moment", "about_own_wellbeing": "on"},
    )
    concern = Concern.objects.get()
    assert concern.about_own_wellbeing
    url = reverse("internships:concern", args=[concern.pk])
    assert client.get(url).status_code == 200
    client.force_login(coordinator)
    assert "épuisée" in client.get(url).content.decode()
    client.post(url, {"note": "Appel prévu demain", "close": ""})
    concern.refresh_from_db()
    assert concern.status == "followed_up"
    other_coordinator = UserFactory()
    CohortFactory(coordinators=[other_coordinator])
    for person in (tutor_user, other_coordinator, EnrolmentFactory(cohort=placement.enrolment.cohort).learner):
        client.force_login(person)
        assert client.get(url).status_code == 404
    # The tutor does not see the learner's concern on the placement page either.
    client.force_login(tutor_user)
    assert "épuisée" not in client.get(reverse("internships:detail", args=[placement.pk])).content.decode()


def test_follow_up_and_closure_only_by_coordinator(make_placement, learner, coordinator):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    concern = services.concern_raise(placement=placement, by=learner, severity="low", description="Question")
    from internships.errors import InternshipError

    with pytest.raises(InternshipError, match="Seule la coordination de cette promotion peut faire cela"):
        services.concern_follow_up(concern=concern, by=learner, note="x")
    services.concern_follow_up(concern=concern, by=coordinator, note="Réglé ensemble", close=True)
    concern.refresh_from_db()
    assert concern.status == "closed" and concern.closed_by == coordinator


def test_supervision_notes_only_for_the_facilitator(client, cohort, coordinator, learner):
    second = UserFactory(staff=True)
    cohort.coordinators.add(second)
    services.supervision_record(
        cohort=cohort,
        by=coordinator,
        date=datetime.date.today(),
        kind="intervision",
        duration_minutes=90,
        attendees=[learner],
        facilitator_notes="Note confidentielle de l'animatrice",
    )
    client.force_login(coordinator)
    assert "Note confidentielle" in client.get(reverse("internships:overview", args=[cohort.pk])).content.decode()
    client.force_login(second)
    html = client.get(reverse("internships:overview", args=[cohort.pk])).content.decode()
    assert "Intervision" in html
    assert "Note confidentielle" not in html


def test_coordinator_actions_through_views(client, make_placement, coordinator, django_capture_on_commit_callbacks):
    placement = make_placement()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("internships:action", args=[placement.pk, "approve"]), follow=True)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.APPROVED_BY_COORDINATOR
    assert "HAS" in response.content.decode()  # no peer in the team: the warning is shown
    response = client.post(reverse("internships:action", args=[placement.pk, "refuse"]), {"reason": ""}, follow=True)
    assert "raison" in response.content.decode()
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.APPROVED_BY_COORDINATOR


# --- Query counts at 1 and many rows -----------------------------------------------------------------


# Once the placements' table is in the shared cache (cohorts.changes.cached_table): session and user (2), the cohort
# (1), its open concerns (1) and its supervision sessions (1).
OVERVIEW_QUERIES_CACHED = 5
# The first request after a change also counts the placements (1) and reads one page of them (1).
OVERVIEW_QUERIES = OVERVIEW_QUERIES_CACHED + 2


@pytest.mark.parametrize("count", [1, 12])
def test_the_overview_reads_a_fixed_number_of_queries(
    client, cohort, coordinator, count, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("core.pagination.PER_PAGE", 5)  # 12 placements: three pages
    for _ in range(count):
        placement = PlacementFactory(enrolment=EnrolmentFactory(cohort=cohort), status=PlacementStatus.IN_PROGRESS)
        Concern.objects.create(placement=placement, severity="low", description="x")
    client.force_login(coordinator)
    url = reverse("internships:overview", args=[cohort.pk])
    with django_assert_num_queries(OVERVIEW_QUERIES):
        response = client.get(url)
    assert len(response.context["rows"]) == min(count, 5)
    with django_assert_num_queries(OVERVIEW_QUERIES_CACHED):
        cached = client.get(url)
    assert "rows" not in cached.context  # the placements' table came from the cache, the same
    assert cached.context["placements_table"] == response.context["placements_table"]
    assert len(cached.context["concerns"]) == count


def _placements_section(client, cohort, **params):
    """The placements' section of the overview, and whether its table was built for this request (else read)."""
    response = client.get(reverse("internships:overview", args=[cohort.pk]), params)
    assert response.status_code == 200
    html = response.content.decode()
    start, end = (
        html.index('<section aria-labelledby="placements-title">'),
        html.index('aria-labelledby="concerns-title"'),
    )
    return html[start:end], "rows" in response.context


def test_the_placements_table_is_kept_until_one_of_its_sources_changes(
    client, cohort, coordinator, learner, tutor_user, make_placement, django_capture_on_commit_callbacks
):
    from internships.enums import Competency, EvaluationKind, LinkPurpose

    today = datetime.date.today()
    days = datetime.timedelta
    # Its middle in five days: the mid-point evaluation falls due this week.
    placement = make_placement(PlacementStatus.IN_PROGRESS, starts_on=today - days(20), ends_on=today + days(30))
    risk = '<span class="badge badge-risk">'
    client.force_login(coordinator)
    html, built = _placements_section(client, cohort)
    assert built and learner.full_name in html and "0 h approuvées sur 140 h" in html and risk not in html
    assert "Évaluation de mi-parcours (formative)" in html
    # Written behind the services' back (a queryset update sends no signal): the table is read from the cache.
    Placement.objects.filter(pk=placement.pk).update(planned_hours=100)
    assert _placements_section(client, cohort) == (html, False)

    def write(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    monday = today - days(today.weekday() + 7)
    write(
        services.time_entry_record,
        placement=placement,
        by=learner,
        date=monday,
        hours=7,
        activity="Accueil",
        day_type="presence",
    )
    html, built = _placements_section(client, cohort)
    assert built and "0 h approuvées sur 100 h" in html
    write(services.week_sign_off, placement=placement, week_start=monday, decision="approved", by=tutor_user)
    assert "7 h approuvées sur 100 h" in _placements_section(client, cohort)[0]
    concern = write(services.concern_raise, placement=placement, severity="low", description="Fatigue", by=learner)
    assert _placements_section(client, cohort)[0].count(risk) == 1
    write(services.concern_follow_up, concern=concern, by=coordinator, note="Appel fait", close=True)
    assert risk not in _placements_section(client, cohort)[0]
    ratings = dict.fromkeys(Competency.values, (3, "Bien"))
    write(services.evaluation_save, placement=placement, kind="self", ratings=ratings, submit=True, by=learner)
    write(services.placement_open_midpoint, placement=placement, by=coordinator)
    html = _placements_section(client, cohort)[0]
    assert "Bilan de mi-parcours" in html and "Évaluation de mi-parcours (formative)" in html
    # The tutor sends the mid-point evaluation from the link of the e-mail: it is no longer due.
    evaluation = placement.evaluations.get(kind=EvaluationKind.MIDPOINT)
    _link, token = services.link_create(placement=placement, purpose=LinkPurpose.FILL_EVALUATION, evaluation=evaluation)
    write(services.link_fill_evaluation, token=token, ratings=ratings, submit=True)
    assert "Évaluation de mi-parcours (formative)" not in _placements_section(client, cohort)[0]
    # An amendment brings the end forward: past its middle with 7 of 100 hours, the placement is at risk, and the
    # final evaluation falls due this week.
    amendment = write(
        services.amendment_request, placement=placement, by=learner, reason="Fin anticipée", new_ends_on=today + days(6)
    )
    for person in (learner, tutor_user, coordinator):
        write(services.amendment_sign, amendment=amendment, by=person)
    html = _placements_section(client, cohort)[0]
    assert html.count(risk) == 1 and "Évaluation finale (sommative)" in html


def test_each_filter_and_page_of_the_placements_table_is_kept_apart(client, cohort, coordinator, monkeypatch):
    monkeypatch.setattr("core.pagination.PER_PAGE", 2)
    today = datetime.date.today()

    def placement(last_name, **kwargs):
        learner = UserFactory(first_name="Léa", last_name=last_name)
        return PlacementFactory(enrolment=EnrolmentFactory(cohort=cohort, learner=learner), **kwargs)

    placement(
        "Arnaud",
        in_progress=True,
        starts_on=today - datetime.timedelta(days=40),
        ends_on=today + datetime.timedelta(days=10),
    )
    placement("Blanc", in_progress=True)
    placement("Caron", status=PlacementStatus.PROPOSED)
    client.force_login(coordinator)
    seen = {}
    for params, shown, hidden in (
        ({}, ["Arnaud", "Blanc"], ["Caron"]),
        ({"page": "2"}, ["Caron"], ["Arnaud", "Blanc"]),
        ({"status": PlacementStatus.PROPOSED}, ["Caron"], ["Arnaud", "Blanc"]),
        ({"at_risk": "on"}, ["Arnaud"], ["Blanc", "Caron"]),
        ({"status": PlacementStatus.IN_PROGRESS}, ["Arnaud", "Blanc"], ["Caron"]),
    ):
        html, built = _placements_section(client, cohort, **params)
        assert built, params
        assert all(f"Léa {name}" in html for name in shown) and not any(f"Léa {name}" in html for name in hidden)
        seen[tuple(params.items())] = html
    # Asked again, each is read from the cache, as it was.
    for params, html in seen.items():
        assert _placements_section(client, cohort, **dict(params)) == (html, False)
    # The filters' form, rendered for each request, says the filters asked for.
    assert 'name="at_risk" id="id_at_risk" checked' in _placements_section(client, cohort, at_risk="on")[0]
    assert "checked" not in _placements_section(client, cohort)[0]


def test_export_queries_are_constant(client, cohort, coordinator):
    client.force_login(coordinator)

    def make_rows(n):
        for _ in range(n):
            PlacementFactory(enrolment=EnrolmentFactory(cohort=cohort), status=PlacementStatus.IN_PROGRESS)

    def fetch():
        assert (
            prepared_file(client, reverse("internships:overview_export", args=[cohort.pk, "xlsx"])).status_code == 200
        )

    # The request, the build (in-process here, by the worker in production), the page and the download together.
    assert_constant_queries(make_rows, fetch, queries=24)


def test_tutor_page_queries_are_constant(client, tutor, tutor_user, cohort):
    client.force_login(tutor_user)

    def make_rows(n):
        for _ in range(n):
            PlacementFactory(
                enrolment=EnrolmentFactory(cohort=cohort),
                tutor=tutor,
                host=tutor.host,
                status=PlacementStatus.APPROVED_BY_COORDINATOR,
            )

    def fetch():
        assert client.get(reverse("internships:tutor_home")).status_code == 200

    assert_constant_queries(make_rows, fetch, queries=5)


def test_learner_home_queries_are_constant(client, learner, enrolment):
    client.force_login(learner)

    def make_rows(n):
        for _ in range(n):
            PlacementFactory(enrolment=enrolment, status=PlacementStatus.CANCELLED)

    def fetch():
        assert client.get(reverse("internships:learner_home")).status_code == 200

    assert_constant_queries(make_rows, fetch, queries=4)


def test_concern_list_queries_are_constant(client, cohort, coordinator):
    client.force_login(coordinator)

    def make_rows(n):
        for _ in range(n):
            placement = PlacementFactory(enrolment=EnrolmentFactory(cohort=cohort), status=PlacementStatus.IN_PROGRESS)
            Concern.objects.create(placement=placement, severity="low", description="x")

    def fetch():
        assert client.get(reverse("internships:concerns")).status_code == 200

    assert_constant_queries(make_rows, fetch, queries=4)


def test_concern_list_shows_a_page_at_a_time_newest_first(client, cohort, coordinator, monkeypatch):
    monkeypatch.setattr("core.pagination.PER_PAGE", 5)
    placement = PlacementFactory(enrolment=EnrolmentFactory(cohort=cohort), status=PlacementStatus.IN_PROGRESS)
    concerns = [Concern.objects.create(placement=placement, severity="low", description=f"n{i}") for i in range(7)]
    client.force_login(coordinator)
    first = client.get(reverse("internships:concerns"))
    second = client.get(reverse("internships:concerns"), {"page": 2})
    assert [c.pk for c in first.context["concerns"]] == [c.pk for c in reversed(concerns)][:5]
    assert [c.pk for c in second.context["concerns"]] == [concerns[1].pk, concerns[0].pk]
    assert "7 signalements, du plus récent au plus ancien." in first.content.decode()
    assert "?page=2" in first.content.decode()


def test_placement_page_queries_do_not_grow_with_weeks(client, make_placement, learner, tutor_user):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    client.force_login(learner)
    day = placement.starts_on

    def make_rows(n):
        nonlocal day
        for _ in range(n):
            services.time_entry_record(
                placement=placement, by=learner, date=day, hours=3, activity="Accueil", day_type="presence"
            )
            day += datetime.timedelta(days=1)

    def fetch():
        assert client.get(reverse("internships:detail", args=[placement.pk])).status_code == 200

    assert_constant_queries(make_rows, fetch, few=1, many=14, queries=13)


def test_overview_filters_by_status_name_and_risk_and_pages(client, cohort, coordinator, monkeypatch):
    monkeypatch.setattr("core.pagination.PER_PAGE", 2)
    today = datetime.date.today()

    def placement(last_name, **kwargs):
        learner = UserFactory(last_name=last_name)
        return PlacementFactory(enrolment=EnrolmentFactory(cohort=cohort, learner=learner), **kwargs)

    risky = placement(
        "Arnaud",
        in_progress=True,
        starts_on=today - datetime.timedelta(days=40),
        ends_on=today + datetime.timedelta(days=10),
    )
    placement("Blanc", in_progress=True, starts_on=today - datetime.timedelta(days=2))  # before its middle
    placement("Caron", status=PlacementStatus.PROPOSED)
    placement("Dupuis", status=PlacementStatus.PROPOSED)
    placement("Zola", validated=True, starts_on=today - datetime.timedelta(days=50))
    client.force_login(coordinator)
    overview = reverse("internships:overview", args=[cohort.pk])

    def shown(**params):
        response = client.get(overview, params)
        assert response.status_code == 200
        return [row["learner"].rsplit(" ", 1)[-1] for row in response.context["rows"]], response

    names, response = shown()
    assert names == ["Arnaud", "Blanc"]
    assert response.context["page"].paginator.count == 5
    assert "5 stages" in response.content.decode() and 'aria-label="Pages des stages"' in response.content.decode()
    assert shown(page=3)[0] == ["Zola"]
    names, response = shown(status=PlacementStatus.PROPOSED)
    assert names == ["Caron", "Dupuis"]
    assert "?status=proposed&amp;page=2" not in response.content.decode()  # two rows, one page
    assert shown(q="dupu")[0] == ["Dupuis"]
    names, response = shown(at_risk="on")
    assert names == ["Arnaud"] and response.context["rows"][0]["pk"] == risky.pk
    assert shown(at_risk="on", q="blanc")[0] == []
    assert "Aucun stage ne correspond à ces filtres." in client.get(overview, {"q": "personne"}).content.decode()


@pytest.mark.parametrize("span", [9, 10, 11])
def test_midpoint_overdue_in_sql_matches_the_due_date(cohort, span):
    """The dashboard's SQL reading of "mid-point evaluation overdue" gives what evaluation_due_date says, for odd
    and even lengths, on the days around the middle."""
    from internships.enums import EvaluationKind
    from internships.selectors import cohort_evaluations_overdue, evaluation_due_date

    today = datetime.date.today()
    placements = [
        PlacementFactory(
            enrolment=EnrolmentFactory(cohort=cohort),
            in_progress=True,
            starts_on=today - datetime.timedelta(days=back),
            ends_on=today - datetime.timedelta(days=back) + datetime.timedelta(days=span),
        )
        for back in range(span + 1)
    ]
    expected = {p.pk for p in placements if evaluation_due_date(placement=p, kind=EvaluationKind.MIDPOINT) < today}
    found = set(
        cohort_evaluations_overdue(cohort=cohort, kind=EvaluationKind.MIDPOINT, today=today).values_list(
            "pk", flat=True
        )
    )
    assert found == expected and 0 < len(expected) < len(placements)

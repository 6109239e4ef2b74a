"""The coordinator's cohort dashboard: who may see it, what it shows, its query count, and writing to learners."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from cms.enums import CompletionRule
from cockpit import selectors as cockpit_selectors
from cockpit.selectors import COORDINATOR_MESSAGE, Audience, cohort_figures, cohort_roster, message_recipients
from cohort_sessions.enums import AttendanceStatus
from cohorts.enums import EnrolmentStatus
from cohorts.models import Enrolment
from internships.enums import ConcernStatus, EvaluationKind, PlacementStatus, Severity, WeekStatus
from internships.models import Concern, Evaluation, TimeEntry, WeekSignoff
from lms.records import lesson_complete
from my_space.spaces import user_spaces
from tasks.enums import OutboxKind, OutboxState
from tasks.models import Outbox
from tasks.registry import get_rule_spec
from tests.factories import (
    AttendanceFactory,
    CohortFactory,
    CohortSessionFactory,
    EnrolmentFactory,
    LessonPageFactory,
    ModulePageFactory,
    PlacementFactory,
    TutorFactory,
    UserFactory,
)
from tests.tasks.conftest import paris
from tests.tasks.helpers import at

pytestmark = pytest.mark.django_db

WORKDAY = paris(2026, 3, 10, 10, 0)  # a Tuesday morning: no quiet hours


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://formation.example.test"


@pytest.fixture
def modules(programme):
    """Two modules of two lessons each, completed by marking them done."""
    result = []
    for order in (1, 2):
        module = ModulePageFactory(parent=programme, order=order, title=f"Module {order}")
        module.lessons = [
            LessonPageFactory(parent=module, completion_rule=CompletionRule.MARKED_DONE) for _ in range(2)
        ]
        result.append(module)
    return result


def _complete(learner, lesson):
    lesson_complete(learner=learner, lesson=lesson, how=CompletionRule.MARKED_DONE)


def _learner(cohort, first_name, last_name="Martin"):
    return EnrolmentFactory(cohort=cohort, learner=UserFactory(first_name=first_name, last_name=last_name)).learner


def _make_inactive(cohort, learner, days=20):
    Enrolment.objects.filter(cohort=cohort, learner=learner).update(
        enrolled_at=timezone.now() - datetime.timedelta(days=days)
    )


def _url(cohort, name="cockpit:dashboard"):
    return reverse(name, args=[cohort.pk])


# --- Who may see it -----------------------------------------------------------------------------------


def test_the_cohort_coordinator_sees_the_dashboard(client, cohort, coordinator, learner):
    client.force_login(coordinator)
    response = client.get(_url(cohort))
    assert response.status_code == 200
    assert learner.full_name in response.content.decode()


@pytest.mark.parametrize("name", ["cockpit:dashboard", "cockpit:write"])
def test_anyone_else_is_refused(client, cohort, coordinator, learner, name):
    other_coordinator = UserFactory(staff=True)
    other_coordinator.groups.add(Group.objects.get(name="Coordinators"))
    CohortFactory(programme=cohort.programme, coordinators=[other_coordinator])
    tutor_row = TutorFactory(user=UserFactory())
    PlacementFactory(enrolment=Enrolment.objects.get(learner=learner), host=tutor_row.host, tutor=tutor_row)
    tutor = tutor_row.user
    for person in (other_coordinator, learner, tutor):
        client.force_login(person)
        assert client.get(_url(cohort, name)).status_code == 404
    client.logout()
    response = client.get(_url(cohort, name))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_a_superuser_may_open_any_dashboard(client, cohort, learner):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(_url(cohort))
    assert response.status_code == 200
    assert response.context["cohort"] == cohort
    assert escape(learner.full_name) in response.content.decode()


def test_my_space_leads_the_coordinator_to_the_dashboard(cohort, coordinator, learner):
    urls = [space.url for space in user_spaces(user=coordinator)]
    assert _url(cohort) in urls
    assert _url(cohort) not in [space.url for space in user_spaces(user=learner)]


# --- What it shows ------------------------------------------------------------------------------------


def test_each_learner_row_gathers_progress_attendance_internship_and_concerns(cohort, coordinator, modules):
    lea = _learner(cohort, "Léa")
    yanis = _learner(cohort, "Yanis", "Morel")
    _complete(lea, modules[0].lessons[0])
    _complete(lea, modules[0].lessons[1])
    session = CohortSessionFactory(cohort=cohort, past=True)
    AttendanceFactory(session=session, learner=lea)
    AttendanceFactory(session=CohortSessionFactory(cohort=cohort, past=True), learner=lea, absent=True)
    placement = PlacementFactory(enrolment=Enrolment.objects.get(learner=lea), in_progress=True, planned_hours=100)
    monday = placement.starts_on - datetime.timedelta(days=placement.starts_on.weekday()) + datetime.timedelta(days=7)
    TimeEntry.objects.create(
        placement=placement, date=monday, week_start=monday, hours=Decimal("7.5"), day_type="presence"
    )
    WeekSignoff.objects.create(placement=placement, week_start=monday, status=WeekStatus.APPROVED)
    Concern.objects.create(placement=placement, severity=Severity.MEDIUM, description="Fatigue", raised_by_user=lea)
    Concern.objects.create(placement=placement, severity=Severity.LOW, description="Réglé", status=ConcernStatus.CLOSED)

    roster, figures = cohort_roster(cohort=cohort), cohort_figures(cohort=cohort)

    rows = {row.learner: row for row in roster.rows}
    assert [m.module.title for m in roster.modules] == ["Module 1", "Module 2"]
    row = rows[lea]
    assert [cell.lessons_done for cell in row.progress.cells] == [2, 0]
    assert row.progress.percent == 50
    assert (row.attendance.attended, row.attendance.counted, row.attendance.percent) == (1, 2, 50)
    assert row.placement.pk == placement.pk
    assert row.placement.approved_hours == Decimal("7.5")
    assert row.open_concerns == 1
    assert not rows[yanis].has_placement and rows[yanis].attendance.percent is None
    assert figures.open_concern_count == 1 and figures.without_placement == 1
    assert figures.attendance_average == 50


def test_the_roster_escapes_what_people_typed_and_formats_hours_and_dates_in_french(client, cohort, coordinator):
    learner = _learner(cohort, "<b>Zoé</b>", "O'Brien & fils")
    placement = PlacementFactory(
        enrolment=Enrolment.objects.get(learner=learner), in_progress=True, host__name="GEM <Les Tilleuls>"
    )
    monday = placement.starts_on - datetime.timedelta(days=placement.starts_on.weekday()) + datetime.timedelta(days=7)
    TimeEntry.objects.create(
        placement=placement, date=monday, week_start=monday, hours=Decimal("7.5"), day_type="presence"
    )
    WeekSignoff.objects.create(placement=placement, week_start=monday, status=WeekStatus.APPROVED)
    client.force_login(coordinator)
    html = client.get(_url(cohort)).content.decode()
    assert "<b>Zoé</b>" not in html and "GEM <Les Tilleuls>" not in html
    assert escape(learner.full_name) in html and escape("GEM <Les Tilleuls>") in html
    assert f"7,5 h validées sur {placement.planned_hours} h" in html
    assert reverse("internships:detail", args=[placement.pk]) in html
    assert f'Reporter ou retirer<span class="visually-hidden"> {escape(learner.full_name)}</span>' in html


def test_what_needs_action_today_links_to_where_to_act(client, cohort, coordinator, modules):
    today = timezone.localdate()
    lea = _learner(cohort, "Léa")
    yanis = _learner(cohort, "Yanis", "Morel")
    inès = _learner(cohort, "Inès", "Carpentier")
    _make_inactive(cohort, inès)
    forgotten = CohortSessionFactory(
        cohort=cohort, title="Regroupement oublié", date=today - datetime.timedelta(days=2)
    )
    todays = CohortSessionFactory(cohort=cohort, title="Regroupement du jour", date=today)
    recorded = CohortSessionFactory(cohort=cohort, title="Regroupement noté", past=True)
    AttendanceFactory(session=recorded, learner=lea)
    CohortSessionFactory(cohort=cohort, title="Regroupement à venir", date=today + datetime.timedelta(days=3))
    proposed = PlacementFactory(enrolment=Enrolment.objects.get(learner=lea), host__name="GEM Les Tilleuls")
    running = PlacementFactory(
        enrolment=Enrolment.objects.get(learner=yanis),
        in_progress=True,
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=10),
    )
    Evaluation.objects.create(placement=running, kind=EvaluationKind.MIDPOINT)  # a draft is not done
    old_week = today - datetime.timedelta(days=today.weekday() + 21)
    WeekSignoff.objects.create(placement=running, week_start=old_week, status=WeekStatus.PENDING)
    WeekSignoff.objects.create(
        placement=running, week_start=today - datetime.timedelta(days=today.weekday()), status=WeekStatus.PENDING
    )
    concern = Concern.objects.create(placement=running, severity=Severity.HIGH, description="Conflit dans l'équipe")

    figures = cohort_figures(cohort=cohort)
    groups = {group.code: group.lines for group in figures.actions}

    assert [line.url for line in groups["attendance"]] == [
        reverse("cohort_sessions:attendance", args=[forgotten.pk]),
        reverse("cohort_sessions:attendance", args=[todays.pk]),
    ]
    assert [line.url for line in groups["placements"]] == [reverse("internships:detail", args=[proposed.pk])]
    assert "GEM Les Tilleuls" in groups["placements"][0].text
    assert [line.url for line in groups["concerns"]] == [reverse("internships:concern", args=[concern.pk])]
    overdue = [line.text for line in groups["overdue"]]
    assert len(overdue) == 2  # the mid-point evaluation and the three-week-old week; not this week's
    assert any(old_week.strftime("%d/%m/%Y") in text for text in overdue)
    assert [line.url for line in groups["inactive"]] == [
        reverse("lms:learner_detail", args=[cohort.pk, Enrolment.objects.get(learner=inès).pk])
    ]
    assert figures.action_count == 7

    client.force_login(coordinator)
    page = client.get(_url(cohort)).content.decode()
    assert "Regroupement oublié" in page and "Regroupement du jour" in page
    assert "Regroupement noté" not in page and "Regroupement à venir" not in page
    assert reverse("internships:concern", args=[concern.pk]) in page


def test_a_calm_day_says_nothing_is_waiting(client, cohort, coordinator, learner):
    client.force_login(coordinator)
    assert "Rien ne vous attend aujourd'hui." in client.get(_url(cohort)).content.decode()


def _populate(cohort, count, modules, coordinator):
    """`count` learners with completions, attendance, a placement with hours, a concern; sessions; a message."""
    sessions = [CohortSessionFactory(cohort=cohort, past=True), CohortSessionFactory(cohort=cohort, past=True)]
    CohortSessionFactory(cohort=cohort, date=timezone.localdate() - datetime.timedelta(days=1))
    for index in range(count):
        learner = _learner(cohort, f"Personne{index}")
        _complete(learner, modules[0].lessons[0])
        for session in sessions:
            AttendanceFactory(session=session, learner=learner, absent=index % 2 == 0)
        placement = PlacementFactory(enrolment=Enrolment.objects.get(learner=learner), in_progress=True)
        week_start = placement.starts_on - datetime.timedelta(days=placement.starts_on.weekday())
        TimeEntry.objects.create(
            placement=placement, date=placement.starts_on, week_start=week_start, hours=7, day_type="presence"
        )
        WeekSignoff.objects.create(placement=placement, week_start=week_start, status=WeekStatus.PENDING)
        Concern.objects.create(placement=placement, severity=Severity.LOW, description="À suivre")
        PlacementFactory(enrolment=Enrolment.objects.get(learner=learner))  # a second one, proposed
    from cockpit.services import coordinator_message_send, new_sending_token

    coordinator_message_send(
        cohort=cohort,
        by=coordinator,
        learner_ids=list(cohort.enrolments.values_list("learner_id", flat=True)),
        subject="Bienvenue",
        body="Bonjour à toutes et à tous.",
        token=new_sending_token(),
    )


# Once the learners' table and the figures are in the shared cache (cohorts.changes.cached_table, cohort_figures):
# session and user (2), the cohort (1), the messages (1). No Wagtail user bar on the platform's own pages
# (cms.templatetags.cms_userbar).
COCKPIT_QUERIES_CACHED = 4
# The first request after a change also reads the programme's outline (2), the page of learners (10: the lms matrix
# with the page's count, their attendance, placements with approved hours, concerns, validated internships and
# current decisions) and computes the whole cohort's figures, then kept (14): active learners, attendance, without a
# placement, standings, open concerns, and the actions with each group's first lines and count.
COCKPIT_QUERIES = COCKPIT_QUERIES_CACHED + 26
# The same whether the cohort has 1 or 7 enrolments (two pages of 5): the page of enrolments and their count are two.
ENROLMENTS_QUERIES = 5


@pytest.mark.parametrize("count", [1, 15])
def test_the_dashboard_reads_a_fixed_number_of_queries(
    client, cohort, coordinator, modules, count, django_assert_num_queries
):
    _populate(cohort, count, modules, coordinator)
    client.force_login(coordinator)
    with django_assert_num_queries(COCKPIT_QUERIES):
        response = client.get(_url(cohort))
    roster = response.context["roster"]
    assert len(roster.rows) == count
    assert all(row.eligibility is not None for row in roster.rows)
    with django_assert_num_queries(COCKPIT_QUERIES_CACHED):
        cached = client.get(_url(cohort))
    assert "roster" not in cached.context  # the learners' table came from the cache, the same
    assert cached.context["roster_table"] == response.context["roster_table"]
    messages = cached.context["cohort_messages"]
    assert len(messages) == 1 and messages[0]["recipients"] == count
    decision_page = reverse("final_validation:learner", args=[cohort.pk, roster.rows[0].enrolment.pk])
    assert decision_page in cached.content.decode()


def test_the_dashboard_shows_one_page_of_learners_and_figures_of_the_whole_cohort(
    client, cohort, coordinator, modules, monkeypatch
):
    from cockpit import selectors as cockpit_selectors

    monkeypatch.setattr(cockpit_selectors, "ROWS_PER_PAGE", 5)
    monkeypatch.setattr(cockpit_selectors, "ACTION_LINES_SHOWN", 4)
    _populate(cohort, 12, modules, coordinator)
    client.force_login(coordinator)
    response = client.get(_url(cohort) + "?page=3")
    roster, figures = response.context["roster"], response.context["figures"]
    assert [len(roster.rows), roster.page.number, roster.page.paginator.num_pages] == [2, 3, 3]
    assert figures.active_count == 12 and figures.open_concern_count == 12
    concerns = next(group for group in figures.actions if group.code == "concerns")
    assert (len(concerns.lines), concerns.count, concerns.more) == (4, 12, 8)
    html = response.content.decode()
    assert 'aria-label="Pages des apprenants"' in html
    assert "Page 3 sur 3" in html
    assert "et 8 de plus" in html
    # The search keeps its value in the form and in the pagination links.
    first = roster.rows[0].learner
    response = client.get(_url(cohort) + "?q=" + first.first_name)
    assert [row.learner for row in response.context["roster"].rows] == [first]
    assert f'value="{first.first_name}"' in response.content.decode()


def _figures(client, cohort):
    return client.get(_url(cohort)).context["figures"]


def test_the_cached_figures_change_as_soon_as_a_service_writes_their_sources(
    client, cohort, coordinator, modules, django_capture_on_commit_callbacks
):
    from cohort_sessions.services import AttendanceEntry, attendance_record_session
    from cohorts.services import enrolment_withdraw
    from internships.services import concern_raise

    lea = _learner(cohort, "Léa")
    yanis = _learner(cohort, "Yanis", "Morel")
    placement = PlacementFactory(enrolment=Enrolment.objects.get(learner=lea), in_progress=True)
    session = CohortSessionFactory(cohort=cohort, past=True)
    client.force_login(coordinator)
    before = _figures(client, cohort)
    assert (before.active_count, before.open_concern_count, before.attendance_average) == (2, 0, None)
    assert [group.count for group in before.actions if group.code == "attendance"] == [1]
    Concern.objects.create(placement=placement, severity=Severity.LOW, description="Hors service")
    assert _figures(client, cohort).open_concern_count == 0  # written behind the services' back: still cached

    with django_capture_on_commit_callbacks(execute=True):
        concern_raise(placement=placement, severity=Severity.HIGH, description="Épuisement", by=lea)
    assert _figures(client, cohort).open_concern_count == 2
    with django_capture_on_commit_callbacks(execute=True):
        attendance_record_session(
            session=session,
            by=coordinator,
            entries=[AttendanceEntry(lea.pk, AttendanceStatus.PRESENT), AttendanceEntry(yanis.pk, "absent")],
        )
    after = _figures(client, cohort)
    assert after.attendance_average == 50
    assert [group.count for group in after.actions if group.code == "attendance"] == [0]
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=Enrolment.objects.get(learner=yanis), by=coordinator, reason="Déménagement")
    assert _figures(client, cohort).active_count == 1
    html = client.get(_url(cohort)).content.decode()
    assert "<strong>1</strong> apprenant en formation" in html and "<strong>2</strong> signalements ouverts" in html


def test_a_completion_and_a_learner_back_after_two_weeks_refresh_the_figures(
    client, cohort, coordinator, modules, django_capture_on_commit_callbacks
):
    from lms.records import lesson_viewed

    lea = _learner(cohort, "Léa")
    _make_inactive(cohort, lea)
    client.force_login(coordinator)
    inactive = next(group for group in _figures(client, cohort).actions if group.code == "inactive")
    assert inactive.count == 1
    lesson = modules[0].lessons[0]
    with django_capture_on_commit_callbacks(execute=True):
        lesson_viewed(learner=lea, lesson=lesson)  # a "marked done" lesson: only her activity is stamped
    inactive = next(group for group in _figures(client, cohort).actions if group.code == "inactive")
    assert inactive.count == 0


def test_each_cohort_and_each_language_has_its_own_figures(cohort, coordinator, modules):
    from django.utils import translation

    _learner(cohort, "Léa")
    other = CohortFactory(programme=cohort.programme, coordinators=[coordinator])
    with translation.override("fr"):
        french = cockpit_selectors.cohort_figures(cohort=cohort)
    with translation.override("en"):
        english = cockpit_selectors.cohort_figures(cohort=cohort)
    assert french.active_count == english.active_count == 1
    assert cockpit_selectors.cohort_figures(cohort=other).active_count == 0
    assert english.actions[0].title == "Attendance to take" != french.actions[0].title


def _roster_html(client, cohort):
    """The learners' section of the dashboard, and whether the table was built for this request (else read)."""
    response = client.get(_url(cohort))
    html = response.content.decode()
    section = html[html.index('<section aria-labelledby="learners">') : html.index('<section aria-labelledby="write">')]
    return section, "roster" in response.context


def test_the_learners_table_is_kept_until_one_of_its_sources_changes(
    client, cohort, coordinator, modules, django_capture_on_commit_callbacks
):
    from final_validation.enums import JuryOutcome
    from final_validation.services import final_decision_record

    lea = _learner(cohort, "Léa")
    enrolment = Enrolment.objects.get(learner=lea)
    placement = PlacementFactory(enrolment=enrolment, in_progress=True, host__name="GEM Les Tilleuls")
    client.force_login(coordinator)
    html, built = _roster_html(client, cohort)
    assert built and "Léa Martin" in html and "GEM Les Tilleuls" in html and "0/2" in html
    assert "cached_table" not in html  # the template's comment stays out of the page
    # Written behind the services' back: the table is read from the cache, as it was.
    Concern.objects.create(placement=placement, severity=Severity.LOW, description="Hors service")
    assert _roster_html(client, cohort) == (html, False)

    with django_capture_on_commit_callbacks(execute=True):
        _complete(lea, modules[0].lessons[0])
    html, built = _roster_html(client, cohort)
    assert built and "1/2" in html
    with django_capture_on_commit_callbacks(execute=True):
        lea.last_name = "Bernard"
        lea.save()
    assert "Léa Bernard" in _roster_html(client, cohort)[0]
    with django_capture_on_commit_callbacks(execute=True):
        placement.host.name = "GEM La Passerelle"
        placement.host.save()
    assert "GEM La Passerelle" in _roster_html(client, cohort)[0]
    with django_capture_on_commit_callbacks(execute=True):
        final_decision_record(
            enrolment=enrolment,
            outcome=JuryOutcome.DEFERRED,
            jury_date=max(cohort.starts_on, timezone.localdate() - datetime.timedelta(days=1)),
            by=coordinator,
            note="Le stage reste à faire.",
        )
    assert "Validation reportée" in _roster_html(client, cohort)[0]
    module = modules[1]
    module.title = "Module 2 : le rétablissement"
    module.save_revision().publish()
    assert "Module 2 : le rétablissement" in _roster_html(client, cohort)[0]
    # A login stamps the person's last login only: the table stays in the cache.
    with django_capture_on_commit_callbacks(execute=True):
        lea.last_login = timezone.now()
        lea.save(update_fields=["last_login"])
    assert _roster_html(client, cohort)[1] is False


def test_each_page_filter_and_language_of_the_learners_table_is_kept_apart(client, cohort, coordinator, modules):
    for first_name in ("Léa", "Yanis", "Inès"):
        _learner(cohort, first_name)
    client.force_login(coordinator)
    everyone = client.get(_url(cohort)).content.decode()
    searched = client.get(_url(cohort) + "?q=Yanis").content.decode()
    assert "Léa Martin" in everyone and "Léa Martin" not in searched and "Yanis Martin" in searched
    client.cookies["django_language"] = "en"
    english = client.get(_url(cohort)).content.decode()
    assert "3 active learners, by name" in english
    assert "3 apprenants en formation, par ordre alphabétique" in everyone


# --- Open concerns ---------------------------------------------------------------------------------------


def _concerns_url(cohort):
    return reverse("cockpit:concerns", args=[cohort.pk])


def _concern(cohort, last_name, severity=Severity.LOW, status=ConcernStatus.OPEN):
    learner = _learner(cohort, "Sam", last_name)
    placement = PlacementFactory(enrolment=Enrolment.objects.get(learner=learner), in_progress=True)
    return Concern.objects.create(placement=placement, severity=severity, description="À suivre", status=status)


# Session and user (2), the cohort (1), the page of concerns and their count (2).
CONCERNS_QUERIES = 5


@pytest.mark.parametrize("count", [1, 7])
def test_the_concerns_page_reads_a_fixed_number_of_queries(
    client, cohort, coordinator, count, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("core.pagination.PER_PAGE", 5)
    for index in range(count):
        _concern(cohort, f"Personne{index}")
    client.force_login(coordinator)
    client.get(_concerns_url(cohort))
    with django_assert_num_queries(CONCERNS_QUERIES):
        response = client.get(_concerns_url(cohort))
    assert len(response.context["concerns"]) == min(count, 5)


def test_the_concerns_page_filters_pages_and_leads_to_each_concern(client, cohort, coordinator, monkeypatch):
    monkeypatch.setattr("core.pagination.PER_PAGE", 2)
    abel = _concern(cohort, "Abel", Severity.HIGH)
    _concern(cohort, "Brun", Severity.LOW, ConcernStatus.FOLLOWED_UP)
    caron = _concern(cohort, "Caron", Severity.HIGH)
    _concern(cohort, "Dufour", status=ConcernStatus.CLOSED)  # closed: never listed
    withdrawn = _concern(cohort, "Morel")
    Enrolment.objects.filter(pk=withdrawn.placement.enrolment_id).update(status=EnrolmentStatus.WITHDRAWN)
    client.force_login(coordinator)

    response = client.get(_concerns_url(cohort))
    assert [row.learner.last_name for row in response.context["concerns"]] == ["Abel", "Brun"]
    html = response.content.decode()
    assert "3 signalements ouverts" in html and 'aria-label="Pages des signalements"' in html
    assert reverse("internships:concern", args=[abel.pk]) in html and "Élevée" in html
    response = client.get(_concerns_url(cohort), {"page": 2})
    assert [row.concern.pk for row in response.context["concerns"]] == [caron.pk]
    response = client.get(_concerns_url(cohort), {"severity": Severity.HIGH})
    assert [row.concern.pk for row in response.context["concerns"]] == [abel.pk, caron.pk]
    response = client.get(_concerns_url(cohort), {"status": ConcernStatus.FOLLOWED_UP})
    assert [row.learner.last_name for row in response.context["concerns"]] == ["Brun"]
    response = client.get(_concerns_url(cohort), {"q": "caro"})
    assert [row.learner.last_name for row in response.context["concerns"]] == ["Caron"]
    response = client.get(_concerns_url(cohort), {"q": "dufour"})
    assert "Aucun signalement ne correspond à ces filtres." in response.content.decode()


def test_the_dashboard_leads_to_the_concerns_page(client, cohort, coordinator):
    _concern(cohort, "Abel")
    client.force_login(coordinator)
    figures = client.get(_url(cohort)).context["figures"]
    concerns = next(group for group in figures.actions if group.code == "concerns")
    assert concerns.more_url == _concerns_url(cohort)


def test_only_the_cohort_coordinators_see_its_concerns(client, cohort, coordinator, learner):
    other = UserFactory(staff=True)
    CohortFactory(programme=cohort.programme, coordinators=[other])
    for person in (other, learner):
        client.force_login(person)
        assert client.get(_concerns_url(cohort)).status_code == 404
    client.logout()
    assert reverse("account_login") in client.get(_concerns_url(cohort)).url


# --- "Write to the learners who..." -------------------------------------------------------------------


@pytest.fixture
def promotion(cohort, coordinator, modules):
    """Léa started module 1 and attends; Yanis started nothing, misses sessions, has no placement;
    Inès is inactive with hours behind; Awa withdrew (never a recipient)."""
    today = timezone.localdate()
    lea = _learner(cohort, "Léa")
    yanis = _learner(cohort, "Yanis", "Morel")
    ines = _learner(cohort, "Inès", "Carpentier")
    awa = _learner(cohort, "Awa", "Diallo")
    Enrolment.objects.filter(learner=awa).update(status=EnrolmentStatus.WITHDRAWN)
    _complete(lea, modules[0].lessons[0])
    _complete(ines, modules[1].lessons[0])
    _make_inactive(cohort, ines)
    from lms.models import LearnerProgress

    LearnerProgress.objects.filter(enrolment__learner=ines).update(
        last_activity_at=timezone.now() - datetime.timedelta(days=20)
    )
    for session in [CohortSessionFactory(cohort=cohort, past=True) for _ in range(4)]:
        AttendanceFactory(session=session, learner=lea)
        AttendanceFactory(session=session, learner=yanis, absent=True)
    # Yanis: 1 present out of 5 -> 20 %; Léa 100 %; Inès no rate.
    AttendanceFactory(
        session=CohortSessionFactory(cohort=cohort, date=today - datetime.timedelta(days=1)), learner=yanis
    )
    PlacementFactory(enrolment=Enrolment.objects.get(learner=lea), in_progress=True)
    PlacementFactory(enrolment=Enrolment.objects.get(learner=yanis), status=PlacementStatus.REFUSED)
    PlacementFactory(
        enrolment=Enrolment.objects.get(learner=ines),
        in_progress=True,
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=10),
    )
    return {"lea": lea, "yanis": yanis, "ines": ines, "awa": awa, "modules": modules}


def _names(rows):
    return sorted(row.learner.first_name for row in rows)


def test_each_filter_selects_the_right_learners(cohort, promotion):
    module_1, module_2 = promotion["modules"]
    pick = lambda audience, **kw: _names(message_recipients(cohort=cohort, audience=audience, **kw))  # noqa: E731
    assert pick(Audience.NOT_STARTED, module_id=module_1.pk) == ["Inès", "Yanis"]
    assert pick(Audience.NOT_STARTED, module_id=module_2.pk) == ["Léa", "Yanis"]
    assert pick(Audience.LOW_ATTENDANCE, threshold=80) == ["Yanis"]  # 20 %: 1 of 5
    assert pick(Audience.LOW_ATTENDANCE, threshold=20) == []  # exactly the threshold is not below it
    assert pick(Audience.NO_PLACEMENT) == ["Yanis"]  # a refused placement is no placement
    assert pick(Audience.HOURS_BEHIND) == ["Inès"]
    assert pick(Audience.INACTIVE) == ["Inès"]
    assert pick(Audience.ALL) == ["Inès", "Léa", "Yanis"]


def test_the_coordinator_sees_the_recipients_before_writing(client, cohort, coordinator, promotion):
    client.force_login(coordinator)
    module_1 = promotion["modules"][0]
    response = client.get(_url(cohort, "cockpit:write"), {"audience": "not_started", "module": module_1.pk})
    page = response.content.decode()
    assert "Apprenants qui n&#x27;ont pas commencé « Module 1 »" in page or "Apprenants qui n'ont pas commencé" in page
    assert promotion["yanis"].email in page and promotion["ines"].email in page
    assert promotion["lea"].email not in page and promotion["awa"].email not in page
    assert sorted(response.context["form"].initial["recipients"]) == sorted(
        [promotion["ines"].pk, promotion["yanis"].pk]
    )


def test_a_filter_needing_a_module_says_so(client, cohort, coordinator, promotion):
    client.force_login(coordinator)
    response = client.get(_url(cohort, "cockpit:write"), {"audience": "not_started"})
    assert "Choisissez le module que les apprenants n&#x27;ont pas commencé." in response.content.decode()
    assert response.context.get("rows") is None


def _post(
    client, cohort, token, recipients, subject="Le module 1 vous attend", body="Prenez le temps qu'il faut.", **audience
):
    data = {
        "audience": "not_started",
        "threshold": "80",
        "token": token,
        "subject": subject,
        "body": body,
        "recipients": recipients,
    }
    data.update(audience)
    return client.post(_url(cohort, "cockpit:write"), data)


def test_sending_queues_one_logged_message_per_recipient_and_e_mails_them(
    client, cohort, coordinator, promotion, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    module_1 = promotion["modules"][0]
    recipients = [promotion["yanis"].pk, promotion["ines"].pk]
    with at(WORKDAY), django_capture_on_commit_callbacks(execute=True):
        response = _post(client, cohort, "6f1c2a3b4c5d4e6f8a9b0c1d2e3f4a5b", recipients, module=module_1.pk)
    assert response.status_code == 302 and response.url.endswith("#messages")
    rows = Outbox.objects.filter(rule__code=COORDINATOR_MESSAGE).order_by("recipient_id")
    assert [row.recipient_id for row in rows] == sorted(recipients)
    assert {(row.cohort_id, row.kind, row.state) for row in rows} == {(cohort.pk, OutboxKind.MESSAGE, OutboxState.SENT)}
    assert {row.context["message_subject"] for row in rows} == {"Le module 1 vous attend"}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [promotion["yanis"].email, promotion["ines"].email]
    )
    message = next(m for m in mail.outbox if m.to == [promotion["yanis"].email])
    assert message.subject == "Le module 1 vous attend"
    assert message.body.startswith("Bonjour Yanis,")
    assert "Prenez le temps qu'il faut." in message.body and coordinator.full_name in message.body

    page = client.get(_url(cohort)).content.decode()
    assert "Le module 1 vous attend" in page
    assert "Apprenants qui n&#x27;ont pas commencé « Module 1 »" in page
    assert "2 envoyés" in page


def test_a_double_submit_sends_once(client, cohort, coordinator, promotion, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    module_1 = promotion["modules"][0]
    token = "0a1b2c3d4e5f40718293a4b5c6d7e8f9"
    with at(WORKDAY), django_capture_on_commit_callbacks(execute=True):
        _post(client, cohort, token, [promotion["yanis"].pk], module=module_1.pk)
        second = _post(client, cohort, token, [promotion["yanis"].pk], module=module_1.pk)
    assert Outbox.objects.filter(rule__code=COORDINATOR_MESSAGE).count() == 1
    assert len(mail.outbox) == 1
    messages = [str(m) for m in second.wsgi_request._messages]
    assert messages[-1] == "Ce message avait déjà été envoyé : il n'a pas été envoyé une seconde fois."


@pytest.mark.parametrize(
    ("subject", "body", "recipients", "error"),
    [
        ("", "Un message", "yanis", "Merci d&#x27;écrire un objet."),
        ("Un objet", "   ", "yanis", "Merci d&#x27;écrire un message."),
        ("Un objet", "Un message", None, "Personne ne recevrait ce message : choisissez au moins un apprenant."),
        ("Un objet", "Un message", "lea", "Sélectionnez un choix valide."),  # not among the learners chosen
    ],
)
def test_a_message_that_cannot_be_sent_queues_nothing(
    client, cohort, coordinator, promotion, subject, body, recipients, error
):
    client.force_login(coordinator)
    module_1 = promotion["modules"][0]
    chosen = [promotion[recipients].pk] if recipients else []
    response = _post(client, cohort, "1a1b2c3d4e5f40718293a4b5c6d7e8f9", chosen, subject, body, module=module_1.pk)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Outbox.objects.exists()


def test_only_the_cohort_coordinators_can_send(client, cohort, coordinator, promotion):
    from cockpit.services import CockpitError, coordinator_message_send

    other = UserFactory(staff=True)
    CohortFactory(programme=cohort.programme, coordinators=[other])
    client.force_login(other)
    response = _post(client, cohort, "2a1b2c3d4e5f40718293a4b5c6d7e8f9", [promotion["yanis"].pk], audience="all")
    assert response.status_code == 404
    with pytest.raises(CockpitError, match="Seule l'équipe de coordination de cette promotion peut écrire"):
        coordinator_message_send(
            cohort=cohort, by=other, learner_ids=[promotion["yanis"].pk], subject="S", body="B", token="2a" * 16
        )
    # A withdrawn learner is not written to, even by the coordinator.
    with pytest.raises(CockpitError, match="Certaines personnes choisies ne sont pas en formation"):
        coordinator_message_send(
            cohort=cohort, by=coordinator, learner_ids=[promotion["awa"].pk], subject="S", body="B", token="3a" * 16
        )
    assert not Outbox.objects.exists()


def test_the_message_rule_is_declared_in_both_languages():
    spec = get_rule_spec(COORDINATOR_MESSAGE)
    assert spec.is_message and spec.app_label == "cockpit" and spec.audience == "learner"
    assert "{{ message_body }}" in spec.body_fr and "{{ message_body }}" in spec.body_en
    assert spec.subject_fr == spec.subject_en == "{{ message_subject }}"
    assert cockpit_selectors.COORDINATOR_MESSAGE == "cohorts.coordinator_message"


def test_the_calendar_pages_lead_to_the_dashboard(client, cohort, coordinator):
    client.force_login(coordinator)
    assert _url(cohort) in client.get(reverse("cohort_sessions:cohort-list")).content.decode()
    assert _url(cohort) in client.get(reverse("cohort_sessions:cohort", args=[cohort.pk])).content.decode()


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ({"audience": "low_attendance", "threshold": ""}, "Indiquez le seuil d&#x27;assiduité, entre 1 et 100 %."),
        ({"audience": "low_attendance", "threshold": "150"}, "inférieure ou égale à 100"),
        ({"audience": "nobody"}, "Sélectionnez un choix valide"),
    ],
)
def test_a_wrong_choice_of_recipients_is_explained(client, cohort, coordinator, promotion, query, error):
    client.force_login(coordinator)
    response = client.get(_url(cohort, "cockpit:write"), query)
    assert error in response.content.decode()
    assert response.context.get("rows") is None


def test_a_choice_matching_nobody_says_so_and_offers_no_form(client, cohort, coordinator, promotion):
    client.force_login(coordinator)
    response = client.get(_url(cohort, "cockpit:write"), {"audience": "low_attendance", "threshold": "10"})
    page = response.content.decode()
    assert "Aucun apprenant ne correspond à ce choix aujourd'hui : personne à qui écrire." in page
    assert "Envoyer le message" not in page


def test_the_dashboard_shows_the_jurys_current_decision_once_recorded(client, cohort, coordinator):
    import datetime

    from final_validation.enums import JuryOutcome
    from final_validation.services import final_decision_record

    learner = _learner(cohort, "Yanis", "Morel")
    enrolment = learner.enrolments.get(cohort=cohort)
    final_decision_record(
        enrolment=enrolment,
        outcome=JuryOutcome.DEFERRED,
        jury_date=max(cohort.starts_on, datetime.date.today() - datetime.timedelta(days=1)),
        by=coordinator,
        note="Le stage reste à faire.",
    )
    client.force_login(coordinator)
    response = client.get(_url(cohort))
    [row] = response.context["roster"].rows
    assert row.decision.outcome == JuryOutcome.DEFERRED
    html = response.content.decode()
    assert "Validation reportée" in html and "jury du" in html


# --- Enrolments page ---------------------------------------------------------------------------------


def _enrolments_url(cohort):
    return reverse("cockpit:enrolments", args=[cohort.pk])


@pytest.mark.parametrize("count", [1, 7])
def test_the_enrolments_page_reads_a_fixed_number_of_queries(
    client, cohort, coordinator, count, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("core.pagination.PER_PAGE", 5)  # 7 learners: two pages
    for index in range(count):
        _learner(cohort, f"Personne{index}")
    client.force_login(coordinator)
    client.get(_enrolments_url(cohort))  # the shared caches are warm, as under load
    with django_assert_num_queries(ENROLMENTS_QUERIES):
        response = client.get(_enrolments_url(cohort))
    assert len(response.context["enrolments"]) == min(count, 5)


def test_the_enrolments_page_filters_by_status_and_name_and_pages(client, cohort, coordinator, monkeypatch):
    monkeypatch.setattr("core.pagination.PER_PAGE", 2)
    for name in ("Abel", "Brun", "Caron"):
        _learner(cohort, "Sam", name)
    withdrawn = _learner(cohort, "Sam", "Dufour")
    Enrolment.objects.filter(learner=withdrawn).update(status=EnrolmentStatus.WITHDRAWN)
    client.force_login(coordinator)

    response = client.get(_enrolments_url(cohort))
    assert [e.learner.last_name for e in response.context["enrolments"]] == ["Abel", "Brun"]
    html = response.content.decode()
    assert "4 inscriptions" in html and 'aria-label="Pages des inscriptions"' in html
    response = client.get(_enrolments_url(cohort), {"status": EnrolmentStatus.ACTIVE, "page": 2})
    assert [e.learner.last_name for e in response.context["enrolments"]] == ["Caron"]
    assert "?status=active&amp;page=1" in response.content.decode()
    response = client.get(_enrolments_url(cohort), {"status": EnrolmentStatus.WITHDRAWN})
    assert [e.learner.last_name for e in response.context["enrolments"]] == ["Dufour"]
    response = client.get(_enrolments_url(cohort), {"q": "caro"})
    assert [e.learner.last_name for e in response.context["enrolments"]] == ["Caron"]
    assert 'value="caro"' in response.content.decode()
    response = client.get(_enrolments_url(cohort), {"q": "personne"})
    assert "Aucun apprenant ne correspond à ces filtres." in response.content.decode()

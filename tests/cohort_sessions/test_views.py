"""Calendar pages: who sees what (refusals are 404), forms, and constant query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cohort_sessions.models import CohortSession
from tests.factories import (
    AttendanceFactory,
    CohortFactory,
    CohortSessionFactory,
    EnrolmentFactory,
    ProgrammePageFactory,
    UserFactory,
)
from tests.utils import assert_constant_queries

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(name, args=args)


@pytest.fixture
def other_cohort(db):
    """A cohort of another programme, with its own coordinator, learner and sessions."""
    other_coordinator = UserFactory(staff=True, email="autre-coordo@example.test")
    cohort = CohortFactory(coordinators=[other_coordinator])
    EnrolmentFactory(cohort=cohort)
    CohortSessionFactory(cohort=cohort, title="Session de l'autre promotion")
    return cohort


# --- Permissions ------------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, cohort):
    response = client.get(url("cohort_sessions:cohort", cohort.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "name",
    [
        "cohort_sessions:cohort",
        "cohort_sessions:session-create",
        "cohort_sessions:roster-csv",
        "cohort_sessions:roster-xlsx",
    ],
)
def test_cohort_pages_are_404_for_another_cohorts_coordinator_and_a_learner(
    client, cohort, learner, other_cohort, name
):
    intruder = other_cohort.coordinators.get()
    targets = {
        "cohort_sessions:roster-csv": reverse("cohort_sessions:roster", args=[cohort.pk, "csv"]),
        "cohort_sessions:roster-xlsx": reverse("cohort_sessions:roster", args=[cohort.pk, "xlsx"]),
    }
    target = targets.get(name) or url(name, cohort.pk)
    for person in (intruder, learner):
        client.force_login(person)
        assert client.get(target).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_session_pages_are_404_for_another_cohorts_coordinator_and_a_learner(
    client, cohort, learner, other_cohort, fmt
):
    session = CohortSessionFactory(cohort=cohort, past=True)
    intruder = other_cohort.coordinators.get()
    for person in (intruder, learner):
        client.force_login(person)
        assert client.get(url("cohort_sessions:session-edit", session.pk)).status_code == 404
        assert client.get(url("cohort_sessions:attendance", session.pk)).status_code == 404
        assert (
            client.post(url("cohort_sessions:attendance", session.pk), {f"status_{learner.pk}": "absent"}).status_code
            == 404
        )
        assert client.get(reverse("cohort_sessions:attendance-sheet", args=[session.pk, fmt])).status_code == 404
    assert not session.attendances.exists()


def test_cohort_list_is_404_for_someone_coordinating_nothing(client, learner):
    client.force_login(learner)
    assert client.get(url("cohort_sessions:cohort-list")).status_code == 404


def test_coordinator_of_two_cohorts_sees_both_and_nothing_of_a_third(client, cohort, coordinator, other_cohort):
    second = CohortFactory(programme=ProgrammePageFactory(title="DU Rétablissement en santé mentale"))
    second.coordinators.add(coordinator)
    CohortSessionFactory(cohort=second, title="Regroupement A — Rétablissement")
    CohortSessionFactory(cohort=cohort, title="Regroupement B — Écoute active")
    client.force_login(coordinator)

    listing = client.get(url("cohort_sessions:cohort-list")).content.decode()
    assert f'href="{url("cohort_sessions:cohort", cohort.pk)}"' in listing
    assert f'href="{url("cohort_sessions:cohort", second.pk)}"' in listing
    assert url("cohort_sessions:cohort", other_cohort.pk) not in listing

    assert "Regroupement A — Rétablissement" in client.get(url("cohort_sessions:cohort", second.pk)).content.decode()
    assert "Regroupement B — Écoute active" in client.get(url("cohort_sessions:cohort", cohort.pk)).content.decode()
    assert client.get(url("cohort_sessions:cohort", other_cohort.pk)).status_code == 404


# --- Coordinator pages ------------------------------------------------------------------------------------


def test_cohort_calendar_splits_upcoming_and_past_and_shows_rates(client, cohort, coordinator, learner):
    past = CohortSessionFactory(cohort=cohort, past=True, title="Regroupement 1 — Accueil")
    CohortSessionFactory(cohort=cohort, title="Regroupement 2 — Écoute active")
    AttendanceFactory(session=past, learner=learner, late=True)
    client.force_login(coordinator)

    html = client.get(url("cohort_sessions:cohort", cohort.pk)).content.decode()

    upcoming_part, past_part = html.split('id="past"')
    assert "Regroupement 2 — Écoute active" in upcoming_part
    assert "Regroupement 1 — Accueil" in past_part
    assert "Présences saisies (apprenants : 1)" in past_part
    assert '<td class="rate">100 %</td>' in html


def test_session_create_form_shows_clear_errors_and_writes_nothing(client, cohort, coordinator):
    client.force_login(coordinator)
    response = client.post(
        url("cohort_sessions:session-create", cohort.pk),
        {
            "title": "Regroupement 3",
            "date": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
            "starts_at": "14:00",
            "ends_at": "10:00",
            "mode": "remote",
            "place": "",
            "video_url": "",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "L&#x27;heure de fin doit être après l&#x27;heure de début." in html
    assert "Indiquez le lien de visioconférence" in html
    assert not CohortSession.objects.exists()


def test_session_create_form_adds_the_session(client, cohort, coordinator):
    client.force_login(coordinator)
    day = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(
        url("cohort_sessions:session-create", cohort.pk),
        {
            "title": "Regroupement 3 — Éthique",
            "date": day.isoformat(),
            "starts_at": "09:00",
            "ends_at": "12:30",
            "mode": "hybrid",
            "place": "Salle 3",
            "video_url": "https://visio.example.test/r3",
            "speakers": "Inès Garnier",
        },
    )
    assert response.status_code == 302
    session = CohortSession.objects.get()
    assert (session.cohort, session.date, session.starts_at, session.mode) == (
        cohort,
        day,
        datetime.time(9, 0),
        "hybrid",
    )


def test_session_edit_form_saves_and_tells_the_coordinator_learners_are_told(client, cohort, coordinator, learner):
    session = CohortSessionFactory(cohort=cohort)
    client.force_login(coordinator)
    page = client.get(url("cohort_sessions:session-edit", session.pk)).content.decode()
    assert 'value="Salle 204, 12 rue des Tilleuls, Lyon"' in page
    response = client.post(
        url("cohort_sessions:session-edit", session.pk),
        {
            "title": session.title,
            "date": session.date.isoformat(),
            "starts_at": "09:30",
            "ends_at": "17:00",
            "mode": "in_person",
            "place": "Salle 5",
        },
        follow=True,
    )
    assert "Les apprenants recevront un e-mail" in response.content.decode()
    session.refresh_from_db()
    assert session.place == "Salle 5"


def test_attendance_form_lists_active_learners_only_and_saves_the_register(client, cohort, coordinator, learner):
    late = EnrolmentFactory(cohort=cohort).learner
    withdrawn = EnrolmentFactory(cohort=cohort, withdrawn=True).learner
    session = CohortSessionFactory(cohort=cohort, past=True)
    client.force_login(coordinator)

    page = client.get(url("cohort_sessions:attendance", session.pk)).content.decode()
    assert f'name="status_{learner.pk}"' in page
    assert f'name="status_{withdrawn.pk}"' not in page

    response = client.post(
        url("cohort_sessions:attendance", session.pk),
        {f"status_{learner.pk}": "excused", f"reason_{learner.pk}": "Hospitalisation", f"status_{late.pk}": "late"},
    )
    assert response.status_code == 302
    assert dict(session.attendances.values_list("learner_id", "status")) == {learner.pk: "excused", late.pk: "late"}

    # Re-saving corrects the register.
    client.post(
        url("cohort_sessions:attendance", session.pk), {f"status_{learner.pk}": "present", f"status_{late.pk}": "late"}
    )
    assert dict(session.attendances.values_list("learner_id", "status")) == {learner.pk: "present", late.pk: "late"}
    assert session.attendances.get(learner=learner).reason == ""


def test_attendance_register_is_taken_a_page_at_a_time_and_searched(client, cohort, coordinator, monkeypatch):
    monkeypatch.setattr("core.pagination.PER_PAGE", 2)
    a, b, c = (
        EnrolmentFactory(cohort=cohort, learner__last_name=name).learner for name in ("Aubert", "Bernard", "Colin")
    )
    session = CohortSessionFactory(cohort=cohort, past=True)
    client.force_login(coordinator)
    target = url("cohort_sessions:attendance", session.pk)

    html = client.get(target).content.decode()
    assert f'name="status_{a.pk}"' in html and f'name="status_{b.pk}"' in html
    assert f'name="status_{c.pk}"' not in html
    assert 'aria-label="Pages de la feuille de présence"' in html
    # Saving the first page records its learners only, then opens the next page.
    response = client.post(target, {f"status_{a.pk}": "absent", f"status_{b.pk}": "late"})
    assert response.status_code == 302 and response.url == f"{target}?page=2"
    assert dict(session.attendances.values_list("learner_id", "status")) == {a.pk: "absent", b.pk: "late"}
    html = client.get(response.url).content.decode()
    assert f'name="status_{c.pk}"' in html and f'name="status_{a.pk}"' not in html
    response = client.post(response.url, {f"status_{c.pk}": "present"})
    assert response.url == url("cohort_sessions:cohort", cohort.pk)  # the last page: back to the calendar
    assert session.attendances.count() == 3

    html = client.get(target, {"q": "coli"}).content.decode()
    assert f'name="status_{c.pk}"' in html and f'name="status_{a.pk}"' not in html
    assert "Aucun apprenant ne correspond à cette recherche." in client.get(target, {"q": "zzz"}).content.decode()


def test_attendance_form_excused_without_reason_shows_the_error_next_to_the_person(
    client, cohort, coordinator, learner
):
    session = CohortSessionFactory(cohort=cohort, past=True)
    client.force_login(coordinator)
    response = client.post(url("cohort_sessions:attendance", session.pk), {f"status_{learner.pk}": "excused"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Indiquez le motif de cette absence excusée." in html
    assert f'id="id_reason_{learner.pk}_error"' in html
    assert f'aria-invalid="true" aria-describedby="id_reason_{learner.pk}_error"' in html
    assert not session.attendances.exists()


def test_attendance_form_of_a_future_session_offers_no_form(client, cohort, coordinator, learner):
    session = CohortSessionFactory(cohort=cohort)
    client.force_login(coordinator)
    html = client.get(url("cohort_sessions:attendance", session.pk)).content.decode()
    assert "Ce regroupement n'a pas encore eu lieu" in html
    assert f'name="status_{learner.pk}"' not in html


# --- Learner pages ----------------------------------------------------------------------------------------


def test_my_sessions_lists_upcoming_first_of_the_current_cohort_only(client, cohort, learner):
    old = CohortFactory(ended=True, programme=cohort.programme)
    EnrolmentFactory(cohort=old, learner=learner, deferred=True)
    CohortSessionFactory(cohort=old, title="Ancienne promotion", past=True)
    CohortSessionFactory(cohort=cohort, title="Passé", past=True)
    CohortSessionFactory(cohort=cohort, title="Bientôt", date=timezone.localdate() + datetime.timedelta(days=2))
    CohortSessionFactory(cohort=cohort, title="Plus tard", date=timezone.localdate() + datetime.timedelta(days=40))
    client.force_login(learner)

    html = client.get(url("cohort_sessions:my-sessions")).content.decode()

    assert html.index("Bientôt") < html.index("Plus tard") < html.index("Passé")
    assert "Ancienne promotion" not in html


def test_my_attendance_shows_own_records_per_cohort_and_never_others(client, cohort, learner):
    other = EnrolmentFactory(cohort=cohort).learner
    old = CohortFactory(ended=True, programme=cohort.programme)
    EnrolmentFactory(cohort=old, learner=learner, deferred=True)
    old_session = CohortSessionFactory(cohort=old, title="Regroupement de l'an dernier", past=True)
    AttendanceFactory(session=old_session, learner=learner, absent=True)
    session = CohortSessionFactory(cohort=cohort, past=True, title="Regroupement 1 — Accueil")
    AttendanceFactory(session=session, learner=learner, excused=True, reason="Rendez-vous médical")
    AttendanceFactory(session=session, learner=other, excused=True, reason="Motif de quelqu'un d'autre")
    client.force_login(learner)

    html = client.get(url("cohort_sessions:my-attendance")).content.decode()

    assert "Regroupement 1 — Accueil" in html and "Rendez-vous médical" in html
    assert "Motif de quelqu&#x27;un d&#x27;autre" not in html
    assert other.last_name not in html
    assert "Regroupement de l&#x27;an dernier" in html  # history kept per cohort
    assert html.index("Regroupement 1 — Accueil") < html.index("Regroupement de l&#x27;an dernier")
    assert 'Taux d\'assiduité : <span class="rate">0 %</span>' in html  # old cohort: 1 absence


def test_my_space_lists_calendar_entries_by_role(client, cohort, coordinator, learner, outsider):
    client.force_login(coordinator)
    assert "Calendriers des promotions" in client.get(reverse("my_space:home")).content.decode()
    client.force_login(learner)
    html = client.get(reverse("my_space:home")).content.decode()
    assert "Mes regroupements" in html and "Mon assiduité" in html
    assert "Calendriers des promotions" not in html
    client.force_login(outsider)
    assert "Mes regroupements" not in client.get(reverse("my_space:home")).content.decode()


# --- Query counts -----------------------------------------------------------------------------------------


def test_cohort_calendar_queries_do_not_grow_with_sessions_and_learners(client, cohort, coordinator):
    client.force_login(coordinator)
    module = cohort.programme.add_child(instance=type(cohort.programme)(title="Module 1", slug="module-1"))

    def make_rows(n):
        for _ in range(n):
            learner = EnrolmentFactory(cohort=cohort).learner
            past = CohortSessionFactory(cohort=cohort, past=True, speakers="A\nB")
            past.modules.add(module)
            CohortSessionFactory(cohort=cohort)
            AttendanceFactory(session=past, learner=learner)

    def fetch():
        assert client.get(url("cohort_sessions:cohort", cohort.pk)).status_code == 200

    assert_constant_queries(make_rows, fetch, queries=7)


def test_attendance_form_queries_do_not_grow_with_learners(client, cohort, coordinator, monkeypatch):
    monkeypatch.setattr("core.pagination.PER_PAGE", 5)  # 12 learners: three pages of the register
    client.force_login(coordinator)
    session = CohortSessionFactory(cohort=cohort, past=True)

    def make_rows(n):
        for _ in range(n):
            AttendanceFactory(session=session, learner=EnrolmentFactory(cohort=cohort).learner)

    def fetch():
        assert client.get(url("cohort_sessions:attendance", session.pk)).status_code == 200

    assert_constant_queries(make_rows, fetch, queries=8)


def test_attendance_save_queries_do_not_grow_with_learners(client, cohort, coordinator):
    client.force_login(coordinator)
    session = CohortSessionFactory(cohort=cohort, past=True)
    learners = []
    saves = []

    def make_rows(n):
        for _ in range(n):
            learner = EnrolmentFactory(cohort=cohort).learner
            AttendanceFactory(session=session, learner=learner, absent=True)
            learners.append(learner)

    def fetch():
        # Each save flips every status so that every row is really updated.
        saves.append(1)
        status = "present" if len(saves) % 2 else "absent"
        data = {f"status_{p.pk}": status for p in learners}
        assert client.post(url("cohort_sessions:attendance", session.pk), data).status_code == 302
        assert set(session.attendances.values_list("status", flat=True)) == {status}

    assert_constant_queries(make_rows, fetch, queries=13)


def test_my_sessions_and_my_attendance_queries_do_not_grow(client, cohort, learner):
    client.force_login(learner)

    def make_rows(n):
        for _ in range(n):
            past = CohortSessionFactory(cohort=cohort, past=True)
            CohortSessionFactory(cohort=cohort)
            AttendanceFactory(session=past, learner=learner)
            old = CohortFactory(ended=True, programme=cohort.programme)
            EnrolmentFactory(cohort=old, learner=learner, status="completed")

    def fetch():
        assert client.get(url("cohort_sessions:my-sessions")).status_code == 200
        assert client.get(url("cohort_sessions:my-attendance")).status_code == 200

    assert_constant_queries(make_rows, fetch, queries=9)


def test_cohort_list_queries_do_not_grow(client, coordinator):
    client.force_login(coordinator)

    def make_rows(n):
        for _ in range(n):
            coordinator.coordinated_cohorts.add(CohortFactory())

    def fetch():
        assert client.get(url("cohort_sessions:cohort-list")).status_code == 200

    assert_constant_queries(make_rows, fetch, queries=3)


def test_session_form_offers_only_pages_of_the_cohorts_programme(client, cohort, coordinator):
    mine = cohort.programme.add_child(instance=type(cohort.programme)(title="Module — Écoute active", slug="ecoute"))
    other = ProgrammePageFactory(title="Autre DU")
    other.add_child(instance=type(other)(title="Module d'un autre DU", slug="autre-module"))
    client.force_login(coordinator)
    html = client.get(url("cohort_sessions:session-create", cohort.pk)).content.decode()
    assert "Module — Écoute active" in html
    assert "Module d&#x27;un autre DU" not in html and "Module d'un autre DU" not in html
    response = client.post(
        url("cohort_sessions:session-create", cohort.pk),
        {
            "title": "Regroupement",
            "date": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
            "starts_at": "09:00",
            "ends_at": "12:00",
            "mode": "in_person",
            "place": "Salle 1",
            "modules": [str(other.pk)],
        },
    )
    assert response.status_code == 200  # refused: not a choice
    assert not CohortSession.objects.exists()
    assert f'value="{mine.pk}"' in html

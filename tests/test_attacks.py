"""Attacks that issue 13's text does not list, tried as an outsider or an insider would (one world per module).

Each test is an attempt that must fail: a redirect that leaves the site, a session kept across a login, ids of
another cohort mixed into a coordinator's address, a state change by GET, fields that a form does not offer,
markup in a name, another learner's data through the API, another programme's objects in the Wagtail admin.
"""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _media_root(settings, world_media_dir):
    """One media folder for the module: the world's files are written once."""
    settings.MEDIA_ROOT = world_media_dir


def as_(client, world, actor):
    client.force_login(world.people[actor])
    return client


# --- Open redirects -----------------------------------------------------------------------------------------

EVIL_NEXTS = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "\\\\evil.example", "http:evil.example"]


@pytest.mark.parametrize("evil", EVIL_NEXTS)
def test_login_never_redirects_off_site(world, evil):
    visitor = Client()
    response = visitor.post(
        reverse("account_login") + "?next=" + evil, {"login": world.people["learner_a"].email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.parametrize("evil", EVIL_NEXTS)
def test_language_switch_never_redirects_off_site(client, evil):
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": evil})
    assert "evil.example" not in response.get("Location", "")


# --- Session fixation ---------------------------------------------------------------------------------------


def test_login_gives_a_new_session_key(world):
    visitor = Client()
    visitor.get(reverse("account_login"))
    visitor.session.save()
    before = visitor.session.session_key
    visitor.post(reverse("account_login"), {"login": world.people["learner_a"].email, "password": PASSWORD})
    assert visitor.session.get("_auth_user_id") == str(world.people["learner_a"].pk)
    assert visitor.session.session_key != before


# --- Ids of another cohort or round in a coordinator's address ----------------------------------------------


def _other_cohort_objects():
    """A cohort of the coordinator's other programme, with an enrolment, a round and a dossier of its own."""
    from tests.factories import ApplicationFactory, CohortFactory, EnrolmentFactory, SelectionRoundFactory

    other_cohort = CohortFactory()
    other_enrolment = EnrolmentFactory(cohort=other_cohort)
    other_round = SelectionRoundFactory(cohort=CohortFactory(programme=other_cohort.programme))
    other_dossier = ApplicationFactory(selection_round=other_round, complete=True)
    return other_cohort, other_enrolment, other_round, other_dossier


def test_a_coordinator_cannot_mix_another_cohorts_ids_into_their_own_addresses(client, world):
    _cohort, other_enrolment, _round, other_dossier = _other_cohort_objects()
    cohort, selection_round = world.objects["cohort"], world.objects["round"]
    as_(client, world, "coordinator")
    urls = [
        reverse("lms:learner_detail", args=[cohort.pk, other_enrolment.pk]),
        reverse("final_validation:learner", args=[cohort.pk, other_enrolment.pk]),
        reverse("cockpit:enrolment", args=[cohort.pk, other_enrolment.pk]),
        reverse("cockpit:access", args=[cohort.pk, other_enrolment.learner_id]),
        reverse("cockpit:access", args=[cohort.pk, other_dossier.candidate_id]),
        reverse("selection:manage_application", args=[selection_round.pk, other_dossier.pk]),
        reverse("selection:manage_dossier_pdf", args=[selection_round.pk, other_dossier.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, (url, response.status_code)


# --- State changes by GET (a link or an image in a mail would do them) --------------------------------------


def test_state_changing_addresses_refuse_get(client, world):
    o = world.objects
    cases = {
        "learner_a": [
            reverse("lms:journal_share", args=[o["entry_a"].pk]),
            reverse("lms:journal_unshare", args=[o["entry_a"].pk]),
            reverse("lms:journal_delete", args=[o["entry_a"].pk]),
            reverse("lms:lesson_mark_done", args=[o["lesson"].pk]),
            reverse("internships:action", args=[o["placement_a"].pk, "cancel"]),
        ],
        "candidate_a": [
            reverse("selection:withdraw", args=[o["dossier_a"].pk]),
            reverse("selection:cancel_interview", args=[o["dossier_a"].pk]),
        ],
        "coordinator": [
            reverse("lms:override_delete", args=[o["cohort"].pk, o["override"].pk]),
            reverse("internships:link_revoke", args=[o["link"].pk]),
            reverse("selection:manage_action", args=[o["round"].pk, o["dossier_a"].pk, "refuse"]),
        ],
    }
    from internships.models import TutorAccessLink
    from lms.models import JournalEntry, LessonCompletion, ModuleReleaseOverride

    placement_status = o["placement_a"].status
    dossier_status = o["dossier_a"].status
    for actor, urls in cases.items():
        visitor = as_(type(client)(), world, actor)
        for url in urls:
            response = visitor.get(url)
            assert response.status_code in (200, 302, 404, 405), (actor, url, response.status_code)
    # A GET may show a confirmation page; it never changes anything.
    assert JournalEntry.objects.filter(pk=o["entry_a"].pk, shared_at__isnull=False).exists()
    assert not LessonCompletion.objects.filter(lesson_id=o["lesson"].pk).exists()
    assert ModuleReleaseOverride.objects.filter(pk=o["override"].pk).exists()
    assert TutorAccessLink.objects.get(pk=o["link"].pk).revoked_at is None
    o["placement_a"].refresh_from_db()
    o["dossier_a"].refresh_from_db()
    assert (o["placement_a"].status, o["dossier_a"].status) == (placement_status, dossier_status)


def test_logout_needs_a_post(client, world):
    as_(client, world, "learner_a")
    client.get(reverse("account_logout"))
    assert client.session.get("_auth_user_id") == str(world.people["learner_a"].pk)


# --- Fields a form does not offer ---------------------------------------------------------------------------


def test_signup_ignores_privilege_fields():
    from accounts.models import User

    Client().post(
        reverse("account_signup"),
        {
            "first_name": "Eve",
            "last_name": "Martin",
            "email": "eve@example.test",
            "password1": "un-mot-de-passe-long",
            "is_staff": "on",
            "is_superuser": "on",
            "is_active": "on",
            "groups": "1",
        },
    )
    eve = User.objects.get(email="eve@example.test")
    assert (eve.is_staff, eve.is_superuser, eve.groups.count()) == (False, False, 0)


def test_candidate_cannot_set_their_dossiers_status_or_round(client, world):
    from tests.factories import SelectionRoundFactory

    dossier = world.objects["dossier_a"]
    before = (dossier.status, dossier.selection_round_id)
    other_round = SelectionRoundFactory()
    as_(client, world, "candidate_a")
    client.post(
        reverse("selection:dossier_edit", args=[dossier.pk]),
        {"status": "admitted", "selection_round": other_round.pk, "candidate": world.people["candidate_b"].pk},
    )
    dossier.refresh_from_db()
    assert (dossier.status, dossier.selection_round_id) == before
    assert dossier.candidate == world.people["candidate_a"]


# --- Markup in names ----------------------------------------------------------------------------------------


def test_markup_in_a_learners_name_is_shown_as_text_to_the_coordinator(client, world):
    learner = world.people["learner_a"]
    learner.first_name = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    learner.save(update_fields=["first_name"])
    as_(client, world, "coordinator")
    for url in (
        reverse("cockpit:dashboard", args=[world.objects["cohort"].pk]),
        reverse("lms:learner_detail", args=[world.objects["cohort"].pk, world.objects["enrolment_a"].pk]),
        reverse("internships:detail", args=[world.objects["placement_a"].pk]),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;" in page, url


# --- The API lists the caller's own records only ------------------------------------------------------------


def test_api_journal_lists_only_the_callers_entries(world):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.people["learner_b"])
    ids = [row["id"] for row in api.get("/api/v1/journal/").json()]
    assert world.objects["entry_a"].pk not in ids
    assert api.get(f"/api/v1/journal/{world.objects['entry_a'].pk}/").status_code == 404
    assert api.post(f"/api/v1/journal/{world.objects['entry_a'].pk}/share/").status_code == 404
    coordinator = APIClient()
    coordinator.force_authenticate(world.people["coordinator"])
    assert world.objects["entry_a"].pk not in [row["id"] for row in coordinator.get("/api/v1/journal/").json()]

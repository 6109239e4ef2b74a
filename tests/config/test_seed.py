import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, ROLES, demo_email, demo_totp_code

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    project_apps = {
        "accounts",
        "cms",
        "competencies",
        "cohorts",
        "selection",
        "cohort_sessions",
        "lms",
        "internships",
        "final_validation",
        "tasks",
        "wagtailcore",
    }
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in project_apps and not model._meta.proxy
    }


def test_seed_demo_on_an_empty_database_prints_one_account_per_role(capsys, settings, monkeypatch):
    """Wagtail's index jobs of the seeded pages run during the seed: none is queued for the worker, where they would
    keep a fresh demo's first prepared file or e-mail waiting behind them."""
    queued = []
    monkeypatch.setattr("tasks.django_tasks_backend.CeleryTaskBackend.enqueue", lambda *args: queued.append(args))
    settings.TASKS = {"default": {"BACKEND": "tasks.django_tasks_backend.CeleryTaskBackend"}}
    call_command("seed_demo")
    assert queued == []
    output = capsys.readouterr().out
    assert DEMO_PASSWORD in output
    for key, *_rest in ROLES:
        assert demo_email(key) in output
    assert DEMO_TOTP_SECRET in output and "demo_totp" in output


def demo_login(key: str) -> tuple[Client, bool]:
    """Log in through the real pages, with the demo authenticator's code when asked. (client, was asked)"""
    client = Client()
    response = client.post(reverse("account_login"), {"login": demo_email(key), "password": DEMO_PASSWORD})
    asked = response.status_code == 302 and response.url == reverse("mfa_authenticate")
    if asked:
        # allauth refuses a code already used in its window (kept in the cache): the demo staff share one secret
        # and the tests log in several times a minute.
        cache.clear()
        response = client.post(reverse("mfa_authenticate"), {"code": demo_totp_code()})
    assert response.status_code == 302
    return client, asked


def test_seed_demo_again_changes_no_row_and_prints_the_accounts(demo, capsys):
    """The `demo` fixture holds the rows of a first run: a second run must leave every table as it is."""
    first = _row_counts()
    assert first["accounts.User"] >= len(ROLES)
    call_command("seed_demo")
    assert _row_counts() == first
    output = capsys.readouterr().out
    assert all(demo_email(key) in output for key, *_rest in ROLES)


@pytest.mark.parametrize("key", [role[0] for role in ROLES])
def test_each_demo_account_can_log_in(demo, key):
    from allauth.account.models import EmailAddress

    assert EmailAddress.objects.get(email=demo_email(key)).verified
    client, asked = demo_login(key)
    assert asked == (key in {"coordinator", "author", "jury"})
    response = client.get("/compte/mon-espace/")
    user = EmailAddress.objects.get(email=demo_email(key)).user
    assert response.status_code == 200 and f"Bonjour {escape(user.first_name)}" in response.content.decode()


def test_demo_coordinator_reaches_the_wagtail_admin(demo):
    client, _asked = demo_login("coordinator")
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "wagtail" in response.content.decode().lower()


def test_demo_totp_prints_the_current_code(capsys):
    call_command("demo_totp")
    assert capsys.readouterr().out.splitlines()[0] == demo_totp_code()


def test_the_demo_ranking_shows_jurors_who_disagree(demo):
    """Several jurors per dossier with different scores: mean, median and spread differ somewhere."""
    from selection.models import SelectionRound
    from selection.selectors import ranking_board

    board = ranking_board(
        selection_round=SelectionRound.objects.get(cohort__coordinators__email=demo_email("coordinator"))
    )
    assert any(row.spread for row in board)
    assert any(row.mean != row.median for row in board)
    assert [row.application.candidate.email for row in board if row.application.reviews.count() < 2] == []


def test_the_demo_juror_still_has_dossiers_to_review(demo):
    from selection.models import JuryAssignment, Review

    assigned = JuryAssignment.objects.filter(reviewer__email=demo_email("jury")).values("application")
    reviewed = Review.objects.filter(reviewer__email=demo_email("jury")).values("application")
    assert assigned.exclude(application__in=reviewed).exists()
    assert reviewed.exists()


def test_a_demo_tutor_without_an_account_has_weeks_to_sign_off(demo):
    from internships.enums import WeekStatus
    from internships.models import WeekSignoff

    pending = WeekSignoff.objects.filter(status=WeekStatus.PENDING, placement__tutor__user__isnull=True)
    assert pending.filter(placement__status="in_progress").exists()


def test_the_second_programme_has_its_own_demo_coordinator(demo):
    from cohorts.models import Cohort

    mine = Cohort.objects.filter(coordinators__email=demo_email("coordinator-court"))
    assert mine.exists()
    assert not mine.filter(programme__cohorts__coordinators__email=demo_email("coordinator")).exists()
    client, asked = demo_login("coordinator-court")
    assert asked
    du_cohort = Cohort.objects.filter(coordinators__email=demo_email("coordinator")).first()
    assert client.get(reverse("cockpit:dashboard", args=[mine.first().pk])).status_code == 200
    assert client.get(reverse("cockpit:dashboard", args=[du_cohort.pk])).status_code == 404

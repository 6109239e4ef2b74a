import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

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


def test_seed_demo_on_an_empty_database_prints_one_account_per_role(capsys):
    call_command("seed_demo")
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
    assert client.get("/compte/mon-espace/").status_code == 200


def test_demo_coordinator_reaches_the_wagtail_admin(demo):
    client, _asked = demo_login("coordinator")
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "wagtail" in response.content.decode().lower()


def test_demo_totp_prints_the_current_code(capsys):
    call_command("demo_totp")
    assert capsys.readouterr().out.splitlines()[0] == demo_totp_code()

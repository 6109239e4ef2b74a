import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD, ROLES, demo_email

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    project_apps = {"accounts", "cms", "cohorts", "lms", "internships", "tasks", "wagtailcore"}
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


def test_seed_demo_again_changes_no_row_and_prints_the_accounts(demo, capsys):
    """The `demo` fixture holds the rows of a first run: a second run must leave every table as it is."""
    first = _row_counts()
    assert first["accounts.User"] >= len(ROLES)
    call_command("seed_demo")
    assert _row_counts() == first
    output = capsys.readouterr().out
    assert all(demo_email(key) in output for key, *_rest in ROLES)


@pytest.mark.parametrize("key", [role[0] for role in ROLES])
def test_each_demo_account_can_log_in(demo, client, key):
    assert client.login(username=demo_email(key), password=DEMO_PASSWORD)
    response = client.get("/compte/mon-espace/")
    assert response.status_code == 200
    assert response.context["user"].email == demo_email(key)


def test_demo_coordinator_reaches_the_wagtail_admin(demo, client):
    client.login(username=demo_email("coordinator"), password=DEMO_PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "wagtail" in response.content.decode().lower()

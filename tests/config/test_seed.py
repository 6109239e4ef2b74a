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


def test_seed_demo_is_idempotent(capsys):
    call_command("seed_demo")
    first = _row_counts()
    call_command("seed_demo")
    assert _row_counts() == first
    assert first["accounts.User"] >= len(ROLES)


def test_seed_demo_prints_one_account_per_role(capsys):
    call_command("seed_demo")
    output = capsys.readouterr().out
    assert DEMO_PASSWORD in output
    for key, *_rest in ROLES:
        assert demo_email(key) in output


@pytest.mark.parametrize("key", [role[0] for role in ROLES])
def test_each_demo_account_can_log_in(client, key):
    call_command("seed_demo", quiet_accounts=True)
    assert client.login(username=demo_email(key), password=DEMO_PASSWORD)
    assert client.get("/compte/mon-espace/").status_code == 200


def test_demo_coordinator_reaches_the_wagtail_admin(client):
    call_command("seed_demo", quiet_accounts=True)
    client.login(username=demo_email("coordinator"), password=DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200

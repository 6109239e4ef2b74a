import pytest
from django.db.utils import OperationalError

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = "monitor-token-for-tests"


@pytest.fixture
def monitor(settings):
    settings.HEALTHZ_TOKEN = TOKEN
    return {"HTTP_X_HEALTH_TOKEN": TOKEN}


def test_healthz_tells_anonymous_visitors_the_status_only(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_ignores_a_wrong_token(client, settings):
    settings.HEALTHZ_TOKEN = TOKEN
    assert client.get("/healthz", HTTP_X_HEALTH_TOKEN="guess").json() == {"status": "ok"}


def test_healthz_without_a_configured_token_gives_no_details_to_an_empty_header(client, settings):
    settings.HEALTHZ_TOKEN = ""
    assert client.get("/healthz", HTTP_X_HEALTH_TOKEN="").json() == {"status": "ok"}


def test_healthz_reports_database_and_broker_to_the_monitor(client, monitor):
    response = client.get("/healthz", **monitor)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is True
    assert body["debug"] is False


def test_healthz_details_for_a_superuser_who_passed_the_second_factor(client):
    client.force_login(UserFactory(superuser=True))
    assert set(client.get("/healthz").json()) == {"status", "database", "broker", "debug"}


def test_healthz_no_details_for_a_superuser_with_a_password_only(client_without_second_factor):
    client_without_second_factor.force_login(UserFactory(superuser=True))
    assert client_without_second_factor.get("/healthz").json() == {"status": "ok"}


def test_healthz_no_details_for_staff_who_are_not_superusers(client):
    client.force_login(UserFactory(staff=True))
    assert client.get("/healthz").json() == {"status": "ok"}


def test_healthz_is_503_when_the_broker_is_down(client, monitor):
    from tasks.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/healthz", **monitor)
        anonymous = client.get("/healthz")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    assert response.json()["broker"]["ok"] is False
    assert anonymous.status_code == 503 and anonymous.json() == {"status": "error"}


def test_healthz_is_503_when_the_database_is_down(client, monitor, monkeypatch):
    from config import health

    def broken_cursor():
        raise OperationalError("database is unreachable")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    response = client.get("/healthz", **monitor)
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == {"ok": False, "detail": "OperationalError"}

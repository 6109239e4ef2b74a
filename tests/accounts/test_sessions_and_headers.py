"""Session limits (idle and absolute, shorter for staff) and the security headers of every page."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from config.security import permissions_policy_header
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGE = "/compte/mon-espace/"


def later(start, **delta):
    return time_machine.travel(start + datetime.timedelta(**delta), tick=False)


def still_signed_in(client, user) -> bool:
    """The person's own space answers, greeting them by name."""
    response = client.get(PAGE)
    return response.status_code == 200 and f"Bonjour {escape(user.first_name)}" in response.content.decode()


def signed_out(client) -> bool:
    """The page sends to the log-in page and the session no longer names anyone."""
    response = client.get(PAGE)
    return (
        response.status_code == 302
        and response.url.startswith(reverse("account_login"))
        and "_auth_user_id" not in client.session
    )


def test_staff_session_ends_after_half_an_hour_without_activity(client):
    """Flaw: sessions lasted 14 days with no idle limit."""
    start = timezone.now()
    with later(start):
        client.force_login(UserFactory(staff=True))
        assert client.get(PAGE).status_code == 200
    with later(start, minutes=29):
        assert client.get(PAGE).status_code == 200
    with later(start, minutes=29 + 31):
        response = client.get(PAGE)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_staff_session_ends_after_twelve_hours_even_when_active(client):
    start = timezone.now()
    staff = UserFactory(staff=True)
    with later(start):
        client.force_login(staff)
    for minutes in range(25, 12 * 60, 25):
        with later(start, minutes=minutes):
            assert still_signed_in(client, staff), minutes
    with later(start, hours=12, minutes=1):
        assert signed_out(client)


def test_a_learner_session_survives_an_hour_idle_but_not_three(client):
    start = timezone.now()
    learner = UserFactory()
    with later(start):
        client.force_login(learner)
    with later(start, hours=1, minutes=50):
        assert still_signed_in(client, learner)
    with later(start, hours=3, minutes=51):
        assert signed_out(client)


def test_session_limits_come_from_the_settings(client, settings):
    settings.SESSION_IDLE_TIMEOUT = 60 * 5
    start = timezone.now()
    with later(start):
        client.force_login(UserFactory())
    with later(start, minutes=6):
        assert signed_out(client)


def test_every_page_sends_a_content_security_policy_with_a_nonce(client):
    """Flaw: no Content-Security-Policy."""
    response = client.get(reverse("account_login"))
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # the nonce is added on pages that use it (below)
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"


def test_the_calendar_page_script_carries_the_nonce(client):
    from tests.factories import EnrolmentFactory

    client.force_login(EnrolmentFactory().learner)
    client.post(reverse("cohort_sessions:feed-regenerate"))
    response = client.get(reverse("cohort_sessions:feed-settings"))
    html = response.content.decode()
    script_src = dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))[
        "script-src"
    ]
    assert script_src.startswith("'self' 'nonce-") and "unsafe-inline" not in script_src
    nonce = script_src.split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'<script nonce="{nonce}">' in html


def test_every_page_sends_a_permissions_policy(client):
    """Flaw: no Permissions-Policy."""
    header = client.get(reverse("account_login")).headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in header


def test_permissions_policy_header_format():
    assert permissions_policy_header({"camera": [], "fullscreen": ["self"]}) == "camera=(), fullscreen=(self)"

"""accounts.backends: the logged-in person read with a query compiled once, with Django's checks."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, get_user
from django.test import RequestFactory
from django.urls import reverse

from accounts.backends import AuthenticationBackend, ModelBackend
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("backend", [AuthenticationBackend, ModelBackend])
def test_get_user_reads_the_person_and_refuses_inactive_missing_and_malformed_ids(backend, django_assert_num_queries):
    person, other, inactive = UserFactory(), UserFactory(), UserFactory(is_active=False)
    with django_assert_num_queries(1):
        assert backend().get_user(person.pk) == person
    assert backend().get_user(str(other.pk)) == other
    assert backend().get_user(inactive.pk) is None
    assert backend().get_user(other.pk + 1000) is None
    assert backend().get_user("abc") is None
    assert backend().get_user(None) is None


def test_a_session_opened_by_a_password_log_in_names_our_backend_and_loads_the_person(client):
    person = UserFactory(email="claire@example.test")
    person.set_password("correct-horse-battery")
    person.save()
    response = client.post(
        reverse("account_login"), {"login": "claire@example.test", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == "accounts.backends.AuthenticationBackend"
    request = RequestFactory().get("/")
    request.session = client.session
    assert get_user(request) == person
    # Deactivated: the same session no longer loads anyone.
    person.is_active = False
    person.save(update_fields=["is_active"])
    assert not get_user(request).is_authenticated

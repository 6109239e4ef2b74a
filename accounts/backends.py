"""The authentication backends: allauth's and Django's model backend, each reading the logged-in person with a
query compiled once per process (core.prepared).

Every request of a logged-in person reads their row (`django.contrib.auth.get_user` asks the backend that logged
them in); building and compiling that query with the ORM cost twice what the database spends on it. The checks are
Django's own (`user_can_authenticate`: an inactive account is not loaded), and so is the verification of the
session's password hash that follows.
"""

from allauth.account import auth_backends
from django.contrib.auth import backends

from accounts.models import User
from core.prepared import PreparedQuery

_PERSON = PreparedQuery(lambda person: User.objects.filter(pk=person), "person")


class _PreparedUserMixin:
    def get_user(self, user_id):
        try:
            person = int(user_id)
        except (TypeError, ValueError):
            return None
        rows = _PERSON(person=person)
        user = rows[0] if rows else None
        return user if user is not None and self.user_can_authenticate(user) else None


class AuthenticationBackend(_PreparedUserMixin, auth_backends.AuthenticationBackend):
    """allauth's log-in by e-mail and password."""


class ModelBackend(_PreparedUserMixin, backends.ModelBackend):
    """Django's model backend (permissions; log-ins opened by the test client and the benchmark)."""

"""How django-axes names the address a login attempt was made for.

Failures are counted per normalised address: "Lea@Example.test " and "lea@example.test" are the same person and
share one count, so changing the letter case or adding spaces does not buy new tries (issue 13).
"""

from django.http import HttpRequest

# allauth passes the address as `email`, Django's admin and `authenticate(username=...)` as `username`, and the
# site login form posts it as `login`.
_CREDENTIAL_KEYS = ("email", "username", "login")


def normalise_address(value) -> str:
    return str(value or "").strip().lower()


def lockout_username(request: HttpRequest, credentials: dict | None = None) -> str:
    for source in (credentials or {}, getattr(request, "POST", {}) if request is not None else {}):
        for key in _CREDENTIAL_KEYS:
            if source.get(key):
                return normalise_address(source[key])
    return ""

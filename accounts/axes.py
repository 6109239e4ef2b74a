"""How django-axes names the address a login attempt was made for.

Failures are counted per normalised address: "Lea@Example.test " and "lea@example.test" are the same person and
share one count, so changing the letter case or adding spaces does not buy new tries (issue 13).
"""

from allauth.core.internal.httpkit import get_client_ip
from django.core.exceptions import ImproperlyConfigured
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


def client_ip(request: HttpRequest) -> str | None:
    """The client address axes counts failures for: the same as allauth's rate limits (one rule for both).

    REMOTE_ADDR unless settings.ALLAUTH_TRUSTED_PROXY_COUNT says how many proxies of ours stand in front: then
    the address those proxies saw, from X-Forwarded-For. Behind a proxy without it, every visitor would share the
    proxy's address and a few wrong passwords would lock the whole site; without a proxy, trusting the header
    would let anyone pick a new address for each try.
    """
    try:
        return get_client_ip(request)
    except ImproperlyConfigured:  # fewer X-Forwarded-For entries than trusted proxies: the request skipped them
        return request.META.get("REMOTE_ADDR")

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import security

SESSION_STARTED_KEY = "accounts.session_started_at"
SESSION_SEEN_KEY = "accounts.session_seen_at"
# Where a person who was sent to set up a second factor was going (offered once the set-up is done).
AFTER_SECOND_FACTOR_KEY = "accounts.after_second_factor"


class FrenchFirstLocaleMiddleware:
    """French unless the person chose otherwise.

    The choice comes from the language cookie (the switcher) or the account's preferred language. The
    browser's Accept-Language header is deliberately ignored: the platform is French first.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            user = getattr(request, "user", None)
            language = getattr(user, "preferred_language", None) if user and user.is_authenticated else None
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary = response.headers.get("Vary", "")
        if "Cookie" not in patch_vary:
            response.headers["Vary"] = f"{patch_vary}, Cookie" if patch_vary else "Cookie"
        translation.deactivate()
        return response


# Pages a person must reach while the second factor is still missing: setting it up, proving it, leaving.
SECOND_FACTOR_OPEN_URL_NAMES = {
    "account_logout",
    "account_reauthenticate",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_reauthenticate",
    "mfa_authenticate",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "set_language",
}
UNGUARDED_PREFIXES = ("/static/", "/healthz")


def _url_name(request) -> str:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return ""
    return match.url_name or ""


class SessionExpiryMiddleware:
    """Idle and absolute session limits, shorter for people who reach sensitive data (accounts.security).

    settings.SESSION_IDLE_TIMEOUT / SESSION_ABSOLUTE_TIMEOUT for everyone, SESSION_STAFF_IDLE_TIMEOUT /
    SESSION_STAFF_ABSOLUTE_TIMEOUT for privileged people (seconds). The last-seen stamp is written at most once a
    minute, so that reading a page does not write the session every time.
    """

    SEEN_GRANULARITY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            expired = self._touch(request)
            if expired:
                logout(request)
                messages.info(request, _("Your session has ended, to protect your data. Please log in again."))
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    def _touch(self, request) -> bool:
        now = time.time()
        session = request.session
        started, seen = session.get(SESSION_STARTED_KEY), session.get(SESSION_SEEN_KEY)
        if not isinstance(started, (int, float)) or not isinstance(seen, (int, float)):
            start_session_clock(request)
            return False
        if security.session_privileged(request):
            idle, absolute = settings.SESSION_STAFF_IDLE_TIMEOUT, settings.SESSION_STAFF_ABSOLUTE_TIMEOUT
        else:
            idle, absolute = settings.SESSION_IDLE_TIMEOUT, settings.SESSION_ABSOLUTE_TIMEOUT
        if now - seen > idle or now - started > absolute:
            return True
        if now - seen > self.SEEN_GRANULARITY:
            session[SESSION_SEEN_KEY] = now
        return False


def start_session_clock(request) -> None:
    now = time.time()
    request.session[SESSION_STARTED_KEY] = now
    request.session[SESSION_SEEN_KEY] = now


class SecondFactorMiddleware:
    """Privileged people (accounts.security) pass a second factor before any other page.

    Without an authenticator they are sent to set one up; with one, but not proved in this session (a session
    opened before the rule, or by other means), they are asked for a code. Each time with a calm explanation.
    Token-authenticated API calls carry no session: the API serves learners' own records only.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path_info.startswith(UNGUARDED_PREFIXES)
            and not security.session_passed_second_factor(request)
            and security.session_privileged(request)
            and _url_name(request) not in SECOND_FACTOR_OPEN_URL_NAMES
        ):
            return self._ask_for_second_factor(request)
        return self.get_response(request)

    def _ask_for_second_factor(self, request):
        next_query = urlencode({"next": request.get_full_path()})
        if security.has_second_factor(request.user):
            messages.info(
                request,
                _(
                    "Your role gives access to sensitive personal data. To continue, please enter the code shown "
                    "by your authenticator app."
                ),
            )
            return redirect(f"{reverse('mfa_reauthenticate')}?{next_query}")
        messages.info(
            request,
            _(
                "Your role gives access to sensitive personal data, so your account needs a second step at login. "
                "It takes two minutes: scan the code below with an authenticator app on your phone, then type the "
                "six digits it shows."
            ),
        )
        request.session[AFTER_SECOND_FACTOR_KEY] = request.get_full_path()
        return redirect("mfa_activate_totp")

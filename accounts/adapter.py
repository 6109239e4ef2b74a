"""allauth, the project's way: calm French wording, and a candidate comes back to the call they came from."""

import time
from urllib.parse import urlencode

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("The e-mail address or the password is not right. Please try again."),
        "too_many_login_attempts": _(
            "Too many attempts in a short time. For your safety, please wait a few minutes before trying again."
        ),
        "rate_limited": _("Too many requests in a short time. Please wait a moment before trying again."),
    }

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        """The link in the verification e-mail keeps the page the person signed up from (a call, usually).

        The confirmation view honours `next`, and sends someone who confirms in another browser to the login
        page with the same `next` (accounts.views.ConfirmEmailView).
        """
        url = super().get_email_confirmation_url(request, emailconfirmation)
        next_url = ""
        if request is not None:
            next_url = request.POST.get("next") or request.GET.get("next") or ""
        if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            url += "?" + urlencode({"next": next_url})
        return url

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A first second factor, set up just after logging in with the password, needs no second password.

        Staff are sent to the set-up page right after their login (accounts.SecondFactorMiddleware); asking for
        the password again there would only tire them. Changing or removing an existing factor still asks.
        """
        if app == "allauth.mfa" and self._first_factor_just_proved():
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def _first_factor_just_proved(self) -> bool:
        request = self.request
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or Authenticator.objects.filter(user=user).exists():
            return False
        records = get_authentication_records(request, user)
        return any(
            record.get("method") == "password"
            and time.time() - record.get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT
            for record in records
        )

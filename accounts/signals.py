"""Session bookkeeping at login and when a second factor is set up."""

from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts import security
from accounts.middleware import start_session_clock


@receiver(user_logged_in, dispatch_uid="accounts.session_at_login")
def session_at_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    start_session_clock(request)
    request.user = user
    security.session_privileged(request, refresh=True)


@receiver(authenticator_added, dispatch_uid="accounts.second_factor_at_set_up")
def second_factor_at_set_up(sender, request, user, authenticator, **kwargs):
    """Setting up TOTP means typing a valid code from the new device: that proves the second factor."""
    if request is not None and authenticator.type == authenticator.Type.TOTP:
        security.record_second_factor(request, authenticator)

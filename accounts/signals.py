"""Session bookkeeping at login and when a second factor is set up."""

from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from accounts import security
from accounts.middleware import start_session_clock
from accounts.models import User


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


@receiver(m2m_changed, dispatch_uid="accounts.role_given_through_a_relation")
def role_given_through_a_relation(sender, instance, action, model, pk_set, **kwargs):
    """A person added to any many-to-many relation (a jury, a cohort's coordinators, a group) may have gained a
    role that needs a second factor: their sessions check again at once. Apps above are not imported: the
    relation is recognised by its user side."""
    if action != "post_add":
        return
    if isinstance(instance, User):
        security.role_given([instance.pk])
    elif model is User and pk_set:
        security.role_given(pk_set)


@receiver(post_save, sender=User, dispatch_uid="accounts.role_given_by_a_flag")
def role_given_by_a_flag(sender, instance, created, update_fields=None, **kwargs):
    if update_fields is not None and not {"is_staff", "is_superuser"} & set(update_fields):
        return  # a login's last_login, a language: no role
    if not created and (instance.is_staff or instance.is_superuser):
        security.role_given([instance.pk])

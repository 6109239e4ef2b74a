"""The e-mail-address verification of new candidate accounts, sent directly (not through the outbox).

It stays a direct e-mail on purpose: its link carries a secret (a signed token) that must not be stored in
the outbox, shown to coordinators nor kept in its history. Every other e-mail of the selection is a message
of the reminder engine (selection.messages), visible in the outbox.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User

VERIFY_SALT = "cohorts.verify-email"
VERIFY_MAX_AGE = datetime.timedelta(days=3)


def absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url


def _send(*, to, subject: str, template: str, context: dict) -> bool:
    body = render_to_string(template, context)
    message = EmailMessage(subject=subject, body=body, to=[to])
    message.send()
    return True


def verification_token(user) -> str:
    return signing.TimestampSigner(salt=VERIFY_SALT).sign(f"{user.pk}:{user.email}")


def verification_user(token: str):
    """The inactive user the token was made for, or None if it is wrong or too old."""

    try:
        value = signing.TimestampSigner(salt=VERIFY_SALT).unsign(token, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        return None
    pk, _sep, email = value.partition(":")
    return User.objects.filter(pk=pk, email=email).first()


def send_verification_email(*, user, next_url: str = "") -> bool:
    url = reverse("selection:verify", args=[verification_token(user)])
    if next_url:
        from urllib.parse import urlencode

        url += "?" + urlencode({"next": next_url})
    with translation.override(user.preferred_language):
        return _send(
            to=user.email,
            subject=_("Please confirm your e-mail address"),
            template="selection/emails/verify.txt",
            context={"user": user, "url": absolute(url)},
        )

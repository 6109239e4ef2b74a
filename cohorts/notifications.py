"""E-mails of the selection, written in the recipient's language. Called from tasks only."""

import datetime

import icalendar
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

VERIFY_SALT = "cohorts.verify-email"
VERIFY_MAX_AGE = datetime.timedelta(days=3)


def absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url


def _send(*, to, subject: str, template: str, context: dict, attachments=None) -> bool:
    body = render_to_string(template, context)
    message = EmailMessage(subject=subject, body=body, to=[to], attachments=attachments or [])
    message.send()
    return True


def _subjects() -> dict[str, str]:
    return {
        "submitted": _("Your dossier has been received"),
        "incomplete": _("Your dossier: a document needs your attention"),
        "withdrawn": _("Your application has been withdrawn"),
        "interview_invited": _("You are invited to an interview"),
        "confirmed": _("Your place is confirmed"),
        "expired": _("The deadline to answer the offer has passed"),
        "promoted": _("A place is offered to you"),
    }


def send_application_email(*, application, kind: str) -> bool:
    candidate = application.candidate
    with translation.override(candidate.preferred_language):
        subject = _subjects()[kind]
        url = absolute(reverse("cohorts:dossier", args=[application.pk]))
        transitions = list(application.transitions.order_by("-at", "-id")[:1])
        note = transitions[0].note if transitions else ""
        return _send(
            to=candidate.email,
            subject=subject,
            template="cohorts/emails/application.txt",
            context={"application": application, "kind": kind, "url": url, "note": note, "candidate": candidate},
        )


def booking_ics(booking) -> bytes:
    slot = booking.slot
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Pair-aidance//Selection//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"interview-{booking.application_id}@pair-aidance")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", slot.starts_at)
    event.add("dtend", slot.ends_at)
    event.add("summary", _("Interview — %(round)s") % {"round": booking.application.selection_round.title})
    event.add("location", slot.place)
    calendar.add_component(event)
    return calendar.to_ical()


def send_booking_confirmation(*, booking) -> bool:
    candidate = booking.application.candidate
    with translation.override(candidate.preferred_language):
        return _send(
            to=candidate.email,
            subject=_("Your interview is booked"),
            template="cohorts/emails/booking.txt",
            context={
                "booking": booking,
                "slot": booking.slot,
                "candidate": candidate,
                "url": absolute(reverse("cohorts:dossier", args=[booking.application_id])),
            },
            attachments=[("entretien.ics", booking_ics(booking), "text/calendar")],
        )


def send_decision_letter(*, application) -> bool:
    from cohorts.pdf import decision_letter_pdf

    candidate = application.candidate
    with translation.override(candidate.preferred_language):
        pdf = decision_letter_pdf(application=application)
        return _send(
            to=candidate.email,
            subject=_("The decision of the selection jury"),
            template="cohorts/emails/decision.txt",
            context={
                "application": application,
                "decision": application.decision,
                "candidate": candidate,
                "url": absolute(reverse("cohorts:dossier", args=[application.pk])),
            },
            attachments=[("decision.pdf", pdf, "application/pdf")],
        )


def verification_token(user) -> str:
    return signing.TimestampSigner(salt=VERIFY_SALT).sign(f"{user.pk}:{user.email}")


def verification_user(token: str):
    """The inactive user the token was made for, or None if it is wrong or too old."""
    from accounts.models import User

    try:
        value = signing.TimestampSigner(salt=VERIFY_SALT).unsign(token, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        return None
    pk, _sep, email = value.partition(":")
    return User.objects.filter(pk=pk, email=email).first()


def send_verification_email(*, user, next_url: str = "") -> bool:
    url = reverse("cohorts:verify", args=[verification_token(user)])
    if next_url:
        from urllib.parse import urlencode

        url += "?" + urlencode({"next": next_url})
    with translation.override(user.preferred_language):
        return _send(
            to=user.email,
            subject=_("Please confirm your e-mail address"),
            template="cohorts/emails/verify.txt",
            context={"user": user, "url": absolute(url)},
        )

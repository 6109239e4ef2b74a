"""Writes of the coordinator's cohort dashboard: a coordinator writes to some of the cohort's learners.

The message goes through the reminder engine's outbox (`tasks.services.message_queue`) so that it is
logged, retried and visible; each recipient's row is keyed by the sending's token and the learner, so a
form submitted twice sends each e-mail once.
"""

from __future__ import annotations

import uuid

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cockpit.selectors import COORDINATOR_MESSAGE
from cohorts.enums import EnrolmentStatus
from cohorts.models import Cohort, Enrolment
from tasks.enums import Audience
from tasks.registry import Due, RuleSpec
from tasks.services import message_queue

SUBJECT_MAX_LENGTH = 150
BODY_MAX_LENGTH = 5000


class CockpitError(Exception):
    """A message that cannot be sent as it is; `errors` maps form fields to what to fix."""

    def __init__(self, message: str, errors: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


def new_sending_token() -> str:
    """The token of one sending, put in the form when it is shown (a second submit reuses it)."""
    return uuid.uuid4().hex


@transaction.atomic
def coordinator_message_send(
    *, cohort: Cohort, by, learner_ids: list[int], subject: str, body: str, token: str, audience: str = ""
) -> int:
    """Queue one e-mail per chosen learner of `cohort`, written by one of its coordinators.

    Returns how many e-mails this call queued: 0 when the same sending (same token) was already queued.
    Raises CockpitError (nothing queued) when the author does not coordinate the cohort, the subject or
    the message is empty or too long, no learner is chosen, or a chosen person is not an active learner
    of the cohort.
    """

    if not by.has_perm("cohorts.coordinate_cohort", cohort):
        raise CockpitError(_("Only the coordinators of this cohort can write to its learners."))
    try:
        token = uuid.UUID(str(token)).hex
    except ValueError:
        raise CockpitError(_("This form has expired. Please open it again before sending.")) from None
    subject = " ".join((subject or "").split())
    body = (body or "").replace("\r\n", "\n").strip()
    errors = {}
    if not subject:
        errors["subject"] = _("Please write a subject.")
    elif len(subject) > SUBJECT_MAX_LENGTH:
        errors["subject"] = _("The subject is too long (%(max)d characters at most).") % {"max": SUBJECT_MAX_LENGTH}
    if not body:
        errors["body"] = _("Please write a message.")
    elif len(body) > BODY_MAX_LENGTH:
        errors["body"] = _("The message is too long (%(max)d characters at most).") % {"max": BODY_MAX_LENGTH}
    wanted = set(learner_ids or [])
    if not wanted:
        errors["recipients"] = _("Nobody would receive this message: choose at least one learner.")
    if errors:
        raise CockpitError(_("The message was not sent. Please check what is indicated."), errors)
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ACTIVE, learner_id__in=wanted)
        .select_related("learner")
        .order_by("learner_id")
    )
    if len(enrolments) != len(wanted):
        raise CockpitError(
            _("Some of the chosen people are not active learners of this cohort. Please choose the recipients again."),
            {"recipients": _("Choose the recipients again.")},
        )
    now = timezone.now()
    sender = by.full_name or by.email
    messages = [
        Due(
            reason=f"cohort:{cohort.pk}:message:{token}:learner:{enrolment.learner_id}",
            reference=now,
            recipient_id=enrolment.learner_id,
            email=enrolment.learner.email,
            subject=enrolment,
            cohort_id=cohort.pk,
            action_url=reverse("my_space:learning"),
            context={
                "batch": token,
                "audience": audience,
                "message_subject": subject,
                "message_body": body,
                "sender_name": sender,
                "cohort": str(cohort),
            },
        )
        for enrolment in enrolments
    ]
    return len(message_queue(COORDINATOR_MESSAGE, messages, by=by, note="Written from the cohort dashboard"))


def _message_rule():

    return RuleSpec(
        code=COORDINATOR_MESSAGE,
        app_label="cockpit",
        description=gettext_lazy("Message from a coordinator to learners of the cohort"),
        trigger=gettext_lazy(
            "A coordinator writes to some learners of the cohort from its dashboard (for example those who "
            "have not started a module)."
        ),
        audience=Audience.LEARNER,
        is_message=True,
        quiet_hours=False,  # written by a coordinator now: it goes now, like any answer
        subject_fr="{{ message_subject }}",
        subject_en="{{ message_subject }}",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "{{ message_body }}\n\n"
            "Si vous souhaitez en parler, l'équipe de coordination est à votre écoute.\n\n"
            "Bien à vous,\n{{ sender_name }}, pour l'équipe de la formation ({{ cohort }})"
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "{{ message_body }}\n\n"
            "If you would like to talk about it, the coordination team is here for you.\n\n"
            "Kind regards,\n{{ sender_name }}, for the course team ({{ cohort }})"
        ),
    )


# The message rule a coordinator's e-mail uses (declared to the reminder engine by cockpit/reminders.py).
MESSAGE_RULE = _message_rule()

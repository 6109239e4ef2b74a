"""Background work of the cohort calendar (imported by cohort_sessions.spaces.ready so workers register it)."""

import logging

from celery import shared_task
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from cohort_sessions.models import CohortSession
from cohort_sessions.selectors import session_learners
from tasks.enums import Audience
from tasks.registry import Due, RuleSpec
from tasks.services import message_queue

logger = logging.getLogger(__name__)

SESSION_CHANGED = "cohorts.session_changed"

# A one-off message through the reminder engine's outbox, so coordinators see who was told. Not held back
# by quiet hours: a session moved at 9 pm for the next morning must be known at once.
SESSION_CHANGED_RULE = RuleSpec(
    code=SESSION_CHANGED,
    app_label="cohort_sessions",
    description=gettext_lazy("A session was changed"),
    trigger=gettext_lazy("A coordinator changed the date, time, format, place or link of an upcoming session."),
    audience=Audience.LEARNER,
    is_message=True,
    quiet_hours=False,
    subject_fr="Changement pour le regroupement « {{ session }} »",
    subject_en="Change to the session “{{ session }}”",
    body_fr=(
        "Bonjour {{ first_name }},\n\n"
        "Le regroupement « {{ session }} » de votre promotion {{ cohort }} a changé. "
        "Voici ce qu'il en est désormais :\n\n"
        "{{ details }}\n\n"
        "Si vous vous êtes abonné·e à l'adresse de votre agenda, votre application d'agenda se mettra à jour "
        "toute seule. Tous vos regroupements : {{ action_url }}\n\n"
        "Si ce changement vous met en difficulté, vous pouvez répondre à l'équipe de coordination : nous "
        "chercherons une solution ensemble.\n\n"
        "Bien à vous,\nL'équipe de la formation"
    ),
    body_en=(
        "Hello {{ first_name }},\n\n"
        "The session “{{ session }}” of your cohort {{ cohort }} has changed. Here are its details now:\n\n"
        "{{ details }}\n\n"
        "If you subscribed to your calendar address, your calendar application will update by itself. "
        "All your sessions: {{ action_url }}\n\n"
        "If this change is difficult for you, you can reply to the coordination team: we will look for a "
        "solution together.\n\n"
        "Kind regards,\nThe course team"
    ),
)


@shared_task(name="cohorts.notify_session_changed", acks_late=True, time_limit=120, soft_time_limit=100)
def notify_session_changed(session_id: int, changes: dict[str, list[str]]) -> int:
    """Tell the active learners of a session's cohort that its date, time, place or link changed.

    One message per learner, with the details in their language, queued in the reminder engine's outbox
    (keyed on the session's revision: running this twice tells each learner once). Re-reads the session
    (it may have been deleted since). Returns the number of messages queued.
    """

    session = CohortSession.objects.select_related("cohort", "cohort__programme").filter(pk=session_id).first()
    if session is None or not changes:
        return 0
    messages = []
    for enrolment in session_learners(session=session):
        learner = enrolment.learner
        if not learner.is_active or not learner.email:
            continue
        with translation.override(learner.preferred_language or settings.LANGUAGE_CODE):
            details = render_to_string(
                "cohort_sessions/email/session_changed_details.txt", {"session": session, "changes": changes}
            ).strip()
        messages.append(
            Due(
                reason=f"session:{session.pk}:revision:{session.sequence}:learner:{learner.pk}",
                reference=session.updated_at,
                recipient_id=learner.pk,
                email=learner.email,
                subject_ref=("cohort_sessions.cohortsession", session.pk),
                cohort_id=session.cohort_id,
                action_url=reverse("cohort_sessions:my-sessions"),
                context={"session": session.title, "cohort": str(session.cohort), "details": details},
            )
        )
    queued = len(message_queue(SESSION_CHANGED, messages))
    logger.info("Session %s change: %s message(s) queued", session_id, queued)
    return queued

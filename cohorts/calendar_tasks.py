"""Background work of the cohort calendar (imported by cohorts.calendar_app.ready so workers register it)."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from cohorts.calendar_selectors import session_learners
from cohorts.models_calendar import CohortSession

logger = logging.getLogger(__name__)


def _absolute(path: str) -> str:
    base = settings.SITE_URL or ""
    return f"{base.rstrip('/')}{path}"


@shared_task(name="cohorts.notify_session_changed", acks_late=True, time_limit=120, soft_time_limit=100)
def notify_session_changed(session_id: int, changes: dict[str, list[str]]) -> int:
    """Tell the active learners of a session's cohort that its date, time, place or link changed.

    One e-mail per learner in their preferred language. Re-reads the session (it may have been deleted
    since). Sending is here, in one place, so that the reminder engine can later log it. Returns the
    number of messages sent.
    """
    session = CohortSession.objects.select_related("cohort", "cohort__programme").filter(pk=session_id).first()
    if session is None or not changes:
        return 0
    sessions_url = _absolute(reverse("cohorts:calendar-my-sessions"))
    sent = 0
    for enrolment in session_learners(session=session):
        learner = enrolment.learner
        if not learner.is_active or not learner.email:
            continue
        with translation.override(learner.preferred_language or settings.LANGUAGE_CODE):
            context = {"session": session, "learner": learner, "changes": changes, "sessions_url": sessions_url}
            subject = render_to_string("cohorts/calendar/email/session_changed_subject.txt", context).strip()
            body = render_to_string("cohorts/calendar/email/session_changed_body.txt", context)
        EmailMessage(subject=" ".join(subject.split()), body=body, to=[learner.email]).send()
        sent += 1
    logger.info("Session %s change notified to %s learner(s)", session_id, sent)
    return sent

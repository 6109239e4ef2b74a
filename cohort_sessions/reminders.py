"""The cohort calendar's reminders and messages, found by the reminder engine (tasks.registry.discover).

A learner hears of a session two days before it; a session that is changed is told at once (a one-off
message, not held back by quiet hours).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from cohort_sessions import selectors as calendar_selectors
from cohort_sessions.models import CohortSession
from cohort_sessions.tasks import SESSION_CHANGED_RULE
from cohorts.enums import EnrolmentStatus
from tasks import timing
from tasks.enums import Audience, OffsetUnit
from tasks.registry import Due, RuleSpec

SESSION_SOON = "cohorts.session_soon"
SIGNATURE_FR = "Bien à vous,\nL'équipe de la formation"
SIGNATURE_EN = "Kind regards,\nThe course team"


def _window_days(rule) -> int:
    """How far ahead the planner looks: the offset, stretched when it counts business days."""
    value = abs(rule.offset_value)
    if rule.offset_unit == OffsetUnit.BUSINESS_DAYS:
        return value * 2 + 5
    return value + 1


def _stamp(moment: datetime.datetime) -> str:
    return timezone.localtime(moment, timing.PARIS).strftime("%Y%m%dT%H%M")


# --- Learner: a cohort session in two days ----------------------------------------------------------


def _session_moment(session: CohortSession) -> datetime.datetime:
    return datetime.datetime.combine(session.date, session.starts_at, tzinfo=timing.PARIS)


def plan_sessions(rule, now: datetime.datetime) -> Iterator[Due]:
    today = timezone.localdate(now)
    for days in range(0, _window_days(rule) + 1):
        for session in calendar_selectors.sessions_starting_in(days=days, today=today).iterator(chunk_size=200):
            moment = _session_moment(session)
            if moment <= now:
                continue
            # The selector prefetches them on the cohort (`cohort.active_enrolments`).
            for enrolment in session.cohort.active_enrolments:
                learner = enrolment.learner
                if not learner.is_active:
                    continue
                yield Due(
                    reason=f"session:{session.pk}:learner:{learner.pk}:at:{_stamp(moment)}",
                    reference=moment,
                    recipient_id=learner.pk,
                    email=learner.email,
                    subject_ref=("cohort_sessions.cohortsession", session.pk),
                    cohort_id=session.cohort_id,
                    action_url=reverse("cohort_sessions:my-sessions"),
                    context={
                        "session": session.title,
                        "session_on": session.date.strftime("%d/%m/%Y"),
                        "session_time": session.starts_at.strftime("%H:%M"),
                        "place": session.place or session.video_url,
                        "at_key": _stamp(moment),
                    },
                )


def session_still_ahead(row) -> bool:
    session = CohortSession.objects.filter(pk=row.object_id).first()
    if session is None:
        return False
    moment = _session_moment(session)
    if moment <= timezone.now() or _stamp(moment) != row.context.get("at_key"):
        return False
    return session.cohort.enrolments.filter(learner_id=row.recipient_id, status=EnrolmentStatus.ACTIVE).exists()


RULES = [
    RuleSpec(
        code=SESSION_SOON,
        app_label="cohort_sessions",
        description=gettext_lazy("Cohort session in two days"),
        trigger=gettext_lazy("A session of the learner's cohort; the reference is its start (Paris time)."),
        audience=Audience.LEARNER,
        offset_value=-2,
        offset_unit=OffsetUnit.DAYS,
        optional=True,
        planner=plan_sessions,
        is_relevant=session_still_ahead,
        subject_fr="Regroupement « {{ session }} » le {{ session_on }}",
        subject_en="Session “{{ session }}” on {{ session_on }}",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Le regroupement « {{ session }} » a lieu le {{ session_on }} à {{ session_time }} "
            "(heure de Paris){% if place %}, {{ place }}{% endif %}.\n\n"
            "Vous retrouverez tous vos regroupements ici : {{ action_url }}\n\n"
            "Si vous ne pouvez pas venir, ce n'est pas grave : prévenez simplement l'équipe de coordination.\n\n"
            + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "The session “{{ session }}” takes place on {{ session_on }} at {{ session_time }} "
            "(Paris time){% if place %}, {{ place }}{% endif %}.\n\n"
            "You will find all your sessions here: {{ action_url }}\n\n"
            "If you cannot come, that is all right: simply let the coordination team know.\n\n" + SIGNATURE_EN
        ),
    ),
    SESSION_CHANGED_RULE,
]

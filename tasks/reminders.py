"""The reminders that can exist before the selection, learning and internship parts land.

They rest on what the foundation provides (cohorts and enrolments, the users' last login) and on the
engine's own digests. The other apps register theirs from their AppConfig.ready() (see tasks.registry).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.conf import settings
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.enums import EnrolmentStatus
from cohorts.models import Enrolment
from tasks import registry, timing
from tasks.digests import failed_reminders_lines, failed_reminders_recipients
from tasks.enums import Audience, OffsetUnit
from tasks.registry import DigestSection, Due, RuleSpec

LEARNER_INACTIVE = "cohorts.learner_inactive"
COHORT_STARTING = "cohorts.cohort_starting"
COORDINATOR_DIGEST = "tasks.coordinator_daily_digest"
TUTOR_DIGEST = "tasks.tutor_weekly_digest"


def _horizon() -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, "REMINDERS_PLANNING_HORIZON", 3600))


def _chunks(iterator, size: int):
    batch = []
    for item in iterator:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def last_activity(user_ids: list[int], logins: dict[int, datetime.datetime]) -> dict[int, datetime.datetime]:
    """The latest trace of each learner: last login, or what registered activity sources report."""
    latest = dict(logins)
    for source in registry.activity_sources():
        for user_id, moment in source(user_ids).items():
            if moment and (user_id not in latest or moment > latest[user_id]):
                latest[user_id] = moment
    return latest


# --- Learner: inactive for a while -----------------------------------------------------------------


def _running_enrolments(today: datetime.date):

    return Enrolment.objects.filter(
        status=EnrolmentStatus.ACTIVE,
        cohort__starts_on__lte=today,
        cohort__ends_on__gte=today,
        learner__is_active=True,
    )


def plan_learner_inactive(rule, now: datetime.datetime) -> Iterator[Due]:
    """Learners of a running cohort whose last trace is older than the rule's offset (14 days)."""
    today = timezone.localdate(now)
    threshold = now + _horizon() - datetime.timedelta(days=max(rule.offset_value, 1))
    rows = (
        _running_enrolments(today)
        .annotate(last_seen=Coalesce("learner__last_login", "enrolled_at"))
        .filter(last_seen__lte=threshold)
        .order_by("pk")
        .values_list(
            "pk", "learner_id", "learner__email", "learner__first_name", "learner__last_name", "cohort_id", "last_seen"
        )
    )
    # Streamed: a few thousand rows in memory at most, whatever the number of learners.
    for batch in _chunks(rows.iterator(chunk_size=2000), 500):
        activity = last_activity([row[1] for row in batch], {row[1]: row[6] for row in batch})
        for pk, learner_id, email, first_name, last_name, cohort_id, _seen in batch:
            seen = activity[learner_id]
            if seen > threshold:
                continue
            yield Due(
                reason=f"enrolment:{pk}:absent-since:{seen:%Y%m%dT%H%M}",
                reference=seen,
                recipient_id=learner_id,
                email=email,
                subject_ref=("cohorts.enrolment", pk),
                cohort_id=cohort_id,
                action_url="/apprendre/",
                context={"absent_since": seen.isoformat(), "person": f"{first_name} {last_name}".strip()},
            )


def learner_still_inactive(row) -> bool:

    enrolment = (
        Enrolment.objects.filter(pk=row.object_id, status=EnrolmentStatus.ACTIVE)
        .filter(cohort__ends_on__gte=timezone.localdate())
        .values("learner_id", "learner__last_login", "enrolled_at")
        .first()
    )
    if enrolment is None:
        return False
    seen = enrolment["learner__last_login"] or enrolment["enrolled_at"]
    seen = last_activity([enrolment["learner_id"]], {enrolment["learner_id"]: seen})[enrolment["learner_id"]]
    absent_since = datetime.datetime.fromisoformat(row.context["absent_since"])
    # Came back since the reminder was planned (one minute of slack for the rounding of the key).
    return seen <= absent_since + datetime.timedelta(minutes=1)


def learners_still_inactive(rows) -> set[int]:
    """``learner_still_inactive`` for a batch of rows: two queries whatever the batch's size."""

    enrolments = {
        str(pk): (learner_id, last_login or enrolled_at)
        for pk, learner_id, last_login, enrolled_at in Enrolment.objects.filter(
            pk__in=[row.object_id for row in rows], status=EnrolmentStatus.ACTIVE
        )
        .filter(cohort__ends_on__gte=timezone.localdate())
        .values_list("pk", "learner_id", "learner__last_login", "enrolled_at")
    }
    if not enrolments:
        return set()
    seen = last_activity([learner_id for learner_id, _seen in enrolments.values()], dict(enrolments.values()))
    relevant = set()
    for row in rows:
        if row.object_id not in enrolments:
            continue
        absent_since = datetime.datetime.fromisoformat(row.context["absent_since"])
        if seen[enrolments[row.object_id][0]] <= absent_since + datetime.timedelta(minutes=1):
            relevant.add(row.pk)
    return relevant


# --- Learner: the cohort starts soon ----------------------------------------------------------------


def plan_cohort_starting(rule, now: datetime.datetime) -> Iterator[Due]:
    """Learners enrolled in a cohort that starts within the rule's offset (7 days before by default)."""

    today = timezone.localdate(now)
    window = abs(rule.offset_value) * 2 + 10  # business days stretch the calendar; stay generous
    rows = (
        Enrolment.objects.filter(
            status=EnrolmentStatus.ACTIVE,
            learner__is_active=True,
            cohort__starts_on__gt=today,
            cohort__starts_on__lte=today + datetime.timedelta(days=window),
        )
        .order_by("pk")
        .values_list(
            "pk",
            "learner_id",
            "learner__email",
            "cohort_id",
            "cohort__starts_on",
            "cohort__label",
            "cohort__programme__title",
        )
    )
    for pk, learner_id, email, cohort_id, starts_on, label, programme in rows.iterator(chunk_size=2000):
        reference = datetime.datetime.combine(starts_on, datetime.time(9, 0), tzinfo=timing.PARIS)
        yield Due(
            reason=f"enrolment:{pk}:starts:{starts_on.isoformat()}",
            reference=reference,
            recipient_id=learner_id,
            email=email,
            subject_ref=("cohorts.enrolment", pk),
            cohort_id=cohort_id,
            action_url="/compte/mon-espace/",
            context={"starts_on": starts_on.isoformat(), "cohort": label, "programme": programme},
        )


def cohort_still_starting(row) -> bool:

    starts_on = (
        Enrolment.objects.filter(pk=row.object_id, status=EnrolmentStatus.ACTIVE)
        .values_list("cohort__starts_on", flat=True)
        .first()
    )
    return (
        starts_on is not None
        and starts_on.isoformat() == row.context.get("starts_on")
        and (starts_on > timezone.localdate())
    )


# --- Coordinators: what could not be delivered -----------------------------------------------------


def _failed_recipients(now):

    return failed_reminders_recipients(now)


def _failed_lines(user, now):

    return failed_reminders_lines(user, now)


CATALOGUE = [
    RuleSpec(
        code=LEARNER_INACTIVE,
        app_label="cohorts",
        description=_("Learner inactive for a while"),
        trigger=_("An enrolled learner of a running cohort has not been seen on the platform for the offset (days)."),
        audience=Audience.LEARNER,
        offset_value=14,
        offset_unit=OffsetUnit.DAYS,
        repeat_limit=3,
        repeat_interval_days=7,
        min_days_between=7,
        escalate=True,
        optional=True,
        planner=plan_learner_inactive,
        is_relevant=learner_still_inactive,
        relevant_among=learners_still_inactive,
        subject_fr="Votre formation vous attend, à votre rythme",
        subject_en="Your course is waiting for you, at your own pace",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Votre dernière visite sur la plateforme remonte à quelque temps. Ce n'est pas un reproche : "
            "chacun avance à son rythme, et il arrive que la vie prenne de la place.\n\n"
            "Quand vous vous sentirez prêt ou prête, votre parcours vous attend là où vous l'avez laissé.\n\n"
            "Si quelque chose vous freine, l'équipe pédagogique est là pour en parler, simplement et sans "
            "jugement : il suffit d'écrire à votre coordinatrice ou votre coordinateur.\n\n"
            "Bien à vous,\nL'équipe de la formation"
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "It has been a little while since your last visit to the platform. This is not a reproach: "
            "everyone moves at their own pace, and sometimes life takes up room.\n\n"
            "Whenever you feel ready, your course is waiting for you where you left it.\n\n"
            "If something is holding you back, the teaching team is there to talk about it, simply and "
            "without judgement: just get in touch with your coordinator.\n\n"
            "Kind regards,\nThe course team"
        ),
    ),
    RuleSpec(
        code=COHORT_STARTING,
        app_label="cohorts",
        description=_("Cohort starting soon"),
        trigger=_("The learner's cohort starts on the reference date (offset before it)."),
        audience=Audience.LEARNER,
        offset_value=-7,
        offset_unit=OffsetUnit.DAYS,
        planner=plan_cohort_starting,
        is_relevant=cohort_still_starting,
        subject_fr="Votre promotion {{ cohort }} commence bientôt",
        subject_en="Your cohort {{ cohort }} starts soon",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Votre formation « {{ programme }} » (promotion {{ cohort }}) commence le {{ starts_on }}. "
            "Nous sommes heureux de vous accueillir.\n\n"
            "Votre espace personnel rassemble tout ce qu'il faut pour bien démarrer. Prenez le temps qu'il "
            "vous faut : rien n'est à faire dans l'urgence.\n\n"
            "À très bientôt,\nL'équipe de la formation"
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "Your course “{{ programme }}” (cohort {{ cohort }}) starts on {{ starts_on }}. "
            "We are glad to welcome you.\n\n"
            "Your personal space gathers everything you need to start well. Take the time you need: "
            "nothing has to be done in a hurry.\n\n"
            "See you very soon,\nThe course team"
        ),
    ),
    RuleSpec(
        code=COORDINATOR_DIGEST,
        app_label="tasks",
        description=_("Coordinator's daily digest"),
        trigger=_("Every business day, when something awaits a coordinator."),
        audience=Audience.COORDINATOR,
        is_digest=True,
        digest_period="day",
        business_days_only=True,
        subject_fr="Votre point du jour : {{ count }} élément{{ count|pluralize }} à regarder",
        subject_en="Your daily summary: {{ count }} item{{ count|pluralize }} to look at",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Voici ce qui attend votre regard aujourd'hui. Chaque ligne mène directement à la page concernée."
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "Here is what awaits your attention today. Each line leads straight to the page concerned."
        ),
    ),
    RuleSpec(
        code=TUTOR_DIGEST,
        app_label="tasks",
        description=_("Tutor's weekly digest"),
        trigger=_("Every Monday (or the next business day), when something awaits a tutor."),
        audience=Audience.TUTOR,
        is_digest=True,
        digest_period="week",
        business_days_only=True,
        subject_fr="Votre point de la semaine : {{ count }} élément{{ count|pluralize }} en attente",
        subject_en="Your weekly summary: {{ count }} item{{ count|pluralize }} waiting",
        body_fr=(
            "Bonjour {{ first_name|default:full_name }},\n\n"
            "Merci pour l'accompagnement que vous offrez à vos stagiaires. Voici, en un seul message, ce qui "
            "attend votre réponse cette semaine."
            "{% if personal_links %}\n\nChaque lien ci-dessous vous est personnel : il mène directement à la "
            "démarche, sans compte à créer, et fonctionne une seule fois, pendant un temps limité. Merci de ne "
            "pas le transférer.{% endif %}"
        ),
        body_en=(
            "Hello {{ first_name|default:full_name }},\n\n"
            "Thank you for the support you give your interns. Here, in a single message, is what awaits "
            "your answer this week."
            "{% if personal_links %}\n\nEach link below is personal: it leads straight to the step, with no "
            "account to create, and works once, for a limited time. Please do not forward it.{% endif %}"
        ),
    ),
]

SECTIONS = [
    DigestSection(
        code="tasks.failed_reminders",
        digest_rule=COORDINATOR_DIGEST,
        title=_("Messages that could not be delivered"),
        lines=_failed_lines,
        recipients=_failed_recipients,
    ),
]


# What the reminder engine finds here, as in every app's reminders.py (tasks.registry.discover).
RULES = CATALOGUE
DIGEST_SECTIONS = SECTIONS


# --- Who may change the rules (django-rules) ---------------------------------------------------------
# The reminder rules are the platform's defaults, shared by every programme: a change reaches the learners,
# tutors and jury of all of them. Only administrators (active superusers, who pass every permission) change
# them; coordinators read them, to know what their people receive, and act on their own cohorts' outbox.
import rules as _permissions  # noqa: E402 (the django-rules package, not this module)

_permissions.add_perm("tasks.edit_reminder_rules", _permissions.always_deny)

"""What lms tells the reminder engine: where learners leave traces (the inactivity reminder uses it)."""

import datetime

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.models import ModulePage
from cohorts.enums import EnrolmentStatus
from cohorts.models import Cohort, Enrolment
from lms.models import (
    JournalEntry,
    LearnerProgress,
    LessonCompletion,
    ModuleRelease,
    ModuleReleaseOverride,
    QuizAttempt,
)
from lms.progress import cohort_matrix
from tasks.enums import Audience, OffsetUnit
from tasks.registry import DigestLine, DigestSection, Due, RuleSpec
from tasks.reminders import COORDINATOR_DIGEST


def last_learning_activity(user_ids: list[int]) -> dict[int, datetime.datetime]:
    """The latest learning activity (lesson, quiz, journal) of each of these learners, across their cohorts."""
    rows = (
        LearnerProgress.objects.filter(enrolment__learner_id__in=user_ids, last_activity_at__isnull=False)
        .values("enrolment__learner_id")
        .annotate(latest=Max("last_activity_at"))
        .values_list("enrolment__learner_id", "latest")
    )
    return dict(rows)


# --- Learner: a module released but not started (+7 days) ------------------------------------------

MODULE_NOT_STARTED = "lms.module_not_started"
_OPENING_HOUR = datetime.time(9, 0)


def _started(learner_ids, module_ids) -> set[tuple[int, int]]:
    """(learner, module) pairs with any recorded work: a completion, a quiz attempt or a journal entry."""

    pairs: set[tuple[int, int]] = set()
    for model in (LessonCompletion, QuizAttempt, JournalEntry):
        pairs |= set(
            model.objects.filter(learner_id__in=learner_ids, module_id__in=module_ids).values_list(
                "learner_id", "module_id"
            )
        )
    return pairs


def _opening_moment(day: datetime.date) -> datetime.datetime:

    return timezone.make_aware(datetime.datetime.combine(day, _OPENING_HOUR))


def plan_module_not_started(rule, now: datetime.datetime):
    """Learners of a running cohort with an open module they have not started, `offset` days after it opened.

    Streams enrolments cohort by cohort in batches: opening dates, learners' own dates and recorded work are
    read per batch, never for every learner at once.
    """

    horizon = datetime.timedelta(seconds=getattr(settings, "REMINDERS_PLANNING_HORIZON", 3600))
    today = timezone.localdate(now)
    latest_opening = timezone.localdate(now + horizon) - datetime.timedelta(days=max(rule.offset_value, 0))
    for cohort in Cohort.objects.filter(starts_on__lte=today, ends_on__gte=today).select_related("programme"):
        modules = {module.pk: module for module in ModulePage.objects.live().child_of(cohort.programme)}
        if not modules:
            continue
        releases = dict(ModuleRelease.objects.filter(cohort=cohort).values_list("module_id", "opens_on"))
        enrolments = (
            Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ACTIVE, learner__is_active=True)
            .order_by("pk")
            .values_list("pk", "learner_id", "learner__email")
        )
        batch: list[tuple[int, int, str]] = []
        for row in [*enrolments.iterator(chunk_size=1000), None]:
            if row is not None:
                batch.append(row)
                if len(batch) < 500:
                    continue
            if not batch:
                break
            overrides = {
                (enrolment_id, module_id): opens_on
                for enrolment_id, module_id, opens_on in ModuleReleaseOverride.objects.filter(
                    enrolment_id__in=[item[0] for item in batch]
                ).values_list("enrolment_id", "module_id", "opens_on")
            }
            started = _started([item[1] for item in batch], list(modules))
            for enrolment_id, learner_id, email in batch:
                for module_id, module in modules.items():
                    opens_on = overrides.get((enrolment_id, module_id), releases.get(module_id, cohort.starts_on))
                    if opens_on > latest_opening or (learner_id, module_id) in started:
                        continue
                    yield Due(
                        reason=f"enrolment:{enrolment_id}:module:{module_id}:opened:{opens_on:%Y%m%d}",
                        reference=_opening_moment(opens_on),
                        recipient_id=learner_id,
                        email=email,
                        subject_ref=("cohorts.enrolment", enrolment_id),
                        cohort_id=cohort.pk,
                        action_url=module.url or "/apprendre/",
                        context={"module": module.title, "module_id": module_id},
                    )
            batch = []


def module_still_not_started(row) -> bool:
    """Cancelled once the learner has begun the module, or left the cohort."""

    enrolment = Enrolment.objects.filter(pk=row.object_id, status=EnrolmentStatus.ACTIVE).first()
    if enrolment is None:
        return False
    module_id = row.context.get("module_id")
    return not _started([enrolment.learner_id], [module_id])


RULES = [
    RuleSpec(
        code=MODULE_NOT_STARTED,
        app_label="lms",
        trigger="A module opened for the learner a week ago and they have not begun it.",
        description=_("Learner: a module opened a week ago and is not started yet"),
        audience=Audience.LEARNER,
        offset_value=7,
        offset_unit=OffsetUnit.DAYS,
        optional=True,
        planner=plan_module_not_started,
        is_relevant=module_still_not_started,
        subject_fr="Le module « {{ module }} » est ouvert pour vous",
        subject_en="The module “{{ module }}” is open for you",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Le module « {{ module }} » est ouvert depuis quelques jours. Vous pouvez le commencer quand "
            "vous le souhaitez, à votre rythme : chaque leçon indique le temps qu'elle demande.\n\n"
            "Si quelque chose vous en empêche en ce moment, vous pouvez en parler à votre coordinatrice ou "
            "votre coordinateur, sans avoir à vous justifier.\n\n"
            "Bien à vous,\nL'équipe de la formation"
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "The module “{{ module }}” opened a few days ago. You can start it whenever you wish, at your own "
            "pace: each lesson says how long it takes.\n\n"
            "If something is holding you back at the moment, you can talk to your coordinator about it, with "
            "no need to explain yourself.\n\n"
            "Best wishes,\nThe course team"
        ),
    )
]


# --- Coordinator daily digest: learners who may need a hand ----------------------------------------


def _running_cohorts_of(user_id: int | None, today: datetime.date):

    cohorts = Cohort.objects.filter(starts_on__lte=today, ends_on__gte=today)
    return cohorts.filter(coordinators=user_id) if user_id is not None else cohorts


def at_risk_recipients(now: datetime.datetime):

    return (
        _running_cohorts_of(None, timezone.localdate(now))
        .exclude(coordinators=None)
        .values_list("coordinators", flat=True)
        .distinct()
    )


def at_risk_lines(user, now: datetime.datetime) -> list:
    """One line per running cohort of this coordinator that has learners who may need a hand."""

    today = timezone.localdate(now)
    lines = []
    for cohort in _running_cohorts_of(user.pk, today).select_related("programme").order_by("starts_on"):
        count = sum(1 for row in cohort_matrix(cohort=cohort, today=today).rows if row.reasons)
        if count:
            text = ngettext(
                "%(cohort)s: %(count)s learner may need a hand",
                "%(cohort)s: %(count)s learners may need a hand",
                count,
            ) % {"cohort": f"{cohort.programme.title} {cohort.label}", "count": count}
            lines.append(DigestLine(text, reverse("lms:at_risk", args=[cohort.pk])))
    return lines


DIGEST_SECTIONS = [
    DigestSection(
        code="lms.learners_at_risk",
        digest_rule=COORDINATOR_DIGEST,
        title=_("Learners who may need a hand"),
        lines=at_risk_lines,
        recipients=at_risk_recipients,
    )
]

# The inactivity rule counts from the latest learning activity, not only the last login.
ACTIVITY_SOURCES = {"lms": last_learning_activity}

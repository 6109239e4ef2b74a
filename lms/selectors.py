"""Reads for the release calendar."""

from django.db.models import QuerySet

from cms.models import ModulePage
from cohorts.enums import EnrolmentStatus
from cohorts.models import Cohort, Enrolment
from cohorts.selectors import cohorts_coordinated_by
from lms.models import LessonCompletion, ModuleRelease, ModuleReleaseOverride


def cohorts_for_coordinator(*, user) -> QuerySet[Cohort]:
    return cohorts_coordinated_by(user=user).select_related("programme").order_by("-starts_on", "label")


def cohort_calendar(*, cohort: Cohort) -> list[dict]:
    """Each module of the cohort's programme with its opening date for the cohort (two queries)."""
    modules = sorted(ModulePage.objects.child_of(cohort.programme), key=lambda module: (module.order, module.path))
    releases = dict(ModuleRelease.objects.filter(cohort=cohort).values_list("module_id", "opens_on"))
    return [
        {"module": module, "opens_on": releases.get(module.pk), "effective": releases.get(module.pk, cohort.starts_on)}
        for module in modules
    ]


def cohort_overrides(*, cohort: Cohort) -> QuerySet[ModuleReleaseOverride]:
    return (
        ModuleReleaseOverride.objects.filter(enrolment__cohort=cohort)
        .select_related("enrolment__learner", "module")
        .order_by("enrolment__learner__last_name", "module__path")
    )


def cohort_active_enrolments(*, cohort: Cohort) -> QuerySet[Enrolment]:
    return cohort.enrolments.filter(status=EnrolmentStatus.ACTIVE).select_related("learner")


# The learning records' reads live in lms.progress; the ones other apps use are re-exported here.
from lms.progress import (  # noqa: E402
    cohort_matrix,
    cohort_module_states,
    enrolment_progress,
    enrolments_with_every_module_done,
    learners_inactive_since,
    programme_outline,
    remaining_explanation,
    shared_journal_entries,
)

__all__ = [
    "cohort_active_enrolments",
    "cohort_calendar",
    "cohort_matrix",
    "cohort_module_states",
    "cohort_overrides",
    "enrolment_progress",
    "enrolments_with_every_module_done",
    "learners_inactive_since",
    "programme_outline",
    "remaining_explanation",
    "shared_journal_entries",
]


def completed_lesson_ids(*, learner_ids, lesson_ids) -> dict[int, set[int]]:
    """learner id -> which of `lesson_ids` they completed (completions belong to the person, whatever the
    cohort). One query."""
    done: dict[int, set[int]] = {}
    rows = LessonCompletion.objects.filter(learner_id__in=learner_ids, lesson_id__in=lesson_ids).values_list(
        "learner_id", "lesson_id"
    )
    for learner_id, lesson_id in rows:
        done.setdefault(learner_id, set()).add(lesson_id)
    return done

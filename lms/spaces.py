from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import Space
from cohorts.selectors import coordinated_cohorts, current_enrolments_of


def coordinator_calendar_spaces(user) -> list[Space]:
    """On "Mon espace": one entry per cohort the person coordinates, to set when modules open."""
    if not user.is_authenticated or user.is_superuser:
        return []
    return [
        Space.for_cohort(
            label=_("Module calendar"),
            cohort=cohort,
            description=_("Choose when each module opens for the cohort, and give a learner their own date."),
            url=reverse("lms:cohort_calendar", kwargs={"cohort_id": cohort.pk}),
        )
        for cohort in coordinated_cohorts(user=user)
    ]


def coordinator_progress_spaces(user) -> list[Space]:
    """On "Mon espace": the progress of each cohort the person coordinates."""
    if not user.is_authenticated or user.is_superuser:
        return []
    return [
        Space.for_cohort(
            label=_("Progress"),
            cohort=cohort,
            description=_("See where each learner stands, who may need a hand, and export the table."),
            url=reverse("lms:progress_matrix", kwargs={"cohort_id": cohort.pk}),
        )
        for cohort in coordinated_cohorts(user=user)
    ]


def learner_spaces(user) -> list[Space]:
    """On "Mon espace": the learner's own learning (lessons, progress, journal)."""
    if not user.is_authenticated or not current_enrolments_of(user=user):
        return []
    return [
        Space(
            title=_("My learning"),
            description=_("Your lessons, your progress, what to do next, and your learning journal."),
            url=reverse("my_space:learning"),
        )
    ]


def learner_course_spaces(user) -> list[Space]:
    """On "Mon espace": the programme a learner follows, to reach its modules and lessons."""
    if not user.is_authenticated:
        return []
    return [
        Space(
            title=enrolment.cohort.programme.title,
            description=_("Your modules and lessons (cohort %(label)s).") % {"label": enrolment.cohort.label},
            url=enrolment.cohort.programme.url,
        )
        for enrolment in current_enrolments_of(user=user)
    ]

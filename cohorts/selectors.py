"""Reads about cohorts and enrolments. Access checks that other apps rely on live here, once."""

from django.db.models import QuerySet
from django.utils import timezone

from cohorts.enums import ENROLMENT_TRANSITIONS, EnrolmentStatus
from cohorts.models import Cohort, Enrolment


def cohorts_coordinated_by(*, user) -> QuerySet[Cohort]:
    if not user.is_authenticated:
        return Cohort.objects.none()
    if user.is_superuser:
        return Cohort.objects.all()
    return Cohort.objects.filter(coordinators=user)


# Who follows the programme: an awarded learner (completed) keeps what they had until the cohort ends.
CURRENT_ENROLMENT_STATUSES = (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)

# The coordinator's actions on an enrolment, each the move it makes (`cohorts.services`).
ENROLMENT_ACTIONS = {
    "defer": EnrolmentStatus.DEFERRED,
    "withdraw": EnrolmentStatus.WITHDRAWN,
    "resume": EnrolmentStatus.ACTIVE,
}


def enrolments_current_for(*, user) -> QuerySet[Enrolment]:
    """Active (or completed) enrolments in cohorts that have not ended."""
    if not user.is_authenticated:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(
        learner=user, status__in=CURRENT_ENROLMENT_STATUSES, cohort__ends_on__gte=timezone.localdate()
    ).select_related("cohort")


def enrolment_available_actions(*, enrolment: Enrolment) -> list[str]:
    """The coordinator's actions the enrolment machine allows from its current status (a completed enrolment
    goes back to active only through the final jury, so "resume" is offered for a deferred one only)."""
    allowed = ENROLMENT_TRANSITIONS[enrolment.status]
    return [
        action
        for action, to_status in ENROLMENT_ACTIONS.items()
        if to_status in allowed and not (action == "resume" and enrolment.status == EnrolmentStatus.COMPLETED)
    ]


def user_is_enrolled_in_programme(*, user, programme_id: int) -> bool:
    return enrolments_current_for(user=user).filter(cohort__programme_id=programme_id).exists()


# --- Selection ------------------------------------------------------------------------------------

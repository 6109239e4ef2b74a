"""Reads about cohorts and enrolments. Access checks that other apps rely on live here, once."""

from django.db.models import QuerySet
from django.utils import timezone

from cohorts.enums import EnrolmentStatus
from cohorts.models import Cohort, Enrolment


def cohorts_coordinated_by(*, user) -> QuerySet[Cohort]:
    if not user.is_authenticated:
        return Cohort.objects.none()
    if user.is_superuser:
        return Cohort.objects.all()
    return Cohort.objects.filter(coordinators=user)


def enrolments_current_for(*, user) -> QuerySet[Enrolment]:
    """Active enrolments in cohorts that have not ended."""
    if not user.is_authenticated:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(
        learner=user, status=EnrolmentStatus.ACTIVE, cohort__ends_on__gte=timezone.localdate()
    ).select_related("cohort")


def user_is_enrolled_in_programme(*, user, programme_id: int) -> bool:
    return enrolments_current_for(user=user).filter(cohort__programme_id=programme_id).exists()


# --- Selection ------------------------------------------------------------------------------------

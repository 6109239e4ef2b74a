"""Reads about cohorts and enrolments. Access checks that other apps rely on live here, once."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import QuerySet
from django.utils import timezone

from cohorts.enums import ENROLMENT_TRANSITIONS, EnrolmentStatus
from cohorts.models import Cohort, Enrolment
from core.prepared import PreparedQuery


def cohorts_coordinated_by(*, user) -> QuerySet[Cohort]:
    if not user.is_authenticated:
        return Cohort.objects.none()
    if user.is_superuser:
        return Cohort.objects.all()
    return Cohort.objects.filter(coordinators=user)


# Who follows the programme: an awarded learner (completed) keeps what they had until the cohort ends.
CURRENT_ENROLMENT_STATUSES = (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)

_read_once: ContextVar[dict | None] = ContextVar("cohorts_read_once", default=None)


@contextmanager
def reading_once() -> Iterator[None]:
    """Inside this block, `coordinated_cohorts` and `enrolments_of` read the database once per person: "Mon espace"
    asks every app for its entries, and most of them ask these two things. Outside it, each call reads afresh."""
    token = _read_once.set({})
    try:
        yield
    finally:
        _read_once.reset(token)


def _once(key: tuple, read):
    memo = _read_once.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


# Asked by most pages a coordinator or a learner opens, with only the person changing: compiled once per process
# (core.prepared).
_COORDINATED = PreparedQuery(
    lambda coordinator: Cohort.objects.filter(coordinators=coordinator).select_related("programme"), "coordinator"
)
_ENROLMENTS = PreparedQuery(
    lambda learner: Enrolment.objects.filter(learner_id=learner).select_related("cohort__programme"), "learner"
)


def coordinated_cohorts(*, user) -> list[Cohort]:
    """`cohorts_coordinated_by`, with each cohort's programme, as a list (read once inside `reading_once`)."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return _once(("coordinated", user.pk), lambda: list(Cohort.objects.select_related("programme")))
    return _once(("coordinated", user.pk), lambda: _COORDINATED(coordinator=user.pk))


def enrolments_of(*, user) -> list[Enrolment]:
    """Every enrolment of the person, whatever its status, with its cohort and programme (read once inside
    `reading_once`)."""
    if not user.is_authenticated:
        return []
    return _once(("enrolments", user.pk), lambda: _ENROLMENTS(learner=user.pk))


def current_enrolments_of(*, user) -> list[Enrolment]:
    """`enrolments_current_for`, from `enrolments_of`: the same enrolments, in the same order."""
    today = timezone.localdate()
    return [
        enrolment
        for enrolment in enrolments_of(user=user)
        if enrolment.status in CURRENT_ENROLMENT_STATUSES and enrolment.cohort.ends_on >= today
    ]


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

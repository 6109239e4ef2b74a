"""Builders for the final-validation tests: lessons completed, attendance, an internship with approved hours."""

import datetime
from decimal import Decimal

from django.utils import timezone

from cohort_sessions.enums import AttendanceStatus
from internships.enums import EvaluationKind, EvaluationStatus, PlacementStatus, WeekStatus
from internships.models import Evaluation, TimeEntry, WeekSignoff
from lms.records import progress_rebuild
from tests.factories import (
    AttendanceFactory,
    CohortSessionFactory,
    LessonCompletionFactory,
    LessonPageFactory,
    ModulePageFactory,
    PlacementFactory,
    UserFactory,
)


def build_programme(programme, modules=(("Écoute active", 2), ("Gestion de crise", 3))) -> dict[str, list]:
    """Modules (title, number of lessons) under the programme: {module title: [lessons]}."""
    built = {}
    for order, (title, count) in enumerate(modules):
        module = ModulePageFactory(parent=programme, title=title, order=order)
        built[title] = [LessonPageFactory(parent=module) for _ in range(count)]
    return built


def complete(enrolment, lessons) -> None:
    for lesson in lessons:
        LessonCompletionFactory(learner=enrolment.learner, lesson=lesson)
    progress_rebuild(enrolment=enrolment)


def past_sessions(cohort, count: int) -> list:
    today = timezone.localdate()
    return [
        CohortSessionFactory(cohort=cohort, date=today - datetime.timedelta(days=7 * (count - index)))
        for index in range(count)
    ]


def attend(learner, sessions, statuses, *, recorded_by=None) -> None:
    recorded_by = recorded_by or UserFactory()
    for session, status in zip(sessions, statuses, strict=True):
        AttendanceFactory(
            session=session,
            learner=learner,
            status=status,
            reason="Rendez-vous" if status == AttendanceStatus.EXCUSED else "",
            recorded_by=recorded_by,
        )


def internship(
    enrolment,
    *,
    approved: int = 140,
    pending: int = 0,
    planned: int = 140,
    final: str | None = EvaluationStatus.COUNTERSIGNED,
    status: str = PlacementStatus.VALIDATED,
):
    """A placement with `approved` hours in approved weeks (10 h a day), `pending` hours in a week awaiting the
    tutor, and a final evaluation in the `final` status (None: no final evaluation)."""
    today = timezone.localdate()
    placement = PlacementFactory(
        enrolment=enrolment,
        status=status,
        planned_hours=planned,
        starts_on=today - datetime.timedelta(days=200),
        ends_on=today - datetime.timedelta(days=5),
    )
    day = placement.starts_on

    def log(hours_total: int, week_status: str) -> None:
        nonlocal day
        remaining = Decimal(hours_total)
        while remaining > 0:
            hours = min(Decimal(10), remaining)
            week = day - datetime.timedelta(days=day.weekday())
            TimeEntry.objects.create(placement=placement, date=day, week_start=week, hours=hours, activity="Accueil")
            WeekSignoff.objects.get_or_create(placement=placement, week_start=week, defaults={"status": week_status})
            remaining -= hours
            day += datetime.timedelta(days=1)
        day += datetime.timedelta(days=7 - day.weekday())  # the next status starts a new week

    log(approved, WeekStatus.APPROVED)
    log(pending, WeekStatus.PENDING)
    if final is not None:
        Evaluation.objects.create(placement=placement, kind=EvaluationKind.FINAL, status=final)
    return placement


def make_eligible(enrolment, lessons_by_module, sessions) -> None:
    complete(enrolment, [lesson for lessons in lessons_by_module.values() for lesson in lessons])
    attend(enrolment.learner, sessions, [AttendanceStatus.PRESENT] * len(sessions))
    internship(enrolment)

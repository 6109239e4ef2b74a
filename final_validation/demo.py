"""Demo final validation: learners of the seeded cohort who are eligible, nearly eligible and not yet, and one
already awarded with an attestation de réussite.

Runs after the lms and internships seeders (see demo/management/commands/seed_demo.py), because eligibility
reads what they record. It reuses their demo builders so that the rows look like theirs. Idempotent: users,
enrolments and attendance are found by natural keys, a placement is created once per enrolment, and the
decision only while none is recorded. The rest of the cohort (Léa and the others) is "not yet" eligible.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.demo import DemoAccount, get_or_create_demo_user
from cohort_sessions.enums import AttendanceStatus
from cohort_sessions.models import Attendance
from cohorts.models import Enrolment
from competencies.models import Block
from final_validation.attainment import current_block_decisions
from final_validation.enums import BlockOutcome, JuryOutcome
from final_validation.selectors import current_decision
from final_validation.services import block_decision_record, final_decision_record
from internships.demo import _evaluation, _history, _signatures
from internships.enums import EvaluationStatus, PlacementStatus, WeekStatus
from internships.models import Placement, TimeEntry, Tutor, WeekSignoff
from lms.demo import _complete
from lms.progress import programme_outline

P, L, E = AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.EXCUSED
DAY_HOURS = 7
PLANNED = 140

# key, first name, last name, attendance at the past sessions, approved hours, hours awaiting the tutor, decision
LEARNERS = [
    ("diplomee", "Margaux", "Lambert", [P, P, P, P], PLANNED, 0, JuryOutcome.AWARDED),
    ("eligible", "Bastien", "Renaud", [P, L, P, E], PLANNED, 0, None),
    ("presque", "Nora", "Petit", [P, P, L, P], 112, 28, None),
]


def _placement(ctx, enrolment, *, approved: int, pending: int, today: datetime.date):
    """A validated-looking internship: Monday to Wednesday, 7 h a day; the last `pending` hours in a week that
    still awaits the tutor."""

    existing = Placement.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    status = PlacementStatus.VALIDATED if not pending else PlacementStatus.FINAL_REVIEW
    tutor = Tutor.objects.filter(email="odile.marchal@demo.pair-aidance.test").select_related("host").first()
    tutor = tutor or ctx.objects["tutor"]
    day = today - datetime.timedelta(days=84)
    day -= datetime.timedelta(days=day.weekday())  # a Monday

    def working_days(count: int) -> list[datetime.date]:
        nonlocal day
        found = []
        while len(found) < count:
            if day.weekday() < 3:
                found.append(day)
            day += datetime.timedelta(days=1)
        day += datetime.timedelta(days=(7 - day.weekday()) % 7)  # what follows starts a new week
        return found

    approved_days = working_days(approved // DAY_HOURS)
    pending_days = working_days(pending // DAY_HOURS)
    days = approved_days + pending_days
    placement = Placement.objects.create(
        enrolment=enrolment,
        host=tutor.host,
        site=tutor.host.sites.first(),
        tutor=tutor,
        starts_on=days[0],
        ends_on=max(days[-1], today - datetime.timedelta(days=1)),
        weekly_schedule="Lundi, mardi et mercredi, 9 h - 17 h",
        planned_hours=PLANNED,
        max_weekly_hours=21,
        tasks_and_objectives="Accueillir les personnes, co-animer un groupe de parole, participer aux réunions.",
        binome="Léo Garnier",
        proposed_by=enrolment.learner,
        status=status,
    )
    _history(placement, status, ctx.users["coordinator"])
    _signatures(placement, ctx.users["coordinator"])
    for date in days:
        week = date - datetime.timedelta(days=date.weekday())
        TimeEntry.objects.create(
            placement=placement,
            date=date,
            week_start=week,
            hours=Decimal(DAY_HOURS),
            activity="Accueil au local et co-animation d'un groupe de parole",
        )
        waiting = date in pending_days
        WeekSignoff.objects.get_or_create(
            placement=placement,
            week_start=week,
            defaults={
                "status": WeekStatus.PENDING if waiting else WeekStatus.APPROVED,
                "decided_by": None if waiting else tutor,
                "decided_at": None if waiting else timezone.now(),
            },
        )
    _evaluation(placement, "self", EvaluationStatus.SUBMITTED, 3)
    _evaluation(placement, "midpoint", EvaluationStatus.COUNTERSIGNED, 2)
    _evaluation(placement, "final", EvaluationStatus.COUNTERSIGNED, 3)
    return placement


# The jury's decisions about the blocks of the référentiel (competencies.demo): Margaux has them all before her
# award; Nora, nearly eligible, has five validated and "Se préserver" deferred. Bastien's await the jury.
BLOCK_DECISIONS = {
    "diplomee": dict.fromkeys(("BC1", "BC2", "BC3", "BC4", "BC5", "BC6"), (BlockOutcome.VALIDATED, "")),
    "presque": {
        **dict.fromkeys(("BC1", "BC2", "BC3", "BC4", "BC6"), (BlockOutcome.VALIDATED, "")),
        "BC5": (
            BlockOutcome.DEFERRED,
            "Terminer la leçon sur le plan de bien-être et en reparler en supervision avant le prochain jury.",
        ),
    },
}


def _block_decisions(enrolment, key: str, *, jury_date, by) -> None:
    wanted = BLOCK_DECISIONS.get(key, {})
    recorded = current_block_decisions(enrolment=enrolment)
    for block in Block.objects.filter(programme_id=enrolment.cohort.programme_id, code__in=wanted):
        if block.pk not in recorded:
            outcome, reason = wanted[block.code]
            block_decision_record(
                enrolment=enrolment, block=block, outcome=outcome, jury_date=jury_date, reason=reason, by=by
            )


def seed(ctx) -> None:

    cohort = ctx.objects.get("cohort")
    if cohort is None:
        return

    today = timezone.localdate()
    coordinator = ctx.users["coordinator"]
    outline = programme_outline(cohort.programme)
    lessons = [lesson for item in outline for lesson in item.lessons]
    past = [s for s in cohort.sessions.order_by("date", "starts_at") if s.date < today]
    now = timezone.now().replace(second=0, microsecond=0)
    for key, first_name, last_name, statuses, approved, pending, outcome in LEARNERS:
        user = get_or_create_demo_user(key, first_name, last_name)
        ctx.users[key] = user
        enrolment, _created = Enrolment.objects.get_or_create(cohort=cohort, learner=user)
        if lessons:
            _complete(enrolment, outline, lessons, last_day=now - datetime.timedelta(days=3))
        for session, status in zip(past, statuses, strict=False):
            Attendance.objects.get_or_create(
                session=session,
                learner=user,
                defaults={
                    "status": status,
                    "reason": "Rendez-vous médical prévu de longue date" if status == E else "",
                    "recorded_by": coordinator,
                },
            )
        _placement(ctx, enrolment, approved=approved, pending=pending, today=today)
        jury_date = max(cohort.starts_on, today - datetime.timedelta(days=2))
        if current_decision(enrolment=enrolment) is None:
            _block_decisions(enrolment, key, jury_date=jury_date, by=coordinator)
        if outcome and current_decision(enrolment=enrolment) is None:
            final_decision_record(enrolment=enrolment, outcome=outcome, jury_date=jury_date, by=coordinator)
        if key == "diplomee" and not any(account.email == user.email for account in ctx.accounts):
            ctx.accounts.append(
                DemoAccount(
                    role="Apprenante diplômée (démo)",
                    email=user.email,
                    description="Diplôme obtenu, attestation de réussite à télécharger.",
                )
            )
    ctx.log(f"  demo: final validation of {cohort}: eligible, nearly eligible, not yet, and one awarded")

"""Reads about the cohort calendar and attendance. Views, exports, feeds and the reminder engine use these."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from cohort_sessions.enums import ATTENDED_STATUSES, AttendanceStatus
from cohort_sessions.models import Attendance, CalendarFeedToken, CohortSession
from cohorts.enums import EnrolmentStatus
from cohorts.models import Cohort, Enrolment
from cohorts.selectors import cohorts_coordinated_by


@dataclass(frozen=True)
class AttendanceSummary:
    """A learner's attendance in one cohort.

    Definition (the one the jury's threshold uses):

        rate = (present + late) / (sessions held so far with a record − excused)

    - "Held so far": sessions of the cohort dated today or earlier. A session counts only once the
      coordinator has recorded this learner's attendance for it (a forgotten register is not an absence).
    - A late arrival counts as attended; an excused absence is left out of both numerator and denominator.
    - `rate` is None when nothing can be counted yet (no session held, or every recorded one excused):
      there is no rate, not a rate of zero.
    - The ratio is kept exact (`fraction`); `rate` is the same value as a Decimal rounded to 4 places for
      display and export. Compare with a threshold through `meets()`, which uses the exact value.
    """

    present: int = 0
    late: int = 0
    absent: int = 0
    excused: int = 0

    @property
    def attended(self) -> int:
        return self.present + self.late

    @property
    def counted(self) -> int:
        return self.present + self.late + self.absent

    @property
    def recorded(self) -> int:
        return self.counted + self.excused

    @property
    def fraction(self) -> Fraction | None:
        if self.counted == 0:
            return None
        return Fraction(self.attended, self.counted)

    @property
    def rate(self) -> Decimal | None:
        exact = self.fraction
        if exact is None:
            return None
        return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP
        )

    @property
    def percent(self) -> int | None:
        """Whole percent for display (half rounded up)."""
        exact = self.fraction
        if exact is None:
            return None
        return int((Decimal(exact.numerator) * 100 / Decimal(exact.denominator)).quantize(Decimal("1"), ROUND_HALF_UP))

    def meets(self, threshold: Decimal | Fraction | str) -> bool:
        """True when the exact rate is at least `threshold` (e.g. Decimal("0.8")). No rate never meets it."""
        exact = self.fraction
        if exact is None:
            return False
        return exact >= Fraction(Decimal(threshold) if isinstance(threshold, str) else threshold)


# --- Sessions -----------------------------------------------------------------------------------------


def _with_details(queryset: QuerySet[CohortSession]) -> QuerySet[CohortSession]:
    return queryset.select_related("cohort", "cohort__programme").prefetch_related("modules")


def sessions_for_cohort(*, cohort: Cohort) -> QuerySet[CohortSession]:
    return _with_details(CohortSession.objects.filter(cohort=cohort)).annotate(recorded_count=Count("attendances"))


def sessions_awaiting_attendance(*, cohort: Cohort, today: datetime.date | None = None) -> QuerySet[CohortSession]:
    """Sessions of the cohort held today or earlier with no attendance recorded yet (one query)."""
    today = today or timezone.localdate()
    return (
        CohortSession.objects.filter(cohort=cohort, date__lte=today)
        .annotate(recorded_count=Count("attendances"))
        .filter(recorded_count=0)
        .order_by("date", "starts_at", "pk")
    )


def split_past_upcoming(sessions, *, today: datetime.date | None = None):
    """(upcoming in date order, past most recent first). A session today is upcoming until the day ends."""
    today = today or timezone.localdate()
    sessions = list(sessions)
    upcoming = [s for s in sessions if s.date >= today]
    past = [s for s in sessions if s.date < today]
    past.reverse()
    return upcoming, past


def sessions_for_learner(*, user) -> QuerySet[CohortSession]:
    """Sessions of the cohorts where the person is an active learner (not a deferred or completed one)."""
    if not user.is_authenticated:
        return CohortSession.objects.none()
    return _with_details(
        CohortSession.objects.filter(
            cohort__enrolments__learner=user, cohort__enrolments__status=EnrolmentStatus.ACTIVE
        )
    ).distinct()


def sessions_for_coordinator(*, user) -> QuerySet[CohortSession]:
    return _with_details(CohortSession.objects.filter(cohort__in=cohorts_coordinated_by(user=user)))


def sessions_for_feed(*, user) -> QuerySet[CohortSession]:
    """Everything a person's private calendar shows: their sessions as a learner and as a coordinator."""
    learner_cohorts = Enrolment.objects.filter(learner=user, status=EnrolmentStatus.ACTIVE).values("cohort_id")
    return _with_details(
        CohortSession.objects.filter(Q(cohort_id__in=learner_cohorts) | Q(cohort__in=cohorts_coordinated_by(user=user)))
    ).distinct()


def session_visible_to(*, user, session_id: int) -> CohortSession | None:
    """The session if the person attends or coordinates its cohort, else None."""
    return sessions_for_feed(user=user).filter(pk=session_id).first()


def sessions_starting_in(*, days: int = 2, today: datetime.date | None = None) -> QuerySet[CohortSession]:
    """Sessions taking place `days` days after `today` (Paris date), with their active learners prefetched.

    For the reminder engine's "session in two days" rule: each session's `active_enrolments` attribute
    lists the Enrolment rows (with `learner`) of the people to remind.
    """
    today = today or timezone.localdate()
    target = today + datetime.timedelta(days=days)
    return _with_details(CohortSession.objects.filter(date=target)).prefetch_related(
        Prefetch(
            "cohort__enrolments",
            queryset=Enrolment.objects.filter(status=EnrolmentStatus.ACTIVE).select_related("learner"),
            to_attr="active_enrolments",
        )
    )


def session_learners(*, session: CohortSession, search: str = ""):
    """The people a session concerns: the active learners of its cohort, by name (only those whose name or e-mail
    contains `search` when given)."""
    enrolments = Enrolment.objects.filter(cohort_id=session.cohort_id, status=EnrolmentStatus.ACTIVE)
    if search:
        enrolments = enrolments.filter(
            Q(learner__last_name__icontains=search)
            | Q(learner__first_name__icontains=search)
            | Q(learner__email__icontains=search)
        )
    return enrolments.select_related("learner").order_by(
        "learner__last_name", "learner__first_name", "learner__email", "pk"
    )


# --- Attendance ---------------------------------------------------------------------------------------


@dataclass
class RegisterRow:
    enrolment: Enrolment
    attendance: Attendance | None

    @property
    def learner(self):
        return self.enrolment.learner


def session_register(*, session: CohortSession, enrolments=None) -> list[RegisterRow]:
    """One row per active learner of the session's cohort (or per enrolment of `enrolments`, one page of the
    register), with what was recorded for them (or None). Two queries."""
    attendances = Attendance.objects.filter(session=session)
    if enrolments is None:
        enrolments = session_learners(session=session)
    else:
        enrolments = list(enrolments)
        attendances = attendances.filter(learner_id__in=[e.learner_id for e in enrolments])
    recorded = {a.learner_id: a for a in attendances}
    return [RegisterRow(enrolment=e, attendance=recorded.get(e.learner_id)) for e in enrolments]


def session_has_attendance(*, session: CohortSession) -> bool:
    """Whether anything is recorded for the session yet, for anyone. One query."""
    return Attendance.objects.filter(session=session).exists()


def _counted_attendances(**filters) -> QuerySet[Attendance]:
    return Attendance.objects.filter(session__date__lte=timezone.localdate(), **filters)


def learners_below_attendance(*, cohort: Cohort, threshold: int) -> QuerySet:
    """The ids of the cohort's learners whose attendance rate (`AttendanceSummary`: present and late over the
    recorded past sessions, excused absences left out) is strictly below `threshold` percent, compared exactly;
    those without a rate yet are left out. A subquery, counted in SQL."""
    attended = Count("pk", filter=Q(status__in=[AttendanceStatus.PRESENT, AttendanceStatus.LATE]))
    counted = Count("pk", filter=~Q(status=AttendanceStatus.EXCUSED))
    return (
        _counted_attendances(session__cohort=cohort)
        .values("learner_id")
        .annotate(attended=attended, counted=counted)
        .annotate(short=F("counted") * threshold - F("attended") * 100)  # attended / counted < threshold / 100
        .filter(counted__gt=0, short__gt=0)
        .values("learner_id")
    )


def attendance_summary(*, learner, cohort: Cohort) -> AttendanceSummary:
    counts = dict(
        _counted_attendances(learner=learner, session__cohort=cohort)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return AttendanceSummary(**{status: counts.get(status, 0) for status in AttendanceStatus.values})


def attendance_summaries_for_cohort(*, cohort: Cohort, learner_ids=None) -> dict[int, AttendanceSummary]:
    """learner id -> summary for everyone with a record in the cohort (only `learner_ids` when given: one page of
    a list), in one query."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    attendances = _counted_attendances(session__cohort=cohort)
    if learner_ids is not None:
        attendances = attendances.filter(learner_id__in=learner_ids)
    rows = attendances.values("learner_id", "status").annotate(n=Count("pk")).order_by()
    for row in rows:
        counts[row["learner_id"]][row["status"]] = row["n"]
    return {learner_id: AttendanceSummary(**by_status) for learner_id, by_status in counts.items()}


def learners_meeting_attendance(*, cohort: Cohort, threshold: int) -> set[int]:
    """The learners whose attendance rate in the cohort reaches `threshold` percent (above 0), counted in SQL with
    the rule of `AttendanceSummary.meets`: attended x 100 >= threshold x counted, at least one session counted
    (excused absences left out of both sides). One query, whatever the size of the cohort."""
    return set(
        _counted_attendances(session__cohort=cohort)
        .values("learner_id")
        .alias(
            points=Count("pk", filter=Q(status__in=ATTENDED_STATUSES)) * 100,
            bar=Count("pk", filter=~Q(status=AttendanceStatus.EXCUSED)) * threshold,
        )
        .filter(bar__gt=0, points__gte=F("bar"))
        .values_list("learner_id", flat=True)
        .order_by()
    )


@dataclass
class RosterRow:
    enrolment: Enrolment
    summary: AttendanceSummary

    @property
    def learner(self):
        return self.enrolment.learner


def cohort_roster(*, cohort: Cohort, include_inactive: bool = True) -> list[RosterRow]:
    """Everyone enrolled in the cohort (active first), with their attendance summary. Two queries."""
    enrolments = Enrolment.objects.filter(cohort=cohort).select_related("learner")
    if not include_inactive:
        enrolments = enrolments.filter(status=EnrolmentStatus.ACTIVE)
    summaries = attendance_summaries_for_cohort(cohort=cohort)
    rows = [RosterRow(enrolment=e, summary=summaries.get(e.learner_id, AttendanceSummary())) for e in enrolments]
    rows.sort(
        key=lambda r: (
            r.enrolment.status != EnrolmentStatus.ACTIVE,
            r.learner.last_name.lower(),
            r.learner.first_name.lower(),
            r.learner.email,
        )
    )
    return rows


@dataclass
class CohortAttendanceHistory:
    """A learner's sessions in one cohort with what was recorded, and their summary there."""

    enrolment: Enrolment
    rows: list[tuple[CohortSession, Attendance | None]] = field(default_factory=list)
    summary: AttendanceSummary = field(default_factory=AttendanceSummary)

    @property
    def is_current(self) -> bool:
        return self.enrolment.status == EnrolmentStatus.ACTIVE


def learner_attendance_history(*, user) -> list[CohortAttendanceHistory]:
    """Per cohort the person was ever enrolled in (current first): past sessions and their own records.

    Only the person's own attendance rows are read, never anyone else's. Three queries whatever the size.
    """
    if not user.is_authenticated:
        return []
    enrolments = list(
        Enrolment.objects.filter(learner=user)
        .select_related("cohort", "cohort__programme")
        .order_by("-cohort__starts_on")
    )
    enrolments.sort(key=lambda e: e.status != EnrolmentStatus.ACTIVE)  # stable: current first, then newest
    today = timezone.localdate()
    sessions = CohortSession.objects.filter(cohort_id__in=[e.cohort_id for e in enrolments], date__lte=today).order_by(
        "-date", "-starts_at"
    )
    records = {a.session_id: a for a in Attendance.objects.filter(learner=user, session__date__lte=today)}
    by_cohort: dict[int, list[CohortSession]] = defaultdict(list)
    for session in sessions:
        by_cohort[session.cohort_id].append(session)
    histories = []
    for enrolment in enrolments:
        rows = [(s, records.get(s.pk)) for s in by_cohort[enrolment.cohort_id]]
        counts: dict[str, int] = defaultdict(int)
        for _session, record in rows:
            if record is not None:
                counts[record.status] += 1
        histories.append(CohortAttendanceHistory(enrolment=enrolment, rows=rows, summary=AttendanceSummary(**counts)))
    return histories


# --- Feed tokens --------------------------------------------------------------------------------------


def feed_token_live_for(*, user) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_owner_for_token(*, raw_token: str):
    """The active user whose live token this is, or None (unknown, revoked, or account deactivated)."""
    if not raw_token or len(raw_token) > 200:
        return None
    token = (
        CalendarFeedToken.objects.filter(
            token_hash=CalendarFeedToken.hash_token(raw_token), revoked_at__isnull=True, user__is_active=True
        )
        .select_related("user")
        .first()
    )
    return token.user if token else None


# --- Learner dashboard --------------------------------------------------------------------------------


def upcoming_sessions_for_learner(*, user, limit: int = 3, today: datetime.date | None = None) -> list[CohortSession]:
    """The next sessions (today included) of the cohorts where the person is an active learner. One query, of the
    sessions' own columns (the dashboard shows neither the cohort nor the programme, a Wagtail page)."""
    if not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    active = Enrolment.objects.filter(learner=user, status=EnrolmentStatus.ACTIVE).values("cohort_id")
    return list(
        CohortSession.objects.filter(cohort_id__in=active, date__gte=today).order_by("date", "starts_at", "pk")[:limit]
    )


def attendance_summaries_for_learner(*, user) -> dict[int, AttendanceSummary]:
    """cohort id -> the person's own attendance summary there (sessions held so far). One query."""
    if not user.is_authenticated:
        return {}
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = _counted_attendances(learner=user).values("session__cohort_id", "status").annotate(n=Count("pk")).order_by()
    for row in rows:
        counts[row["session__cohort_id"]][row["status"]] = row["n"]
    return {cohort_id: AttendanceSummary(**by_status) for cohort_id, by_status in counts.items()}

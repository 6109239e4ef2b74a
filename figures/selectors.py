"""The programme's figures, per cohort and over the years: one SQL aggregate per source, grouped by cohort, so
the page costs the same handful of queries for one cohort or fifty.

Each source is an `Aggregate`: a function ``(programme_id) -> {cohort_id: {key: number}}`` (one query) and
the columns it feeds. Adding a figure is adding one entry to `AGGREGATES` and its columns to `COLUMNS`.

"Blocks validated" reads the final jury's current decision about each block of competencies (final_validation's
`BlockDecision`): a block counts in the cohort where it was validated, not again where it was carried over.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from alumni.enums import StructureKind
from alumni.models import SurveyInvitation, SurveyResponse
from alumni.selectors import with_final_decision
from cohort_sessions.enums import ATTENDED_STATUSES, AttendanceStatus
from cohort_sessions.models import Attendance
from cohorts.enums import EnrolmentStatus
from cohorts.models import Cohort, Enrolment
from figures import suppression
from figures.suppression import Cell
from final_validation.enums import BlockOutcome, JuryOutcome
from final_validation.models import BlockDecision
from internships.enums import COUNTED_DAY_TYPES, WeekStatus
from internships.models import TimeEntry, WeekSignoff
from selection.enums import OfferStatus
from selection.models import Application, Offer

Numbers = dict[int, dict[str, float]]


def _by_cohort(queryset, cohort_field: str, **aggregates) -> Numbers:
    rows = queryset.values(cohort_field).annotate(**aggregates).order_by()
    return {row.pop(cohort_field): row for row in rows}


# --- The sources: one query each ------------------------------------------------------------------------------


def selection_numbers(programme_id: int) -> Numbers:
    """Submitted applications, admissions (a place offered) and confirmations (a place taken)."""
    applications = Application.objects.filter(
        selection_round__cohort__programme_id=programme_id, submitted_at__isnull=False
    ).annotate(
        offered=Exists(Offer.objects.filter(application=OuterRef("pk"))),
        confirmed=Exists(Offer.objects.filter(application=OuterRef("pk"), status=OfferStatus.CONFIRMED)),
    )
    return _by_cohort(
        applications,
        "selection_round__cohort_id",
        applications=Count("pk"),
        admissions=Count("pk", filter=Q(offered=True)),
        confirmations=Count("pk", filter=Q(confirmed=True)),
    )


def enrolment_numbers(programme_id: int) -> Numbers:
    """Learners enrolled, completed, withdrawn, and diplomas awarded (the jury's current decision)."""
    enrolments = with_final_decision(Enrolment.objects.filter(cohort__programme_id=programme_id))
    return _by_cohort(
        enrolments,
        "cohort_id",
        enrolled=Count("pk"),
        completed=Count("pk", filter=Q(status=EnrolmentStatus.COMPLETED)),
        withdrawn=Count("pk", filter=Q(status=EnrolmentStatus.WITHDRAWN)),
        awarded=Count("pk", filter=Q(final_outcome=JuryOutcome.AWARDED)),
    )


def attendance_numbers(programme_id: int) -> Numbers:
    """Attendance marks recorded (excused absences left out of the rate) and the learners they concern."""
    marks = Attendance.objects.filter(session__cohort__programme_id=programme_id).exclude(
        status=AttendanceStatus.EXCUSED
    )
    return _by_cohort(
        marks,
        "session__cohort_id",
        marks=Count("pk"),
        attended=Count("pk", filter=Q(status__in=ATTENDED_STATUSES)),
        attendance_learners=Count("learner", distinct=True),
    )


def internship_numbers(programme_id: int) -> Numbers:
    """Internship hours approved by the tutors (weeks signed off), and the learners who logged them."""
    approved_week = WeekSignoff.objects.filter(
        placement=OuterRef("placement"), week_start=OuterRef("week_start"), status=WeekStatus.APPROVED
    )
    entries = TimeEntry.objects.filter(
        placement__enrolment__cohort__programme_id=programme_id, day_type__in=COUNTED_DAY_TYPES
    ).filter(Exists(approved_week))
    return _by_cohort(
        entries,
        "placement__enrolment__cohort_id",
        internship_hours=Sum("hours"),
        internship_learners=Count("placement__enrolment__learner", distinct=True),
    )


def survey_numbers(programme_id: int) -> Numbers:
    """Survey invitations sent (one per graduate and wave) and answered."""
    invitations = SurveyInvitation.objects.filter(enrolment__cohort__programme_id=programme_id)
    return _by_cohort(
        invitations,
        "enrolment__cohort_id",
        invited=Count("pk"),
        answered=Count("pk", filter=Q(response__isnull=False)),
        graduates_invited=Count("enrolment", distinct=True),
    )


def employment_numbers(programme_id: int) -> Numbers:
    """Each graduate's latest answer: who answered, who works as a peer supporter, and in which kind of structure."""
    latest = (
        SurveyResponse.objects.filter(invitation__enrolment=OuterRef("invitation__enrolment"))
        .order_by("-submitted_at", "-pk")
        .values("pk")[:1]
    )
    responses = SurveyResponse.objects.filter(
        invitation__enrolment__cohort__programme_id=programme_id, pk=Subquery(latest)
    )
    kinds = {f"kind_{kind}": Count("pk", filter=Q(structure_kind=kind)) for kind in StructureKind.values}
    return _by_cohort(
        responses,
        "invitation__enrolment__cohort_id",
        respondents=Count("pk"),
        working=Count("pk", filter=Q(works_as_peer_supporter=True)),
        not_working=Count("pk", filter=Q(works_as_peer_supporter=False)),
        **kinds,
    )


def blocks_numbers(programme_id: int) -> Numbers:
    """Blocks of competencies validated by the final jury (the current decision per learner and block), and the
    learners with at least one, per cohort."""
    later = BlockDecision.objects.filter(
        enrolment_id=OuterRef("enrolment_id"), block_id=OuterRef("block_id"), recorded_at__gt=OuterRef("recorded_at")
    )
    current_validated = BlockDecision.objects.filter(
        enrolment__cohort__programme_id=programme_id, outcome=BlockOutcome.VALIDATED, carried_from__isnull=True
    ).exclude(Exists(later))
    return _by_cohort(
        current_validated,
        "enrolment__cohort_id",
        blocks_validated=Count("pk"),
        learners_with_blocks=Count("enrolment", distinct=True),
    )


@dataclass(frozen=True)
class Aggregate:
    key: str
    numbers: Callable[[int], Numbers]


AGGREGATES: list[Aggregate] = [
    Aggregate("selection", selection_numbers),
    Aggregate("enrolments", enrolment_numbers),
    Aggregate("attendance", attendance_numbers),
    Aggregate("internships", internship_numbers),
    Aggregate("blocks", blocks_numbers),
    Aggregate("surveys", survey_numbers),
    Aggregate("employment", employment_numbers),
]


def aggregates() -> list[Aggregate]:
    return AGGREGATES


# --- From numbers to cells that may be shown ------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str  # "count", "rate", "hours"
    group: str = ""


KIND_COLUMNS = [Column(f"kind_{value}", label, "count", "employment") for value, label in StructureKind.choices]

COLUMNS: list[Column] = [
    Column("applications", _("Applications"), "count", "path"),
    Column("admissions", _("Admissions"), "count", "path"),
    Column("confirmations", _("Places confirmed"), "count", "path"),
    Column("enrolled", _("Learners enrolled"), "count", "path"),
    Column("completed", _("Completed the training"), "count", "path"),
    Column("completion_rate", _("Completion rate"), "rate", "path"),
    Column("attendance_rate", _("Attendance rate"), "rate", "path"),
    Column("internship_hours", _("Internship hours approved"), "hours", "path"),
    Column("awarded", _("Diplomas awarded"), "count", "path"),
    Column("blocks_validated", _("Blocks of competencies validated"), "count", "path"),
    Column("learners_with_blocks", _("Learners with a validated block"), "count", "path"),
    Column("invited", _("Surveys sent"), "count", "survey"),
    Column("answered", _("Surveys answered"), "count", "survey"),
    Column("response_rate", _("Response rate"), "rate", "survey"),
    Column("respondents", _("Graduates who answered"), "count", "employment"),
    Column("working", _("Working as peer supporters"), "count", "employment"),
    Column("not_working", _("Not working as peer supporters"), "count", "employment"),
    *KIND_COLUMNS,
]


def _cells(numbers: dict[str, float]) -> dict[str, Cell]:
    n = defaultdict(int, numbers)
    cells = {column.key: suppression.count(int(n[column.key])) for column in COLUMNS if column.kind == "count"}
    cells["completion_rate"] = suppression.rate(n["completed"], n["enrolled"])
    cells["attendance_rate"] = suppression.rate(n["attended"], n["marks"])
    if n["marks"] and n["attendance_learners"] < suppression.THRESHOLD:
        cells["attendance_rate"].secret = True
    cells["internship_hours"] = suppression.over_people(n["internship_hours"], n["internship_learners"])
    cells["response_rate"] = suppression.rate(n["answered"], n["invited"])
    if n["invited"] and n["graduates_invited"] < suppression.THRESHOLD:
        cells["response_rate"].secret = True
    return cells


def _protect_row(cells: dict[str, Cell]) -> bool:
    """The breakdowns of a row: respondents = working + not working; working = the kinds of structure; and so
    respondents = not working + the kinds (without this third group, a hidden "working" could be added up)."""
    kinds = [cells[column.key] for column in KIND_COLUMNS]
    changed = suppression.protect_group(cells["respondents"], [cells["working"], cells["not_working"]])
    changed |= suppression.protect_group(cells["working"], kinds)
    changed |= suppression.protect_group(cells["respondents"], [cells["not_working"], *kinds])
    return changed


@dataclass
class Row:
    label: str
    cells: dict[str, Cell]
    cohort: Cohort | None = None
    year: int | None = None


@dataclass
class ProgrammeFigures:
    programme: object
    columns: list[Column]
    rows: list[Row]
    total: Row
    groups: dict[str, list[Column]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.rows


def programme_figures(*, programme) -> ProgrammeFigures:
    """Every cohort of the programme (oldest first) and the whole, each figure through the suppression rule.
    One query for the cohorts and one per aggregate, whatever the number of cohorts."""
    cohorts = list(Cohort.objects.filter(programme_id=programme.pk).order_by("starts_on", "pk"))
    numbers: dict[int, dict[str, float]] = {cohort.pk: {} for cohort in cohorts}
    for aggregate in aggregates():
        for cohort_id, values in aggregate.numbers(programme.pk).items():
            if cohort_id in numbers:
                numbers[cohort_id].update({key: value or 0 for key, value in values.items()})
    totals: dict[str, float] = defaultdict(int)
    for values in numbers.values():
        for key, value in values.items():
            totals[key] += value
    rows = [
        Row(label=cohort.label, cells=_cells(numbers[cohort.pk]), cohort=cohort, year=cohort.starts_on.year)
        for cohort in cohorts
    ]
    total = Row(label=str(_("All cohorts")), cells=_cells(dict(totals)))
    _protect(rows, total)
    groups: dict[str, list[Column]] = defaultdict(list)
    for column in COLUMNS:
        groups[column.group].append(column)
    return ProgrammeFigures(programme=programme, columns=COLUMNS, rows=rows, total=total, groups=dict(groups))


# A rate is withheld when its numerator or its denominator is: rate × shown denominator would give the count.
RATE_PARTS = {"completion_rate": ("completed", "enrolled"), "response_rate": ("answered", "invited")}


def _protect(rows: list[Row], total: Row) -> None:
    """Rules 3 and 4 across each row's breakdowns and down each count column, until nothing changes; then the
    rates of hidden counts."""
    _protect_counts(rows, total)
    for row in [*rows, total]:
        for rate_key, parts in RATE_PARTS.items():
            if any(row.cells[key].secret for key in parts):
                row.cells[rate_key].secret = True


def _protect_counts(rows: list[Row], total: Row) -> None:
    count_keys = [column.key for column in COLUMNS if column.kind == "count"]
    for _pass in range(10):
        changed = False
        for row in [*rows, total]:
            changed |= _protect_row(row.cells)
        if len(rows) > 1:
            for key in count_keys:
                changed |= suppression.protect_group(total.cells[key], [row.cells[key] for row in rows])
        if not changed:
            return

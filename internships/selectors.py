"""Reads of the internship domain: who may see what, totals, and what each reminder rule needs."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from django.db.models import (
    DecimalField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from cohorts.models import Cohort, Enrolment
from core.calendar import business_days_between
from core.links import UrlPattern
from core.prepared import PreparedQuery
from internships.enums import (
    COUNTED_DAY_TYPES,
    MIN_PEERS_PER_TEAM,
    OPEN,
    RUNNING,
    ConcernStatus,
    EvaluationKind,
    EvaluationStatus,
    LinkPurpose,
    PlacementStatus,
    SignatureParty,
    WeekStatus,
)
from internships.models import (
    Concern,
    Evaluation,
    HostOrganisation,
    HostTeamPeer,
    Placement,
    PlacementSignature,
    SupervisionSession,
    TimeEntry,
    Tutor,
    WeekSignoff,
)

# --- Access ----------------------------------------------------------------------------------------


def user_coordinates_placement(*, user, placement: Placement) -> bool:
    return user is not None and user.has_perm("internships.manage_placement", placement)


def hosts_visible_to(*, user) -> QuerySet[HostOrganisation]:
    """The host organisations a coordinator may see and edit in the directory.

    An organisation belongs to the programmes whose learners it hosts (through their placements); one that
    hosts nobody yet is still open to every coordinator, who must be able to find it to propose it.
    Administrators see all of them.
    """
    if not user.is_authenticated:
        return HostOrganisation.objects.none()
    if user.is_superuser:
        return HostOrganisation.objects.all()
    programmes = Cohort.objects.filter(coordinators=user).values("programme_id")
    used = Placement.objects.values("host_id")
    return HostOrganisation.objects.filter(
        Q(pk__in=Placement.objects.filter(enrolment__cohort__programme_id__in=programmes).values("host_id"))
        | ~Q(pk__in=used)
    )


# The tutor's page asks these on every view (core.prepared): only the person's or the tutor's id changes.
_TUTOR_OF_USER = PreparedQuery(
    # One tutor per account at most (a one-to-one field).
    lambda user: Tutor.objects.filter(user_id=user).select_related("host")[:1],
    "user",
)


def tutor_for_user(*, user) -> Tutor | None:
    if not user.is_authenticated:
        return None
    found = _TUTOR_OF_USER(user=user.pk)
    return found[0] if found else None


def _base_placements() -> QuerySet[Placement]:
    return Placement.objects.select_related(
        "enrolment__learner", "enrolment__cohort__programme", "host", "site", "tutor"
    )


def placements_visible_to(*, user) -> QuerySet[Placement]:
    """The learner's own, the tutor's own interns, the placements of cohorts the user coordinates."""
    if not user.is_authenticated:
        return Placement.objects.none()
    if user.is_superuser:
        return _base_placements()
    return (
        _base_placements()
        .filter(Q(enrolment__learner=user) | Q(tutor__user=user) | Q(enrolment__cohort__coordinators=user))
        .distinct()
    )


def placement_role(*, user, placement: Placement) -> str | None:
    """ "learner", "tutor", "coordinator" or None: decides which actions a page offers."""
    if not user.is_authenticated:
        return None
    if placement.enrolment.learner_id == user.pk:
        return "learner"
    if placement.tutor.user_id == user.pk:
        return "tutor"
    if user_coordinates_placement(user=user, placement=placement):
        return "coordinator"
    return None


def placements_for_learner(*, user) -> QuerySet[Placement]:
    return _base_placements().filter(enrolment__learner=user)


def placements_for_tutor(*, tutor: Tutor) -> QuerySet[Placement]:
    return _base_placements().filter(tutor=tutor)


# --- Rules -----------------------------------------------------------------------------------------


def team_peer_count(*, placement: Placement) -> int:
    peers = HostTeamPeer.objects.filter(host_id=placement.host_id, active=True)
    if placement.site_id:
        peers = peers.filter(Q(site_id=placement.site_id) | Q(site__isnull=True))
    return peers.count()


@dataclass(frozen=True)
class EvaluationStep:
    """One evaluation of a placement as its page shows it: whether it can be filled now, else when."""

    kind: str
    label: str
    evaluation: object
    can_fill: bool
    note: str


def evaluation_steps(*, placement: Placement, evaluations: dict) -> list[EvaluationStep]:
    """For each evaluation: can the tutor (or, for the self-assessment, the learner) fill it now? If not, why."""
    steps = []
    self_eval = evaluations.get(EvaluationKind.SELF)
    self_sent = self_eval is not None and self_eval.status in (
        EvaluationStatus.SUBMITTED,
        EvaluationStatus.COUNTERSIGNED,
    )
    running = placement.status in RUNNING
    for kind in EvaluationKind:
        evaluation = evaluations.get(kind)
        if kind == EvaluationKind.SELF:
            can_fill, note = running, ""
        else:
            needed = (
                PlacementStatus.MIDPOINT_REVIEW if kind == EvaluationKind.MIDPOINT else PlacementStatus.FINAL_REVIEW
            )
            validated = evaluation is not None and evaluation.is_validated
            step_open = placement.status == needed or (validated and running)
            can_fill = step_open and self_sent
            if not running:
                note = ""
            elif not step_open:
                day = placement.midpoint if kind == EvaluationKind.MIDPOINT else placement.ends_on
                note = _("Opens on %(date)s, when the placement reaches this step.") % {
                    "date": day.strftime("%d/%m/%Y")
                }
            elif not self_sent:
                note = _("Opens once the learner has sent their self-assessment.")
            else:
                note = ""
        steps.append(EvaluationStep(kind=kind, label=kind.label, evaluation=evaluation, can_fill=can_fill, note=note))
    return steps


def overlapping_placements(*, placement: Placement) -> QuerySet[Placement]:
    """The learner's other live placements whose dates cross this one's."""
    return (
        Placement.objects.filter(
            enrolment__learner_id=placement.enrolment.learner_id,
            starts_on__lt=placement.ends_on,
            ends_on__gt=placement.starts_on,
        )
        .exclude(pk=placement.pk)
        .exclude(status__in=[PlacementStatus.REFUSED, PlacementStatus.CANCELLED])
        .select_related("host")
    )


def overlap_warnings(*, placement: Placement) -> list[str]:
    return [
        _(
            "These dates cross those of the placement at %(host)s (from %(start)s to %(end)s). Both can go on "
            "together only if the weekly hours allow it: check the schedules."
        )
        % {
            "host": other.host.name,
            "start": other.starts_on.strftime("%d/%m/%Y"),
            "end": other.ends_on.strftime("%d/%m/%Y"),
        }
        for other in overlapping_placements(placement=placement)
    ]


def placement_warnings(*, placement: Placement) -> list[str]:
    """Advice for the coordinator that does not block the approval."""
    warnings = overlap_warnings(placement=placement)
    if team_peer_count(placement=placement) < MIN_PEERS_PER_TEAM:
        warnings.append(
            _(
                "The host team would have a single peer worker (or none besides the learner). The HAS "
                "recommends at least two peer workers per team to avoid isolation: plan regular "
                "intervision for this learner."
            )
        )
    return warnings


# --- Hours -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HoursTotals:
    logged: Decimal
    approved: Decimal
    planned: Decimal

    @property
    def approved_percent(self) -> int:
        if not self.planned:
            return 0
        return min(100, int(self.approved * 100 / self.planned))


def week_hours(*, placement: Placement, week_start: datetime.date) -> Decimal:
    total = TimeEntry.objects.filter(placement=placement, week_start=week_start).aggregate(total=Sum("hours"))["total"]
    return total or Decimal(0)


def placement_hours(*, placement: Placement) -> HoursTotals:
    row = with_hours(Placement.objects.filter(pk=placement.pk)).values("logged_hours", "approved_hours").get()
    return HoursTotals(
        logged=row["logged_hours"], approved=row["approved_hours"], planned=Decimal(placement.planned_hours)
    )


# The computed columns below are built once per process: a query copies the expressions it uses, and building them
# (querysets, lookups) costs about as much as compiling them, on every list page.
@cache
def _hours_subquery(*, approved_only: bool, placement_ref: str = "pk"):
    entries = TimeEntry.objects.filter(placement=OuterRef(placement_ref), day_type__in=COUNTED_DAY_TYPES)
    if approved_only:
        entries = entries.filter(
            Exists(
                WeekSignoff.objects.filter(
                    placement=OuterRef("placement"), week_start=OuterRef("week_start"), status=WeekStatus.APPROVED
                )
            )
        )
    total = entries.values("placement").annotate(total=Sum("hours")).values("total")
    return Coalesce(Subquery(total, output_field=DecimalField(max_digits=7, decimal_places=2)), Decimal(0))


@cache
def _evaluation_filled(kind: str) -> Exists:
    """Whether the placement's evaluation of `kind` is filled in (sent or countersigned, not a draft)."""
    return Exists(Evaluation.objects.filter(placement=OuterRef("pk"), kind=kind).exclude(status=EvaluationStatus.DRAFT))


def with_hours(queryset: QuerySet[Placement]) -> QuerySet[Placement]:
    """Annotate logged_hours and approved_hours in the same query (for lists), without join fan-out."""
    return queryset.annotate(
        logged_hours=_hours_subquery(approved_only=False), approved_hours=_hours_subquery(approved_only=True)
    )


def is_at_risk(*, placement: Placement, approved: Decimal, today: datetime.date | None = None) -> bool:
    """More than half the period has passed and less than half the planned hours are approved."""
    today = today or timezone.localdate()
    if placement.status not in RUNNING:
        return False
    return today > placement.midpoint and (approved or 0) * 2 < placement.planned_hours


def week_days(week_start: datetime.date) -> list[datetime.date]:
    return [week_start + datetime.timedelta(days=i) for i in range(7)]


def placement_weeks(*, placement: Placement) -> list[dict]:
    """Each week with entries and its sign-off, most recent first."""
    signoffs = {s.week_start: s for s in WeekSignoff.objects.filter(placement=placement)}
    weeks: dict[datetime.date, list] = {}
    for entry in TimeEntry.objects.filter(placement=placement).order_by("date"):
        weeks.setdefault(entry.week_start, []).append(entry)
    return [
        {
            "week_start": start,
            "entries": entries,
            "total": sum((e.hours for e in entries if e.day_type in COUNTED_DAY_TYPES), Decimal(0)),
            "signoff": signoffs.get(start),
        }
        for start, entries in sorted(weeks.items(), reverse=True)
    ]


# --- Evaluations -----------------------------------------------------------------------------------


def evaluation_due_date(*, placement: Placement, kind: str) -> datetime.date:
    return placement.midpoint if kind == EvaluationKind.MIDPOINT else placement.ends_on


def _tutor_evaluation_missing(kind: str) -> Q:
    done = Evaluation.objects.filter(
        placement=OuterRef("pk"), kind=kind, status__in=[EvaluationStatus.SUBMITTED, EvaluationStatus.COUNTERSIGNED]
    )
    return ~Q(Exists(done))


def _evaluations_missing_due(kind: str, is_due) -> QuerySet[Placement]:
    """Running placements whose tutor evaluation of `kind` is not done and whose due date passes `is_due`: the
    dates are read alone (no joined rows), then the placements chosen are read with what pages and messages show."""
    missing = Q(status__in=RUNNING) & _tutor_evaluation_missing(kind)
    chosen = [
        pk
        for pk, starts_on, ends_on in Placement.objects.filter(missing).values_list("pk", "starts_on", "ends_on")
        if is_due(evaluation_due_date(placement=Placement(starts_on=starts_on, ends_on=ends_on), kind=kind))
    ]
    return _base_placements().filter(missing, pk__in=chosen)


def evaluations_due(*, kind: str, within_days: int = 7, today: datetime.date | None = None) -> QuerySet[Placement]:
    """Running placements whose tutor evaluation of `kind` falls due within the next days and is not done."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=within_days)
    return _evaluations_missing_due(kind, lambda due_on: today <= due_on <= horizon)


def evaluations_overdue(*, kind: str, today: datetime.date | None = None) -> QuerySet[Placement]:
    today = today or timezone.localdate()
    return _evaluations_missing_due(kind, lambda due_on: due_on < today)


def evaluations_awaiting_countersignature() -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(
        status=EvaluationStatus.SUBMITTED, kind__in=[EvaluationKind.MIDPOINT, EvaluationKind.FINAL]
    ).select_related("placement__enrolment__learner", "placement__tutor")


# --- Reminders -------------------------------------------------------------------------------------


def placements_awaiting_tutor_approval(*, business_days: int, today: datetime.date | None = None) -> list[Placement]:
    """Approved by the coordinator and waiting for the tutor for at least `business_days` business days."""
    today = today or timezone.localdate()
    waiting = _base_placements().filter(status=PlacementStatus.APPROVED_BY_COORDINATOR)
    return [
        p
        for p in waiting
        if business_days_between(timezone.localtime(p.status_changed_at).date(), today) >= business_days
    ]


def learners_missing_last_week_hours(*, today: datetime.date | None = None) -> QuerySet[Placement]:
    """Running placements that covered last week and have no day recorded for it."""
    today = today or timezone.localdate()
    last_monday = today - datetime.timedelta(days=today.weekday() + 7)
    last_sunday = last_monday + datetime.timedelta(days=6)
    logged = TimeEntry.objects.filter(placement=OuterRef("pk"), date__range=(last_monday, last_sunday))
    return (
        _base_placements()
        .filter(status__in=RUNNING, starts_on__lte=last_sunday, ends_on__gte=last_monday)
        .filter(~Q(Exists(logged)))
    )


@dataclass
class TutorPending:
    tutor: Tutor
    to_approve: list[Placement]
    to_sign: list[Placement]
    weeks_to_sign_off: list[WeekSignoff]
    evaluations_to_fill: list[tuple[Placement, str]]

    @property
    def is_empty(self) -> bool:
        return not (self.to_approve or self.to_sign or self.weeks_to_sign_off or self.evaluations_to_fill)


@cache
def _pending_columns() -> dict:
    """What `pending_for_tutor` reads of each placement, in the placements' own query: whether the learner alone has
    signed the agreement, and which tutor evaluations are filled in (built once, as `_hours_subquery`)."""
    agreement = PlacementSignature.objects.filter(placement=OuterRef("pk"), amendment__isnull=True)
    return {
        "learner_signed": Exists(agreement.filter(party="learner")),
        "others_signed": Exists(agreement.exclude(party="learner")),
        "midpoint_filled": _evaluation_filled(EvaluationKind.MIDPOINT),
        "final_filled": _evaluation_filled(EvaluationKind.FINAL),
    }


def _with_pending_flags(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    return placements.annotate(**_pending_columns())


_TUTOR_PLACEMENTS = PreparedQuery(
    lambda tutor: _with_pending_flags(
        Placement.objects.filter(tutor_id=tutor)
        .select_related("enrolment__learner")
        .annotate(approved_hours=_hours_subquery(approved_only=True))
    ),
    "tutor",
)
_WEEKS_WAITING = PreparedQuery(
    lambda tutor: WeekSignoff.objects.filter(placement__tutor_id=tutor, status=WeekStatus.PENDING).order_by(
        "week_start", "pk"
    ),
    "tutor",
)


def tutor_page_placements(*, tutor: Tutor) -> list[Placement]:
    """Every placement of the tutor, newest first, with the learner, the approved hours and what
    `pending_for_tutor` reads, in one query (the tutor's page)."""
    return _TUTOR_PLACEMENTS(tutor=tutor.pk)


def pending_for_tutor(*, tutor: Tutor, placements: list[Placement] | None = None) -> TutorPending:
    """Everything waiting for this tutor (the weekly digest and the tutor page). The page passes the tutor's
    placements it has read (`tutor_page_placements`): then only the weeks waiting are read, in one more query."""
    if placements is None:
        open_placements = list(_with_pending_flags(placements_for_tutor(tutor=tutor).filter(status__in=OPEN)))
        weeks = list(
            WeekSignoff.objects.filter(placement__tutor=tutor, status=WeekStatus.PENDING)
            .order_by("week_start", "pk")
            .select_related("placement__enrolment__learner")
        )
    else:
        open_placements = [p for p in placements if p.status in OPEN]
        by_pk = {p.pk: p for p in placements}
        weeks = [week for week in _WEEKS_WAITING(tutor=tutor.pk) if week.placement_id in by_pk]
        for week in weeks:
            week.placement = by_pk[week.placement_id]
    to_approve = [p for p in open_placements if p.status == PlacementStatus.APPROVED_BY_COORDINATOR]
    to_sign = [
        p
        for p in open_placements
        if p.status == PlacementStatus.APPROVED_BY_TUTOR and p.learner_signed and not p.others_signed
    ]
    evaluations = []
    for p in open_placements:
        if p.status == PlacementStatus.MIDPOINT_REVIEW and not p.midpoint_filled:
            evaluations.append((p, EvaluationKind.MIDPOINT))
        if p.status == PlacementStatus.FINAL_REVIEW and not p.final_filled:
            evaluations.append((p, EvaluationKind.FINAL))
    return TutorPending(tutor, to_approve, to_sign, weeks, evaluations)


def tutors_with_pending_work() -> QuerySet[Tutor]:
    """Tutors who have something waiting (for the weekly digest rule)."""
    return Tutor.objects.filter(
        Q(placements__status__in=[PlacementStatus.APPROVED_BY_COORDINATOR, PlacementStatus.APPROVED_BY_TUTOR])
        | Q(placements__week_signoffs__status=WeekStatus.PENDING)
        | Q(placements__status__in=[PlacementStatus.MIDPOINT_REVIEW, PlacementStatus.FINAL_REVIEW])
    ).distinct()


# --- Coordinator overview --------------------------------------------------------------------------


def cohort_placements(*, cohort, status: str = "", search: str = "", at_risk: bool = False) -> QuerySet[Placement]:
    """The cohort's placements for the coordinators' overview, filtered, by learner name: ids only, to paginate
    (then `overview_table` reads one page). `at_risk` keeps the running placements past their middle with less
    than half of their hours approved (`is_at_risk`), in SQL."""
    placements = Placement.objects.filter(enrolment__cohort=cohort).order_by(*OVERVIEW_ORDER)
    if status:
        placements = placements.filter(status=status)
    if search:
        placements = placements.filter(
            Q(enrolment__learner__last_name__icontains=search)
            | Q(enrolment__learner__first_name__icontains=search)
            | Q(enrolment__learner__email__icontains=search)
        )
    if at_risk:
        risky = _past_midpoint(placements.filter(status__in=RUNNING), timezone.localdate()).alias(
            approved=_hours_subquery(approved_only=True)
        )
        placements = placements.filter(pk__in=risky.filter(planned_hours__gt=F("approved") * 2).values("pk"))
    return placements.only("pk")


OVERVIEW_ORDER = ("enrolment__learner__last_name", "enrolment__learner__first_name", "starts_on", "pk")


def _evaluation_labels() -> dict[str, str]:
    return {kind: str(EvaluationKind(kind).label) for kind in (EvaluationKind.MIDPOINT, EvaluationKind.FINAL)}


def _evaluations_due(*, placement, filled: set, labels: dict[str, str], today: datetime.date) -> tuple[list, list]:
    """The tutor evaluations (mid-point, final) of a running placement not filled in (missing or a draft) that fall
    due within a week, and those already overdue, as labels."""
    due, overdue = [], []
    if placement.status not in RUNNING:
        return due, overdue
    soon = today + datetime.timedelta(days=7)
    for kind, label in labels.items():
        if kind in filled:
            continue
        due_on = evaluation_due_date(placement=placement, kind=kind)
        if due_on <= soon:
            due.append(label)
        if due_on < today:
            overdue.append(label)
    return due, overdue


class _HoursFormat:
    """Hours as the templates show them, with the language's decimal separator read once for a page rather than once
    per cell (no grouping: USE_THOUSAND_SEPARATOR is off)."""

    def __init__(self):
        self.separator = get_format("DECIMAL_SEPARATOR")

    def short(self, hours: Decimal) -> str:
        """As `floatformat:"-2"`: 12, 12,50."""
        if hours == hours.to_integral_value():
            return str(int(hours))
        return str(hours.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)).replace(".", self.separator)

    def full(self, hours: Decimal) -> str:
        """As `{{ hours }}`: 12,00, 12,50."""
        return f"{hours:f}".replace(".", self.separator)


@cache
def _overview_columns() -> dict:
    """The overview table's computed columns (built once, as `_hours_subquery`)."""
    return {
        "approved_hours": _hours_subquery(approved_only=True),
        "has_open_concern": Exists(
            Concern.objects.filter(placement=OuterRef("pk")).exclude(status=ConcernStatus.CLOSED)
        ),
        "midpoint_filled": _evaluation_filled(EvaluationKind.MIDPOINT),
        "final_filled": _evaluation_filled(EvaluationKind.FINAL),
    }


def overview_table(placements) -> list[dict]:
    """The given placements (one page of `cohort_placements`, read as a subquery) as the overview's table shows them,
    in one query: the learner's name and the link to the placement, the status's label, the approved hours as the
    gauge says them, the evaluations due, an open concern, the risk. Plain values, not models; labels, the link's
    pattern and the number format are taken once per page."""
    values = (
        Placement.objects.filter(pk__in=placements)
        .order_by(*OVERVIEW_ORDER)
        .values(
            "pk",
            "enrolment_id",
            "status",
            "starts_on",
            "ends_on",
            "planned_hours",
            "host__name",
            "tutor__name",
            "enrolment__learner__first_name",
            "enrolment__learner__last_name",
        )
        .annotate(**_overview_columns())
    )
    today = timezone.localdate()
    labels = _evaluation_labels()
    statuses = {value: str(label) for value, label in PlacementStatus.choices}
    detail = UrlPattern("internships:detail")
    approved_text = _("%(approved)s h approved of %(planned)s h")
    hours = _HoursFormat()
    rows = []
    for row in values:
        approved = row["approved_hours"]
        line = PlacementLine(
            row["pk"],
            row["enrolment_id"],
            row["status"],
            row["starts_on"],
            row["ends_on"],
            row["planned_hours"],
            row["host__name"],
            approved,
        )
        filled = {EvaluationKind.MIDPOINT} if row["midpoint_filled"] else set()
        if row["final_filled"]:
            filled.add(EvaluationKind.FINAL)
        due, _overdue = _evaluations_due(placement=line, filled=filled, labels=labels, today=today)
        first, last = row["enrolment__learner__first_name"], row["enrolment__learner__last_name"]
        rows.append(
            {
                "pk": row["pk"],
                "url": detail(row["pk"]),
                "learner": f"{first} {last}".strip(),
                "host": row["host__name"],
                "tutor": row["tutor__name"],
                "status": row["status"],
                "status_label": statuses.get(row["status"], row["status"]),
                "planned_hours": str(row["planned_hours"]),
                "approved_hours": approved,
                "approved_full": hours.full(approved),
                "approved_value": str(approved.quantize(Decimal(1), rounding=ROUND_HALF_UP)),  # floatformat:"0u"
                "approved_text": approved_text % {"approved": hours.short(approved), "planned": row["planned_hours"]},
                "evaluations_due": ", ".join(due),
                "has_open_concern": row["has_open_concern"],
                "at_risk": is_at_risk(placement=line, approved=approved, today=today),
            }
        )
    return rows


def cohort_overview(*, cohort) -> list[Placement]:
    """One row per placement of the cohort, with hours, evaluations and open concerns, in a fixed number
    of queries (the whole cohort: for exports and the cohort dashboard's actions)."""
    return _overview_rows(Placement.objects.filter(enrolment__cohort=cohort))


def _overview_rows(placements: QuerySet[Placement]) -> list[Placement]:
    open_concerns = Concern.objects.filter(placement=OuterRef("pk")).exclude(status=ConcernStatus.CLOSED)
    rows = list(
        with_hours(
            placements.select_related("enrolment__learner", "host", "site", "tutor").defer(
                "enrolment__learner__password"
            )
        )
        .annotate(has_open_concern=Exists(open_concerns))
        .prefetch_related(Prefetch("evaluations", to_attr="all_evaluations"))
        .order_by(*OVERVIEW_ORDER)
    )
    today = timezone.localdate()
    labels = _evaluation_labels()
    for row in rows:
        row.approved_hours = row.approved_hours or Decimal(0)
        row.logged_hours = row.logged_hours or Decimal(0)
        row.hours_percent = min(100, int(row.approved_hours * 100 / row.planned_hours)) if row.planned_hours else 0
        row.at_risk = is_at_risk(placement=row, approved=row.approved_hours, today=today)
        filled = {e.kind for e in row.all_evaluations if e.status != EvaluationStatus.DRAFT}
        row.evaluations_due, row.evaluations_overdue = _evaluations_due(
            placement=row, filled=filled, labels=labels, today=today
        )
    return rows


@dataclass(frozen=True)
class FinalValidationPlacement:
    """A placement as the final validation's internship criterion reads it: plain values, no model instance.
    `final_status` is the status of its final evaluation (None without one)."""

    pk: int
    enrolment_id: int
    status: str
    starts_on: datetime.date
    planned_hours: int
    approved_hours: Decimal
    final_status: str | None
    host_name: str
    cohort_label: str

    @property
    def final_validated(self) -> bool:
        """The final evaluation is counter-signed (`Evaluation.is_validated` of a tutor's evaluation)."""
        return self.final_status == EvaluationStatus.COUNTERSIGNED


def placements_for_final_validation(*, learner_ids, programme_id: int) -> dict[int, list[FinalValidationPlacement]]:
    """learner id -> their placements in any cohort of the programme (a deferred learner's internship carries
    over to the next cohort), newest first, with their approved hours and their final evaluation's status.

    `learner_ids` may be a list or a subquery of ids. One query whatever the number of learners.
    """
    final = Evaluation.objects.filter(placement=OuterRef("pk"), kind=EvaluationKind.FINAL).values("status")[:1]
    rows = (
        Placement.objects.filter(enrolment__learner_id__in=learner_ids, enrolment__cohort__programme_id=programme_id)
        .annotate(approved=_hours_subquery(approved_only=True), final_status=Subquery(final))
        .values_list(
            "enrolment__learner_id",
            "pk",
            "enrolment_id",
            "status",
            "starts_on",
            "planned_hours",
            "approved",
            "final_status",
            "host__name",
            "enrolment__cohort__label",
        )
        .order_by("-starts_on", "-pk")
    )
    by_learner: dict[int, list[FinalValidationPlacement]] = {}
    for learner_id, pk, enrolment_id, status, starts_on, planned, approved, *rest in rows:
        by_learner.setdefault(learner_id, []).append(
            FinalValidationPlacement(pk, enrolment_id, status, starts_on, planned, approved or Decimal(0), *rest)
        )
    return by_learner


@dataclass
class PlacementLine:
    """A placement as a line of a long list tells it (the cohort dashboard's roster, the internships overview): plain
    values, no model instance; `midpoint` is `Placement.midpoint`, for `is_at_risk` and `evaluation_due_date`."""

    pk: int
    enrolment_id: int
    status: str
    starts_on: datetime.date
    ends_on: datetime.date
    planned_hours: int
    host_name: str
    approved_hours: Decimal
    at_risk: bool = False

    midpoint = Placement.midpoint


def placement_lines_for_enrolments(*, enrolment_ids, today: datetime.date | None = None) -> list[PlacementLine]:
    """Every placement of the given enrolments (one page of a list) with its host's name, approved hours and
    whether its hours are behind (`is_at_risk`), read as plain values: one query."""
    today = today or timezone.localdate()
    rows = (
        Placement.objects.filter(enrolment_id__in=enrolment_ids)
        .annotate(approved=_hours_subquery(approved_only=True))
        .values_list("pk", "enrolment_id", "status", "starts_on", "ends_on", "planned_hours", "host__name", "approved")
        .order_by("enrolment_id", "starts_on", "pk")
    )
    lines = [PlacementLine(*values[:-1], approved_hours=values[-1] or Decimal(0)) for values in rows]
    for line in lines:
        line.at_risk = is_at_risk(placement=line, approved=line.approved_hours, today=today)
    return lines


def learners_with_validated_internship(*, learner_ids, programme_id: int) -> set[int]:
    """The learners (among `learner_ids`) with a placement in a cohort of the programme that meets the final
    validation's internship criterion: not refused or cancelled, approved hours at least the planned hours, final
    evaluation counter-signed (the rule of `final_validation.selectors`, read in SQL). One query."""
    # Read from the counter-signed final evaluations (few), so that the hours are added up for their placements
    # only, not for every placement of the programme.
    return set(
        Evaluation.objects.filter(
            kind=EvaluationKind.FINAL,
            status=EvaluationStatus.COUNTERSIGNED,
            placement__enrolment__learner_id__in=learner_ids,
            placement__enrolment__cohort__programme_id=programme_id,
        )
        .exclude(placement__status__in=[PlacementStatus.REFUSED, PlacementStatus.CANCELLED])
        .annotate(approved=_hours_subquery(approved_only=True, placement_ref="placement_id"))
        .filter(approved__gte=F("placement__planned_hours"))
        .values_list("placement__enrolment__learner_id", flat=True)
        .order_by()
        .distinct()
    )


def cohort_open_concerns(*, cohort) -> QuerySet[Concern]:
    """The cohort's concerns not closed yet, oldest first. For its coordinators' eyes only."""
    return (
        Concern.objects.filter(placement__enrolment__cohort=cohort)
        .exclude(status=ConcernStatus.CLOSED)
        .select_related("placement__enrolment__learner")
        .order_by("created_at", "pk")
    )


# A week of hours is "late" with the tutor when it has waited this long after its Sunday.
WEEK_SIGNOFF_LATE_DAYS = 7


def cohort_proposed_placements(*, cohort) -> QuerySet[Placement]:
    """The cohort's placements waiting for the coordinator's approval, oldest proposal first."""
    return (
        Placement.objects.filter(enrolment__cohort=cohort, status=PlacementStatus.PROPOSED)
        .select_related("enrolment__learner", "host")
        .order_by("status_changed_at", "pk")
    )


def _past_midpoint(placements: QuerySet[Placement], today: datetime.date) -> QuerySet[Placement]:
    """Those of the placements whose middle day (`Placement.midpoint`) is before `today`, in SQL: when
    starts_on + ends_on < 2 x today."""
    return placements.alias(
        before=ExpressionWrapper(F("starts_on") - Value(today), output_field=DurationField()),
        after=ExpressionWrapper(Value(today) - F("ends_on"), output_field=DurationField()),
    ).filter(before__lt=F("after"))


def cohort_evaluations_overdue(*, cohort, kind: str, today: datetime.date | None = None) -> QuerySet[Placement]:
    """Running placements of the cohort whose `kind` evaluation (mid-point or final) is past its due date
    (`evaluation_due_date`) and not filled in by the tutor (missing or a draft), by learner name."""
    today = today or timezone.localdate()
    filled = Evaluation.objects.filter(placement=OuterRef("pk"), kind=kind).exclude(status=EvaluationStatus.DRAFT)
    placements = Placement.objects.filter(enrolment__cohort=cohort, status__in=RUNNING).exclude(Exists(filled))
    if kind == EvaluationKind.MIDPOINT:
        placements = _past_midpoint(placements, today)
    else:
        placements = placements.filter(ends_on__lt=today)
    return placements.select_related("enrolment__learner", "tutor").order_by(
        "enrolment__learner__last_name", "enrolment__learner__first_name", "starts_on", "pk"
    )


def enrolments_without_placement(*, enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Those of the enrolments with no placement proposed, under way or validated (refused or cancelled ones do not
    count)."""
    alive = Placement.objects.filter(enrolment=OuterRef("pk"), status__in=[*RUNNING, *OPEN, PlacementStatus.VALIDATED])
    return enrolments.exclude(Exists(alive))


def cohort_enrolments_without_placement(*, cohort, enrolment_ids) -> int:
    """How many of the given enrolments (a subquery of ids) have no placement proposed, under way or validated."""
    return enrolments_without_placement(enrolments=Enrolment.objects.filter(pk__in=enrolment_ids)).count()


def cohort_weeks_waiting(*, cohort, today: datetime.date | None = None) -> QuerySet[WeekSignoff]:
    """Weeks of hours of the cohort still waiting for the tutor a week or more after they ended."""
    today = today or timezone.localdate()
    latest_start = today - datetime.timedelta(days=6 + WEEK_SIGNOFF_LATE_DAYS)
    return (
        WeekSignoff.objects.filter(
            placement__enrolment__cohort=cohort, status=WeekStatus.PENDING, week_start__lte=latest_start
        )
        .select_related("placement__enrolment__learner", "placement__tutor")
        .order_by("week_start", "pk")
    )


def concerns_visible_to(*, user) -> QuerySet[Concern]:
    """Coordinators of the cohort see its concerns; authors see their own. Nobody else."""
    if not user.is_authenticated:
        return Concern.objects.none()
    qs = Concern.objects.select_related("placement__enrolment__learner", "placement__host", "raised_by_user")
    if user.is_superuser:
        return qs
    return qs.filter(Q(placement__enrolment__cohort__coordinators=user) | Q(raised_by_user=user)).distinct()


def supervision_notes_visible(*, session: SupervisionSession, user) -> bool:
    return user.has_perm("internships.read_supervision_notes", session)


def link_purpose_label(purpose: str) -> str:
    return LinkPurpose(purpose).label


# --- Learner dashboard -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LearnerPlacementCard:
    """One placement as the learner's dashboard tells it: where it stands and the next step, in plain words."""

    placement: Placement
    status_text: str
    next_step: str
    next_url: str
    approved: Decimal
    planned: int
    at_risk: bool

    @property
    def approved_percent(self) -> int:
        if not self.planned:
            return 0
        return min(100, int(self.approved * 100 / self.planned))


def _learner_next_step(placement: Placement, today: datetime.date) -> tuple[str, str, str]:
    """(where it stands, what the learner may do next, where) for one placement."""

    page = reverse("internships:detail", args=[placement.pk])
    status = placement.status
    if status in (PlacementStatus.PROPOSED, PlacementStatus.APPROVED_BY_COORDINATOR):
        stands = (
            _("Your proposal is with the coordination team.")
            if status == PlacementStatus.PROPOSED
            else _("The coordination team said yes; your tutor now confirms.")
        )
        return stands, _("Nothing to do for now: you will be told as soon as it moves on."), ""
    if status == PlacementStatus.APPROVED_BY_TUTOR:
        stands = _("Everyone agrees: the agreement is being signed.")
        if not placement.learner_signed:
            return stands, _("Sign the placement agreement."), page + "#agreement-title"
        return stands, _("You have signed; the agreement now waits for the other signatures."), ""
    if status == PlacementStatus.AGREEMENT_SIGNED:
        return (
            _("The agreement is signed. Your placement starts on %(date)s.")
            % {"date": placement.starts_on.strftime("%d/%m/%Y")},
            _("You will record your hours from the first day."),
            "",
        )
    if status in RUNNING:
        stands = {
            PlacementStatus.IN_PROGRESS: _("Your placement is under way, until %(date)s."),
            PlacementStatus.MIDPOINT_REVIEW: _("It is time for the mid-point review (placement until %(date)s)."),
            PlacementStatus.FINAL_REVIEW: _("It is time for the final review (placement until %(date)s)."),
        }[status] % {"date": placement.ends_on.strftime("%d/%m/%Y")}
        week = placement.first_question_week
        if week is not None:
            return (
                stands,
                _("Your tutor has a question about the week of %(week)s.") % {"week": week.strftime("%d/%m/%Y")},
                page + "#hours-title",
            )
        for evaluation_id in (placement.submitted_midpoint_id, placement.submitted_final_id):
            if evaluation_id is not None:
                return (
                    stands,
                    _("Read your tutor's evaluation and counter-sign it."),
                    reverse("internships:evaluation", args=[evaluation_id]),
                )
        if status != PlacementStatus.IN_PROGRESS and placement.self_evaluation_status in (None, EvaluationStatus.DRAFT):
            return (
                stands,
                _("Fill in your self-assessment."),
                reverse("internships:evaluation_fill", args=[placement.pk, EvaluationKind.SELF]),
            )
        return stands, _("Record the days of this week."), page + "#hours-title"
    if status == PlacementStatus.VALIDATED:
        return (
            _("Your placement is validated. Congratulations on all this work!"),
            _("Your placement attestation is on the placement page."),
            page + "#attestation-title",
        )
    if status == PlacementStatus.REFUSED:
        return (
            _("This proposal was not accepted."),
            _("You can propose another placement; your coordinator can help you look for one."),
            reverse("internships:propose"),
        )
    stands = (
        _("This placement was interrupted.")
        if status == PlacementStatus.INTERRUPTED
        else _("This placement was cancelled.")
    )
    return stands, _("Your coordinator is there to talk it over with you and think about what comes next."), ""


@cache
def _learner_card_values() -> dict:
    """The values a learner's placement card reads besides the placement, as expressions built once (each
    request's query resolves copies of them): the approved hours, whether the learner signed the agreement (not
    an amendment; a party signs it once), the first week the tutor has a question about, the tutor's submitted
    evaluations and the self-assessment's status (a placement has one evaluation of each kind)."""
    placement = OuterRef("pk")
    evaluations = Evaluation.objects.filter(placement=placement).order_by()
    submitted = evaluations.filter(status=EvaluationStatus.SUBMITTED).values("pk")
    return {
        "approved_hours": _hours_subquery(approved_only=True),
        "learner_signed": Exists(
            PlacementSignature.objects.filter(placement=placement, amendment__isnull=True, party=SignatureParty.LEARNER)
        ),
        "first_question_week": Subquery(
            WeekSignoff.objects.filter(placement=placement, status=WeekStatus.NEEDS_INFO)
            .order_by("week_start")
            .values("week_start")[:1]
        ),
        "submitted_midpoint_id": Subquery(submitted.filter(kind=EvaluationKind.MIDPOINT)[:1]),
        "submitted_final_id": Subquery(submitted.filter(kind=EvaluationKind.FINAL)[:1]),
        "self_evaluation_status": Subquery(evaluations.filter(kind=EvaluationKind.SELF).values("status")[:1]),
    }


def learner_dashboard_placements(*, user, today: datetime.date | None = None) -> list[LearnerPlacementCard]:
    """The learner's own placements for the dashboard: the open ones, or else the latest one. One query.

    What the next step depends on is read in the same query, each as one value (`_learner_card_values`).
    """
    if not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    placements = list(
        # Only what the card shows: the host and the tutor (not the enrolment's programme, a Wagtail page).
        Placement.objects.filter(enrolment__learner=user)
        .select_related("host", "tutor")
        .annotate(**_learner_card_values())
        .order_by("-created_at", "-pk")
    )
    shown = [p for p in placements if p.status in OPEN] or placements[:1]
    cards = []
    for placement in shown:
        stands, next_step, next_url = _learner_next_step(placement, today)
        cards.append(
            LearnerPlacementCard(
                placement=placement,
                status_text=stands,
                next_step=next_step,
                next_url=next_url,
                approved=placement.approved_hours,
                planned=placement.planned_hours,
                at_risk=is_at_risk(placement=placement, approved=placement.approved_hours, today=today),
            )
        )
    return cards

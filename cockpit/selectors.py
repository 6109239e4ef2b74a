"""Reads of the coordinator's cohort dashboard ("cockpit"): one row per learner, what needs action today,
who a message goes to, and the messages already written.

Each part reads through the app that owns it: module progress from `lms`, attendance from the cohort
calendar, placements, hours and concerns from `internships`, sent messages from `tasks`. The whole
dashboard is read in a fixed number of queries whatever the number of learners: one page of learners, and the
figures of the whole cohort, cached until one of their sources changes (`cohorts.changes`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.core.cache import cache
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import Space
from audit.selectors import access_records_about
from cohort_sessions import selectors as calendar_selectors
from cohort_sessions.selectors import AttendanceSummary
from cohorts.changes import cohort_version
from cohorts.enums import EnrolmentStatus
from cohorts.models import Cohort, Enrolment
from cohorts.selectors import cohorts_coordinated_by, coordinated_cohorts
from core.links import UrlPattern
from final_validation.selectors import (
    ELIGIBLE,
    cohort_standings,
    current_decisions,
    enrolments_standing,
)
from internships import selectors as internship_selectors
from internships.enums import OPEN, RUNNING, ConcernStatus, EvaluationKind, PlacementStatus, Severity
from lms.progress import (
    DEFAULT_INACTIVE_DAYS,
    MATRIX_FIELDS,
    cohort_matrix,
    enrolments_started_module,
    inactive_since,
)
from selection.models import Application

COORDINATOR_MESSAGE = "cohorts.coordinator_message"
DEFAULT_ATTENDANCE_THRESHOLD = 80


# --- One row per learner ------------------------------------------------------------------------------


@dataclass
class CockpitRow:
    """Everything the dashboard shows about one active learner. Add a field here to add a column."""

    enrolment: Enrolment
    progress: object  # lms.progress.MatrixRow: module cells, overall percent, last activity, inactivity
    attendance: AttendanceSummary
    placements: list = field(default_factory=list)  # internships.selectors.PlacementLine (hours, at risk)
    open_concerns: int = 0
    eligibility: object = None  # final_validation.selectors.Standing (final validation), or None
    decision: object = None  # the jury's current FinalDecision, once one is recorded
    urls: dict = field(default_factory=dict)  # the row's links, filled from patterns reversed once per page
    placement_status: str = ""  # the label of `placement`'s status

    @property
    def learner(self):
        return self.enrolment.learner

    @cached_property
    def placement(self):
        """The placement that matters now: a running or agreed one, else the latest still alive or validated."""

        for statuses in (RUNNING, OPEN | {PlacementStatus.VALIDATED}):
            alive = [p for p in self.placements if p.status in statuses]
            if alive:
                return max(alive, key=lambda p: (p.starts_on, p.pk))
        return None

    @property
    def has_placement(self) -> bool:
        return self.placement is not None

    @property
    def hours_behind(self) -> bool:
        return any(p.at_risk for p in self.placements)

    @property
    def inactive(self) -> bool:
        return self.progress.inactive


@dataclass(frozen=True)
class ActionLine:
    text: str
    url: str


def _learner_name(enrolment: Enrolment) -> str:
    return enrolment.learner.full_name or enrolment.learner.email


# The dashboard shows this many lines of each group of actions; the rest is counted and reached by a link.
ACTION_LINES_SHOWN = 10
ROWS_PER_PAGE = 50
# The figures of the whole cohort are kept this long at most: every write of their sources gives the cohort a new
# version at once (`cohorts.changes`); this bounds what only the clock changes (who is without news for two weeks).
FIGURES_CACHE_SECONDS = 300


@dataclass
class DashboardGroup:
    code: str
    title: str
    lines: list[ActionLine]
    count: int  # every line of the group, shown or not
    more_url: str = ""  # where the lines not shown are listed

    @property
    def more(self) -> int:
        return self.count - len(self.lines)


@dataclass
class CohortFigures:
    """What the dashboard says of the whole cohort: plain values, computed in SQL and cached per cohort version."""

    active_count: int
    attendance_average: int | None
    without_placement: int
    eligible_count: int
    open_concern_count: int
    actions: list[DashboardGroup]

    @property
    def action_count(self) -> int:
        return sum(group.count for group in self.actions)


@dataclass
class Roster:
    """One page of the cohort's learners as the dashboard shows them."""

    modules: list
    rows: list[CockpitRow]
    page: object


def _active_concerns(cohort: Cohort):
    return internship_selectors.cohort_open_concerns(cohort=cohort).filter(
        placement__enrolment__status=EnrolmentStatus.ACTIVE
    )


def cohort_roster(
    *,
    cohort: Cohort,
    page_number=None,
    search: str = "",
    inactive_only: bool = False,
    today: datetime.date | None = None,
) -> Roster:
    """One page of `ROWS_PER_PAGE` active learners with their progress, attendance, placement, concerns and final
    validation, optionally filtered by name or to those without news."""

    today = today or timezone.localdate()
    matrix = cohort_matrix(
        cohort=cohort,
        today=today,
        page_number=page_number or 1,
        per_page=ROWS_PER_PAGE,
        search=search,
        inactive_only=inactive_only,
    )
    enrolments = [matrix_row.enrolment for matrix_row in matrix.rows]
    shown_ids = [enrolment.pk for enrolment in enrolments]
    summaries = calendar_selectors.attendance_summaries_for_cohort(
        cohort=cohort, learner_ids=[enrolment.learner_id for enrolment in enrolments]
    )
    eligibility = enrolments_standing(
        cohort=cohort,
        enrolments=enrolments,
        module_states={matrix_row.enrolment.pk: matrix_row.cells for matrix_row in matrix.rows},
        summaries=summaries,
    )
    decisions = current_decisions(cohort=cohort, enrolment_ids=shown_ids)
    by_enrolment: dict[int, list] = {}
    for placement in internship_selectors.placement_lines_for_enrolments(enrolment_ids=shown_ids, today=today):
        by_enrolment.setdefault(placement.enrolment_id, []).append(placement)
    concern_counts = dict(
        _active_concerns(cohort)
        .filter(placement__enrolment_id__in=shown_ids)
        .values_list("placement__enrolment_id")
        .annotate(n=models.Count("pk"))
        .order_by()
    )
    urls = {
        "learner": UrlPattern("lms:learner_detail", cohort.pk),
        "enrolment": UrlPattern("cockpit:enrolment", cohort.pk),
        "validation": UrlPattern("final_validation:learner", cohort.pk),
        "placement": UrlPattern("internships:detail"),
    }
    statuses = {value: str(label) for value, label in PlacementStatus.choices}
    rows = []
    for matrix_row in matrix.rows:
        pk = matrix_row.enrolment.pk
        row = CockpitRow(
            enrolment=matrix_row.enrolment,
            progress=matrix_row,
            attendance=summaries.get(matrix_row.enrolment.learner_id, AttendanceSummary()),
            placements=by_enrolment.get(pk, []),
            open_concerns=concern_counts.get(pk, 0),
            eligibility=eligibility.get(pk),
            decision=decisions.get(pk),
        )
        row.urls = {name: pattern(pk) for name, pattern in urls.items() if name != "placement"}
        if row.placement is not None:
            row.urls["placement"] = urls["placement"](row.placement.pk)
            row.placement_status = statuses.get(row.placement.status, row.placement.status)
        rows.append(row)
    return Roster(modules=matrix.modules, rows=rows, page=matrix.page)


def cohort_figures(*, cohort: Cohort, today: datetime.date | None = None) -> CohortFigures:
    """The figures and the "what needs action today" of the whole cohort, kept in the shared cache under the
    cohort's version (`cohorts.changes.cohort_version`), today's date and the language: computed again once a
    source changes, at most every `FIGURES_CACHE_SECONDS`. Nothing personal to the reader is kept: the page checks
    who may read it before asking."""
    today = today or timezone.localdate()
    key = f"cockpit:figures:{cohort.pk}:{cohort_version(cohort.pk)}:{today.isoformat()}:{get_language()}"
    figures = cache.get(key)
    if figures is None:
        figures = _compute_figures(cohort=cohort, today=today)
        cache.set(key, figures, timeout=FIGURES_CACHE_SECONDS)
    return figures


def _compute_figures(*, cohort: Cohort, today: datetime.date) -> CohortFigures:
    active = cohort.enrolments.filter(status=EnrolmentStatus.ACTIVE)
    summaries = calendar_selectors.attendance_summaries_for_cohort(cohort=cohort)
    active_learners = dict(active.values_list("learner_id", "pk"))
    attended = counted = 0
    for learner_id, summary in summaries.items():
        if learner_id in active_learners:
            attended, counted = attended + summary.attended, counted + summary.counted
    average = (
        int((Decimal(attended) * 100 / Decimal(counted)).quantize(Decimal("1"), "ROUND_HALF_UP")) if counted else None
    )
    standings = cohort_standings(cohort=cohort, summaries=summaries)
    active_ids = set(active_learners.values())
    concerns = _active_concerns(cohort)
    return CohortFigures(
        active_count=len(active_ids),
        attendance_average=average,
        without_placement=internship_selectors.cohort_enrolments_without_placement(
            cohort=cohort, enrolment_ids=active.values("pk")
        ),
        eligible_count=sum(1 for pk, standing in standings.items() if pk in active_ids and standing == ELIGIBLE),
        open_concern_count=concerns.count(),
        actions=_dashboard_actions(cohort=cohort, concerns=concerns, today=today),
    )


def _group(code: str, title, queryset, line, more_url: str = "") -> DashboardGroup:
    """A group of actions: its first lines (each item through `line`) and how many there are in all, in one query
    (the count is a window over every row, taken before the slice)."""
    items = list(queryset.annotate(group_total=models.Window(models.Count("pk")))[:ACTION_LINES_SHOWN])
    count = items[0].group_total if items else 0
    return DashboardGroup(code, title, [line(item) for item in items], count, more_url)


def _dashboard_actions(*, cohort: Cohort, concerns, today) -> list[DashboardGroup]:
    """The dashboard's "what needs action today", each group counted in SQL and its first lines read."""

    def session_line(session):
        text = (
            _("Take attendance for “%(title)s” (today)")
            if session.date == today
            else _("Take attendance for “%(title)s” (%(date)s)")
        )
        return ActionLine(
            text % {"title": session.title, "date": session.date.strftime("%d/%m/%Y")},
            reverse("cohort_sessions:attendance", args=[session.pk]),
        )

    def proposed_line(p):
        return ActionLine(
            _("Placement of %(learner)s at %(host)s, proposed on %(date)s")
            % {
                "learner": _learner_name(p.enrolment),
                "host": p.host.name,
                "date": timezone.localtime(p.status_changed_at).strftime("%d/%m/%Y"),
            },
            reverse("internships:detail", args=[p.pk]),
        )

    def concern_line(concern):
        return ActionLine(
            _("Concern about %(learner)s (%(severity)s), raised on %(date)s")
            % {
                "learner": _learner_name(concern.placement.enrolment),
                "severity": concern.get_severity_display().lower(),
                "date": timezone.localtime(concern.created_at).strftime("%d/%m/%Y"),
            },
            reverse("internships:concern", args=[concern.pk]),
        )

    def overdue_line(label):
        def line(p):
            return ActionLine(
                _("The %(evaluation)s of %(learner)s is overdue (tutor: %(tutor)s)")
                % {"evaluation": label.lower(), "learner": _learner_name(p.enrolment), "tutor": p.tutor.name},
                reverse("internships:detail", args=[p.pk]),
            )

        return line

    def week_line(week):
        return ActionLine(
            _("The hours of %(learner)s for the week of %(week)s still wait for the tutor (%(tutor)s)")
            % {
                "learner": _learner_name(week.placement.enrolment),
                "week": week.week_start.strftime("%d/%m/%Y"),
                "tutor": week.placement.tutor.name,
            },
            reverse("internships:detail", args=[week.placement_id]),
        )

    now = timezone.now()

    def inactive_line(enrolment):
        last = enrolment.progress.last_activity_at if hasattr(enrolment, "progress") else None
        if last:
            days = (now - last).days
            text = ngettext(
                "%(learner)s has done nothing for %(days)d day",
                "%(learner)s has done nothing for %(days)d days",
                days,
            ) % {"learner": _learner_name(enrolment), "days": days}
        else:
            text = _("%(learner)s has not started yet") % {"learner": _learner_name(enrolment)}
        return ActionLine(text, reverse("lms:learner_detail", args=[cohort.pk, enrolment.pk]))

    overview = reverse("internships:overview", args=[cohort.pk])
    late = [
        _group(
            "overdue",
            _("Late with a tutor"),
            internship_selectors.cohort_evaluations_overdue(cohort=cohort, kind=kind, today=today).filter(
                enrolment__status=EnrolmentStatus.ACTIVE
            ),
            overdue_line(EvaluationKind(kind).label),
            overview,
        )
        for kind in (EvaluationKind.MIDPOINT, EvaluationKind.FINAL)
    ]
    late.append(
        _group(
            "overdue",
            _("Late with a tutor"),
            internship_selectors.cohort_weeks_waiting(cohort=cohort, today=today),
            week_line,
            overview,
        )
    )
    overdue = DashboardGroup(
        "overdue",
        _("Late with a tutor"),
        [line for group in late for line in group.lines][:ACTION_LINES_SHOWN],
        sum(group.count for group in late),
        overview,
    )
    inactive = (
        cohort.enrolments.filter(status=EnrolmentStatus.ACTIVE)
        .filter(inactive_since(now - datetime.timedelta(days=DEFAULT_INACTIVE_DAYS)))
        .select_related("learner", "progress")
        .only(*MATRIX_FIELDS)
        .order_by("learner__last_name", "learner__first_name", "pk")
    )
    return [
        _group(
            "attendance",
            _("Attendance to take"),
            calendar_selectors.sessions_awaiting_attendance(cohort=cohort, today=today),
            session_line,
            reverse("cohort_sessions:cohort", args=[cohort.pk]),
        ),
        _group(
            "placements",
            _("Placements awaiting your approval"),
            internship_selectors.cohort_proposed_placements(cohort=cohort).filter(
                enrolment__status=EnrolmentStatus.ACTIVE
            ),
            proposed_line,
            overview + "?status=proposed",
        ),
        _group("concerns", _("Open concerns"), concerns, concern_line, reverse("cockpit:concerns", args=[cohort.pk])),
        overdue,
        _group(
            "inactive",
            _("Learners without news for two weeks"),
            inactive,
            inactive_line,
            reverse("cockpit:dashboard", args=[cohort.pk]) + "?sans_nouvelles=1#learners",
        ),
    ]


# --- "Write to the learners who..." -------------------------------------------------------------------


class Audience(models.TextChoices):
    NOT_STARTED = "not_started", gettext_lazy("have not started a module")
    LOW_ATTENDANCE = "low_attendance", gettext_lazy("have an attendance rate below a threshold")
    NO_PLACEMENT = "no_placement", gettext_lazy("have no placement yet")
    HOURS_BEHIND = "hours_behind", gettext_lazy("are behind on their internship hours")
    INACTIVE = "inactive", gettext_lazy("have done nothing for two weeks")
    ALL = "all", gettext_lazy("all active learners of the cohort")


def message_recipients(
    *, cohort: Cohort, audience: str, module_id: int | None = None, threshold: int | None = None
) -> list[Enrolment]:
    """The active learners of the cohort that a "write to the learners who..." filter selects (enrolments with
    their learner's name and e-mail, by name), asked of the database directly:

    - not_started: no lesson completed in the module `module_id`;
    - low_attendance: an attendance rate strictly below `threshold` % (learners without a rate yet are left out);
    - no_placement: no placement proposed, under way or validated (refused or cancelled ones do not count);
    - hours_behind: a running placement past its middle with less than half of its hours approved;
    - inactive: nothing recorded for two weeks (counted from the enrolment for those who never started);
    - all: every active learner.
    """
    enrolments = (
        cohort.enrolments.filter(status=EnrolmentStatus.ACTIVE)
        .select_related("learner")
        .only("cohort_id", "learner_id", "learner__first_name", "learner__last_name", "learner__email")
        .order_by("learner__last_name", "learner__first_name", "pk")
    )
    if audience == Audience.NOT_STARTED:
        enrolments = enrolments.exclude(pk__in=enrolments_started_module(module_id=module_id))
    elif audience == Audience.LOW_ATTENDANCE:
        enrolments = enrolments.filter(
            learner_id__in=calendar_selectors.learners_below_attendance(cohort=cohort, threshold=threshold)
        )
    elif audience == Audience.NO_PLACEMENT:
        enrolments = internship_selectors.enrolments_without_placement(enrolments=enrolments)
    elif audience == Audience.HOURS_BEHIND:
        enrolments = enrolments.filter(
            pk__in=internship_selectors.cohort_placements(cohort=cohort, at_risk=True).values("enrolment_id")
        )
    elif audience == Audience.INACTIVE:
        enrolments = enrolments.filter(inactive_since(timezone.now() - datetime.timedelta(days=DEFAULT_INACTIVE_DAYS)))
    elif audience != Audience.ALL:
        raise ValueError(f"Unknown audience {audience!r}")
    return list(enrolments)


def audience_description(*, audience: str, module=None, threshold: int | None = None) -> str:
    """ "the learners who have not started “Module 3”", for headings and the sent-messages list."""
    if audience == Audience.NOT_STARTED and module is not None:
        return _("Learners who have not started “%(module)s”") % {"module": module.title}
    if audience == Audience.LOW_ATTENDANCE:
        return _("Learners whose attendance is below %(threshold)d %%") % {"threshold": threshold}
    if audience == Audience.ALL:
        return _("All active learners of the cohort")
    return _("Learners who %(what)s") % {"what": Audience(audience).label}


def cockpit_spaces(user) -> list:
    """ "Mon espace": one dashboard per cohort the person coordinates (superusers reach them by address)."""

    if not user.is_authenticated or user.is_superuser:
        return []
    today = timezone.localdate()
    cohorts = sorted(  # the running cohort first, then those to come, then those that ended (latest first)
        coordinated_cohorts(user=user),
        key=lambda c: (c.ends_on < today, c.starts_on.toordinal() * (-1 if c.ends_on < today else 1)),
    )
    return [
        Space.for_cohort(
            label=_("Cohort dashboard"),
            cohort=cohort,
            description=_(
                "Learners, progress, attendance, internships, what needs action today, and a message to the "
                "learners who need one."
            ),
            url=reverse("cockpit:dashboard", args=[cohort.pk]),
        )
        for cohort in cohorts
    ]


# --- Enrolments ------------------------------------------------------------------------------------------


def cohort_enrolments(*, cohort: Cohort, status: str = "", search: str = ""):
    """Everyone enrolled in the cohort, by name, optionally of one status or whose name or e-mail contains `search`:
    only the columns of the enrolments page (to paginate)."""
    enrolments = (
        cohort.enrolments.select_related("learner")
        .only(
            "status",
            "enrolled_at",
            "status_changed_at",
            "withdrawal_reason",
            "cohort_id",
            "learner__first_name",
            "learner__last_name",
            "learner__email",
        )
        .order_by("learner__last_name", "learner__first_name", "pk")
    )
    if status:
        enrolments = enrolments.filter(status=status)
    if search:
        enrolments = enrolments.filter(
            models.Q(learner__last_name__icontains=search)
            | models.Q(learner__first_name__icontains=search)
            | models.Q(learner__email__icontains=search)
        )
    return enrolments


# --- Open concerns -----------------------------------------------------------------------------------------


def cohort_concerns(*, cohort: Cohort, status: str = "", severity: str = "", search: str = ""):
    """The cohort's concerns not closed yet (the active learners'), oldest first, optionally of one status or
    severity or about a learner whose name or e-mail contains `search`: only the columns of the list (to
    paginate)."""
    concerns = _active_concerns(cohort).only(
        "severity",
        "status",
        "created_at",
        "placement__enrolment__learner__first_name",
        "placement__enrolment__learner__last_name",
        "placement__enrolment__learner__email",
    )
    if status:
        concerns = concerns.filter(status=status)
    if severity:
        concerns = concerns.filter(severity=severity)
    if search:
        concerns = concerns.filter(
            models.Q(placement__enrolment__learner__last_name__icontains=search)
            | models.Q(placement__enrolment__learner__first_name__icontains=search)
            | models.Q(placement__enrolment__learner__email__icontains=search)
        )
    return concerns


@dataclass(frozen=True)
class ConcernRow:
    concern: object  # internships.models.Concern, with only the columns of the list
    url: str
    severity: str
    status: str

    @property
    def learner(self):
        return self.concern.placement.enrolment.learner


def concern_rows(concerns) -> list[ConcernRow]:
    """One page of `cohort_concerns` with its links and labels, each reversed or translated once for the page."""
    url = UrlPattern("internships:concern")
    severities = {value: str(label) for value, label in Severity.choices}
    statuses = {value: str(label) for value, label in ConcernStatus.choices}
    return [
        ConcernRow(concern, url(concern.pk), severities[concern.severity], statuses[concern.status])
        for concern in concerns
    ]


# --- Access log per person ----------------------------------------------------------------------------


def person_in_cohort(*, cohort: Cohort, person_id: int):
    """The person, if they applied to one of the cohort's rounds or are enrolled in it; else None."""
    linked = Enrolment.objects.filter(cohort=cohort, learner_id=person_id).exists() or (
        Application.objects.filter(selection_round__cohort=cohort, candidate_id=person_id).exists()
    )
    return User.objects.filter(pk=person_id).first() if linked else None


def access_records_for_coordinator(*, user, cohort: Cohort, person):
    """What was read about a person in the cohorts of this programme that the coordinator coordinates."""
    cohort_ids = cohorts_coordinated_by(user=user).filter(programme_id=cohort.programme_id).values_list("pk", flat=True)
    return access_records_about(person=person, cohort_ids=cohort_ids)

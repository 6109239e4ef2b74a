"""Reads of the final validation: each learner's eligibility, explained, and the jury's decisions.

Eligibility has three criteria, each met or not with a plain-language explanation of what remains:

- **modules**: every lesson of every module of the programme is completed, read from the stored progress of
  lms (`lms.selectors.cohort_module_states`). Completions belong to the person, not to the enrolment, so a
  learner who is deferred to a later cohort keeps them (the deferral rebuilds the new enrolment's progress).
- **attendance**: the attendance rate in *this* cohort (`cohort_sessions.selectors.AttendanceSummary`:
  present + late over recorded past sessions, excused absences left out of both sides) is at least the
  cohort's `attendance_threshold` percent, compared on the exact fraction. No recorded session means no
  rate, which does not meet a threshold; a threshold of 0 means the cohort has no attendance requirement.
  Attendance is per cohort: after a deferral, the sessions of the new cohort count.
- **internship**: one placement in any cohort of the programme (so it carries over after a deferral), not
  refused or cancelled, has approved hours at least equal to its planned hours and a validated (counter-signed)
  final evaluation (`internships.selectors.placements_for_final_validation`).

Final validation sits at the end of the learner's path, so this is where cohorts reads what lms and
internships record; it does so only through their selectors.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from math import floor

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from attestations.enums import AttestationKind
from attestations.models import Attestation
from cohort_sessions.selectors import AttendanceSummary, attendance_summaries_for_cohort, learners_meeting_attendance
from cohorts.changes import cohort_version
from cohorts.enums import EnrolmentStatus
from cohorts.models import Cohort, Enrolment
from cohorts.selectors import cohorts_coordinated_by
from core import pagination
from core.links import UrlPattern
from final_validation.attainment import cohort_attainment, enrolment_attainment
from final_validation.enums import JuryOutcome
from final_validation.models import FinalDecision
from internships.selectors import (
    FinalValidationPlacement,
    learners_with_validated_internship,
    placements_for_final_validation,
)
from lms.selectors import cohort_module_states, enrolments_with_every_module_done, programme_outline

MODULES, ATTENDANCE, INTERNSHIP = "modules", "attendance", "internship"
CRITERION_LABELS = {
    MODULES: gettext_lazy("Modules"),
    ATTENDANCE: gettext_lazy("Attendance at sessions"),
    INTERNSHIP: gettext_lazy("Internship"),
}
ELIGIBLE, NEARLY, NOT_YET = "eligible", "nearly", "not_yet"
STANDING_LABELS = {
    ELIGIBLE: gettext_lazy("Eligible"),
    NEARLY: gettext_lazy("Nearly eligible"),
    NOT_YET: gettext_lazy("Not yet eligible"),
}
# Placements that can never count: they did not happen.
_DEAD_PLACEMENTS = {"refused", "cancelled"}
# How many unfinished modules are named before "and N more".
_MODULES_NAMED = 3


@dataclass(frozen=True)
class Criterion:
    key: str
    met: bool
    explanation: str

    @property
    def label(self) -> str:
        return str(CRITERION_LABELS[self.key])


class _Standing:
    """The standing, from how many criteria remain (`unmet`)."""

    unmet: list | tuple

    @property
    def standing(self) -> str:
        """ "eligible"; "nearly" when exactly one criterion remains; else "not_yet"."""
        return _standing(len(self.unmet))

    @property
    def standing_label(self) -> str:
        return str(STANDING_LABELS[self.standing])


@dataclass(frozen=True)
class Eligibility(_Standing):
    """Whether one enrolment meets the final validation's criteria, and why (see the module docstring)."""

    enrolment: Enrolment
    criteria: tuple[Criterion, ...]

    @property
    def is_eligible(self) -> bool:
        return all(criterion.met for criterion in self.criteria)

    @property
    def unmet(self) -> list[Criterion]:
        return [criterion for criterion in self.criteria if not criterion.met]

    def criterion(self, key: str) -> Criterion:
        return next(criterion for criterion in self.criteria if criterion.key == key)

    @property
    def remaining(self) -> str:
        """What remains, in one sentence per unmet criterion (for a deferral note, for example)."""
        return "\n".join(criterion.explanation for criterion in self.unmet)


# --- Criteria -------------------------------------------------------------------------------------------------


class _Texts:
    """`gettext` and `ngettext` for one list: each message (and plural with its number) translated once, since the
    rows of a page ask for the same few sentences again and again."""

    def __init__(self):
        self._known: dict = {}

    def gettext(self, message: str) -> str:
        known = self._known.get(message)
        if known is None:
            known = self._known[message] = _(message)
        return known

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        key = (singular, plural, number)
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = ngettext(singular, plural, number)
        return known

    def hours(self, value: Decimal) -> str:
        key = ("hours", value)
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = _hours(value)
        return known


def _modules_met(states) -> bool:
    return all(state.lessons_done >= state.lesson_total for state in states)


def _attendance_met(summary: AttendanceSummary, threshold: int) -> bool:
    return threshold == 0 or summary.meets(Fraction(threshold, 100))


def _standing(unmet: int) -> str:
    return ELIGIBLE if unmet == 0 else NEARLY if unmet == 1 else NOT_YET


def _modules_criterion(states, texts: _Texts) -> Criterion:
    total = sum(state.lesson_total for state in states)
    if total == 0:
        return Criterion(MODULES, True, texts.gettext("The programme has no online lesson to complete."))
    if _modules_met(states):
        return Criterion(
            MODULES,
            True,
            texts.ngettext(
                "Every module is completed (%(count)d lesson).", "Every module is completed (%(count)d lessons).", total
            )
            % {"count": total},
        )
    unfinished = [state for state in states if state.lessons_done < state.lesson_total]
    parts = [
        texts.ngettext(
            "%(count)d lesson in “%(module)s”",
            "%(count)d lessons in “%(module)s”",
            state.lesson_total - state.lessons_done,
        )
        % {"count": state.lesson_total - state.lessons_done, "module": state.module.title}
        for state in unfinished[:_MODULES_NAMED]
    ]
    more = len(unfinished) - _MODULES_NAMED
    if more > 0:
        parts.append(texts.ngettext("%(count)d more module", "%(count)d more modules", more) % {"count": more})
    listed = (
        parts[0]
        if len(parts) == 1
        else texts.gettext("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}
    )
    return Criterion(MODULES, False, texts.gettext("Remaining: %(list)s.") % {"list": listed})


def _percent_shown(summary: AttendanceSummary, met: bool) -> int:
    """Whole percent; rounded down when the threshold is not met, so that 79.6 % never reads as 80 %."""
    return summary.percent if met else floor(summary.fraction * 100)


def _attendance_criterion(summary: AttendanceSummary, threshold: int, texts: _Texts) -> Criterion:
    if threshold == 0:
        return Criterion(ATTENDANCE, True, texts.gettext("This cohort has no attendance threshold."))
    exact = summary.fraction
    if exact is None:
        if summary.excused:
            return Criterion(
                ATTENDANCE,
                False,
                texts.gettext("Only excused absences are recorded so far: no rate yet (threshold %(threshold)d %%).")
                % {"threshold": threshold},
            )
        return Criterion(
            ATTENDANCE,
            False,
            texts.gettext(
                "No attendance recorded yet: the rate is counted from the first session (threshold %(threshold)d %%)."
            )
            % {"threshold": threshold},
        )
    met = _attendance_met(summary, threshold)
    text = texts.gettext("Attendance %(rate)d %% for a threshold of %(threshold)d %%") % {
        "rate": _percent_shown(summary, met),
        "threshold": threshold,
    }
    details = texts.ngettext(
        "%(attended)d of %(counted)d session attended", "%(attended)d of %(counted)d sessions attended", summary.counted
    ) % {"attended": summary.attended, "counted": summary.counted}
    if summary.excused:
        details += ", " + texts.ngettext(
            "%(count)d excused absence not counted", "%(count)d excused absences not counted", summary.excused
        ) % {"count": summary.excused}
    return Criterion(ATTENDANCE, met, f"{text} ({details}).")


def _hours(value: Decimal) -> str:
    value = Decimal(value)
    if value == value.to_integral():
        return formats.number_format(int(value))
    return formats.number_format(value.quantize(Decimal("0.1")), decimal_pos=1)


def _placement_meets(placement: FinalValidationPlacement) -> bool:
    return (
        placement.status not in _DEAD_PLACEMENTS
        and placement.approved_hours >= placement.planned_hours
        and placement.final_validated
    )


def _internship_criterion(placements: list[FinalValidationPlacement], enrolment_id: int, texts: _Texts) -> Criterion:
    alive = [p for p in placements if p.status not in _DEAD_PLACEMENTS]
    if not alive:
        return Criterion(INTERNSHIP, False, texts.gettext("No internship is recorded yet."))
    done = next((p for p in alive if _placement_meets(p)), None)
    if done is not None:
        text = texts.gettext("%(approved)s h approved out of %(planned)s h planned, final evaluation validated.") % {
            "approved": texts.hours(done.approved_hours),
            "planned": texts.hours(done.planned_hours),
        }
        if done.enrolment_id != enrolment_id:
            text += " " + texts.gettext("Internship of the %(label)s cohort.") % {"label": done.cohort_label}
        return Criterion(INTERNSHIP, True, text)
    # Explain the placement that matters most: this cohort's, still running rather than interrupted, newest.
    placement = sorted(
        alive, key=lambda p: (p.enrolment_id == enrolment_id, p.status != "interrupted", p.starts_on), reverse=True
    )[0]
    sentences = []
    if placement.status == "interrupted":
        sentences.append(texts.gettext("The internship at %(host)s was interrupted.") % {"host": placement.host_name})
    sentences.append(
        texts.gettext("%(approved)s h approved out of %(planned)s h planned.")
        % {"approved": texts.hours(placement.approved_hours), "planned": texts.hours(placement.planned_hours)}
    )
    if not placement.final_validated:
        if placement.final_status == "submitted":
            sentences.append(
                texts.gettext("Final evaluation filled in by the tutor, awaiting the learner's counter-signature.")
            )
        else:
            sentences.append(texts.gettext("Final evaluation by the tutor not validated yet."))
    return Criterion(INTERNSHIP, False, " ".join(sentences))


# --- Eligibility ----------------------------------------------------------------------------------------------


def _eligibility(
    *, cohort: Cohort, enrolments: list[Enrolment], summaries=None, outline=None
) -> dict[int, Eligibility]:

    _outline, states = cohort_module_states(cohort=cohort, enrolment_ids=[e.pk for e in enrolments], outline=outline)
    if summaries is None:
        summaries = attendance_summaries_for_cohort(cohort=cohort, learner_ids=[e.learner_id for e in enrolments])
    placements = placements_for_final_validation(
        learner_ids=[e.learner_id for e in enrolments], programme_id=cohort.programme_id
    )
    texts = _Texts()
    return {
        enrolment.pk: Eligibility(
            enrolment=enrolment,
            criteria=(
                _modules_criterion(states[enrolment.pk], texts),
                _attendance_criterion(
                    summaries.get(enrolment.learner_id, AttendanceSummary()), cohort.attendance_threshold, texts
                ),
                _internship_criterion(placements.get(enrolment.learner_id, []), enrolment.pk, texts),
            ),
        )
        for enrolment in enrolments
    }


def validation_enrolments(*, cohort: Cohort) -> QuerySet[Enrolment]:
    """The enrolments the final jury considers: everyone of the cohort except those who withdrew."""
    return (
        Enrolment.objects.filter(cohort=cohort)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .select_related("learner")
        .order_by("learner__last_name", "learner__first_name", "learner__email", "pk")
    )


def cohort_eligibility(*, cohort: Cohort) -> dict[int, Eligibility]:
    """Eligibility of every enrolment of the cohort (withdrawn ones left out): `{enrolment id: Eligibility}`,
    ordered by learner name, each `Eligibility.enrolment` with its `learner` loaded.

    Six queries whatever the number of learners (with `cohort.programme` already loaded): the enrolments,
    the programme outline (two), the stored module progress, the attendance counts, and the placements with their
    approved hours and final evaluation. The cockpit reuses it.
    """
    return _eligibility(cohort=cohort, enrolments=list(validation_enrolments(cohort=cohort)))


@dataclass(frozen=True)
class Standing(_Standing):
    """Where one enrolment stands (the rules of `Eligibility`) without the explanations: for a list that shows only
    the standing and how many criteria remain."""

    unmet: tuple[str, ...]  # the keys of the criteria not met yet


def enrolments_standing(
    *, cohort: Cohort, enrolments: list[Enrolment], module_states: dict[int, list], summaries: dict
) -> dict[int, Standing]:
    """The standing of the given enrolments of the cohort (one page of a list), from what the page has already read:
    each enrolment's `module_states` (the stored progress of every module, as `lms.progress.ModuleState`) and the
    cohort's attendance `summaries`; the internship criterion is read in SQL (`learners_with_validated_internship`,
    which carries a deferred learner's internship over). One query."""
    interned = learners_with_validated_internship(
        learner_ids=[enrolment.learner_id for enrolment in enrolments], programme_id=cohort.programme_id
    )
    empty = AttendanceSummary()
    threshold = cohort.attendance_threshold
    standings = {}
    for enrolment in enrolments:
        met = {
            MODULES: _modules_met(module_states[enrolment.pk]),
            ATTENDANCE: _attendance_met(summaries.get(enrolment.learner_id, empty), threshold),
            INTERNSHIP: enrolment.learner_id in interned,
        }
        standings[enrolment.pk] = Standing(unmet=tuple(key for key, ok in met.items() if not ok))
    return standings


def enrolment_eligibility(*, enrolment: Enrolment) -> Eligibility:
    """One enrolment's eligibility (the same rules, the same number of queries)."""
    return _eligibility(cohort=enrolment.cohort, enrolments=[enrolment])[enrolment.pk]


# --- Decisions ------------------------------------------------------------------------------------------------


def decision_history(*, enrolment: Enrolment) -> list[FinalDecision]:
    """Every decision recorded for the enrolment, latest (the current one) first."""
    return list(
        FinalDecision.objects.filter(enrolment=enrolment)
        .select_related("recorded_by", "attestation")
        .order_by("-recorded_at", "-pk")
    )


def current_decision(*, enrolment: Enrolment) -> FinalDecision | None:
    return FinalDecision.objects.filter(enrolment=enrolment).order_by("-recorded_at", "-pk").first()


def _success_attestations():
    return Attestation.objects.filter(kind=AttestationKind.SUCCESS, revoked_at__isnull=True)


def live_attestation(*, enrolment: Enrolment) -> Attestation | None:
    return _success_attestations().filter(enrolment=enrolment).first()


@dataclass
class ValidationRow:
    eligibility: Eligibility
    decision: FinalDecision | None = None
    attestation: Attestation | None = None
    blocks: list = field(default_factory=list)
    url: str = ""  # the learner's decision page, when the list gives it (reversed once per page)

    @property
    def enrolment(self) -> Enrolment:
        return self.eligibility.enrolment

    @property
    def learner(self):
        return self.enrolment.learner


@dataclass
class CohortValidation:
    cohort: Cohort
    rows: list[ValidationRow]
    counts: dict[str, int] = field(default_factory=dict)
    decided: int = 0
    blocks: list = field(default_factory=list)


def current_decisions(*, cohort: Cohort, enrolment_ids=None) -> dict[int, FinalDecision]:
    """The jury's current (latest) decision of each enrolment of the cohort that has one (only among
    `enrolment_ids` when given). One query."""
    current: dict[int, FinalDecision] = {}
    decisions = FinalDecision.objects.filter(enrolment__cohort=cohort)
    if enrolment_ids is not None:
        decisions = decisions.filter(enrolment_id__in=enrolment_ids)
    for decision in decisions.order_by("-recorded_at", "-pk"):
        current.setdefault(decision.enrolment_id, decision)
    return current


def cohort_validation(*, cohort: Cohort, standing: str | None = None) -> CohortValidation:
    """The "Validation finale" page: every learner with their criteria, current decision and attestation,
    optionally only those of one standing (eligible / nearly / not_yet), and each learner's attainment per block
    of competencies. Nine queries whatever the size when the programme has no référentiel, six more when it has
    one (see `final_validation.attainment.cohort_attainment`)."""
    eligibility = cohort_eligibility(cohort=cohort)
    current = current_decisions(cohort=cohort)
    attestations = {a.enrolment_id: a for a in _success_attestations().filter(enrolment__cohort=cohort)}
    blocks, attainment = cohort_attainment(cohort=cohort, enrolments=[item.enrolment for item in eligibility.values()])
    rows = [
        ValidationRow(
            eligibility=item, decision=current.get(pk), attestation=attestations.get(pk), blocks=attainment[pk]
        )
        for pk, item in eligibility.items()
    ]
    counts = {key: sum(1 for row in rows if row.eligibility.standing == key) for key in STANDING_LABELS}
    decided = sum(1 for row in rows if row.decision is not None)
    if standing in STANDING_LABELS:
        rows = [row for row in rows if row.eligibility.standing == standing]
    return CohortValidation(cohort=cohort, rows=rows, counts=counts, decided=decided, blocks=blocks)


def cohort_standings(*, cohort: Cohort, summaries=None, outline=None) -> dict[int, str]:
    """`{enrolment id: standing}` of every enrolment the jury considers, by learner name: the rules of
    `_eligibility` (which criteria are met), without building the explanations, the attendance compared in SQL
    (`learners_meeting_attendance`) unless the cohort's attendance `summaries` are given. Six queries whatever the
    size (four with the programme's `outline`; one less again with the `summaries` or a threshold of 0)."""
    considered = validation_enrolments(cohort=cohort)
    enrolments = list(considered.values_list("pk", "learner_id"))
    modules_done = enrolments_with_every_module_done(
        cohort=cohort, enrolment_ids=considered.values("pk"), outline=outline
    )
    threshold = cohort.attendance_threshold
    if summaries is not None:
        empty = AttendanceSummary()
        missed = {
            learner_id
            for _pk, learner_id in enrolments
            if not _attendance_met(summaries.get(learner_id, empty), threshold)
        }
    elif threshold == 0:
        missed = set()
    else:
        attending = learners_meeting_attendance(cohort=cohort, threshold=threshold)
        missed = {learner_id for _pk, learner_id in enrolments if learner_id not in attending}
    interned = learners_with_validated_internship(
        learner_ids=considered.values("learner_id"), programme_id=cohort.programme_id
    )
    return {
        pk: _standing((pk not in modules_done) + (learner_id in missed) + (learner_id not in interned))
        for pk, learner_id in enrolments
    }


# Kept as long as nothing changes in the cohort: every write to a source bumps the cohort's version (cohorts.changes).
STANDINGS_CACHE_SECONDS = 24 * 60 * 60


def cached_cohort_standings(*, cohort: Cohort, outline) -> dict[int, str]:
    """`cohort_standings`, kept in the shared cache per cohort under the cohort's version (`cohorts.changes`, a new
    one once a service writes enrolments, attendance, placements, hours, evaluations, completions or the threshold),
    today's date (a session's attendance counts from its day) and the programme's outline (a lesson published or
    withdrawn changes what "every module" means). The order by name and the membership are read live (one query):
    a cached answer that does not hold exactly the enrolments considered now is computed again. Three queries when
    cached (with the outline given)."""
    shape = ",".join(f"{item.module.pk}:{item.lesson_total}" for item in outline)
    digest = hashlib.sha256(shape.encode()).hexdigest()[:16]
    key = (
        f"final_validation:standings:{cohort.pk}:{cohort_version(cohort.pk)}:"
        f"{timezone.localdate().isoformat()}:{cohort.attendance_threshold}:{digest}"
    )
    considered = list(validation_enrolments(cohort=cohort).values_list("pk", flat=True))
    cached = cache.get(key)
    if cached is None or cached.keys() != set(considered):
        cached = cohort_standings(cohort=cohort, outline=outline)
        cache.set(key, cached, timeout=STANDINGS_CACHE_SECONDS)
    return {pk: cached[pk] for pk in considered}


@dataclass
class ValidationPage:
    """One page of the "Validation finale" list: its rows, the Paginator page, and the counts of the whole cohort."""

    rows: list[ValidationRow]
    page: object
    counts: dict[str, int]
    decided: int
    blocks: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def cohort_validation_page(
    *, cohort: Cohort, standing: str | None = None, search: str = "", page_number=None, per_page: int | None = None
) -> ValidationPage:
    """The "Validation finale" page: the counts per standing over the whole cohort (`cohort_standings`), then the
    criteria, decision and attestation of the `per_page` learners shown, optionally only those of one standing
    or whose name or e-mail contains `search`. A fixed number of queries whatever the size."""
    outline = programme_outline(cohort.programme)
    standings = cached_cohort_standings(cohort=cohort, outline=outline)
    counts = dict.fromkeys(STANDING_LABELS, 0)
    for value in standings.values():
        counts[value] += 1
    ids = [pk for pk, value in standings.items() if standing not in STANDING_LABELS or value == standing]
    if search:
        found = set(
            validation_enrolments(cohort=cohort)
            .filter(
                Q(learner__last_name__icontains=search)
                | Q(learner__first_name__icontains=search)
                | Q(learner__email__icontains=search)
            )
            .values_list("pk", flat=True)
        )
        ids = [pk for pk in ids if pk in found]
    page = Paginator(ids, per_page or pagination.PER_PAGE).get_page(page_number)
    shown = list(page.object_list)
    position = {pk: n for n, pk in enumerate(shown)}
    enrolments = sorted(
        validation_enrolments(cohort=cohort)
        .filter(pk__in=shown)
        .only("cohort_id", "status", "learner", "learner__first_name", "learner__last_name", "learner__email"),
        key=lambda enrolment: position[enrolment.pk],
    )
    eligibility = _eligibility(cohort=cohort, enrolments=enrolments, outline=outline)
    current = current_decisions(cohort=cohort, enrolment_ids=shown)
    attestations = {a.enrolment_id: a for a in _success_attestations().filter(enrolment_id__in=shown)}
    decided = (
        FinalDecision.objects.filter(enrolment__cohort=cohort)
        .exclude(enrolment__status=EnrolmentStatus.WITHDRAWN)
        .values("enrolment_id")
        .distinct()
        .count()
    )
    blocks, attainment = cohort_attainment(cohort=cohort, enrolments=enrolments)
    url = UrlPattern("final_validation:learner", cohort.pk)
    rows = [
        ValidationRow(
            eligibility=eligibility[pk],
            decision=current.get(pk),
            attestation=attestations.get(pk),
            blocks=attainment[pk],
            url=url(pk),
        )
        for pk in shown
    ]
    return ValidationPage(rows=rows, page=page, counts=counts, decided=decided, blocks=blocks)


def validation_enrolment_for_coordinator(*, user, cohort_id: int, enrolment_id: int) -> Enrolment | None:
    """The enrolment if the person coordinates its cohort (withdrawn enrolments are not judged)."""

    return (
        Enrolment.objects.filter(cohort__in=cohorts_coordinated_by(user=user), cohort_id=cohort_id, pk=enrolment_id)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .select_related("learner", "cohort__programme")
        .first()
    )


def judged_enrolments() -> QuerySet[Enrolment]:
    """The enrolments the jury may judge (withdrawn ones are not), with what their page shows."""
    return Enrolment.objects.exclude(status=EnrolmentStatus.WITHDRAWN).select_related("learner", "cohort__programme")


def later_cohorts_for_deferral(*, enrolment: Enrolment) -> QuerySet[Cohort]:
    """Cohorts of the same programme starting after this one, that the learner is not already in."""
    return (
        Cohort.objects.filter(programme_id=enrolment.cohort.programme_id, starts_on__gt=enrolment.cohort.starts_on)
        .exclude(enrolments__learner_id=enrolment.learner_id)
        .order_by("starts_on")
    )


# --- The learner's own result ---------------------------------------------------------------------------------


@dataclass
class LearnerResult:
    eligibility: Eligibility
    decision: FinalDecision | None
    attestation: Attestation | None
    blocks: list = field(default_factory=list)

    @property
    def enrolment(self) -> Enrolment:
        return self.eligibility.enrolment

    @property
    def awarded(self) -> bool:
        return self.decision is not None and self.decision.outcome == JuryOutcome.AWARDED


def learner_results(*, user) -> list[LearnerResult]:
    """For each of the person's enrolments (withdrawn ones left out), newest cohort first: where they stand,
    the jury's current decision and their attestation de réussite if they have one. Only their own rows."""
    if not user.is_authenticated:
        return []
    enrolments = list(
        Enrolment.objects.filter(learner=user)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .select_related("learner", "cohort__programme")
        .order_by("-cohort__starts_on")
    )
    results = []
    for enrolment in enrolments:
        results.append(
            LearnerResult(
                eligibility=enrolment_eligibility(enrolment=enrolment),
                decision=current_decision(enrolment=enrolment),
                attestation=live_attestation(enrolment=enrolment),
                blocks=enrolment_attainment(enrolment=enrolment),
            )
        )
    return results


def attestation_for(*, user, attestation_id: int) -> Attestation | None:
    """A live attestation de réussite the person may download: their own, or one of a cohort they coordinate."""

    if not user.is_authenticated:
        return None
    attestation = _success_attestations().filter(pk=attestation_id).select_related("enrolment__cohort").first()
    if attestation is None:
        return None
    if attestation.enrolment.learner_id == user.pk:
        return attestation
    if cohorts_coordinated_by(user=user).filter(pk=attestation.enrolment.cohort_id).exists():
        return attestation
    return None

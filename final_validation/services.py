"""Writes of the final validation: the jury's decisions (diploma and blocks), the attestation de réussite,
deferral to a later cohort.

Every service is atomic, checks that the person coordinates the cohort, and raises `JuryError` with a message
meant for the coordinator (French by default). Nothing is half-written.

Awarding is refused while a criterion is not met, with no override: the attestation says the learner met the
programme's requirements, so the way to award a learner the jury judges ready is to correct the record the
criterion reads (an excused absence, approved hours, a counter-signed evaluation), which then keeps its own
trace in its own app. A decision never changes in place: a new decision is a new row, and replacing the current
one needs a written reason.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attestations.enums import AttestationKind
from attestations.services import attestation_issue, attestations_revoke
from cohorts.changes import cohort_changed
from cohorts.enums import EnrolmentStatus
from cohorts.models import Cohort, Enrolment
from cohorts.services import EnrolmentError, enrolment_complete, enrolment_transition
from competencies.models import Block
from competencies.selectors import blocks_of
from final_validation.attainment import current_block_decisions
from final_validation.enums import BlockOutcome, JuryOutcome
from final_validation.models import BlockDecision, FinalDecision
from final_validation.selectors import current_decision, enrolment_eligibility
from lms.records import progress_rebuild


class JuryError(Exception):
    """A final-validation action that cannot be done; the message is meant for the coordinator."""


def _check_coordinator(cohort: Cohort, by) -> None:
    if not by.has_perm("cohorts.coordinate_cohort", cohort):
        raise JuryError(_("Only the coordinators of this cohort can record its final jury's decisions."))


def _check_jury_date(enrolment: Enrolment, jury_date: datetime.date | None) -> None:
    if jury_date is None:
        raise JuryError(_("Give the date of the jury."))
    if jury_date > timezone.localdate():
        raise JuryError(_("The date of the jury cannot be in the future: record the decision once the jury has met."))
    if jury_date < enrolment.cohort.starts_on:
        raise JuryError(_("The date of the jury cannot be before the start of the cohort."))


def _learner_name(enrolment: Enrolment) -> str:
    return enrolment.learner.full_name or enrolment.learner.email


@transaction.atomic
def final_decision_record(
    *,
    enrolment: Enrolment,
    outcome: str,
    jury_date: datetime.date,
    by,
    note: str = "",
    change_reason: str = "",
) -> FinalDecision:
    """Record the final jury's decision for one learner; it becomes their current decision.

    - `awarded` is refused unless every criterion is met, and while the jury's current decision about a block of
      competencies is "deferred"; it issues an attestation de réussite listing the blocks validated (blocks the
      jury has not decided about are not listed).
    - `deferred` needs `note` (what remains to be done); `not_awarded` needs `note` (the reason).
    - When a decision is already recorded, `change_reason` is required; a live attestation is withdrawn
      (a new award issues a new one, with a new code).
    """
    enrolment = (
        Enrolment.objects.select_for_update().select_related("learner", "cohort__programme").get(pk=enrolment.pk)
    )
    _check_coordinator(enrolment.cohort, by)
    if enrolment.status == EnrolmentStatus.WITHDRAWN:
        raise JuryError(_("This learner has withdrawn from the cohort: the final jury does not decide about them."))
    if outcome not in JuryOutcome.values:
        raise JuryError(_("Choose one of the decisions offered."))
    note, change_reason = (note or "").strip(), (change_reason or "").strip()
    _check_jury_date(enrolment, jury_date)
    if outcome == JuryOutcome.DEFERRED and not note:
        raise JuryError(_("Say what remains to be done before the validation: the learner will read it."))
    if outcome == JuryOutcome.NOT_AWARDED and not note:
        raise JuryError(_("Give the reason for this decision: the learner will read it."))

    previous = current_decision(enrolment=enrolment)
    if previous is not None:
        if (previous.outcome, previous.jury_date, previous.note) == (outcome, jury_date, note):
            raise JuryError(_("This decision is already recorded."))
        if not change_reason:
            raise JuryError(
                _("A decision is already recorded (%(decision)s, jury of %(date)s): give the reason for the change.")
                % {"decision": previous.get_outcome_display(), "date": previous.jury_date.strftime("%d/%m/%Y")}
            )
    validated_blocks = []
    if outcome == JuryOutcome.AWARDED:
        validated_blocks = _blocks_for_award(enrolment)
        eligibility = enrolment_eligibility(enrolment=enrolment)
        if not eligibility.is_eligible:
            raise JuryError(
                _(
                    "%(name)s does not meet every criterion yet, so the diploma cannot be awarded. %(remaining)s "
                    "You may record a deferral saying what remains."
                )
                % {
                    "name": _learner_name(enrolment),
                    "remaining": " ".join(criterion.explanation for criterion in eligibility.unmet),
                }
            )

    decision = FinalDecision(
        enrolment=enrolment,
        outcome=outcome,
        jury_date=jury_date,
        note=note,
        change_reason=change_reason if previous is not None else "",
        recorded_by=by,
    )
    try:
        decision.full_clean()
    except ValidationError as error:
        raise JuryError(" ".join(error.messages)) from error
    attestations_revoke(enrolment=enrolment, kind=AttestationKind.SUCCESS, reason=change_reason)
    if outcome == JuryOutcome.AWARDED:
        decision.attestation = attestation_issue(
            kind=AttestationKind.SUCCESS,
            enrolment=enrolment,
            attested_on=jury_date,
            learner_name=_learner_name(enrolment),
            template="final_validation/attestation_pdf.html",
            payload={"blocks": [{"code": block.code, "title": block.title} for block in validated_blocks]},
        )
    decision.save()
    _enrolment_follow_decision(enrolment=enrolment, outcome=outcome, by=by)
    cohort_changed(cohort_ids=[enrolment.cohort_id])
    return decision


def _blocks_for_award(enrolment: Enrolment) -> list[Block]:
    """The blocks the attestation de réussite lists (those validated); refused while the jury defers one."""
    decisions = current_block_decisions(enrolment=enrolment)
    blocks = list(blocks_of(programme_id=enrolment.cohort.programme_id))
    deferred = [block for block in blocks if getattr(decisions.get(block.pk), "outcome", None) == BlockOutcome.DEFERRED]
    if deferred:
        raise JuryError(
            _("The jury deferred the block %(blocks)s: validate it before awarding the diploma, or record a deferral.")
            % {"blocks": ", ".join(str(block) for block in deferred)}
        )
    return [block for block in blocks if getattr(decisions.get(block.pk), "outcome", None) == BlockOutcome.VALIDATED]


@transaction.atomic
def block_decision_record(
    *, enrolment: Enrolment, block: Block, outcome: str, jury_date: datetime.date, by, reason: str = ""
) -> BlockDecision:
    """Record the final jury's decision about one block of competencies for one learner.

    - `validated` or `deferred`; `deferred` needs `reason` (what remains to be done, the learner reads it).
    - A decision already recorded for the block is replaced by a new row, with `reason` saying why.
    - Refused once the diploma is awarded (the attestation lists the blocks): record another decision first.
    """
    enrolment = (
        Enrolment.objects.select_for_update().select_related("learner", "cohort__programme").get(pk=enrolment.pk)
    )
    _check_coordinator(enrolment.cohort, by)
    if enrolment.status == EnrolmentStatus.WITHDRAWN:
        raise JuryError(_("This learner has withdrawn from the cohort: the final jury does not decide about them."))
    if block.programme_id != enrolment.cohort.programme_id:
        raise JuryError(_("This block is not part of the programme's référentiel."))
    if outcome not in BlockOutcome.values:
        raise JuryError(_("Choose one of the decisions offered."))
    _check_jury_date(enrolment, jury_date)
    reason = (reason or "").strip()
    if outcome == BlockOutcome.DEFERRED and not reason:
        raise JuryError(_("Say what remains to be done for this block: the learner will read it."))
    current = current_decision(enrolment=enrolment)
    if current is not None and current.outcome == JuryOutcome.AWARDED:
        raise JuryError(
            _("The diploma is awarded and its attestation lists the blocks: record another final decision first.")
        )
    previous = current_block_decisions(enrolment=enrolment).get(block.pk)
    if previous is not None:
        if previous.outcome == outcome:
            raise JuryError(_("This decision is already recorded for this block."))
        if not reason:
            raise JuryError(
                _("A decision is already recorded for this block (%(decision)s): give the reason for the change.")
                % {"decision": previous.get_outcome_display()}
            )
    decision = BlockDecision(
        enrolment=enrolment, block=block, outcome=outcome, jury_date=jury_date, reason=reason, recorded_by=by
    )
    try:
        decision.full_clean()
    except ValidationError as error:
        raise JuryError(" ".join(error.messages)) from error
    decision.save()
    cohort_changed(cohort_ids=[enrolment.cohort_id])
    return decision


def _carry_validated_blocks(*, enrolment: Enrolment, new: Enrolment, by) -> None:
    """The blocks validated in the earlier cohort stay validated in the new one (a row pointing at the first)."""
    note = _("Validated by the jury of the %(label)s cohort.") % {"label": enrolment.cohort.label}
    BlockDecision.objects.bulk_create(
        BlockDecision(
            enrolment=new,
            block_id=decision.block_id,
            outcome=BlockOutcome.VALIDATED,
            jury_date=decision.jury_date,
            reason=note,
            carried_from=decision.carried_from or decision,
            recorded_by=by,
        )
        for decision in current_block_decisions(enrolment=enrolment).values()
        if decision.outcome == BlockOutcome.VALIDATED
    )


def _enrolment_follow_decision(*, enrolment: Enrolment, outcome: str, by) -> None:
    """An award completes the enrolment; a decision that replaces an award makes it active again."""
    try:
        if outcome == JuryOutcome.AWARDED and enrolment.status == EnrolmentStatus.ACTIVE:
            enrolment_complete(enrolment=enrolment, by=by, note=_("Diploma awarded by the final jury"))
        elif outcome != JuryOutcome.AWARDED and enrolment.status == EnrolmentStatus.COMPLETED:
            enrolment_transition(
                enrolment=enrolment, to_status=EnrolmentStatus.ACTIVE, by=by, note=_("Award replaced by the jury")
            )
    except EnrolmentError as error:
        raise JuryError(str(error)) from error


@transaction.atomic
def enrolment_defer_to_cohort(*, enrolment: Enrolment, to_cohort: Cohort, by) -> Enrolment:
    """Enrol a deferred learner in a later cohort of the same programme; returns the new enrolment.

    What carries over: completed lessons (they belong to the person; the new enrolment's stored progress is
    rebuilt from them), the blocks of competencies the jury validated (recorded again for the new enrolment,
    pointing at the original decision) and a validated internship (the internship criterion reads every cohort of the
    programme). What does not: attendance, which is per cohort (the new cohort's sessions count). The old
    enrolment is kept, marked deferred, with its decisions and attendance history.
    """
    enrolment = Enrolment.objects.select_for_update().select_related("learner", "cohort").get(pk=enrolment.pk)
    _check_coordinator(enrolment.cohort, by)
    decision = current_decision(enrolment=enrolment)
    if decision is None or decision.outcome != JuryOutcome.DEFERRED:
        raise JuryError(_("Only a learner whose validation the jury deferred can be enrolled in a later cohort."))
    to_cohort = Cohort.objects.select_for_update().get(pk=to_cohort.pk)
    if to_cohort.programme_id != enrolment.cohort.programme_id or to_cohort.starts_on <= enrolment.cohort.starts_on:
        raise JuryError(_("Choose a later cohort of the same programme."))
    if Enrolment.objects.filter(cohort=to_cohort, learner_id=enrolment.learner_id).exists():
        raise JuryError(_("This learner is already enrolled in that cohort."))
    taken = Enrolment.objects.filter(cohort=to_cohort, status=EnrolmentStatus.ACTIVE).count()
    if taken >= to_cohort.capacity:
        raise JuryError(
            _("The cohort %(label)s is full (%(capacity)d places).")
            % {"label": to_cohort.label, "capacity": to_cohort.capacity}
        )
    new = Enrolment.objects.create(cohort=to_cohort, learner=enrolment.learner, status=EnrolmentStatus.ACTIVE)
    try:
        enrolment_transition(
            enrolment=enrolment,
            to_status=EnrolmentStatus.DEFERRED,
            by=by,
            note=_("Enrolled in the %(label)s cohort") % {"label": to_cohort.label},
        )
    except EnrolmentError as error:
        raise JuryError(str(error)) from error

    progress_rebuild(enrolment=new)
    _carry_validated_blocks(enrolment=enrolment, new=new, by=by)
    cohort_changed(cohort_ids=[to_cohort.pk])  # a new learner, with the blocks carried over
    return new


@transaction.atomic
def cohort_attendance_threshold_set(*, cohort: Cohort, threshold: int, by) -> Cohort:
    """Set the attendance rate (whole percent, 0 to 100; 0 = no requirement) the final validation asks for."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    _check_coordinator(cohort, by)
    if threshold is None or not 0 <= int(threshold) <= 100:
        raise JuryError(_("The attendance threshold is a percentage between 0 and 100."))
    cohort.attendance_threshold = int(threshold)
    cohort.save(update_fields=["attendance_threshold"])
    cohort_changed(cohort_ids=[cohort.pk])
    return cohort

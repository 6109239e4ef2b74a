"""Writes of the internship domain. Every function is keyword-only, atomic, and raises InternshipError."""

import datetime
import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from attestations.enums import AttestationKind
from attestations.models import Attestation
from attestations.services import attestation_issue
from cohorts.changes import cohort_changed
from cohorts.enums import EnrolmentStatus
from core import workflow
from core.codes import hash_token, verification_code
from core.uploads import MB, UploadRefused, check_upload
from internships import selectors
from internships.documents import agreement_pdf
from internships.enums import (
    AMENDMENT_TRANSITIONS,
    CONCERN_TRANSITIONS,
    EVALUATION_TRANSITIONS,
    MAX_CONCURRENT_INTERNS,
    OPEN,
    PLACEMENT_TRANSITIONS,
    REASON_REQUIRED,
    RUNNING,
    SIGNATURE_ORDER,
    TUTOR_OCCUPYING,
    WEEK_TRANSITIONS,
    AgreementKind,
    AmendmentStatus,
    Competency,
    ConcernStatus,
    EvaluationKind,
    EvaluationStatus,
    LinkPurpose,
    PlacementStatus,
    SignatureParty,
    WeekStatus,
)
from internships.errors import InternshipError
from internships.models import (
    AgreementDocument,
    Concern,
    ConcernFollowUp,
    Evaluation,
    EvaluationChange,
    EvaluationRating,
    Placement,
    PlacementAmendment,
    PlacementSignature,
    PlacementTransition,
    SupervisionSession,
    TimeEntry,
    Tutor,
    TutorAccessLink,
    WeekSignoff,
)
from tasks.registry import Due
from tasks.services import message_queue

LINK_VALID_DAYS = 14


def _changed(placement: Placement) -> None:
    """The cohort's version (cohorts.changes): the cohort dashboard's figures, the coordinators' cached tables (the
    dashboard's learners, the internships overview) and the learner's dashboard read placements, hours, evaluations
    and concerns, of every cohort where the learner is enrolled (an internship carries over after a deferral).

    Every write of a placement, a time entry, a week's sign-off, an evaluation, a concern, an amendment or a
    signature calls it, even those no cached part shows yet (an amendment's approvals before the last one): one
    rule, nothing to check again when a page starts showing them. Not the tutors' links (sent, armed, used,
    revoked), the empty draft of an evaluation made for a link (a draft counts as not filled in) nor the supervision
    sessions: no cached part reads them."""
    cohort_changed(enrolment_ids=[placement.enrolment_id])


def _full_clean(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise InternshipError(" ".join(exc.messages)) from exc


def _require_coordinator(placement: Placement, user) -> None:
    if not selectors.user_coordinates_placement(user=user, placement=placement):
        raise InternshipError(_("Only a coordinator of this cohort can do this."))


def _acting_tutor(placement: Placement, by, by_tutor: Tutor | None) -> Tutor:
    """The tutor acting, through a link (by_tutor) or their account (by). Must be this placement's tutor."""
    tutor = by_tutor
    if tutor is None and by is not None and by.is_authenticated:
        tutor = Tutor.objects.filter(user=by).first()
    if tutor is None or tutor.pk != placement.tutor_id:
        raise InternshipError(_("Only the tutor of this placement can do this."))
    return tutor


def _check_cohort_period(placement: Placement) -> None:
    cohort = placement.enrolment.cohort
    if placement.starts_on < cohort.starts_on or placement.ends_on > cohort.ends_on:
        raise InternshipError(
            _("The placement must take place within the cohort's period (from %(start)s to %(end)s).")
            % {"start": cohort.starts_on.strftime("%d/%m/%Y"), "end": cohort.ends_on.strftime("%d/%m/%Y")}
        )


def _check_tutor_capacity(*, tutor: Tutor, starts_on, ends_on, exclude_pk=None, reader: str = "tutor") -> None:
    """Lock the tutor's row so that two approvals at once cannot both take the last place.

    Checked at each step (the learner's proposal, the coordinator's approval, the tutor's), in words for
    the person reading (`reader`: "learner", "coordinator" or "tutor").
    """
    Tutor.objects.select_for_update().get(pk=tutor.pk)
    concurrent = Placement.objects.filter(
        tutor=tutor, status__in=TUTOR_OCCUPYING, starts_on__lt=ends_on, ends_on__gt=starts_on
    )
    if exclude_pk is not None:
        concurrent = concurrent.exclude(pk=exclude_pk)
    if concurrent.count() >= MAX_CONCURRENT_INTERNS:
        values = {"tutor": tutor.name, "count": MAX_CONCURRENT_INTERNS}
        if reader == "learner":
            raise InternshipError(
                _(
                    "%(tutor)s already tutors %(count)d interns over these dates, the most the law allows at the "
                    "same time. Please choose other dates or another tutor; your coordinator can help you."
                )
                % values
            )
        if reader == "coordinator":
            raise InternshipError(
                _(
                    "%(tutor)s already tutors %(count)d interns over these dates, the most the law allows at the "
                    "same time: the tutor could not accept this placement. Agree other dates or another tutor "
                    "with the learner."
                )
                % values
            )
        raise InternshipError(
            _(
                "%(tutor)s already tutors %(count)d interns over these dates. The law allows at most "
                "%(count)d interns at the same time per tutor: please choose another tutor or other dates."
            )
            % {"tutor": tutor.name, "count": MAX_CONCURRENT_INTERNS}
        )


def placement_transition(
    *, placement: Placement, to: str, by=None, by_tutor: Tutor | None = None, note: str = ""
) -> Placement:
    """The one transition function (`core.workflow.transition`): lock, check the table, stamp, save, history."""
    note = (note or "").strip()

    def stamp(locked: Placement, from_status: str, now) -> list[str]:
        # Checked under the lock, after the table: a move the table refuses says so first.
        if to in REASON_REQUIRED and not note:
            raise InternshipError(_("Please give a reason."))
        locked.status_changed_at = now
        if to == PlacementStatus.REFUSED:
            locked.refusal_reason = note
        return ["status_changed_at", "refusal_reason"]

    def history(*, obj, from_status, to_status, by, note):
        PlacementTransition.objects.create(
            placement=obj,
            from_status=from_status,
            to_status=to_status,
            by_user=by if by is not None and by.is_authenticated else None,
            by_tutor=by_tutor,
            note=note,
        )

    workflow.transition(
        placement,
        to_status=to,
        transitions=PLACEMENT_TRANSITIONS,
        by=by,
        note=note,
        choices=PlacementStatus,
        error=InternshipError,
        message=_("This placement cannot go from “%(from)s” to “%(to)s”."),
        stamp=stamp,
        history=history,
    )
    _changed(placement)
    return placement


@transaction.atomic
def placement_propose(
    *,
    by,
    enrolment,
    host,
    tutor: Tutor,
    starts_on: datetime.date,
    ends_on: datetime.date,
    weekly_schedule: str,
    planned_hours: int,
    tasks_and_objectives: str,
    binome: str,
    max_weekly_hours: int = 35,
    site=None,
) -> Placement:
    """A learner (for themselves) or a coordinator of the cohort proposes a placement."""
    is_learner = by.pk == enrolment.learner_id
    if not is_learner and not by.has_perm("cohorts.coordinate_cohort", enrolment.cohort):
        raise InternshipError(_("You can only propose a placement for yourself."))
    if enrolment.status != EnrolmentStatus.ACTIVE:
        raise InternshipError(_("A placement can only be proposed for an active enrolment."))
    placement = Placement(
        enrolment=enrolment,
        host=host,
        site=site,
        tutor=tutor,
        starts_on=starts_on,
        ends_on=ends_on,
        weekly_schedule=weekly_schedule,
        planned_hours=planned_hours,
        max_weekly_hours=max_weekly_hours,
        tasks_and_objectives=tasks_and_objectives,
        binome=binome,
        proposed_by=by,
    )
    _full_clean(placement)
    _check_cohort_period(placement)
    _check_tutor_capacity(
        tutor=tutor, starts_on=starts_on, ends_on=ends_on, reader="learner" if is_learner else "coordinator"
    )
    placement.save()
    PlacementTransition.objects.create(
        placement=placement, from_status="", to_status=PlacementStatus.PROPOSED, by_user=by
    )
    _changed(placement)
    return placement


@transaction.atomic
def placement_approve_by_coordinator(*, placement: Placement, by) -> list[str]:
    """Returns the warnings the coordinator should read (e.g. a team with a single peer worker)."""
    _require_coordinator(placement, by)
    _check_tutor_capacity(
        tutor=placement.tutor,
        starts_on=placement.starts_on,
        ends_on=placement.ends_on,
        exclude_pk=placement.pk,
        reader="coordinator",
    )
    placement_transition(placement=placement, to=PlacementStatus.APPROVED_BY_COORDINATOR, by=by)
    link_send(placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT)
    return selectors.placement_warnings(placement=placement)


@transaction.atomic
def placement_approve_by_tutor(*, placement: Placement, by=None, by_tutor: Tutor | None = None) -> Placement:
    tutor = _acting_tutor(placement, by, by_tutor)
    _check_tutor_capacity(
        tutor=tutor, starts_on=placement.starts_on, ends_on=placement.ends_on, exclude_pk=placement.pk
    )
    return placement_transition(placement=placement, to=PlacementStatus.APPROVED_BY_TUTOR, by=by, by_tutor=by_tutor)


@transaction.atomic
def placement_refuse(*, placement: Placement, reason: str, by=None, by_tutor: Tutor | None = None) -> Placement:
    """The coordinator refuses a proposal; the tutor may refuse once the coordinator has approved."""
    if by_tutor is not None or (
        by is not None and not selectors.user_coordinates_placement(user=by, placement=placement)
    ):
        _acting_tutor(placement, by, by_tutor)
        if placement.status != PlacementStatus.APPROVED_BY_COORDINATOR:
            raise InternshipError(_("The tutor can only refuse a placement the coordinator has approved."))
    return placement_transition(placement=placement, to=PlacementStatus.REFUSED, by=by, by_tutor=by_tutor, note=reason)


@transaction.atomic
def placement_cancel(*, placement: Placement, by, reason: str) -> Placement:
    """The learner may withdraw their own proposal before it is signed; the coordinator may cancel too."""
    is_learner = by.pk == placement.enrolment.learner_id
    if not is_learner:
        _require_coordinator(placement, by)
    elif placement.status not in {PlacementStatus.PROPOSED, PlacementStatus.APPROVED_BY_COORDINATOR}:
        raise InternshipError(_("Please ask your coordinator to cancel a placement already approved by the tutor."))
    return placement_transition(placement=placement, to=PlacementStatus.CANCELLED, by=by, note=reason)


@transaction.atomic
def placement_interrupt(*, placement: Placement, by, reason: str) -> Placement:
    _require_coordinator(placement, by)
    return placement_transition(placement=placement, to=PlacementStatus.INTERRUPTED, by=by, note=reason)


@transaction.atomic
def placement_start(*, placement: Placement, by=None) -> Placement:
    """Coordinator, or the daily task (by=None) once the start date has come."""
    if by is not None:
        _require_coordinator(placement, by)
    return placement_transition(placement=placement, to=PlacementStatus.IN_PROGRESS, by=by)


@transaction.atomic
def placement_open_midpoint(*, placement: Placement, by=None, by_tutor: Tutor | None = None) -> Placement:
    if by_tutor is not None or (
        by is not None and not selectors.user_coordinates_placement(user=by, placement=placement)
    ):
        _acting_tutor(placement, by, by_tutor)
    placement_transition(placement=placement, to=PlacementStatus.MIDPOINT_REVIEW, by=by, by_tutor=by_tutor)
    evaluation_link_send(placement=placement, kind=EvaluationKind.MIDPOINT)
    return placement


@transaction.atomic
def placement_open_final(*, placement: Placement, by=None, by_tutor: Tutor | None = None) -> Placement:
    if by_tutor is not None or (
        by is not None and not selectors.user_coordinates_placement(user=by, placement=placement)
    ):
        _acting_tutor(placement, by, by_tutor)
    midpoint = placement.evaluations.filter(kind=EvaluationKind.MIDPOINT).first()
    if midpoint is None or midpoint.status != EvaluationStatus.COUNTERSIGNED:
        raise InternshipError(_("The mid-point evaluation must be filled and counter-signed first."))
    placement_transition(placement=placement, to=PlacementStatus.FINAL_REVIEW, by=by, by_tutor=by_tutor)
    evaluation_link_send(placement=placement, kind=EvaluationKind.FINAL)
    return placement


@transaction.atomic
def placement_validate(*, placement: Placement, by) -> Attestation:
    """The coordinator validates once the final evaluation is counter-signed; the attestation is issued."""
    _require_coordinator(placement, by)
    final = placement.evaluations.filter(kind=EvaluationKind.FINAL).first()
    if final is None or final.status != EvaluationStatus.COUNTERSIGNED:
        raise InternshipError(_("The final evaluation must be filled and counter-signed first."))
    if WeekSignoff.objects.filter(placement=placement).exclude(status=WeekStatus.APPROVED).exists():
        raise InternshipError(_("Some weeks of hours still wait for the tutor's sign-off."))
    placement_transition(placement=placement, to=PlacementStatus.VALIDATED, by=by)
    totals = selectors.placement_hours(placement=placement)
    return placement_attestation_issue(placement=placement, approved_hours=totals.approved)


def placement_attestation_issue(*, placement: Placement, approved_hours, code: str = "") -> Attestation:
    """The placement attestation (`attestations`, kind "internship"): the host, the dates and the hours."""
    given = placement
    placement = Placement.objects.select_related("enrolment__learner", "enrolment__cohort__programme", "host").get(
        pk=placement.pk
    )
    attestation = attestation_issue(
        kind=AttestationKind.INTERNSHIP,
        enrolment=placement.enrolment,
        attested_on=timezone.localdate(),
        template="internships/pdf/attestation.html",
        payload={
            "approved_hours": str(approved_hours),
            "host": placement.host.name,
            "starts_on": placement.starts_on.isoformat(),
            "ends_on": placement.ends_on.isoformat(),
        },
        code=code or verification_code(grouped=True),
    )
    Placement.objects.filter(pk=placement.pk).update(attestation=attestation)
    given.attestation = attestation
    _changed(placement)
    return attestation


# --- Agreement -------------------------------------------------------------------------------------


def _party_of(placement: Placement, by, by_tutor: Tutor | None) -> str:
    if by_tutor is not None:
        _acting_tutor(placement, by, by_tutor)
        return SignatureParty.TUTOR
    if by.pk == placement.enrolment.learner_id:
        return SignatureParty.LEARNER
    if Tutor.objects.filter(user=by, pk=placement.tutor_id).exists():
        return SignatureParty.TUTOR
    if selectors.user_coordinates_placement(user=by, placement=placement):
        return SignatureParty.COORDINATOR
    raise InternshipError(_("You are not a party to this agreement."))


@transaction.atomic
def placement_sign(*, placement: Placement, by=None, by_tutor: Tutor | None = None) -> PlacementSignature:
    """Each party signs in turn: the learner, then the tutor for the host, then the coordinator."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.status != PlacementStatus.APPROVED_BY_TUTOR:
        raise InternshipError(_("The agreement can be signed once the tutor has approved the placement."))
    party = _party_of(placement, by, by_tutor)
    signed = set(placement.signatures.filter(amendment__isnull=True).values_list("party", flat=True))
    expected = next(p for p in SIGNATURE_ORDER if p not in signed)
    if party in signed:
        raise InternshipError(_("You have already signed this agreement."))
    if party != expected:
        raise InternshipError(
            _("The agreement is signed in turn: it is now waiting for: %(party)s.")
            % {"party": SignatureParty(expected).label}
        )
    signer = by_tutor.name if by_tutor is not None else by.full_name or by.email
    signature = PlacementSignature.objects.create(
        placement=placement,
        party=party,
        signed_by_user=by if by_tutor is None else None,
        signed_by_tutor=by_tutor,
        signer_name=signer,
    )
    if party == SignatureParty.LEARNER:
        link_send(placement=placement, purpose=LinkPurpose.SIGN_AGREEMENT)
    if party == SIGNATURE_ORDER[-1]:
        placement_transition(placement=placement, to=PlacementStatus.AGREEMENT_SIGNED, by=by, by_tutor=by_tutor)

        AgreementDocument.objects.create(
            placement=placement,
            kind=AgreementKind.SIGNED_IN_APP,
            file=ContentFile(agreement_pdf(placement=placement), name="convention-signee.pdf"),
            uploaded_by=by,
        )
    _changed(placement)  # the learner's next step ("the agreement waits for the other signatures")
    return signature


SIGNED_AGREEMENT_MAX_BYTES = 20 * MB


@transaction.atomic
def placement_mark_signed_outside(*, placement: Placement, by, signed_file) -> AgreementDocument:
    """The agreement was signed on paper or elsewhere: the coordinator uploads the signed file."""
    _require_coordinator(placement, by)
    if signed_file is None:
        raise InternshipError(_("Please attach the signed agreement."))
    try:
        checked = check_upload(signed_file, allowed=["pdf"], max_bytes=SIGNED_AGREEMENT_MAX_BYTES)
    except UploadRefused as exc:
        raise InternshipError(str(exc)) from exc
    placement_transition(placement=placement, to=PlacementStatus.AGREEMENT_SIGNED, by=by, note=_("Signed outside"))
    document = AgreementDocument(placement=placement, kind=AgreementKind.SIGNED_OUTSIDE, uploaded_by=by)
    # The stored name is random, with the extension of the detected type (see agreement_upload_to).
    document.file.save(f"convention.{checked.extension}", signed_file, save=False)
    document.save()
    return document


# --- Amendments ------------------------------------------------------------------------------------


@transaction.atomic
def amendment_request(
    *, placement: Placement, by, reason: str, new_starts_on=None, new_ends_on=None, new_tutor: Tutor | None = None
) -> PlacementAmendment:
    """New dates or a new tutor for a signed placement; the original parties approve it again."""
    if by.pk != placement.enrolment.learner_id:
        _require_coordinator(placement, by)
    if placement.status not in (RUNNING | {PlacementStatus.AGREEMENT_SIGNED}):
        raise InternshipError(_("An amendment is only needed once the agreement is signed."))
    if not (new_starts_on or new_ends_on or new_tutor):
        raise InternshipError(_("An amendment changes the dates or the tutor."))
    if not (reason or "").strip():
        raise InternshipError(_("Please give a reason."))
    if placement.amendments.filter(status=AmendmentStatus.PENDING).exists():
        raise InternshipError(_("An amendment is already waiting for approval."))
    if new_tutor is not None and new_tutor.host_id != placement.host_id:
        raise InternshipError(_("This tutor works for another host organisation."))
    start, end = new_starts_on or placement.starts_on, new_ends_on or placement.ends_on
    if end <= start:
        raise InternshipError(_("The end date must be after the start date."))
    check = Placement(enrolment=placement.enrolment, starts_on=start, ends_on=end)
    _check_cohort_period(check)
    # Said now rather than after every signature; checked again, under the lock, when it is applied.
    _check_tutor_capacity(tutor=new_tutor or placement.tutor, starts_on=start, ends_on=end, exclude_pk=placement.pk)
    amendment = PlacementAmendment.objects.create(
        placement=placement,
        new_starts_on=new_starts_on,
        new_ends_on=new_ends_on,
        new_tutor=new_tutor,
        reason=reason.strip(),
        original_tutor=placement.tutor,
        requested_by=by,
    )
    # The original tutor approves from a link (they may have no account).
    link_send(placement=placement, purpose=LinkPurpose.SIGN_AMENDMENT)
    _changed(placement)  # an amendment waiting shows on the learner's dashboard
    return amendment


@transaction.atomic
def amendment_sign(*, amendment: PlacementAmendment, by=None, by_tutor: Tutor | None = None) -> PlacementAmendment:
    """The original signatories (learner, original tutor, coordinator) approve; the last one applies it."""
    amendment = PlacementAmendment.objects.select_for_update().get(pk=amendment.pk)
    placement = Placement.objects.select_for_update().get(pk=amendment.placement_id)
    if amendment.status != AmendmentStatus.PENDING:
        raise InternshipError(_("This amendment is no longer waiting for approval."))
    # The original tutor signs, even when the amendment replaces them.
    if by_tutor is not None:
        if by_tutor.pk != amendment.original_tutor_id:
            raise InternshipError(_("Only the tutor of this placement can do this."))
        party = SignatureParty.TUTOR
    elif by.pk == placement.enrolment.learner_id:
        party = SignatureParty.LEARNER
    elif Tutor.objects.filter(user=by, pk=amendment.original_tutor_id).exists():
        party = SignatureParty.TUTOR
    elif selectors.user_coordinates_placement(user=by, placement=placement):
        party = SignatureParty.COORDINATOR
    else:
        raise InternshipError(_("You are not a party to this agreement."))
    if amendment.signatures.filter(party=party).exists():
        raise InternshipError(_("You have already signed this agreement."))
    PlacementSignature.objects.create(
        placement=placement,
        amendment=amendment,
        party=party,
        signed_by_user=by if by_tutor is None else None,
        signed_by_tutor=by_tutor,
        signer_name=by_tutor.name if by_tutor is not None else (by.full_name or by.email),
    )
    if amendment.signatures.count() == len(SIGNATURE_ORDER):
        # New dates alone can overlap more of the tutor's interns: the limit holds for every amendment.
        _check_tutor_capacity(
            tutor=amendment.new_tutor or placement.tutor,
            starts_on=amendment.new_starts_on or placement.starts_on,
            ends_on=amendment.new_ends_on or placement.ends_on,
            exclude_pk=placement.pk,
        )
        if amendment.new_tutor_id:
            placement.tutor = amendment.new_tutor
        placement.starts_on = amendment.new_starts_on or placement.starts_on
        placement.ends_on = amendment.new_ends_on or placement.ends_on
        placement.save(update_fields=["tutor", "starts_on", "ends_on"])
        workflow.check(
            AMENDMENT_TRANSITIONS,
            amendment.status,
            AmendmentStatus.APPLIED,
            choices=AmendmentStatus,
            error=InternshipError,
        )
        amendment.status = AmendmentStatus.APPLIED
        amendment.decided_at = timezone.now()
        amendment.save(update_fields=["status", "decided_at"])
        PlacementTransition.objects.create(
            placement=placement,
            from_status=placement.status,
            to_status=placement.status,
            by_user=by if by_tutor is None else None,
            by_tutor=by_tutor,
            note=_("Amendment applied: %(reason)s") % {"reason": amendment.reason},
        )
    _changed(placement)
    return amendment


# --- Time log --------------------------------------------------------------------------------------


def week_start_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@transaction.atomic
def time_entry_record(
    *, placement: Placement, by, date: datetime.date, hours: Decimal, activity: str, day_type: str
) -> TimeEntry:
    """The learner records one day (one entry per day; recording the same day again replaces it)."""
    if by.pk != placement.enrolment.learner_id:
        raise InternshipError(_("Only the learner records their hours."))
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.status not in RUNNING:
        raise InternshipError(_("Hours can be recorded while the placement is in progress."))
    if date > timezone.localdate():
        raise InternshipError(_("You cannot record hours for a day that has not come yet."))
    if not (placement.starts_on <= date <= placement.ends_on):
        raise InternshipError(_("This day is outside the placement's dates."))
    week = week_start_of(date)
    signoff = WeekSignoff.objects.filter(placement=placement, week_start=week).first()
    if signoff is not None and signoff.status == WeekStatus.APPROVED:
        raise InternshipError(_("Your tutor has already approved this week: it can no longer be changed."))
    entry = TimeEntry.objects.filter(placement=placement, date=date).first() or TimeEntry(
        placement=placement, date=date
    )
    entry.week_start = week
    entry.hours = hours
    entry.activity = (activity or "").strip()
    entry.day_type = day_type
    _full_clean(entry)
    entry.save()
    if signoff is None:
        WeekSignoff.objects.create(placement=placement, week_start=week)
    elif signoff.status != WeekStatus.PENDING:
        workflow.check(WEEK_TRANSITIONS, signoff.status, WeekStatus.PENDING, choices=WeekStatus, error=InternshipError)
        signoff.status = WeekStatus.PENDING
        signoff.save(update_fields=["status"])
    _changed(placement)
    return entry


@transaction.atomic
def week_sign_off(
    *,
    placement: Placement,
    week_start: datetime.date,
    decision: str,
    message: str = "",
    by=None,
    by_tutor: Tutor | None = None,
) -> WeekSignoff:
    """The tutor approves a week, asks a question (needs_info) or rejects it with a reason."""
    tutor = _acting_tutor(placement, by, by_tutor)
    signoff = WeekSignoff.objects.select_for_update().filter(placement=placement, week_start=week_start).first()
    if signoff is None:
        raise InternshipError(_("No hours have been recorded for this week."))
    if signoff.status == WeekStatus.APPROVED:
        raise InternshipError(_("This week is already approved."))
    if decision not in {WeekStatus.APPROVED, WeekStatus.NEEDS_INFO, WeekStatus.REJECTED}:
        raise InternshipError(_("Please choose a decision."))
    message = (message or "").strip()
    if decision == WeekStatus.NEEDS_INFO and not message:
        raise InternshipError(_("Please write your question for the learner."))
    if decision == WeekStatus.REJECTED and not message:
        raise InternshipError(_("Please give a reason."))
    workflow.check(WEEK_TRANSITIONS, signoff.status, decision, choices=WeekStatus, error=InternshipError)
    signoff.status = decision
    signoff.tutor_message = message
    signoff.decided_by = tutor
    signoff.decided_at = timezone.now()
    signoff.save()
    _changed(placement)
    return signoff


# --- Evaluations -----------------------------------------------------------------------------------


def _evaluation_snapshot(evaluation: Evaluation) -> dict:
    return {
        "general_comment": evaluation.general_comment,
        "ratings": {r.competency: {"level": r.level, "comment": r.comment} for r in evaluation.ratings.all()},
    }


@transaction.atomic
def evaluation_save(
    *,
    placement: Placement,
    kind: str,
    ratings: dict[str, tuple[int, str]],
    general_comment: str = "",
    submit: bool = False,
    reason: str = "",
    by=None,
    by_tutor: Tutor | None = None,
) -> Evaluation:
    """Fill (and optionally submit) an evaluation. The learner writes the self-assessment first; the tutor
    then writes the mid-point and final evaluations. Changing a validated one needs a reason, kept in history."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    tutor = None
    if kind == EvaluationKind.SELF:
        if by_tutor is not None or by is None or by.pk != placement.enrolment.learner_id:
            raise InternshipError(_("Only the learner writes their self-assessment."))
        if placement.status not in RUNNING:
            raise InternshipError(_("Evaluations are filled while the placement is in progress."))
    else:
        tutor = _acting_tutor(placement, by, by_tutor)
        needed = PlacementStatus.MIDPOINT_REVIEW if kind == EvaluationKind.MIDPOINT else PlacementStatus.FINAL_REVIEW
        existing = placement.evaluations.filter(kind=kind).first()
        if placement.status != needed and not (existing and existing.is_validated and placement.status in RUNNING):
            raise InternshipError(
                _("This evaluation is filled during the “%(status)s” step.") % {"status": PlacementStatus(needed).label}
            )
        self_eval = placement.evaluations.filter(kind=EvaluationKind.SELF).first()
        if self_eval is None or self_eval.status != EvaluationStatus.SUBMITTED:
            raise InternshipError(_("The learner's self-assessment comes first."))
    missing = [c for c in Competency.values if c not in ratings]
    if submit and missing:
        raise InternshipError(_("Please rate every competency before submitting."))
    for competency, (level, _comment) in ratings.items():
        if competency not in Competency.values or int(level) not in (1, 2, 3, 4):
            raise InternshipError(_("Each competency is rated on four levels."))
    evaluation, _created = Evaluation.objects.select_for_update().get_or_create(placement=placement, kind=kind)
    # Once submitted, the other party has seen it: any change is a recorded change with a reason.
    was_validated = evaluation.status != EvaluationStatus.DRAFT
    before = _evaluation_snapshot(evaluation) if was_validated else None
    if was_validated and not (reason or "").strip():
        raise InternshipError(_("This evaluation was already submitted: please give the reason for the change."))
    evaluation.general_comment = (general_comment or "").strip()
    for competency, (level, comment) in ratings.items():
        EvaluationRating.objects.update_or_create(
            evaluation=evaluation, competency=competency, defaults={"level": int(level), "comment": comment.strip()}
        )
    if submit or was_validated:
        workflow.check(
            EVALUATION_TRANSITIONS,
            evaluation.status,
            EvaluationStatus.SUBMITTED,
            choices=EvaluationStatus,
            error=InternshipError,
        )
        evaluation.status = EvaluationStatus.SUBMITTED
        evaluation.submitted_at = timezone.now()
        evaluation.submitted_by_user = by if by_tutor is None else None
        evaluation.submitted_by_tutor = tutor
        # A changed evaluation is counter-signed again.
        evaluation.learner_agrees = None
        evaluation.learner_comment = ""
        evaluation.countersigned_at = None
    evaluation.save()
    if was_validated:
        EvaluationChange.objects.create(
            evaluation=evaluation,
            reason=reason.strip(),
            before=before,
            after=_evaluation_snapshot(evaluation),
            by_user=by if by_tutor is None else None,
            by_tutor=by_tutor,
        )
    _changed(placement)
    return evaluation


@transaction.atomic
def evaluation_countersign(*, evaluation: Evaluation, by, agrees: bool, comment: str = "") -> Evaluation:
    """The learner counter-signs the tutor's evaluation. Disagreeing needs a comment."""
    evaluation = Evaluation.objects.select_for_update().select_related("placement__enrolment").get(pk=evaluation.pk)
    if by.pk != evaluation.placement.enrolment.learner_id:
        raise InternshipError(_("Only the learner counter-signs their evaluation."))
    if evaluation.kind == EvaluationKind.SELF:
        raise InternshipError(_("A self-assessment is not counter-signed."))
    if evaluation.status != EvaluationStatus.SUBMITTED:
        raise InternshipError(_("This evaluation is not waiting for your counter-signature."))
    comment = (comment or "").strip()
    if not agrees and not comment:
        raise InternshipError(_("Please explain in a comment what you disagree with."))
    evaluation.learner_agrees = agrees
    evaluation.learner_comment = comment
    evaluation.countersigned_at = timezone.now()
    workflow.check(
        EVALUATION_TRANSITIONS,
        evaluation.status,
        EvaluationStatus.COUNTERSIGNED,
        choices=EvaluationStatus,
        error=InternshipError,
    )
    evaluation.status = EvaluationStatus.COUNTERSIGNED
    evaluation.save()
    _changed(evaluation.placement)
    return evaluation


# --- Tutor links -----------------------------------------------------------------------------------


def _link_row(
    *,
    placement: Placement,
    purpose: str,
    week_start: datetime.date | None,
    evaluation: Evaluation | None,
    valid_days: int,
) -> TutorAccessLink:
    if purpose == LinkPurpose.SIGN_OFF_WEEK and week_start is None:
        raise InternshipError(_("A sign-off link names its week."))
    return TutorAccessLink.objects.create(
        tutor=placement.tutor,
        purpose=purpose,
        placement=placement,
        week_start=week_start,
        evaluation=evaluation,
        expires_at=timezone.now() + datetime.timedelta(days=valid_days),
    )


def _draw_secret(link: TutorAccessLink) -> str:
    """A fresh random token for the link; only its hash is kept."""
    token = secrets.token_urlsafe(32)
    link.token_hash = hash_token(token)
    return token


@transaction.atomic
def link_create(
    *,
    placement: Placement,
    purpose: str,
    week_start: datetime.date | None = None,
    evaluation: Evaluation | None = None,
    valid_days: int = LINK_VALID_DAYS,
) -> tuple[TutorAccessLink, str]:
    """Returns the link and the raw token (only its hash is stored).

    For code that builds an e-mail right away, in the worker (reminders, digests). To e-mail a link from
    a request, use `link_send`, which keeps the secret out of the task message.
    """
    link = _link_row(
        placement=placement, purpose=purpose, week_start=week_start, evaluation=evaluation, valid_days=valid_days
    )
    token = _draw_secret(link)
    link.save(update_fields=["token_hash"])
    return link, token


# The outbox rule of the tutor-link e-mails (declared in `internships.reminders`).
TUTOR_LINK = "internships.tutor_link"


def link_send(*, placement: Placement, purpose: str, week_start=None, evaluation=None) -> TutorAccessLink:
    """Create a link (without its secret yet) and queue its e-mail in the outbox (rule ``internships.tutor_link``).

    The outbox row names the link only: the worker draws the secret when it builds the e-mail
    (`link_arm`, the rule's ``action_link``), so the raw token is never stored nor sent to the broker. The
    message is transactional (it answers what someone just did): quiet hours do not hold it back.
    """

    link = _link_row(
        placement=placement, purpose=purpose, week_start=week_start, evaluation=evaluation, valid_days=LINK_VALID_DAYS
    )
    learner = placement.enrolment.learner
    labels = {}
    for language in ("fr", "en"):
        with translation.override(language):
            labels[language] = str(link.get_purpose_display())
    message_queue(
        TUTOR_LINK,
        [
            Due(
                reason=f"link:{link.pk}",
                reference=link.created_at,
                email=link.tutor.email,
                subject=link,
                cohort_id=placement.enrolment.cohort_id,
                context={
                    "tutor_name": link.tutor.name,
                    "learner": learner.full_name,
                    "purpose_fr": labels["fr"],
                    "purpose_en": labels["en"],
                    "expires_on": timezone.localdate(link.expires_at).strftime("%d/%m/%Y"),
                },
            )
        ],
        note="Tutor link",
    )
    return link


def link_is_live(link: TutorAccessLink, *, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return link.used_at is None and link.revoked_at is None and link.expires_at > now


@transaction.atomic
def link_arm(*, link_id: int) -> str:
    """In the worker, while the e-mail is built: draw the link's secret and return the link's path.

    Only the hash is kept. Building the e-mail again (a retry after a failed send) draws a new secret, so
    only the token of the e-mail that really left works. A link used, revoked or expired is refused.
    """

    link = TutorAccessLink.objects.select_for_update(of=("self",)).get(pk=link_id)
    if not link_is_live(link):
        raise InternshipError(_("This link is no longer valid."))
    token = _draw_secret(link)
    link.mailed_at = timezone.now()
    link.save(update_fields=["token_hash", "mailed_at"])
    return reverse("internships:link", args=[token])


def link_resolve(*, token: str) -> TutorAccessLink:
    """The live link for this token, or a clear error (unknown, expired, used, revoked)."""
    link = (
        TutorAccessLink.objects.select_related("tutor", "placement__enrolment__learner", "placement__host")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if link is None:
        raise InternshipError(_("This link is not valid."))
    if link.revoked_at is not None:
        raise InternshipError(_("This link has been withdrawn. The coordinator can send you a new one."))
    if link.used_at is not None:
        raise InternshipError(_("This link has already been used. Thank you!"))
    if link.expires_at <= timezone.now():
        raise InternshipError(_("This link has expired. The coordinator can send you a new one."))
    return link


@transaction.atomic
def link_use(*, token: str) -> TutorAccessLink:
    """Mark the link used, under a lock, so that it works exactly once."""
    link = link_resolve(token=token)
    locked = TutorAccessLink.objects.select_for_update().get(pk=link.pk)
    if locked.used_at is not None:
        raise InternshipError(_("This link has already been used. Thank you!"))
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at"])
    link.used_at = locked.used_at
    return link


@transaction.atomic
def link_revoke(*, link: TutorAccessLink, by) -> TutorAccessLink:
    _require_coordinator(link.placement, by)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


# --- Concerns and supervision ----------------------------------------------------------------------


@transaction.atomic
def concern_raise(
    *,
    placement: Placement,
    severity: str,
    description: str,
    about_own_wellbeing: bool = False,
    by=None,
    by_tutor: Tutor | None = None,
) -> Concern:
    """The learner (possibly about their own wellbeing) or the tutor tells the coordinators."""
    is_learner = by_tutor is None and by is not None and by.pk == placement.enrolment.learner_id
    tutor = None
    if not is_learner:
        tutor = _acting_tutor(placement, by, by_tutor)
        about_own_wellbeing = False
    concern = Concern(
        placement=placement,
        raised_by_user=by if by_tutor is None else None,
        raised_by_tutor=tutor,
        about_own_wellbeing=about_own_wellbeing,
        severity=severity,
        description=(description or "").strip(),
    )
    _full_clean(concern)
    concern.save()
    _changed(placement)
    return concern


@transaction.atomic
def concern_follow_up(*, concern: Concern, by, note: str, close: bool = False) -> Concern:
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    _require_coordinator(concern.placement, by)
    if concern.status == ConcernStatus.CLOSED:
        raise InternshipError(_("This concern is closed."))
    note = (note or "").strip()
    if not note:
        raise InternshipError(_("Please write a note."))
    target = ConcernStatus.CLOSED if close else ConcernStatus.FOLLOWED_UP
    workflow.check(CONCERN_TRANSITIONS, concern.status, target, choices=ConcernStatus, error=InternshipError)
    ConcernFollowUp.objects.create(concern=concern, author=by, note=note)
    if close:
        concern.status = ConcernStatus.CLOSED
        concern.closure_note = note
        concern.closed_by = by
        concern.closed_at = timezone.now()
    else:
        concern.status = ConcernStatus.FOLLOWED_UP
    concern.save()
    _changed(concern.placement)
    return concern


@transaction.atomic
def supervision_record(
    *, cohort, by, date: datetime.date, kind: str, duration_minutes: int, attendees=(), facilitator_notes: str = ""
) -> SupervisionSession:
    """A coordinator of the cohort records a session they facilitated."""
    if not by.has_perm("cohorts.coordinate_cohort", cohort):
        raise InternshipError(_("Only a coordinator of this cohort can do this."))
    session = SupervisionSession(
        cohort=cohort,
        date=date,
        kind=kind,
        facilitator=by,
        duration_minutes=duration_minutes,
        facilitator_notes=facilitator_notes,
    )
    _full_clean(session)
    session.save()
    session.attendees.set(attendees)
    return session


def open_placements_q() -> Q:
    return Q(status__in=OPEN)


# --- What a tutor does from a link (each use consumes the link, in the same transaction) -------------


def _link_for(token: str, purpose: str) -> TutorAccessLink:
    link = link_resolve(token=token)
    if link.purpose != purpose:
        raise InternshipError(_("This link is not valid."))
    return link


@transaction.atomic
def link_decide_placement(*, token: str, approve: bool, reason: str = "") -> Placement:
    link = _link_for(token, LinkPurpose.APPROVE_PLACEMENT)
    if approve:
        placement = placement_approve_by_tutor(placement=link.placement, by_tutor=link.tutor)
    else:
        placement = placement_refuse(placement=link.placement, by_tutor=link.tutor, reason=reason)
    link_use(token=token)
    return placement


@transaction.atomic
def link_sign_agreement(*, token: str) -> PlacementSignature:
    link = _link_for(token, LinkPurpose.SIGN_AGREEMENT)
    signature = placement_sign(placement=link.placement, by_tutor=link.tutor)
    link_use(token=token)
    return signature


@transaction.atomic
def link_sign_off_week(*, token: str, decision: str, message: str = "") -> WeekSignoff:
    link = _link_for(token, LinkPurpose.SIGN_OFF_WEEK)
    signoff = week_sign_off(
        placement=link.placement, week_start=link.week_start, decision=decision, message=message, by_tutor=link.tutor
    )
    link_use(token=token)
    return signoff


@transaction.atomic
def link_fill_evaluation(
    *, token: str, ratings: dict, general_comment: str = "", submit: bool = False, reason: str = ""
) -> Evaluation:
    """Saving a draft keeps the link alive; submitting consumes it."""
    link = _link_for(token, LinkPurpose.FILL_EVALUATION)
    evaluation = evaluation_save(
        placement=link.placement,
        kind=link.evaluation.kind,
        ratings=ratings,
        general_comment=general_comment,
        submit=submit,
        reason=reason,
        by_tutor=link.tutor,
    )
    if submit:
        link_use(token=token)
    return evaluation


@transaction.atomic
def link_sign_amendment(*, token: str) -> PlacementAmendment:
    link = _link_for(token, LinkPurpose.SIGN_AMENDMENT)
    amendment = link.placement.amendments.filter(status=AmendmentStatus.PENDING).first()
    if amendment is None or amendment.original_tutor_id != link.tutor_id:
        raise InternshipError(_("This amendment is no longer waiting for approval."))
    amendment = amendment_sign(amendment=amendment, by_tutor=link.tutor)
    link_use(token=token)
    return amendment


@transaction.atomic
def week_submit_to_tutor(*, placement: Placement, by, week_start: datetime.date) -> TutorAccessLink:
    """The learner sends a week to the tutor: a sign-off link goes out by e-mail."""
    if by.pk != placement.enrolment.learner_id:
        raise InternshipError(_("Only the learner records their hours."))
    signoff = WeekSignoff.objects.filter(placement=placement, week_start=week_start).first()
    if signoff is None or signoff.status != WeekStatus.PENDING:
        raise InternshipError(_("This week is not waiting for the tutor."))
    live = TutorAccessLink.objects.filter(
        placement=placement,
        purpose=LinkPurpose.SIGN_OFF_WEEK,
        week_start=week_start,
        used_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
    live.update(revoked_at=timezone.now())  # one live link per week: the newest
    return link_send(placement=placement, purpose=LinkPurpose.SIGN_OFF_WEEK, week_start=week_start)


def evaluation_link_send(*, placement: Placement, kind: str) -> TutorAccessLink:
    evaluation, _created = Evaluation.objects.get_or_create(placement=placement, kind=kind)
    return link_send(placement=placement, purpose=LinkPurpose.FILL_EVALUATION, evaluation=evaluation)


@transaction.atomic
def link_resend(*, placement: Placement, by) -> TutorAccessLink:
    """The coordinator sends the tutor a fresh link for what the placement waits for."""
    _require_coordinator(placement, by)
    if placement.status == PlacementStatus.APPROVED_BY_COORDINATOR:
        return link_send(placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT)
    if placement.status == PlacementStatus.APPROVED_BY_TUTOR:
        return link_send(placement=placement, purpose=LinkPurpose.SIGN_AGREEMENT)
    if placement.status == PlacementStatus.MIDPOINT_REVIEW:
        return evaluation_link_send(placement=placement, kind=EvaluationKind.MIDPOINT)
    if placement.status == PlacementStatus.FINAL_REVIEW:
        return evaluation_link_send(placement=placement, kind=EvaluationKind.FINAL)
    raise InternshipError(_("Nothing is waiting for the tutor on this placement."))

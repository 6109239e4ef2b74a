"""Writes of the selection workflow. Each status moves only through its machine's transition function."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.enums import AccessKind
from audit.services import access_record, access_record_many, access_records_detach
from cohorts.changes import cohort_changed
from cohorts.models import Enrolment
from core import workflow
from core.uploads import UploadRefused, check_upload, kinds_for_extensions
from selection import messages as selection_messages
from selection.enums import (
    ANONYMISED_APPLICATION_STATUSES,
    APPLICATION_TRANSITIONS,
    DOCUMENT_TRANSITIONS,
    EDITABLE_APPLICATION_STATUSES,
    OFFER_TRANSITIONS,
    OPEN_APPLICATION_STATUSES,
    PLACE_HOLDING_OFFER_STATUSES,
    ApplicationStatus,
    DecisionOutcome,
    DocumentStatus,
    OfferStatus,
)
from selection.models import (
    BOOKING_CHANGE_LIMIT,
    Application,
    ApplicationDocument,
    ApplicationTransition,
    ConflictOfInterest,
    Decision,
    InterviewBooking,
    InterviewSlot,
    JuryAssignment,
    Offer,
    OfferTransition,
    RequiredDocument,
    Review,
    ReviewScore,
    RoundQuestion,
    RoundSettingChange,
    ScoringCriterion,
    SelectionRound,
    capacity_below_held_message,
    months_after,
)
from tasks.services import outbox_forget

S = ApplicationStatus
DOSSIER_FIELDS = (
    "motivation",
    "lived_experience",
    "professional_project",
    "availability",
    "departement",
    "accommodation_needs",
)
REQUIRED_DOSSIER_FIELDS = ("motivation", "lived_experience", "professional_project", "availability", "departement")


class SelectionError(Exception):
    """A move the workflow does not allow; the message is meant for the person who tried it."""


class CapacityReached(SelectionError):
    pass


# --- Roles ----------------------------------------------------------------------------------------


def _require_coordinator(user, selection_round: SelectionRound) -> None:
    """`user` None is the system itself (a scheduled task); anyone else must coordinate the round."""
    if user is not None and not user.has_perm("selection.manage_round", selection_round):
        raise SelectionError(_("Only the coordinators of this round can do this."))


# --- The application machine ----------------------------------------------------------------------


@transaction.atomic
def application_transition(*, application: Application, to_status: str, by, note: str = "") -> Application:
    """The one way an application changes status (`core.workflow.transition`): lock, check the table, stamp,
    save, write history."""

    def stamp(locked: Application, from_status: str, now) -> list[str]:
        locked.status_changed_at = now
        if to_status == S.SUBMITTED and locked.submitted_at is None:
            locked.submitted_at = now
        if to_status == S.WITHDRAWN:
            locked.withdrawal_reason = note
        return ["status_changed_at", "submitted_at", "withdrawal_reason"]

    workflow.transition(
        application,
        to_status=to_status,
        transitions=APPLICATION_TRANSITIONS,
        by=by,
        note=note,
        choices=S,
        error=SelectionError,
        message=_("A dossier cannot go from “%(from)s” to “%(to)s”."),
        stamp=stamp,
        history=_application_history,
    )
    return application


_application_history = workflow.history_row(ApplicationTransition, parent="application")


def _round_is_open(selection_round: SelectionRound, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return selection_round.opens_at <= now < selection_round.closes_at


@transaction.atomic
def application_start(*, selection_round: SelectionRound, candidate) -> Application:
    """The candidate's live dossier in this round, created as a draft if there is none yet."""
    existing = (
        Application.objects.filter(selection_round=selection_round, candidate=candidate)
        .exclude(status=S.WITHDRAWN)
        .first()
    )
    if existing:
        return existing
    if not _round_is_open(selection_round):
        raise SelectionError(_("This call for applications is not open."))
    application = Application(selection_round=selection_round, candidate=candidate)
    application.full_clean()
    application.save()
    ApplicationTransition.objects.create(
        application=application, by=candidate, from_status=S.DRAFT, to_status=S.DRAFT, note=_("Dossier started")
    )
    return application


@transaction.atomic
def application_save_draft(*, application: Application, by, data: dict[str, Any]) -> Application:
    """Save what the candidate typed so far, as often as they want, while the dossier is theirs to edit."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in EDITABLE_APPLICATION_STATUSES:
        raise SelectionError(_("This dossier can no longer be changed."))
    for name in DOSSIER_FIELDS:
        if name in data:
            setattr(application, name, (data[name] or "").strip())
    if "answers" in data:
        questions = application.selection_round.questions.values_list("pk", "hidden_at")
        asked = {str(pk) for pk, hidden_at in questions if hidden_at is None}
        hidden = {str(pk) for pk, hidden_at in questions if hidden_at is not None}
        # Answers to a question the coordination has since hidden are kept as they were.
        kept = {k: v for k, v in (application.answers or {}).items() if k in hidden}
        application.answers = kept | {k: str(v).strip() for k, v in data["answers"].items() if str(k) in asked}
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def document_upload(
    *, application: Application, required_document: RequiredDocument, uploaded_file, by
) -> ApplicationDocument:
    """Check and store a document; replaces the previous file for the same requirement."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in EDITABLE_APPLICATION_STATUSES:
        raise SelectionError(_("This dossier can no longer be changed."))
    if required_document.selection_round_id != application.selection_round_id or required_document.archived_at:
        raise SelectionError(_("This document is not asked for in this round."))
    try:
        checked = check_upload(
            uploaded_file,
            allowed=kinds_for_extensions(required_document.extensions),
            max_bytes=required_document.max_bytes,
            check_extension=True,
        )
    except UploadRefused as exc:
        raise SelectionError(str(exc)) from exc
    document = ApplicationDocument.objects.filter(application=application, required_document=required_document).first()
    old_file = document.file.name if document else None
    if document is None:
        document = ApplicationDocument(application=application, required_document=required_document)
    document.original_name = uploaded_file.name
    document.size = checked.size
    # The stored name is random, with the extension of the detected type (see application_document_path).
    document.file.save(f"document.{checked.extension}", uploaded_file, save=False)
    document.status = DocumentStatus.PENDING
    document.comment = ""
    document.checked_by = None
    document.checked_at = None
    document.save()
    if old_file:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return document


def missing_for_submission(*, application: Application) -> list[str]:
    """What the candidate still has to fill or upload, in plain words."""
    missing = [
        str(Application._meta.get_field(name).verbose_name)
        for name in REQUIRED_DOSSIER_FIELDS
        if not getattr(application, name).strip()
    ]
    uploaded = {d.required_document_id: d.status for d in ApplicationDocument.objects.filter(application=application)}
    for required in application.selection_round.required_documents.filter(archived_at__isnull=True):
        if required.pk not in uploaded or uploaded[required.pk] == DocumentStatus.REFUSED:
            missing.append(required.label)
    return missing


@transaction.atomic
def application_submit(*, application: Application, by) -> Application:
    """Send the dossier to the coordinators. A first submission must happen before the closing date;
    a dossier sent back as incomplete may be completed after it (it was submitted in time)."""
    application = Application.objects.select_for_update().select_related("selection_round").get(pk=application.pk)
    if by != application.candidate:
        raise SelectionError(_("Only the candidate can submit the dossier."))
    now = timezone.now()
    if application.status == S.DRAFT and not _round_is_open(application.selection_round, now):
        closes = timezone.localtime(application.selection_round.closes_at)
        raise SelectionError(
            _("The call for applications closed on %(date)s; the dossier can no longer be sent.")
            % {"date": closes.strftime("%d/%m/%Y %H:%M")}
        )
    missing = missing_for_submission(application=application)
    if missing:
        raise SelectionError(_("Some parts are still missing: %(list)s.") % {"list": ", ".join(missing)})
    application = application_transition(application=application, to_status=S.SUBMITTED, by=by)
    selection_messages.dossier_received(application=application, by=by)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by, reason: str) -> Application:
    """Withdraw from any open stage. A held place is released and offered to the waiting list."""
    reason = (reason or "").strip()
    if not reason:
        raise SelectionError(_("Please give a reason; a few words are enough."))
    selection_round = SelectionRound.objects.select_for_update().get(pk=application.selection_round_id)
    if by != application.candidate:
        _require_coordinator(by, selection_round)
    application.refresh_from_db()
    if application.status not in OPEN_APPLICATION_STATUSES:
        raise SelectionError(_("This dossier is closed and cannot be withdrawn."))
    released = False
    for offer in Offer.objects.select_for_update().filter(application=application, status=OfferStatus.OPEN):
        _offer_transition(offer=offer, to_status=OfferStatus.WITHDRAWN, by=by, note=reason)
        released = True
    InterviewBooking.objects.filter(application=application).delete()
    application = application_transition(application=application, to_status=S.WITHDRAWN, by=by, note=reason)
    if released:
        waitlist_promote(selection_round=selection_round)
    selection_messages.withdrawn(application=application, by=by)
    return application


# --- Document check -------------------------------------------------------------------------------


@transaction.atomic
def document_check(*, document: ApplicationDocument, by, validated: bool, comment: str = "") -> ApplicationDocument:
    application = (
        Application.objects.select_for_update().select_related("selection_round").get(pk=document.application_id)
    )
    _require_coordinator(by, application.selection_round)
    if application.status != S.SUBMITTED:
        raise SelectionError(_("Documents are checked once the dossier has been submitted."))
    comment = (comment or "").strip()
    if not validated and not comment:
        raise SelectionError(_("Please tell the candidate what to change in this document."))
    to_status = DocumentStatus.VALIDATED if validated else DocumentStatus.REFUSED
    workflow.check(DOCUMENT_TRANSITIONS, document.status, to_status, choices=DocumentStatus, error=SelectionError)
    document.status = to_status
    document.comment = comment
    document.checked_by = by
    document.checked_at = timezone.now()
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def application_check_done(*, application: Application, by) -> Application:
    """Close the document check: complete if every document is validated, otherwise back to the candidate."""
    _require_coordinator(by, application.selection_round)
    documents = {d.required_document_id: d for d in application.documents.all()}
    required = list(application.selection_round.required_documents.filter(archived_at__isnull=True))
    pending = [r.label for r in required if r.pk in documents and documents[r.pk].status == DocumentStatus.PENDING]
    if pending:
        raise SelectionError(_("Some documents are not checked yet: %(list)s.") % {"list": ", ".join(pending)})
    to_fix = [
        f"{r.label} — {documents[r.pk].comment}" if r.pk in documents else r.label
        for r in required
        if r.pk not in documents or documents[r.pk].status == DocumentStatus.REFUSED
    ]
    if to_fix:
        application = application_transition(
            application=application, to_status=S.INCOMPLETE, by=by, note="; ".join(to_fix)
        )
        selection_messages.dossier_incomplete(application=application, by=by)
    else:
        application = application_transition(application=application, to_status=S.COMPLETE, by=by)
    return application


# --- Jury -----------------------------------------------------------------------------------------


def _jury_ids(selection_round: SelectionRound) -> set[int]:
    ids = set(selection_round.jury_members.values_list("pk", flat=True))
    if selection_round.jury_president_id:
        ids.add(selection_round.jury_president_id)
    return ids


@transaction.atomic
def jury_assign(*, application: Application, reviewer, by) -> JuryAssignment:
    selection_round = application.selection_round
    _require_coordinator(by, selection_round)
    if reviewer.pk not in _jury_ids(selection_round):
        raise SelectionError(_("This person is not a member of the round's jury."))
    if ConflictOfInterest.objects.filter(application=application, reviewer=reviewer).exists():
        raise SelectionError(_("This jury member declared a conflict of interest with this dossier."))
    if application.status not in (S.COMPLETE, S.UNDER_REVIEW, S.INTERVIEW_INVITED, S.INTERVIEWED):
        raise SelectionError(_("Only complete dossiers are given to the jury."))
    assignment, _created = JuryAssignment.objects.get_or_create(
        application=application, reviewer=reviewer, defaults={"assigned_by": by}
    )
    if application.status == S.COMPLETE:
        application_transition(application=application, to_status=S.UNDER_REVIEW, by=by, note=_("Given to the jury"))
    return assignment


@transaction.atomic
def jury_assign_balanced(*, selection_round: SelectionRound, by) -> int:
    """Give each complete or reviewed dossier enough non-conflicted reviewers, always to the least loaded."""
    _require_coordinator(by, selection_round)
    SelectionRound.objects.select_for_update().get(pk=selection_round.pk)
    jury = sorted(_jury_ids(selection_round))
    if not jury:
        raise SelectionError(_("The round has no jury members yet."))
    load = dict.fromkeys(jury, 0)
    for row in (
        JuryAssignment.objects.filter(application__selection_round=selection_round, reviewer_id__in=jury)
        .values("reviewer_id")
        .annotate(n=Count("id"))
    ):
        load[row["reviewer_id"]] = row["n"]

    reviewers = {u.pk: u for u in User.objects.filter(pk__in=jury)}
    created = 0
    applications = (
        Application.objects.filter(selection_round=selection_round, status__in=[S.COMPLETE, S.UNDER_REVIEW])
        .prefetch_related("assignments", "conflicts")
        .order_by("pk")
    )
    for application in applications:
        assigned = {a.reviewer_id for a in application.assignments.all()}
        conflicted = {c.reviewer_id for c in application.conflicts.all()}
        active = len(assigned - conflicted)
        candidates = sorted(
            (pk for pk in jury if pk not in assigned and pk not in conflicted), key=lambda pk: (load[pk], pk)
        )
        for pk in candidates[: max(0, selection_round.reviews_per_application - active)]:
            jury_assign(application=application, reviewer=reviewers[pk], by=by)
            load[pk] += 1
            created += 1
    return created


@transaction.atomic
def conflict_declare(*, application: Application, reviewer, reason: str = "") -> ConflictOfInterest:
    """The reviewer steps aside from this dossier; their draft review is discarded."""
    conflict, _created = ConflictOfInterest.objects.get_or_create(
        application=application, reviewer=reviewer, defaults={"reason": (reason or "").strip()}
    )
    Review.objects.filter(application=application, reviewer=reviewer, submitted_at__isnull=True).delete()
    return conflict


@transaction.atomic
def review_save(
    *, application: Application, reviewer, scores: dict[int, int], comment: str = "", submit: bool = False
) -> Review:
    """Save a review (draft or submitted). A submitted review is final."""
    if not reviewer.has_perm("selection.review_dossier", application):
        raise SelectionError(_("This dossier is not assigned to you."))
    if application.status not in (S.UNDER_REVIEW, S.INTERVIEW_INVITED, S.INTERVIEWED):
        raise SelectionError(_("Reviews are closed for this dossier."))
    review, _created = Review.objects.select_for_update().get_or_create(application=application, reviewer=reviewer)
    if review.submitted_at:
        raise SelectionError(_("Your review has already been submitted."))
    criteria = {c.pk: c for c in application.selection_round.criteria.all()}
    errors = []
    for pk, criterion in criteria.items():
        value = scores.get(pk)
        if value is None:
            if submit:
                errors.append(_("Please score “%(c)s”.") % {"c": criterion.label})
            continue
        if not 0 <= int(value) <= criterion.max_score:
            errors.append(
                _("“%(c)s” is scored from 0 to %(max)s.") % {"c": criterion.label, "max": criterion.max_score}
            )
    if errors:
        raise SelectionError(" ".join(errors))
    review.comment = (comment or "").strip()
    if submit:
        review.submitted_at = timezone.now()
    review.save()
    for pk, value in scores.items():
        if pk in criteria and value is not None:
            ReviewScore.objects.update_or_create(review=review, criterion_id=pk, defaults={"score": int(value)})
    return review


# --- Interviews -----------------------------------------------------------------------------------


@transaction.atomic
def slot_create(
    *,
    selection_round: SelectionRound,
    by,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str,
    jury=(),
) -> InterviewSlot:
    _require_coordinator(by, selection_round)
    slot = InterviewSlot(selection_round=selection_round, starts_at=starts_at, ends_at=ends_at, place=place.strip())
    if ends_at <= starts_at:
        raise SelectionError(_("The slot must end after it starts."))
    slot.full_clean()
    slot.save()
    jury_ids = _jury_ids(selection_round)
    slot.jury.set([u for u in jury if u.pk in jury_ids])
    return slot


@transaction.atomic
def interview_invite(*, application: Application, by) -> Application:
    _require_coordinator(by, application.selection_round)
    application = application_transition(application=application, to_status=S.INTERVIEW_INVITED, by=by)
    selection_messages.interview_invited(application=application, by=by)
    return application


@transaction.atomic
def interview_book(*, application: Application, slot: InterviewSlot, by) -> InterviewBooking:
    """Book (or move) the interview. A booking can be moved until 48 hours before it."""
    if by != application.candidate:
        raise SelectionError(_("Only the candidate can book the interview."))
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != S.INTERVIEW_INVITED:
        raise SelectionError(_("There is no interview to book for this dossier."))
    slot = InterviewSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.selection_round_id != application.selection_round_id:
        raise SelectionError(_("This slot belongs to another call for applications."))
    now = timezone.now()
    if slot.starts_at <= now:
        raise SelectionError(_("This slot has already passed."))
    existing = InterviewBooking.objects.select_related("slot").filter(application=application).first()
    if existing and existing.slot_id == slot.pk:
        return existing
    if existing and existing.slot.starts_at - now < BOOKING_CHANGE_LIMIT:
        raise SelectionError(_too_late_to_change(application, moving=True))
    if InterviewBooking.objects.filter(slot=slot).exists():
        raise SelectionError(_("This slot has just been taken. Please choose another one."))
    when = _slot_label(slot)
    if existing:
        note = _("Interview moved from %(old)s to %(new)s") % {"old": _slot_label(existing.slot), "new": when}
        existing.slot = slot
        existing.save()
        booking = existing
    else:
        note = _("Interview booked: %(when)s") % {"when": when}
        booking = InterviewBooking.objects.create(slot=slot, application=application)
    booking.application = application
    transition = _history_note(application=application, by=by, note=note)
    selection_messages.interview_booked(booking=booking, transition=transition, by=by)
    return booking


def _slot_label(slot: InterviewSlot) -> str:
    return timezone.localtime(slot.starts_at).strftime("%d/%m/%Y %H:%M")


def _history_note(*, application: Application, by, note: str) -> ApplicationTransition:
    """A history row for an event that does not change the status (an interview booked, moved, cancelled)."""
    return ApplicationTransition.objects.create(
        application=application, by=by, from_status=application.status, to_status=application.status, note=note
    )


def _too_late_to_change(application: Application, *, moving: bool) -> str:
    contact = selection_messages.coordination_contact(application.selection_round)
    if moving:
        text = _("Your interview is less than 48 hours away and can no longer be moved online.")
    else:
        text = _("Your interview is less than 48 hours away and can no longer be cancelled online.")
    if contact:
        return text + " " + _("Please write to the coordination team: %(contact)s.") % {"contact": contact}
    return text + " " + _("Please write to the coordination team.")


@transaction.atomic
def interview_cancel(*, application: Application, by) -> Application:
    """The candidate cancels their booking, until 48 hours before the slot; the slot is free again."""
    if by != application.candidate:
        raise SelectionError(_("Only the candidate can cancel the interview."))
    application = Application.objects.select_for_update().select_related("selection_round").get(pk=application.pk)
    if application.status != S.INTERVIEW_INVITED:
        raise SelectionError(_("There is no interview to cancel for this dossier."))
    booking = InterviewBooking.objects.select_for_update().filter(application=application).first()
    if booking is None:
        raise SelectionError(_("There is no interview to cancel for this dossier."))
    slot = booking.slot
    if slot.starts_at - timezone.now() < BOOKING_CHANGE_LIMIT:
        raise SelectionError(_too_late_to_change(application, moving=False))
    booking.delete()
    transition = _history_note(
        application=application, by=by, note=_("Interview cancelled: %(when)s") % {"when": _slot_label(slot)}
    )
    selection_messages.interview_cancelled(application=application, slot=slot, transition=transition, by=by)
    return application


@transaction.atomic
def interview_record(*, application: Application, by, note: str = "") -> Application:
    """The jury records that the interview took place (and its notes)."""
    booking = InterviewBooking.objects.filter(application=application).select_related("slot").first()
    if not by.has_perm("selection.record_interview", application):
        raise SelectionError(_("Only the interview's jury or the coordinators can record it."))
    if booking:
        booking.outcome_note = (note or "").strip()
        booking.save(update_fields=["outcome_note"])
    return application_transition(application=application, to_status=S.INTERVIEWED, by=by, note=note)


# --- Decisions, publication, offers ---------------------------------------------------------------


@transaction.atomic
def decision_record(
    *, application: Application, by, outcome: str, rank: int | None = None, reason: str = ""
) -> Decision:
    """Record (or change) the jury's decision. Nothing is visible to the candidate until publication."""
    if not by.has_perm("selection.record_decision", application):
        raise SelectionError(_("Only the coordinators of this round or its jury president can do this."))
    if application.status not in (S.UNDER_REVIEW, S.INTERVIEWED, S.DELIBERATED):
        raise SelectionError(_("A decision can be recorded after the review or the interview."))
    outcome = DecisionOutcome(outcome)
    if outcome == DecisionOutcome.WAITLISTED and not rank:
        raise SelectionError(_("Please give the rank on the waiting list."))
    if outcome == DecisionOutcome.WAITLISTED:
        same_rank = (
            Decision.objects.filter(
                application__selection_round_id=application.selection_round_id,
                outcome=DecisionOutcome.WAITLISTED,
                rank=rank,
            )
            .exclude(application=application)
            .select_related("application__candidate")
            .first()
        )
        if same_rank is not None:
            raise SelectionError(
                _("Rank %(rank)s on the waiting list is already given to %(name)s. Please choose another rank.")
                % {"rank": rank, "name": same_rank.application.candidate.full_name or same_rank.application.reference}
            )
    if outcome == DecisionOutcome.REFUSED and not (reason or "").strip():
        raise SelectionError(_("Please give the reason that will be written in the letter."))
    decision, _created = Decision.objects.update_or_create(
        application=application,
        defaults={
            "outcome": outcome,
            "rank": rank if outcome == DecisionOutcome.WAITLISTED else None,
            "reason": (reason or "").strip(),
            "recorded_by": by,
        },
    )
    decision.full_clean()
    if application.status != S.DELIBERATED:
        application_transition(application=application, to_status=S.DELIBERATED, by=by, note=_("Decision recorded"))
    return decision


@transaction.atomic
def decisions_publish(*, selection_round: SelectionRound, by) -> int:
    """The jury president publishes every recorded decision together; offers go to the admitted."""
    selection_round = SelectionRound.objects.select_for_update().get(pk=selection_round.pk)
    if not by.has_perm("selection.publish_decisions", selection_round):
        raise SelectionError(_("Only the jury president can publish the decisions."))
    applications = list(
        Application.objects.filter(selection_round=selection_round, status=S.DELIBERATED)
        .select_related("decision")
        .order_by("pk")
    )
    if not applications:
        raise SelectionError(_("There is no decision to publish."))
    admitted = [a for a in applications if a.decision.outcome == DecisionOutcome.ADMITTED]
    free = selection_round.capacity - _places_held(selection_round)
    if len(admitted) > free:
        raise SelectionError(
            _("%(n)s candidates are admitted but only %(free)s places are free. Put the others on the waiting list.")
            % {"n": len(admitted), "free": free}
        )
    now = timezone.now()
    for application in applications:
        decision = application.decision
        application_transition(application=application, to_status=decision.outcome, by=by, note=_("Published"))
        decision.published_at = now
        decision.save(update_fields=["published_at"])
        offer = None
        if decision.outcome == DecisionOutcome.ADMITTED:
            offer = offer_create(application=application, by=by)
        selection_messages.decision_letter_queued(application=application, offer=offer, by=by)
    selection_round.decisions_published_at = now
    selection_round.save(update_fields=["decisions_published_at"])
    # Places left free by the published admissions go to the waiting list at once.
    waitlist_promote(selection_round=selection_round)
    return len(applications)


def _places_held(selection_round: SelectionRound) -> int:
    return Offer.objects.filter(selection_round=selection_round, status__in=PLACE_HOLDING_OFFER_STATUSES).count()


def _recount_places(selection_round_id: int) -> None:
    """Write the number of places held on the round (the caller holds the round's lock)."""
    held = Offer.objects.filter(selection_round_id=selection_round_id, status__in=PLACE_HOLDING_OFFER_STATUSES)
    SelectionRound.objects.filter(pk=selection_round_id).update(places_held=held.count())


@transaction.atomic
def offer_create(*, application: Application, by, note: str = "") -> Offer:
    """Offer a place. The round row is locked so that open + confirmed offers never exceed its capacity."""
    selection_round = SelectionRound.objects.select_for_update().get(pk=application.selection_round_id)
    if _places_held(selection_round) >= selection_round.capacity:
        raise CapacityReached(_("Every place of this round is already offered or taken."))
    if application.status != S.ADMITTED:
        raise SelectionError(_("Only an admitted candidate can receive an offer."))
    deadline = timezone.now() + datetime.timedelta(days=selection_round.offer_response_days)
    offer = Offer.objects.create(application=application, selection_round=selection_round, deadline=deadline)
    OfferTransition.objects.create(offer=offer, by=by, from_status="", to_status=OfferStatus.OPEN, note=note)
    _recount_places(selection_round.pk)
    return offer


@transaction.atomic
def _offer_transition(*, offer: Offer, to_status: str, by, note: str = "") -> Offer:
    """The one way an offer changes status (the caller holds the round lock); each move is written down."""
    workflow.transition(
        offer,
        to_status=to_status,
        transitions=OFFER_TRANSITIONS,
        by=by,
        note=note,
        choices=OfferStatus,
        error=SelectionError,
        message=_("This offer is already “%(from)s”."),
        stamp=lambda locked, from_status, now: _stamp_offer(locked, now=now, note=note),
        history=_offer_history,
    )
    _recount_places(offer.selection_round_id)
    return offer


def _stamp_offer(offer: Offer, *, now, note: str) -> list[str]:
    offer.answered_at, offer.note = now, note
    return ["answered_at", "note"]


_offer_history = workflow.history_row(OfferTransition, parent="offer")


def _lock_round_for(offer: Offer) -> SelectionRound:
    return SelectionRound.objects.select_for_update().get(pk=offer.selection_round_id)


@transaction.atomic
def offer_confirm(*, offer: Offer, by) -> Enrolment:
    """The candidate takes the place: they become a learner of the round's cohort, nothing retyped."""
    selection_round = _lock_round_for(offer)
    offer.refresh_from_db()
    application = offer.application
    if by != application.candidate:
        raise SelectionError(_("Only the candidate can answer this offer."))
    if offer.status == OfferStatus.OPEN and offer.deadline <= timezone.now():
        raise SelectionError(_("The deadline to answer this offer has passed."))
    # Checked again here, under the round's lock: whatever happened to the offers or the capacity since
    # this offer was made, confirming never takes a place beyond the round's capacity.
    confirmed = Offer.objects.filter(selection_round=selection_round, status=OfferStatus.CONFIRMED).count()
    if offer.status == OfferStatus.OPEN and confirmed >= selection_round.capacity:
        raise CapacityReached(
            _(
                "All %(capacity)d places of this round are already confirmed, so this one cannot be. "
                "The coordination will contact you; you can also write to them."
            )
            % {"capacity": selection_round.capacity}
        )
    _offer_transition(offer=offer, to_status=OfferStatus.CONFIRMED, by=by)
    application_transition(application=application, to_status=S.ENROLLED, by=by, note=_("Place confirmed"))
    enrolment, _created = Enrolment.objects.get_or_create(cohort=selection_round.cohort, learner=application.candidate)
    cohort_changed(cohort_ids=[enrolment.cohort_id])
    selection_messages.place_confirmed(application=application, by=by)
    return enrolment


@transaction.atomic
def offer_decline(*, offer: Offer, by, reason: str = "") -> Offer:
    selection_round = _lock_round_for(offer)
    offer.refresh_from_db()
    application = offer.application
    if by != application.candidate:
        raise SelectionError(_("Only the candidate can answer this offer."))
    if offer.status == OfferStatus.OPEN and offer.deadline <= timezone.now():
        raise SelectionError(_("The deadline to answer this offer has passed."))
    _offer_transition(offer=offer, to_status=OfferStatus.DECLINED, by=by, note=reason)
    application_transition(application=application, to_status=S.DECLINED, by=by, note=reason or _("Place declined"))
    waitlist_promote(selection_round=selection_round)
    return offer


@transaction.atomic
def offer_expire(*, offer: Offer) -> bool:
    """Expire an open offer whose deadline passed; False when there is nothing to do (safe to repeat)."""
    selection_round = _lock_round_for(offer)
    offer = Offer.objects.select_for_update().select_related("application").get(pk=offer.pk)
    if offer.status != OfferStatus.OPEN or offer.deadline > timezone.now():
        return False
    _offer_transition(offer=offer, to_status=OfferStatus.EXPIRED, by=None, note=_("No answer before the deadline"))
    application_transition(
        application=offer.application, to_status=S.DECLINED, by=None, note=_("No answer before the deadline")
    )
    selection_messages.offer_expired(application=offer.application, offer=offer)
    waitlist_promote(selection_round=selection_round)
    return True


@transaction.atomic
def waitlist_promote(*, selection_round: SelectionRound) -> list[Offer]:
    """Offer each free place to the best-ranked waitlisted candidate, in rank order.

    The promotion is the platform's own doing, whatever set it off (a decline, an expiry, a withdrawal,
    the publication): its history rows have no author and say it was automatic.
    """
    selection_round = SelectionRound.objects.select_for_update().get(pk=selection_round.pk)
    offers = []
    free = selection_round.capacity - _places_held(selection_round)
    if free <= 0:
        return offers
    waiting = (
        Application.objects.filter(selection_round=selection_round, status=S.WAITLISTED)
        .select_related("decision")
        .order_by("decision__rank", "pk")[:free]
    )
    note = _("Automatic promotion from the waiting list: a place became free")
    for application in waiting:
        application_transition(application=application, to_status=S.ADMITTED, by=None, note=note)
        offer = offer_create(application=application, by=None, note=note)
        offers.append(offer)
        selection_messages.place_offered(application=application, offer=offer, by=None)
    return offers


# --- Privacy --------------------------------------------------------------------------------------


def dossier_read_log(*, application: Application, reader, kind: AccessKind, detail: str = "") -> None:
    """Write down who read a dossier (its page, its PDF, one of its files), except the candidate reading their own."""
    access_record(
        reader=reader,
        person=application.candidate_id,
        kind=kind,
        target=application,
        cohort_id=application.selection_round.cohort_id,
        detail=detail,
    )


def dossier_reads_log(*, applications, reader, what: str) -> None:
    """Write down one read per dossier for an export that carried sensitive answers (one query)."""
    applications = list(applications)
    if not applications:
        return
    access_record_many(
        reader=reader,
        person_ids=[application.candidate_id for application in applications],
        kind=AccessKind.EXPORT,
        cohort_id=applications[0].selection_round.cohort_id,
        detail=what,
    )


@transaction.atomic
def application_anonymise(*, application: Application) -> bool:
    """Erase what identifies the candidate and delete the files of a refused, withdrawn or declined dossier."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.anonymised_at or application.status not in ANONYMISED_APPLICATION_STATUSES:
        return False
    for document in application.documents.all():
        name, storage = document.file.name, document.file.storage
        transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
        document.delete()
    for field in (*DOSSIER_FIELDS, "withdrawal_reason"):
        setattr(application, field, "")
    application.answers = {}
    candidate_id = application.candidate_id
    application.candidate = None
    application.anonymised_at = timezone.now()
    application.save()
    # The history keeps who did what on the staff side, but nothing that leads back to the candidate.
    application.transitions.filter(by_id=candidate_id).update(by=None)
    application.transitions.update(note="")
    application.conflicts.update(reason="")
    application.offers.update(note="")
    OfferTransition.objects.filter(offer__application=application).update(note="")
    OfferTransition.objects.filter(offer__application=application, by_id=candidate_id).update(by=None)
    # Who read the dossier stays written down, but no longer says about whom.
    access_records_detach(target=application)
    Review.objects.filter(application=application).update(comment="")
    InterviewBooking.objects.filter(application=application).update(outcome_note="")
    Decision.objects.filter(application=application).update(reason=_("(anonymised)"))
    # The messages about this dossier (their recipient, their wording data) would lead back to the person.

    outbox_forget(subjects=[application, *application.offers.all()])
    return True


def applications_due_for_anonymisation(*, now: datetime.datetime):
    """Closed dossiers whose round's retention period has passed (one query per distinct period, a handful)."""
    closed = Application.objects.filter(status__in=ANONYMISED_APPLICATION_STATUSES, anonymised_at__isnull=True)
    periods = closed.values_list("selection_round__anonymise_after_months", flat=True).distinct()
    due = Application.objects.none()
    for months in sorted(set(periods)):
        due = due | closed.filter(
            selection_round__anonymise_after_months=months, status_changed_at__lte=months_after(now, -months)
        )
    return due


# --- Round settings -------------------------------------------------------------------------------


@transaction.atomic
def round_save(*, selection_round: SelectionRound, by, president=None, jury=()) -> SelectionRound:
    """Create or change a round; only a coordinator of its cohort may, never below the places held."""
    if not by.has_perm("cohorts.coordinate_cohort", selection_round.cohort):
        raise SelectionError(_("Only the coordinators of this cohort can do this."))
    if selection_round.pk:
        # Under the round's lock no offer can be made meanwhile; the database constraint backs this up.
        SelectionRound.objects.select_for_update().get(pk=selection_round.pk)
        held = _places_held(selection_round)
        if selection_round.capacity is not None and selection_round.capacity < held:
            raise SelectionError(capacity_below_held_message(held))
    selection_round.jury_president = president
    selection_round.full_clean()
    selection_round.save()
    selection_round.jury_members.set(jury)
    return selection_round


SETTING_KINDS = {"document": RequiredDocument, "criterion": ScoringCriterion, "question": RoundQuestion}


def _setting_kind(item) -> str:
    return next(kind for kind, model in SETTING_KINDS.items() if isinstance(item, model))


def _setting_log(*, selection_round: SelectionRound, by, item, action: str, details: str = "") -> None:
    RoundSettingChange.objects.create(
        selection_round=selection_round,
        by=by,
        kind=_setting_kind(item),
        action=action,
        label=item.label[:300],
        details=details,
    )


def _lock_setting(selection_round: SelectionRound, item):
    """The item, re-read under lock, checked to belong to the round."""
    locked = type(item).objects.select_for_update().filter(pk=item.pk, selection_round=selection_round).first()
    if locked is None:
        raise SelectionError(_("This setting does not belong to this round."))
    return locked


@transaction.atomic
def round_setting_add(*, selection_round: SelectionRound, by, item):
    """Add a required document, a scoring criterion or a question to the round."""
    _require_coordinator(by, selection_round)
    item.selection_round = selection_round
    item.position = type(item).objects.filter(selection_round=selection_round).count() + 1
    item.full_clean()
    item.save()
    _setting_log(selection_round=selection_round, by=by, item=item, action=RoundSettingChange.Action.ADDED)
    return item


# What may change on each kind of setting once candidates or reviewers used it. The label can always be
# reworded, except a question's once answered: the answers were written to that wording.
_SETTING_FIELDS = {
    "document": ("label", "help_text", "accepted_extensions", "max_size_mb"),
    "criterion": ("label", "weight", "max_score"),
    "question": ("label", "identifying", "sensitive"),
}


def _question_answered(question: RoundQuestion) -> bool:
    # Read in Python: a digit key in a JSON lookup would be taken as an array index on PostgreSQL.
    key = str(question.pk)
    answers = Application.objects.filter(
        selection_round_id=question.selection_round_id, answers__has_key=key
    ).values_list("answers", flat=True)
    return any(str(a.get(key) or "").strip() for a in answers.iterator(chunk_size=500))


def _criterion_scored(criterion: ScoringCriterion) -> bool:
    return ReviewScore.objects.filter(criterion=criterion).exists()


def _document_uploaded(document: RequiredDocument) -> bool:
    return ApplicationDocument.objects.filter(required_document=document).exists()


@transaction.atomic
def round_setting_update(*, selection_round: SelectionRound, by, item, data: dict[str, Any]):
    """Change a document, criterion or question of the round, within what its use allows."""
    _require_coordinator(by, selection_round)
    kind = _setting_kind(item)
    locked = _lock_setting(selection_round, item)
    changes = {}
    for name in _SETTING_FIELDS[kind]:
        if name in data and data[name] != getattr(locked, name):
            changes[name] = (getattr(locked, name), data[name])
    if not changes:
        return locked
    if kind == "criterion" and {"weight", "max_score"} & changes.keys() and _criterion_scored(locked):
        raise SelectionError(
            _(
                "Reviewers have already scored this criterion: its weight and maximum can no longer change, "
                "otherwise the scores already given would no longer mean the same thing. You can still reword it."
            )
        )
    if kind == "question" and "label" in changes and _question_answered(locked):
        raise SelectionError(
            _(
                "Candidates have already answered this question, so its wording can no longer change. "
                "You can hide it (the answers are kept) and add a new question."
            )
        )
    for name, (_old, new) in changes.items():
        setattr(locked, name, new)
    locked.full_clean()
    locked.save()
    details = "; ".join(
        f"{type(locked)._meta.get_field(name).verbose_name}: {old} → {new}" for name, (old, new) in changes.items()
    )
    _setting_log(
        selection_round=selection_round, by=by, item=locked, action=RoundSettingChange.Action.CHANGED, details=details
    )
    return locked


@transaction.atomic
def round_setting_remove(*, selection_round: SelectionRound, by, item) -> str:
    """Remove a setting, or keep it out of sight when removing it would lose what people wrote.

    Returns the action taken: ``removed``, or ``archived`` (a document with uploads, a question with answers:
    no longer asked, files and answers kept). A criterion already scored cannot be removed at all.
    """
    _require_coordinator(by, selection_round)
    kind = _setting_kind(item)
    locked = _lock_setting(selection_round, item)
    Action = RoundSettingChange.Action
    if kind == "criterion":
        if _criterion_scored(locked):
            raise SelectionError(
                _(
                    "Reviewers have already scored this criterion: removing it would change the ranking "
                    "and erase their scores. It stays in the grid."
                )
            )
        action = Action.REMOVED
    else:
        used = _document_uploaded(locked) if kind == "document" else _question_answered(locked)
        action = Action.ARCHIVED if used else Action.REMOVED
    _setting_log(selection_round=selection_round, by=by, item=locked, action=action)
    if action == Action.REMOVED:
        locked.delete()
    elif kind == "document":
        locked.archived_at = timezone.now()
        locked.save(update_fields=["archived_at"])
    else:
        locked.hidden_at = timezone.now()
        locked.save(update_fields=["hidden_at"])
    return action


@transaction.atomic
def round_setting_restore(*, selection_round: SelectionRound, by, item):
    """Ask again for an archived document or a hidden question."""
    _require_coordinator(by, selection_round)
    kind = _setting_kind(item)
    locked = _lock_setting(selection_round, item)
    field = {"document": "archived_at", "question": "hidden_at"}.get(kind)
    if field is None or getattr(locked, field) is None:
        raise SelectionError(_("This setting is already in use."))
    setattr(locked, field, None)
    locked.save(update_fields=[field])
    _setting_log(selection_round=selection_round, by=by, item=locked, action=RoundSettingChange.Action.RESTORED)
    return locked

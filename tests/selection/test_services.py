import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import timezone, translation

from cohorts.models import Enrolment
from selection import services
from selection.enums import ApplicationStatus as S
from selection.enums import DecisionOutcome, DocumentStatus, OfferStatus
from selection.models import (
    Application,
    ApplicationTransition,
    ConflictOfInterest,
    Decision,
    InterviewBooking,
    Offer,
    Review,
)
from selection.services import SelectionError
from tests.factories import (
    ApplicationDocumentFactory,
    ApplicationFactory,
    DecisionFactory,
    InterviewSlotFactory,
    OfferFactory,
    SelectionRoundFactory,
    UserFactory,
)
from tests.factories.cohorts import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched on their English source here; the French catalogue is tested by the pages."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _no_quiet_hours(settings):
    """The selection's e-mails are outbox messages; when they wait for the morning is tested in
    test_selection_messages. Here they go at once, whatever the hour the suite runs."""
    settings.REMINDERS_QUIET_HOURS = None


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): ...` runs the after-commit work (e-mails, file deletion) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def pdf(name="cv.pdf", data=PDF_BYTES):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def ready_draft(selection_round):
    application = ApplicationFactory(selection_round=selection_round)
    services.document_upload(
        application=application,
        required_document=selection_round.required_documents.first(),
        uploaded_file=pdf(),
        by=application.candidate,
    )
    return application


# --- Candidate: draft, upload, submit, withdraw ----------------------------------------------------


def test_start_returns_the_same_live_dossier(selection_round):
    candidate = UserFactory()
    first = services.application_start(selection_round=selection_round, candidate=candidate)
    assert services.application_start(selection_round=selection_round, candidate=candidate) == first
    assert first.status == S.DRAFT


def test_start_refused_when_round_closed(cohort):
    closed = SelectionRoundFactory(cohort=cohort, closed=True)
    with pytest.raises(SelectionError, match=r"This call for applications is not open\."):
        services.application_start(selection_round=closed, candidate=UserFactory())


def test_one_live_application_per_candidate_and_round_in_database(selection_round):
    application = ApplicationFactory(selection_round=selection_round)
    with pytest.raises(IntegrityError, match=r"(?is)unique.*selection_round_id.*candidate_id"):
        ApplicationFactory(selection_round=selection_round, candidate=application.candidate)


def test_withdrawn_application_does_not_block_a_new_one(selection_round):
    old = ApplicationFactory(selection_round=selection_round, withdrawn=True)
    new = services.application_start(selection_round=selection_round, candidate=old.candidate)
    assert new.pk != old.pk


def test_draft_saved_as_often_as_wanted(selection_round):
    application = ApplicationFactory(selection_round=selection_round, motivation="")
    services.application_save_draft(application=application, by=application.candidate, data={"motivation": "Un"})
    services.application_save_draft(application=application, by=application.candidate, data={"motivation": "Deux"})
    application.refresh_from_db()
    assert application.motivation == "Deux"
    assert application.status == S.DRAFT


def test_draft_cannot_be_changed_once_submitted(selection_round):
    application = ApplicationFactory(selection_round=selection_round, submitted=True)
    with pytest.raises(SelectionError, match=r"This dossier can no longer be changed\."):
        services.application_save_draft(application=application, by=application.candidate, data={"motivation": "x"})


def test_submit_before_closing(selection_round, committed):
    application = ready_draft(selection_round)
    with committed():
        services.application_submit(application=application, by=application.candidate)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED and application.submitted_at
    assert mail.outbox[-1].to == [application.candidate.email]


def test_late_submission_refused(selection_round):
    application = ready_draft(selection_round)
    with (
        time_machine.travel(selection_round.closes_at + datetime.timedelta(minutes=1)),
        pytest.raises(SelectionError, match="closed"),
    ):
        services.application_submit(application=application, by=application.candidate)
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_submit_refused_when_documents_or_answers_missing(selection_round):
    application = ApplicationFactory(selection_round=selection_round, lived_experience="")
    with pytest.raises(SelectionError, match="Some parts are still missing: lived experience") as error:
        services.application_submit(application=application, by=application.candidate)
    assert "CV" in str(error.value)
    assert "lived experience" in str(error.value)


def test_only_the_candidate_submits(selection_round, coordinator):
    application = ready_draft(selection_round)
    with pytest.raises(SelectionError, match=r"Only the candidate can submit the dossier\."):
        services.application_submit(application=application, by=coordinator)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cv.exe", PDF_BYTES, "type"),
        ("cv.pdf", b"MZ\x90\x00 not a pdf at all", "content"),
        ("..cv.pdf", PDF_BYTES, "characters"),
        ("cv:2.pdf", PDF_BYTES, "characters"),
        ("dossier\\cv.pdf", PDF_BYTES, "characters"),
        ("cv.pdf", b"", "empty"),
    ],
)
def test_upload_refusals(selection_round, name, data, message):
    application = ApplicationFactory(selection_round=selection_round)
    upload = SimpleUploadedFile("x.pdf", data)
    upload.name = name  # SimpleUploadedFile strips paths itself; a raw multipart name may carry them
    with pytest.raises(SelectionError, match=message):
        services.document_upload(
            application=application,
            required_document=selection_round.required_documents.first(),
            uploaded_file=upload,
            by=application.candidate,
        )
    assert not application.documents.exists()


def test_upload_refused_when_too_large(selection_round):
    required = selection_round.required_documents.first()
    required.max_size_mb = 1
    required.save()
    application = ApplicationFactory(selection_round=selection_round)
    with pytest.raises(SelectionError, match="too large"):
        services.document_upload(
            application=application,
            required_document=required,
            uploaded_file=pdf(data=PDF_BYTES + b"0" * (1024 * 1024)),
            by=application.candidate,
        )


def test_upload_replaces_previous_file(selection_round, django_capture_on_commit_callbacks):
    application = ready_draft(selection_round)
    first = application.documents.get()
    old_name = first.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.document_upload(
            application=application,
            required_document=first.required_document,
            uploaded_file=pdf("nouveau.pdf"),
            by=application.candidate,
        )
    document = application.documents.get()
    assert document.original_name == "nouveau.pdf"
    assert not document.file.storage.exists(old_name)
    assert "nouveau" not in document.file.name  # stored under a random name


def test_withdraw_needs_a_reason_and_records_it(selection_round):
    application = ApplicationFactory(selection_round=selection_round, under_review=True)
    with pytest.raises(SelectionError, match=r"Please give a reason; a few words are enough\."):
        services.application_withdraw(application=application, by=application.candidate, reason=" ")
    services.application_withdraw(application=application, by=application.candidate, reason="Déménagement")
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN and application.withdrawal_reason == "Déménagement"


def test_withdraw_refused_from_closed_state(selection_round):
    application = ApplicationFactory(selection_round=selection_round, refused=True)
    with pytest.raises(SelectionError, match=r"This dossier is closed and cannot be withdrawn\."):
        services.application_withdraw(application=application, by=application.candidate, reason="x")


def test_withdraw_by_another_candidate_refused(selection_round):
    application = ApplicationFactory(selection_round=selection_round, submitted=True)
    with pytest.raises(SelectionError, match=r"Only the coordinators of this round can do this\."):
        services.application_withdraw(application=application, by=UserFactory(), reason="x")


# --- Document check ---------------------------------------------------------------------------------


def test_refused_document_sends_dossier_back_then_candidate_fixes_it(selection_round, coordinator, committed):
    application = ready_draft(selection_round)
    services.application_submit(application=application, by=application.candidate)
    document = application.documents.get()
    with pytest.raises(SelectionError, match="Please tell the candidate what to change in this"):
        services.document_check(document=document, by=coordinator, validated=False, comment="")
    services.document_check(document=document, by=coordinator, validated=False, comment="Page 2 manquante")
    with committed():
        services.application_check_done(application=application, by=coordinator)
    application.refresh_from_db()
    assert application.status == S.INCOMPLETE
    assert "Page 2 manquante" in mail.outbox[-1].body

    with pytest.raises(SelectionError, match="missing"):
        services.application_submit(application=application, by=application.candidate)
    services.document_upload(
        application=application,
        required_document=document.required_document,
        uploaded_file=pdf("cv-complet.pdf"),
        by=application.candidate,
    )
    # A dossier sent back may be completed after the closing date: it was submitted in time.
    with time_machine.travel(selection_round.closes_at + datetime.timedelta(days=1)):
        services.application_submit(application=application, by=application.candidate)
    services.document_check(document=application.documents.get(), by=coordinator, validated=True)
    services.application_check_done(application=application, by=coordinator)
    application.refresh_from_db()
    assert application.status == S.COMPLETE
    assert list(application.transitions.order_by("pk").values_list("to_status", flat=True)) == [
        S.SUBMITTED,
        S.INCOMPLETE,
        S.SUBMITTED,
        S.COMPLETE,
    ]


def test_document_check_refused_to_other_cohort_coordinator(selection_round):
    application = ApplicationFactory(selection_round=selection_round, submitted=True)
    document = ApplicationDocumentFactory(application=application)
    other = SelectionRoundFactory()
    stranger = UserFactory()
    other.cohort.coordinators.add(stranger)
    with pytest.raises(SelectionError, match=r"Only the coordinators of this round can do this\."):
        services.document_check(document=document, by=stranger, validated=True)
    document.refresh_from_db()
    assert document.status == DocumentStatus.PENDING


def test_check_done_refused_while_documents_pending(selection_round, coordinator):
    application = ApplicationFactory(selection_round=selection_round, submitted=True)
    ApplicationDocumentFactory(application=application)
    with pytest.raises(SelectionError, match="not checked"):
        services.application_check_done(application=application, by=coordinator)


# --- Jury ---------------------------------------------------------------------------------------------


def test_assignment_moves_complete_to_under_review(selection_round, coordinator, juror):
    application = ApplicationFactory(selection_round=selection_round, complete=True)
    services.jury_assign(application=application, reviewer=juror, by=coordinator)
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW


def test_assignment_refused_for_non_jury_and_conflicted(selection_round, coordinator, juror):
    application = ApplicationFactory(selection_round=selection_round, complete=True)
    with pytest.raises(SelectionError, match=r"This person is not a member of the round's jury\."):
        services.jury_assign(application=application, reviewer=UserFactory(), by=coordinator)
    services.conflict_declare(application=application, reviewer=juror, reason="Je la connais")
    with pytest.raises(SelectionError, match="conflict"):
        services.jury_assign(application=application, reviewer=juror, by=coordinator)


def test_balanced_assignment_spreads_load_and_skips_conflicts(selection_round, coordinator, juror, president):
    third = UserFactory()
    selection_round.jury_members.add(third)
    applications = ApplicationFactory.create_batch(3, selection_round=selection_round, complete=True)
    services.conflict_declare(application=applications[0], reviewer=juror)
    created = services.jury_assign_balanced(selection_round=selection_round, by=coordinator)
    assert created == 6  # 2 reviewers per dossier
    loads = sorted(Application.objects.filter(assignments__reviewer=u).count() for u in (juror, president, third))
    assert loads == [2, 2, 2]
    assert not applications[0].assignments.filter(reviewer=juror).exists()
    assert services.jury_assign_balanced(selection_round=selection_round, by=coordinator) == 0


def test_conflict_excludes_reviewer_and_discards_draft(selection_round, coordinator, juror):
    application = ApplicationFactory(selection_round=selection_round, complete=True)
    services.jury_assign(application=application, reviewer=juror, by=coordinator)
    services.review_save(application=application, reviewer=juror, scores={}, comment="brouillon")
    services.conflict_declare(application=application, reviewer=juror, reason="Voisine")
    assert not Review.objects.filter(reviewer=juror).exists()
    assert ConflictOfInterest.objects.filter(reviewer=juror).exists()
    with pytest.raises(SelectionError, match=r"This dossier is not assigned to you\."):
        services.review_save(application=application, reviewer=juror, scores={}, comment="x")


def test_review_scores_checked_and_final_once_submitted(selection_round, coordinator, juror):
    application = ApplicationFactory(selection_round=selection_round, complete=True)
    services.jury_assign(application=application, reviewer=juror, by=coordinator)
    first, second = selection_round.criteria.all()
    with pytest.raises(SelectionError, match="“Motivation” is scored from"):
        services.review_save(application=application, reviewer=juror, scores={first.pk: 9}, submit=False)
    with pytest.raises(SelectionError, match="score"):
        services.review_save(application=application, reviewer=juror, scores={first.pk: 4}, submit=True)
    review = services.review_save(
        application=application, reviewer=juror, scores={first.pk: 4, second.pk: 3}, comment="Clair", submit=True
    )
    assert review.submitted_at and review.scores.count() == 2
    with pytest.raises(SelectionError, match="already"):
        services.review_save(application=application, reviewer=juror, scores={first.pk: 1}, submit=True)


# --- Interviews --------------------------------------------------------------------------------------


def test_booking_and_ics_confirmation(selection_round, committed):
    application = ApplicationFactory(selection_round=selection_round, interview_invited=True)
    slot = InterviewSlotFactory(selection_round=selection_round)
    with committed():
        services.interview_book(application=application, slot=slot, by=application.candidate)
    message = mail.outbox[-1]
    assert message.to == [application.candidate.email]
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    content = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VEVENT" in content and "Salle 2" in content


def test_booking_change_refused_within_48_hours(selection_round):
    application = ApplicationFactory(selection_round=selection_round, interview_invited=True)
    soon = InterviewSlotFactory(
        selection_round=selection_round, starts_at=timezone.now() + datetime.timedelta(hours=47)
    )
    later = InterviewSlotFactory(selection_round=selection_round)
    services.interview_book(application=application, slot=soon, by=application.candidate)
    with pytest.raises(SelectionError, match="48"):
        services.interview_book(application=application, slot=later, by=application.candidate)
    assert InterviewBooking.objects.get(application=application).slot == soon


def test_booking_change_allowed_before_48_hours(selection_round):
    application = ApplicationFactory(selection_round=selection_round, interview_invited=True)
    first = InterviewSlotFactory(
        selection_round=selection_round, starts_at=timezone.now() + datetime.timedelta(hours=49)
    )
    second = InterviewSlotFactory(selection_round=selection_round)
    services.interview_book(application=application, slot=first, by=application.candidate)
    services.interview_book(application=application, slot=second, by=application.candidate)
    assert InterviewBooking.objects.get(application=application).slot == second
    assert not InterviewBooking.objects.filter(slot=first).exists()


def test_taken_slot_and_uninvited_candidate_refused(selection_round):
    slot = InterviewSlotFactory(selection_round=selection_round)
    first = ApplicationFactory(selection_round=selection_round, interview_invited=True)
    second = ApplicationFactory(selection_round=selection_round, interview_invited=True)
    services.interview_book(application=first, slot=slot, by=first.candidate)
    with pytest.raises(SelectionError, match="taken"):
        services.interview_book(application=second, slot=slot, by=second.candidate)
    not_invited = ApplicationFactory(selection_round=selection_round, under_review=True)
    with pytest.raises(SelectionError, match=r"There is no interview to book for this dossier\."):
        services.interview_book(
            application=not_invited,
            slot=InterviewSlotFactory(selection_round=selection_round),
            by=not_invited.candidate,
        )


def test_interview_recorded_by_slot_jury_only(selection_round, juror):
    application = ApplicationFactory(selection_round=selection_round, interview_invited=True)
    slot = InterviewSlotFactory(selection_round=selection_round)
    slot.jury.add(juror)
    services.interview_book(application=application, slot=slot, by=application.candidate)
    with pytest.raises(SelectionError, match="Only the interview's jury or the coordinators"):
        services.interview_record(application=application, by=UserFactory(), note="x")
    services.interview_record(application=application, by=juror, note="Échange riche")
    application.refresh_from_db()
    assert application.status == S.INTERVIEWED
    assert application.booking.outcome_note == "Échange riche"


# --- Decisions and publication -------------------------------------------------------------------------


def test_decision_recorded_is_invisible_until_president_publishes(selection_round, coordinator, president, committed):
    application = ApplicationFactory(selection_round=selection_round, interviewed=True)
    services.decision_record(application=application, by=coordinator, outcome=DecisionOutcome.ADMITTED)
    application.refresh_from_db()
    assert application.status == S.DELIBERATED
    assert application.decision.published_at is None
    assert not Offer.objects.exists()
    with pytest.raises(SelectionError, match="president"):
        services.decisions_publish(selection_round=selection_round, by=coordinator)
    mail.outbox.clear()
    with committed():
        services.decisions_publish(selection_round=selection_round, by=president)
    application.refresh_from_db()
    assert application.status == S.ADMITTED
    assert application.decision.published_at
    offer = Offer.objects.get(application=application)
    assert offer.status == OfferStatus.OPEN
    assert offer.deadline > timezone.now() + datetime.timedelta(days=6)
    letter = mail.outbox[-1]
    assert letter.attachments[0][0] == "decision.pdf" and letter.attachments[0][1].startswith(b"%PDF")


def test_decision_rules(selection_round, coordinator):
    application = ApplicationFactory(selection_round=selection_round, interviewed=True)
    with pytest.raises(SelectionError, match="rank"):
        services.decision_record(application=application, by=coordinator, outcome=DecisionOutcome.WAITLISTED)
    with pytest.raises(SelectionError, match="reason"):
        services.decision_record(application=application, by=coordinator, outcome=DecisionOutcome.REFUSED)
    draft = ApplicationFactory(selection_round=selection_round, submitted=True)
    with pytest.raises(SelectionError, match="A decision can be recorded after the review or"):
        services.decision_record(application=draft, by=coordinator, outcome=DecisionOutcome.ADMITTED)
    with pytest.raises(
        SelectionError, match=r"Only the coordinators of this round or its jury president can do this\."
    ):
        services.decision_record(application=application, by=UserFactory(), outcome=DecisionOutcome.ADMITTED)


def test_publication_refused_when_admitted_exceed_capacity(selection_round, president):
    for _ in range(selection_round.capacity + 1):
        DecisionFactory(application__selection_round=selection_round)
    with pytest.raises(SelectionError, match="places"):
        services.decisions_publish(selection_round=selection_round, by=president)
    assert not Offer.objects.exists()
    assert not Decision.objects.filter(published_at__isnull=False).exists()


def test_publication_fills_free_places_from_waiting_list(selection_round, president):
    DecisionFactory(application__selection_round=selection_round)
    second = DecisionFactory(application__selection_round=selection_round, waitlisted=True, rank=2)
    first = DecisionFactory(application__selection_round=selection_round, waitlisted=True, rank=1)
    third = DecisionFactory(application__selection_round=selection_round, waitlisted=True, rank=3)
    refused = DecisionFactory(application__selection_round=selection_round, refused=True)
    services.decisions_publish(selection_round=selection_round, by=president)
    statuses = {d.application_id: Application.objects.get(pk=d.application_id).status for d in (first, second, third)}
    # capacity 3: one admitted + the two best-ranked of the waiting list
    assert statuses == {
        first.application_id: S.ADMITTED,
        second.application_id: S.ADMITTED,
        third.application_id: S.WAITLISTED,
    }
    assert Application.objects.get(pk=refused.application_id).status == S.REFUSED


# --- Offers, waiting list, hand-off ---------------------------------------------------------------------


def test_confirmed_offer_enrols_the_candidate_in_the_cohort(selection_round):
    offer = OfferFactory(application__selection_round=selection_round)
    candidate = offer.application.candidate
    enrolment = services.offer_confirm(offer=offer, by=candidate)
    assert enrolment.cohort == selection_round.cohort and enrolment.learner == candidate
    offer.refresh_from_db()
    assert offer.status == OfferStatus.CONFIRMED
    assert Application.objects.get(pk=offer.application_id).status == S.ENROLLED
    from cohorts.selectors import user_is_enrolled_in_programme

    assert user_is_enrolled_in_programme(user=candidate, programme_id=selection_round.cohort.programme_id)


def test_offer_answered_only_by_its_candidate(selection_round):
    offer = OfferFactory(application__selection_round=selection_round)
    with pytest.raises(SelectionError, match=r"Only the candidate can answer this offer\."):
        services.offer_confirm(offer=offer, by=UserFactory())
    assert not Enrolment.objects.exists()


def _waitlist(selection_round, rank):
    application = ApplicationFactory(selection_round=selection_round, waitlisted=True)
    DecisionFactory(application=application, waitlisted=True, rank=rank)
    return application


def test_decline_promotes_best_ranked_waitlisted(selection_round, committed):
    selection_round.capacity = 1
    selection_round.save()
    offer = OfferFactory(application__selection_round=selection_round)
    rank2 = _waitlist(selection_round, 2)
    rank1 = _waitlist(selection_round, 1)
    with committed():
        services.offer_decline(offer=offer, by=offer.application.candidate, reason="Autre formation")
    rank1.refresh_from_db()
    rank2.refresh_from_db()
    assert rank1.status == S.ADMITTED and rank2.status == S.WAITLISTED
    assert Offer.objects.get(application=rank1).status == OfferStatus.OPEN
    assert Application.objects.get(pk=offer.application_id).status == S.DECLINED
    assert rank1.candidate.email in [m.to[0] for m in mail.outbox]


def test_withdrawn_admitted_candidate_frees_place_for_waiting_list(selection_round):
    selection_round.capacity = 1
    selection_round.save()
    offer = OfferFactory(application__selection_round=selection_round)
    next_one = _waitlist(selection_round, 1)
    services.application_withdraw(application=offer.application, by=offer.application.candidate, reason="Santé")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.WITHDRAWN
    next_one.refresh_from_db()
    assert next_one.status == S.ADMITTED


def test_expired_offer_refused_then_expiry_task_promotes(selection_round):
    from selection.tasks import expire_offers

    selection_round.capacity = 1
    selection_round.save()
    offer = OfferFactory(application__selection_round=selection_round)
    next_one = _waitlist(selection_round, 1)
    with time_machine.travel(offer.deadline + datetime.timedelta(minutes=1)):
        with pytest.raises(SelectionError, match="deadline"):
            services.offer_confirm(offer=offer, by=offer.application.candidate)
        assert expire_offers.delay().get() == 1
        assert expire_offers.delay().get() == 0  # safe to run twice
    offer.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED
    assert Application.objects.get(pk=offer.application_id).status == S.DECLINED
    next_one.refresh_from_db()
    assert next_one.status == S.ADMITTED


def test_expiry_task_leaves_offers_before_deadline(selection_round):
    from selection.tasks import expire_offers

    offer = OfferFactory(application__selection_round=selection_round)
    assert expire_offers() == 0
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN


def test_offer_refused_when_capacity_reached(selection_round):
    for _ in range(selection_round.capacity):
        OfferFactory(application__selection_round=selection_round)
    extra = ApplicationFactory(selection_round=selection_round, admitted=True)
    with pytest.raises(services.CapacityReached, match="Every place of this round is already offered or"):
        services.offer_create(application=extra, by=None)


# --- Anonymisation -----------------------------------------------------------------------------------------


def test_anonymisation_after_configured_period_deletes_files(selection_round, committed):
    from selection.tasks import anonymise_closed_applications

    selection_round.anonymise_after_months = 6
    selection_round.save()
    refused = ApplicationFactory(selection_round=selection_round, refused=True)
    ApplicationTransition.objects.create(
        application=refused, by=refused.candidate, from_status=S.DRAFT, to_status=S.SUBMITTED, note="mon histoire"
    )
    document = ApplicationDocumentFactory(application=refused)
    path = document.file.path
    recent = ApplicationFactory(selection_round=selection_round, withdrawn=True)
    admitted = ApplicationFactory(selection_round=selection_round, status=S.ENROLLED)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=120)):
        assert anonymise_closed_applications() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=190)), committed():
        assert anonymise_closed_applications() == 2
        assert anonymise_closed_applications() == 0
    refused.refresh_from_db()
    assert not refused.transitions.filter(by__isnull=False).exists()
    assert refused.candidate is None and refused.lived_experience == "" and refused.anonymised_at
    assert not refused.documents.exists()
    import os

    assert not os.path.exists(path)
    recent.refresh_from_db()
    assert recent.anonymised_at is not None  # withdrawn long enough ago as well
    admitted.refresh_from_db()
    assert admitted.candidate is not None and admitted.anonymised_at is None


def test_coordinator_withdraws_on_behalf_but_not_another_cohorts(selection_round, coordinator):
    application = ApplicationFactory(selection_round=selection_round, under_review=True)
    stranger = UserFactory()
    SelectionRoundFactory().cohort.coordinators.add(stranger)
    with pytest.raises(SelectionError, match=r"Only the coordinators of this round can do this\."):
        services.application_withdraw(application=application, by=stranger, reason="x")
    services.application_withdraw(application=application, by=coordinator, reason="Demande par téléphone")
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    assert application.transitions.get().by == coordinator


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (PDF_BYTES + b"<html><body><script>alert(document.cookie)</script></body></html>", "two kinds of file"),
        (PDF_BYTES + b"1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj", "a script"),
    ],
)
def test_dossier_upload_refuses_what_only_looks_like_a_pdf(selection_round, data, message):
    application = ApplicationFactory(selection_round=selection_round)
    with translation.override("en"), pytest.raises(SelectionError, match=message):
        services.document_upload(
            application=application,
            required_document=selection_round.required_documents.first(),
            uploaded_file=pdf(data=data),
            by=application.candidate,
        )
    assert not application.documents.exists()


def test_dossier_upload_stored_under_a_random_name_with_the_detected_extension(selection_round):
    application = ApplicationFactory(selection_round=selection_round)
    document = services.document_upload(
        application=application,
        required_document=selection_round.required_documents.first(),
        uploaded_file=pdf("Mon CV (2024).pdf"),
        by=application.candidate,
    )
    assert re.fullmatch(rf"selection/{selection_round.pk}/[0-9a-f]{{32}}\.pdf", document.file.name)
    assert document.original_name == "Mon CV (2024).pdf"


def test_declined_and_expired_dossiers_are_anonymised_after_the_rounds_period(selection_round, committed):
    from selection.tasks import anonymise_closed_applications

    selection_round.anonymise_after_months = 12
    selection_round.save()
    declined = OfferFactory(application__selection_round=selection_round)
    services.offer_decline(offer=declined, by=declined.application.candidate, reason="Je déménage")
    expired = OfferFactory(application__selection_round=selection_round)
    with time_machine.travel(expired.deadline + datetime.timedelta(minutes=1)):
        assert services.offer_expire(offer=expired)
    other_round = SelectionRoundFactory(anonymise_after_months=24)
    refused_elsewhere = ApplicationFactory(selection_round=other_round, refused=True)
    for offer in (declined, expired):
        offer.application.refresh_from_db()
        assert offer.application.status == S.DECLINED
        changed = offer.application.status_changed_at
        assert offer.application.anonymise_at == changed.replace(year=changed.year + 1)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=360)):
        assert anonymise_closed_applications() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=400)), committed():
        assert anonymise_closed_applications() == 2
    for offer in (declined, expired):
        offer.application.refresh_from_db()
        assert offer.application.candidate is None and offer.application.anonymise_at is None
    refused_elsewhere.refresh_from_db()
    assert refused_elsewhere.candidate is not None  # its round keeps dossiers 24 months


@pytest.mark.parametrize(
    ("months", "message"),
    [(5, "at least 6 months"), (37, "at most 36 months"), (0, "at least 6 months")],
)
def test_retention_period_outside_the_limits_refused(selection_round, months, message):
    from django.core.exceptions import ValidationError

    selection_round.anonymise_after_months = months
    with translation.override("en"), pytest.raises(ValidationError, match=message):
        selection_round.full_clean()


def test_months_after_keeps_the_calendar():
    from selection.models import months_after

    moment = datetime.datetime(2026, 1, 31, 10, 0, tzinfo=datetime.UTC)
    assert months_after(moment, 1) == datetime.datetime(2026, 2, 28, 10, 0, tzinfo=datetime.UTC)
    assert months_after(moment, 24) == datetime.datetime(2028, 1, 31, 10, 0, tzinfo=datetime.UTC)
    assert months_after(moment, -13) == datetime.datetime(2024, 12, 31, 10, 0, tzinfo=datetime.UTC)

"""The selection's and the calendar's reminders: sent at the right moment, to the right person, once."""

import datetime
import uuid

import pytest
from django.core import mail
from django.utils import translation

from selection import reminders
from selection.enums import ApplicationStatus, DocumentStatus, OfferStatus
from selection.models import Application, InterviewBooking, JuryAssignment, Offer, Review
from tasks.enums import OutboxState
from tasks.models import Outbox
from tasks.services import plan_all, rules_sync
from tests.factories import (
    ApplicationDocumentFactory,
    ApplicationFactory,
    CohortFactory,
    InterviewSlotFactory,
    OfferFactory,
    SelectionRoundFactory,
    UserFactory,
)
from tests.tasks.conftest import paris
from tests.tasks.helpers import at, plan_and_dispatch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reminder_settings(settings):
    settings.REMINDERS_KEY_PREFIX = f"pa-test-{uuid.uuid4().hex[:10]}"
    settings.SITE_URL = "https://formation.example.test"


@pytest.fixture
def rules(db):
    rules_sync()
    from tasks.models import ReminderRule

    return {rule.code: rule for rule in ReminderRule.objects.all()}


def _to(messages, user) -> list:
    return [m for m in messages if m.to == [user.email]]


def _rows(code: str):
    return Outbox.objects.filter(rule__code=code)


# --- Dossier still a draft before the closing -------------------------------------------------------


@pytest.fixture
def closing_round():
    """A round closing on Friday 19 June 2026 at noon (Paris), and a draft begun on 1 June."""
    with at(paris(2026, 5, 1, 10, 0)):
        selection_round = SelectionRoundFactory(closes_at=paris(2026, 6, 19, 12, 0))
    with at(paris(2026, 6, 1, 10, 0)):
        draft = ApplicationFactory(selection_round=selection_round, candidate__first_name="Inès")
    return selection_round, draft


def test_draft_reminded_seven_then_two_days_before_closing_and_not_otherwise(
    rules, closing_round, django_capture_on_commit_callbacks
):
    selection_round, draft = closing_round
    with at(paris(2026, 6, 1, 10, 0)):
        submitted = ApplicationFactory(selection_round=selection_round, submitted=True)
        other_round_draft = ApplicationFactory(
            selection_round=SelectionRoundFactory(closes_at=paris(2026, 7, 30, 12, 0))
        )
    capture = django_capture_on_commit_callbacks
    assert plan_and_dispatch(capture, paris(2026, 6, 12, 11, 59)) == []
    sent = plan_and_dispatch(capture, paris(2026, 6, 12, 12, 0))
    assert [m.to for m in sent] == [[draft.candidate.email]]
    assert sent[0].subject == f"Votre dossier pour « {selection_round.title} » vous attend"
    assert "Bonjour Inès" in sent[0].body
    assert "19/06/2026 à 12:00" in sent[0].body
    assert f"https://formation.example.test/selection/dossier/{draft.pk}/" in sent[0].body
    # Optional: the message carries its one-click opt-out
    assert "List-Unsubscribe" in sent[0].extra_headers
    assert plan_and_dispatch(capture, paris(2026, 6, 13, 12, 0)) == []
    assert plan_and_dispatch(capture, paris(2026, 6, 17, 11, 59)) == []
    second = plan_and_dispatch(capture, paris(2026, 6, 17, 12, 0))
    assert [m.to for m in second] == [[draft.candidate.email]]
    assert plan_and_dispatch(capture, paris(2026, 6, 18, 12, 0)) == []
    assert _rows(reminders.DRAFT_7_DAYS).get().state == OutboxState.SENT
    assert _rows(reminders.DRAFT_2_DAYS).get().cohort_id == selection_round.cohort_id
    assert not Outbox.objects.filter(recipient__in=[submitted.candidate, other_round_draft.candidate]).exists()


def test_draft_reminder_planned_once(rules, closing_round):
    for moment in (paris(2026, 6, 12, 11, 30), paris(2026, 6, 12, 11, 45)):
        with at(moment):
            plan_all()
    assert _rows(reminders.DRAFT_7_DAYS).count() == 1


def test_draft_reminder_never_at_night(rules, django_capture_on_commit_callbacks):
    with at(paris(2026, 5, 1, 10, 0)):
        late_round = SelectionRoundFactory(closes_at=paris(2026, 6, 19, 23, 0))
        draft = ApplicationFactory(selection_round=late_round)
    capture = django_capture_on_commit_callbacks
    assert plan_and_dispatch(capture, paris(2026, 6, 12, 23, 0)) == []
    assert plan_and_dispatch(capture, paris(2026, 6, 13, 8, 29)) == []
    assert [m.to for m in plan_and_dispatch(capture, paris(2026, 6, 13, 8, 30))] == [[draft.candidate.email]]


def test_draft_reminder_cancelled_when_the_dossier_is_sent(rules, closing_round, django_capture_on_commit_callbacks):
    _round, draft = closing_round
    with at(paris(2026, 6, 12, 11, 30)):
        plan_all()
    assert _rows(reminders.DRAFT_7_DAYS).get().state == OutboxState.PENDING
    Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.SUBMITTED)
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 12, 12, 0)) == []
    assert _rows(reminders.DRAFT_7_DAYS).get().state == OutboxState.CANCELLED


def test_draft_begun_after_the_seven_day_moment_gets_only_the_two_day_reminder(
    rules, django_capture_on_commit_callbacks
):
    with at(paris(2026, 5, 1, 10, 0)):
        selection_round = SelectionRoundFactory(closes_at=paris(2026, 6, 19, 12, 0))
    with at(paris(2026, 6, 15, 10, 0)):
        draft = ApplicationFactory(selection_round=selection_round)
    capture = django_capture_on_commit_callbacks
    assert plan_and_dispatch(capture, paris(2026, 6, 15, 10, 5)) == []
    assert len(plan_and_dispatch(capture, paris(2026, 6, 17, 12, 0))) == 1
    assert not _rows(reminders.DRAFT_7_DAYS).exists()
    assert _rows(reminders.DRAFT_2_DAYS).get().recipient == draft.candidate


# --- Dossier still incomplete -----------------------------------------------------------------------


def test_incomplete_dossier_reminded_three_days_later_once(rules, django_capture_on_commit_callbacks):
    with at(paris(2026, 6, 1, 10, 0)):
        application = ApplicationFactory(incomplete=True)
        ApplicationFactory(under_review=True)
    capture = django_capture_on_commit_callbacks
    assert plan_and_dispatch(capture, paris(2026, 6, 4, 9, 59)) == []
    sent = plan_and_dispatch(capture, paris(2026, 6, 4, 10, 0))
    assert [m.to for m in sent] == [[application.candidate.email]]
    assert "un document reste à compléter" in sent[0].subject
    assert "List-Unsubscribe" not in sent[0].extra_headers  # an obligation, not a nudge
    assert plan_and_dispatch(capture, paris(2026, 6, 8, 10, 0)) == []
    assert _rows(reminders.INCOMPLETE).count() == 1


def test_incomplete_reminder_cancelled_when_the_dossier_is_completed(rules, django_capture_on_commit_callbacks):
    with at(paris(2026, 6, 1, 10, 0)):
        application = ApplicationFactory(incomplete=True)
    with at(paris(2026, 6, 4, 9, 30)):
        plan_all()
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.SUBMITTED)
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 4, 10, 0)) == []
    assert _rows(reminders.INCOMPLETE).get().state == OutboxState.CANCELLED


# --- Interview in two days --------------------------------------------------------------------------


def _booking(starts_at, booked_at):
    with at(booked_at):
        application = ApplicationFactory(interview_invited=True, candidate__preferred_language="en")
        slot = InterviewSlotFactory(selection_round=application.selection_round, starts_at=starts_at)
        InterviewBooking.objects.create(slot=slot, application=application)
    return application, slot


def test_interview_reminded_two_days_before_in_the_candidate_language(rules, django_capture_on_commit_callbacks):
    application, _slot = _booking(paris(2026, 6, 18, 14, 0), paris(2026, 6, 5, 10, 0))
    with at(paris(2026, 6, 5, 10, 0)):
        ApplicationFactory(interview_invited=True)  # invited, no slot booked: nothing to remind
    capture = django_capture_on_commit_callbacks
    assert plan_and_dispatch(capture, paris(2026, 6, 16, 13, 59)) == []
    sent = plan_and_dispatch(capture, paris(2026, 6, 16, 14, 0))
    assert [m.to for m in sent] == [[application.candidate.email]]
    assert sent[0].subject == "Your interview on 18/06/2026 at 14:00"
    assert "Salle 2, Le Vinatier" in sent[0].body
    assert plan_and_dispatch(capture, paris(2026, 6, 17, 14, 0)) == []
    assert _rows(reminders.INTERVIEW_SOON).count() == 1


def test_interview_reminder_cancelled_when_the_slot_changes(rules, django_capture_on_commit_callbacks):
    _application, slot = _booking(paris(2026, 6, 18, 14, 0), paris(2026, 6, 5, 10, 0))
    with at(paris(2026, 6, 16, 13, 30)):
        plan_all()
    slot.starts_at = paris(2026, 6, 25, 14, 0)
    slot.ends_at = paris(2026, 6, 25, 14, 45)
    slot.save()
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 16, 14, 0)) == []
    assert _rows(reminders.INTERVIEW_SOON).get().state == OutboxState.CANCELLED


def test_interview_booked_at_the_last_minute_gets_no_extra_reminder(rules, django_capture_on_commit_callbacks):
    _booking(paris(2026, 6, 18, 14, 0), paris(2026, 6, 17, 9, 0))
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 17, 9, 5)) == []
    assert not _rows(reminders.INTERVIEW_SOON).exists()


# --- Offer: deadline in 48 hours --------------------------------------------------------------------


def test_offer_reminded_48_hours_before_its_deadline(rules, django_capture_on_commit_callbacks):
    with at(paris(2026, 6, 10, 10, 0)):
        offer = OfferFactory(deadline=paris(2026, 6, 20, 18, 0))  # a Saturday: the reminder goes on Thursday
        OfferFactory(deadline=paris(2026, 6, 20, 18, 0), status=OfferStatus.CONFIRMED)
    candidate = offer.application.candidate
    capture = django_capture_on_commit_callbacks
    assert plan_and_dispatch(capture, paris(2026, 6, 18, 17, 59)) == []
    sent = plan_and_dispatch(capture, paris(2026, 6, 18, 18, 0))
    assert [m.to for m in sent] == [[candidate.email]]
    assert "avant le 20/06/2026" in sent[0].subject
    assert f"/selection/dossier/{offer.application_id}/offre/" in sent[0].body
    assert plan_and_dispatch(capture, paris(2026, 6, 19, 18, 0)) == []
    assert _rows(reminders.OFFER_DEADLINE).count() == 1


def test_offer_reminder_cancelled_once_answered(rules, django_capture_on_commit_callbacks):
    with at(paris(2026, 6, 10, 10, 0)):
        offer = OfferFactory(deadline=paris(2026, 6, 20, 18, 0))
    with at(paris(2026, 6, 18, 17, 30)):
        plan_all()
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.CONFIRMED)
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 18, 18, 0)) == []
    assert _rows(reminders.OFFER_DEADLINE).get().state == OutboxState.CANCELLED


def test_offer_with_a_short_deadline_gets_no_extra_reminder(rules, django_capture_on_commit_callbacks):
    with at(paris(2026, 6, 19, 10, 0)):
        OfferFactory(deadline=paris(2026, 6, 20, 18, 0))
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 19, 10, 5)) == []
    assert not _rows(reminders.OFFER_DEADLINE).exists()


# --- Jury: reviews due before the deliberation ------------------------------------------------------


@pytest.fixture
def jury_round():
    """Deliberation on Wednesday 15 July 2026: three business days before, over the 14 July holiday,
    is Thursday 9 July (9:00)."""
    juror, done_juror = UserFactory(first_name="Paul"), UserFactory()
    with at(paris(2026, 6, 1, 10, 0)):
        selection_round = SelectionRoundFactory(
            closes_at=paris(2026, 6, 10, 12, 0), deliberation_on=datetime.date(2026, 7, 15)
        )
        applications = ApplicationFactory.create_batch(2, selection_round=selection_round, under_review=True)
    for application in applications:
        JuryAssignment.objects.create(application=application, reviewer=juror)
    JuryAssignment.objects.create(application=applications[0], reviewer=done_juror)
    Review.objects.create(application=applications[0], reviewer=done_juror, submitted_at=paris(2026, 6, 20, 9, 0))
    return selection_round, applications, juror, done_juror


def test_jury_reminded_three_business_days_before_deliberation(rules, jury_round, django_capture_on_commit_callbacks):
    selection_round, _applications, juror, done_juror = jury_round
    capture = django_capture_on_commit_callbacks
    assert plan_and_dispatch(capture, paris(2026, 7, 9, 8, 59)) == []
    sent = plan_and_dispatch(capture, paris(2026, 7, 9, 9, 0))
    assert [m.to for m in sent] == [[juror.email]]
    assert sent[0].subject == f"Jury « {selection_round.title} » : 2 avis à rendre avant le 15/07/2026"
    assert "2 dossiers qui vous sont confiés attendent encore votre avis" in sent[0].body
    assert plan_and_dispatch(capture, paris(2026, 7, 10, 9, 0)) == []
    assert not Outbox.objects.filter(recipient=done_juror).exists()
    assert _rows(reminders.JURY_REVIEWS).count() == 1


def test_jury_reminder_counts_business_days_over_a_holiday(rules, django_capture_on_commit_callbacks):
    """Deliberation on Tuesday 5 May 2026: three business days before skips the weekend and 1 May (a
    Friday holiday) and falls on Wednesday 29 April."""
    juror = UserFactory()
    with at(paris(2026, 4, 1, 10, 0)):
        selection_round = SelectionRoundFactory(
            closes_at=paris(2026, 4, 10, 12, 0), deliberation_on=datetime.date(2026, 5, 5)
        )
        application = ApplicationFactory(selection_round=selection_round, under_review=True)
    JuryAssignment.objects.create(application=application, reviewer=juror)
    capture = django_capture_on_commit_callbacks
    assert plan_and_dispatch(capture, paris(2026, 4, 28, 9, 0)) == []
    assert plan_and_dispatch(capture, paris(2026, 4, 29, 8, 59)) == []
    assert [m.to for m in plan_and_dispatch(capture, paris(2026, 4, 29, 9, 0))] == [[juror.email]]
    assert _rows(reminders.JURY_REVIEWS).get().state == OutboxState.SENT


def test_jury_reminder_cancelled_once_reviews_are_in(rules, jury_round, django_capture_on_commit_callbacks):
    _round, applications, juror, _done = jury_round
    with at(paris(2026, 7, 9, 8, 30)):
        plan_all()
    for application in applications:
        Review.objects.create(application=application, reviewer=juror, submitted_at=paris(2026, 7, 9, 8, 45))
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 9, 9, 0)) == []
    assert _rows(reminders.JURY_REVIEWS).get().state == OutboxState.CANCELLED


# --- Coordinators' daily digest ---------------------------------------------------------------------


def test_coordinator_digest_lists_documents_and_decisions_of_their_own_rounds(
    rules, django_capture_on_commit_callbacks
):
    coordinator = UserFactory(first_name="Claire")
    other_coordinator = UserFactory()
    president = UserFactory()
    with at(paris(2026, 6, 1, 10, 0)):
        mine = SelectionRoundFactory(cohort=CohortFactory(coordinators=[coordinator]), jury_president=president)
        theirs = SelectionRoundFactory(cohort=CohortFactory(coordinators=[other_coordinator]))
        ApplicationDocumentFactory.create_batch(2, application__selection_round=mine, application__status="submitted")
        ApplicationDocumentFactory(application__selection_round=mine, application__status="submitted", validated=True)
        ApplicationDocumentFactory(application__selection_round=mine)  # a draft's document: not yet to check
        ApplicationFactory(selection_round=mine, deliberated=True)
    with translation.override("en"):
        assert [line.text for line in reminders.documents_lines(coordinator, paris(2026, 6, 2, 8, 30))] == [
            f"2 documents to check for “{mine.title}”"
        ]
    assert reminders.documents_lines(other_coordinator, paris(2026, 6, 2, 8, 30)) == []
    assert set(reminders.documents_recipients(paris(2026, 6, 2, 8, 30))) == {coordinator.pk}
    assert set(reminders.decisions_recipients(paris(2026, 6, 2, 8, 30))) == {coordinator.pk, president.pk}
    assert reminders.decisions_lines(other_coordinator, paris(2026, 6, 2, 8, 30)) == []
    assert theirs.pk  # the other round has nothing pending

    sent = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 2, 8, 30))  # a Tuesday
    [digest] = _to(sent, coordinator)
    assert "Documents à vérifier" in digest.body
    assert f"2 documents à vérifier pour « {mine.title} »" in digest.body
    assert "Décisions à publier" in digest.body
    assert f"1 décision enregistrée pour « {mine.title} » attend d'être publiée" in digest.body
    assert f"/selection/gestion/{mine.pk}/candidatures/" in digest.body
    [president_digest] = _to(sent, president)
    assert "Documents à vérifier" not in president_digest.body
    assert _to(sent, other_coordinator) == []
    # Once the documents are checked, the next day's digest no longer lists them
    from selection.models import ApplicationDocument

    ApplicationDocument.objects.update(status=DocumentStatus.VALIDATED)
    Application.objects.filter(status=ApplicationStatus.DELIBERATED).update(status=ApplicationStatus.ADMITTED)
    assert _to(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 3, 8, 30)), coordinator) == []
    assert len(mail.outbox) == len(sent)

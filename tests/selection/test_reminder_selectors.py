"""Selectors the reminder engine's rules ask: drafts before closing, offers expiring, reviews due..."""

import datetime

import pytest
from django.utils import timezone

from selection import selectors, services
from selection.enums import OfferStatus
from tests.factories import ApplicationFactory, InterviewSlotFactory, OfferFactory, SelectionRoundFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_drafts_before_closing(cohort):
    now = timezone.now()
    closing_soon = SelectionRoundFactory(cohort=cohort, closes_at=now + datetime.timedelta(days=2, hours=-1))
    closing_later = SelectionRoundFactory(cohort=cohort, closes_at=now + datetime.timedelta(days=10))
    closed = SelectionRoundFactory(cohort=cohort, closed=True)
    draft_soon = ApplicationFactory(selection_round=closing_soon)
    ApplicationFactory(selection_round=closing_soon, submitted=True)
    draft_later = ApplicationFactory(selection_round=closing_later)
    ApplicationFactory(selection_round=closed)
    assert list(selectors.drafts_before_closing(days=2)) == [draft_soon]
    assert set(selectors.drafts_before_closing(days=7)) == {draft_soon}
    assert set(selectors.drafts_before_closing(days=11)) == {draft_soon, draft_later}


def test_offers_expiring_within_48_hours():
    now = timezone.now()
    soon = OfferFactory(deadline=now + datetime.timedelta(hours=47))
    OfferFactory(deadline=now + datetime.timedelta(hours=49))
    OfferFactory(deadline=now + datetime.timedelta(hours=10), status=OfferStatus.CONFIRMED)
    OfferFactory(deadline=now - datetime.timedelta(hours=1))  # already past: the expiry task's business
    assert list(selectors.offers_expiring_within(hours=48)) == [soon]


def test_incomplete_applications_since():
    application = ApplicationFactory(incomplete=True)
    assert list(selectors.incomplete_applications()) == [application]
    assert list(selectors.incomplete_applications(since=datetime.timedelta(days=3))) == []
    later = timezone.now() + datetime.timedelta(days=3, minutes=1)
    assert list(selectors.incomplete_applications(since=datetime.timedelta(days=3), now=later)) == [application]


def test_interviews_within_two_days():
    application = ApplicationFactory(interview_invited=True)
    slot = InterviewSlotFactory(
        selection_round=application.selection_round, starts_at=timezone.now() + datetime.timedelta(days=1)
    )
    services.interview_book(application=application, slot=slot, by=application.candidate)
    assert [b.application for b in selectors.interviews_within(days=2)] == [application]
    assert list(selectors.interviews_within(days=0)) == []


def test_reviews_due_counts_missing_reviews_per_reviewer(cohort, coordinator):
    selection_round = SelectionRoundFactory(cohort=cohort)
    juror, other, conflicted = UserFactory(), UserFactory(), UserFactory()
    selection_round.jury_members.add(juror, other, conflicted)
    first, second = ApplicationFactory.create_batch(2, selection_round=selection_round, complete=True)
    for application in (first, second):
        services.jury_assign(application=application, reviewer=juror, by=coordinator)
    services.jury_assign(application=first, reviewer=other, by=coordinator)
    services.jury_assign(application=first, reviewer=conflicted, by=coordinator)
    services.conflict_declare(application=first, reviewer=conflicted)
    criteria = {c.pk: 3 for c in selection_round.criteria.all()}
    services.review_save(application=first, reviewer=other, scores=criteria, submit=True)
    services.review_save(application=first, reviewer=juror, scores=criteria, submit=True)
    assert selectors.reviews_due() == [(juror, selection_round, 1)]
    after = selection_round.deliberation_on + datetime.timedelta(days=1)
    assert selectors.reviews_due(today=after) == []

"""Browser journeys: a candidate cancels an interview; a coordinator changes the round's settings."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from selection.models import InterviewBooking, Review, ReviewScore
from tasks.enums import OutboxState
from tasks.models import Outbox
from tests.e2e.conftest import login
from tests.factories import (
    ApplicationDocumentFactory,
    ApplicationFactory,
    InterviewSlotFactory,
    SelectionRoundFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path, transactional_db):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.REMINDERS_QUIET_HOURS = None  # the confirmation goes at once whatever the hour of the run


@pytest.fixture
def coordinator_user():
    return UserFactory(email="claire@example.test", first_name="Claire", last_name="Moreau")


@pytest.fixture
def open_round(coordinator_user):
    selection_round = SelectionRoundFactory(title="Appel 2027-2028", jury_president=coordinator_user)
    selection_round.cohort.coordinators.add(coordinator_user)
    return selection_round


def test_candidate_cancels_an_interview_and_gets_an_email(page, open_round):
    application = ApplicationFactory(
        selection_round=open_round, interview_invited=True, candidate__email="ines@example.test"
    )
    slot = InterviewSlotFactory(selection_round=open_round, starts_at=timezone.now() + datetime.timedelta(days=6))
    InterviewBooking.objects.create(application=application, slot=slot)
    login(page, "ines@example.test")
    page.goto(f"/selection/dossier/{application.pk}/")
    page.get_by_role("link", name="Annuler mon entretien").click()
    page.get_by_role("button", name="Oui, annuler mon entretien").click()
    expect(page.get_by_text("Votre entretien est annulé")).to_be_visible()
    expect(page.get_by_role("link", name="Choisir un créneau d'entretien")).to_be_visible()
    assert not InterviewBooking.objects.filter(application=application).exists()
    row = Outbox.objects.get(rule__code="cohorts.message_interview_cancelled")
    assert row.state == OutboxState.SENT
    assert any("annulé" in m.subject and m.to == ["ines@example.test"] for m in mail.outbox)


def test_candidate_too_close_to_the_interview_is_told_whom_to_write_to(page, open_round):
    application = ApplicationFactory(
        selection_round=open_round, interview_invited=True, candidate__email="leo@example.test"
    )
    slot = InterviewSlotFactory(selection_round=open_round, starts_at=timezone.now() + datetime.timedelta(hours=30))
    InterviewBooking.objects.create(application=application, slot=slot)
    login(page, "leo@example.test")
    page.goto(f"/selection/dossier/{application.pk}/")
    expect(page.get_by_role("link", name="Annuler mon entretien")).to_have_count(0)
    expect(page.get_by_text("claire@example.test")).to_be_visible()


def test_coordinator_rewords_a_scored_criterion_and_archives_a_used_document(page, open_round, coordinator_user):
    criterion = open_round.criteria.get(label="Motivation")
    application = ApplicationFactory(selection_round=open_round, under_review=True)
    ApplicationDocumentFactory(application=application)
    review = Review.objects.create(application=application, reviewer=coordinator_user)
    ReviewScore.objects.create(review=review, criterion=criterion, score=4)
    login(page, "claire@example.test")
    page.goto(f"/selection/gestion/{open_round.pk}/reglages/")
    card = page.locator(f"#criterion-{criterion.pk}")
    card.get_by_text("Modifier").click()
    card.get_by_label("Coefficient").fill("5")
    card.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_text("ont déjà noté ce critère")).to_be_visible()
    card = page.locator(f"#criterion-{criterion.pk}")  # the form stays open, with what was typed
    card.get_by_label("Coefficient").fill("2")
    card.get_by_label("Critère").fill("Motivation et projet")
    card.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.get_by_text("Modifications enregistrées.")).to_be_visible()
    criterion.refresh_from_db()
    assert (criterion.label, criterion.weight) == ("Motivation et projet", 2)

    document = open_round.required_documents.get()
    page.locator(f"#document-{document.pk}").get_by_role("button", name="Ne plus demander (conservé)").click()
    expect(page.get_by_text("il n'est simplement plus demandé")).to_be_visible()
    document.refresh_from_db()
    assert document.archived_at is not None
    expect(page.get_by_text("Plus demandé (conservé) : CV")).to_be_visible()

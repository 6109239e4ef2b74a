"""Browser journeys of a candidate: apply and submit, fix a refused document, book an interview."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from selection.enums import ApplicationStatus as S
from selection.models import Application
from tests.e2e.conftest import login, screenshot
from tests.factories import (
    ApplicationDocumentFactory,
    ApplicationFactory,
    InterviewSlotFactory,
    SelectionRoundFactory,
    UserFactory,
)


def shot(name: str) -> str:
    """The name of a main page's screenshot (`screenshot`, tests/e2e/conftest.py)."""
    return f"cohorts-{name}.png"


pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def coordinator_user():
    return UserFactory(email="claire@example.test", first_name="Claire", last_name="Moreau")


@pytest.fixture
def open_round(coordinator_user):
    selection_round = SelectionRoundFactory(title="Appel à candidatures 2027-2028", jury_president=coordinator_user)
    selection_round.cohort.coordinators.add(coordinator_user)
    return selection_round


def test_candidate_creates_account_applies_and_submits(page, open_round, tmp_path):
    page.goto(f"/selection/appel/{open_round.pk}/")
    screenshot(page, shot("round"))
    page.get_by_role("button", name="Candidater").click()
    page.get_by_label("Prénom").fill("Aya")
    page.get_by_label("Nom", exact=True).fill("Diallo")
    page.get_by_label("Adresse e-mail").fill("aya@example.test")
    page.get_by_label("Mot de passe", exact=True).fill("un-mot-de-passe-long")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", name="Consultez vos e-mails")).to_be_visible()
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    page.get_by_role("button", name="Confirmer mon adresse").click()
    page.get_by_role("button", name="Commencer ou continuer ma candidature").click()
    expect(page.get_by_role("heading", name="Mon dossier")).to_be_visible()

    page.get_by_label("Pourquoi souhaitez-vous suivre ce diplôme ?").fill("Transmettre ce qui m'a aidé.")
    page.get_by_role("button", name="Enregistrer mon brouillon").click()
    expect(page.get_by_text("Votre brouillon est enregistré")).to_be_visible()
    page.get_by_label("Votre vécu et votre chemin de rétablissement").fill("Récit synthétique.")
    page.get_by_label("Votre projet professionnel de pair-aidant·e").fill("Équipe mobile.")
    page.get_by_label("Vos disponibilités pour les regroupements et le stage").fill("Jeudis.")
    page.get_by_label("Département où vous habitez (numéro)").fill("69")
    page.get_by_role("button", name="Enregistrer mon brouillon").click()

    bad = tmp_path / "cv.pdf"
    bad.write_bytes(b"MZ not a pdf")
    page.get_by_label("Choisir un fichier").set_input_files(str(bad))
    page.get_by_role("button", name="Déposer").click()
    expect(page.get_by_text("Nous n'avons pas pu reconnaître le type de ce fichier")).to_be_visible()
    good = tmp_path / "mon-cv.pdf"
    good.write_bytes(b"%PDF-1.4\n% synthetic\n")
    page.get_by_label("Choisir un fichier").set_input_files(str(good))
    page.get_by_role("button", name="Déposer").click()
    expect(page.get_by_text("mon-cv.pdf")).to_be_visible()
    screenshot(page, shot("dossier-edit"))

    page.get_by_role("button", name="Envoyer mon dossier").click()
    expect(page.get_by_text("La suite :")).to_be_visible()
    screenshot(page, shot("dossier-status"))
    application = Application.objects.get(candidate__email="aya@example.test")
    assert application.status == S.SUBMITTED
    assert application.motivation == "Transmettre ce qui m'a aidé."


def test_coordinator_refuses_document_and_candidate_fixes_it(page, open_round, coordinator_user, tmp_path):
    application = ApplicationFactory(
        selection_round=open_round, submitted=True, candidate__email="nadia@example.test", candidate__first_name="Nadia"
    )
    ApplicationDocumentFactory(application=application)
    login(page, "claire@example.test")
    page.goto(f"/selection/gestion/{open_round.pk}/")
    screenshot(page, shot("dashboard"))
    page.get_by_role("link", name="dossiers dont les pièces sont à vérifier").click()
    page.get_by_role("link", name=application.candidate.full_name).click()
    page.get_by_label("Demander un autre document").check()
    page.get_by_label("Commentaire pour la personne candidate").fill("La deuxième page manque.")
    page.get_by_role("button", name="Enregistrer la vérification").click()
    page.get_by_role("button", name="Terminer la vérification des pièces").click()
    expect(page.get_by_text("Vérification des pièces terminée")).to_be_visible()
    screenshot(page, shot("application-manage"))
    application.refresh_from_db()
    assert application.status == S.INCOMPLETE

    page.get_by_role("button", name="Se déconnecter").click()
    login(page, "nadia@example.test")
    page.goto(f"/selection/dossier/{application.pk}/")
    expect(page.get_by_text("La deuxième page manque.")).to_be_visible()
    page.get_by_role("link", name="Compléter mon dossier").click()
    fixed = tmp_path / "cv-complet.pdf"
    fixed.write_bytes(b"%PDF-1.4\n% complete\n")
    page.get_by_label("Remplacer le fichier").set_input_files(str(fixed))
    page.get_by_role("button", name="Déposer").click()
    page.get_by_role("button", name="Envoyer mon dossier").click()
    expect(page.get_by_text("La coordination vérifie vos pièces")).to_be_visible()
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_candidate_books_an_interview(phone_page, open_round):
    page = phone_page
    application = ApplicationFactory(
        selection_round=open_round, interview_invited=True, candidate__email="mehdi@example.test"
    )
    slot = InterviewSlotFactory(
        selection_round=open_round, starts_at=timezone.now() + datetime.timedelta(days=6), place="Salle 2"
    )
    login(page, "mehdi@example.test")
    page.goto(f"/selection/dossier/{application.pk}/")
    page.get_by_role("link", name="Choisir un créneau d'entretien").click()
    page.locator(f"#slot-{slot.pk}").check()
    screenshot(page, shot("booking-phone"))
    page.get_by_role("button", name="Réserver ce créneau").click()
    expect(page.locator(".messages").get_by_text("Votre entretien est réservé")).to_be_visible()
    # "La suite" now names the booked interview instead of asking to choose a slot.
    expect(page.get_by_text("La suite : Votre entretien est réservé le")).to_be_visible()
    expect(page.get_by_text("Salle 2").first).to_be_visible()
    assert application.booking.slot == slot
    assert mail.outbox[-1].attachments[0][0] == "entretien.ics"

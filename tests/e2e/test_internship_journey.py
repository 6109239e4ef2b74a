"""A placement carried from proposal to attestation in the browser by the learner, the coordinator and a tutor
who has no account (links from e-mails)."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from internships.enums import PlacementStatus
from internships.models import Placement
from tests.e2e.conftest import PHONE_390, login, screenshot
from tests.factories import EnrolmentFactory, HostTeamPeerFactory, PlacementFactory, TutorFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


SHOTS = "internships-{}.png"


def last_link(email: str) -> str:
    bodies = [m.body for m in mail.outbox if email in m.to]
    assert bodies, f"no e-mail to {email}"
    return re.search(r"/stages/lien/[^\s/]+/", bodies[-1]).group(0)


def fill_grid(page, level: str) -> None:
    fieldsets = page.locator("fieldset.competency")
    for index in range(fieldsets.count()):
        fieldsets.nth(index).get_by_label(level, exact=True).check()


def test_placement_from_proposal_to_attestation(page, new_page, learner, coordinator, cohort):
    tutor = TutorFactory(name="Paul Girard", email="paul.girard@example.test", role="Cadre de santé")
    HostTeamPeerFactory(host=tutor.host)
    HostTeamPeerFactory(host=tutor.host)
    today = datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday() + 14)

    # The learner proposes a placement.
    login(page, learner.email)
    page.goto("/stages/")
    page.get_by_role("link", name="Proposer un stage").click()
    page.get_by_label("Tuteur ou tutrice et structure d'accueil").select_option(str(tutor.pk))
    page.get_by_label("Date de début").fill(monday.isoformat())
    page.get_by_label("Date de fin").fill((today + datetime.timedelta(days=40)).isoformat())
    page.get_by_label("Emploi du temps hebdomadaire").fill("Lundi et mardi, 9 h - 17 h")
    page.get_by_label("Heures prévues").fill("120")
    page.get_by_label("Heures maximales par semaine").fill("14")
    page.get_by_label("Missions et objectifs").fill("Co-animer un groupe de parole avec mon binôme.")
    page.get_by_label("Binôme").fill("Camille Petit, infirmière")
    screenshot(page, SHOTS.format("propose"))
    page.get_by_role("button", name="Envoyer ma proposition").click()
    expect(page.get_by_text("Votre proposition a été envoyée")).to_be_visible()
    placement = Placement.objects.get()
    detail = f"/stages/{placement.pk}/"

    # The coordinator approves; the tutor receives a link.
    coord = new_page()
    login(coord, coordinator.email)
    coord.goto(detail)
    coord.get_by_role("button", name="Approuver le stage").click()
    expect(
        coord.get_by_text("Le tuteur ou la tutrice va recevoir un lien par e-mail d'ici quelques minutes")
    ).to_be_visible()

    # The tutor, without an account, approves from the link.
    tutor_page = new_page(PHONE_390)
    tutor_page.goto(last_link(tutor.email))
    screenshot(tutor_page, SHOTS.format("tutor-link-phone"))
    tutor_page.get_by_role("button", name="J'approuve ce stage").click()
    expect(tutor_page.get_by_text("votre réponse a été enregistrée")).to_be_visible()

    # The agreement is signed in turn: learner, tutor (link), coordinator.
    page.goto(detail)
    page.get_by_role("button", name="Signer la convention").click()
    tutor_page.goto(last_link(tutor.email))
    tutor_page.get_by_role("button", name="Signer la convention").click()
    expect(tutor_page.get_by_text("votre signature a été enregistrée")).to_be_visible()
    coord.goto(detail)
    coord.get_by_role("button", name="Signer la convention").click()
    coord.get_by_role("button", name="Démarrer le stage").click()
    expect(coord.get_by_text("Le stage a commencé")).to_be_visible()

    # The learner logs a day and sends the week; the tutor signs it off from the link.
    page.goto(detail)
    page.get_by_label(re.compile(r"^Jour\b")).fill(monday.isoformat())
    page.get_by_role("spinbutton", name="Heures").fill("7")
    page.get_by_label("Ce que vous avez fait").fill("Accueil et groupe de parole")
    page.get_by_role("button", name="Enregistrer cette journée").click()
    expect(page.get_by_text("Votre journée a été enregistrée")).to_be_visible()
    page.get_by_role("button", name="Envoyer cette semaine à mon tuteur ou ma tutrice").click()
    tutor_page.goto(last_link(tutor.email))
    expect(tutor_page.get_by_text("Accueil et groupe de parole")).to_be_visible()
    tutor_page.get_by_label("J'approuve ces heures").check()
    tutor_page.get_by_role("button", name="Enregistrer ma décision").click()
    expect(tutor_page.get_by_text("votre décision a été enregistrée")).to_be_visible()

    # Self-assessment first, then the tutor's mid-point evaluation, counter-signed by the learner.
    page.goto(detail)
    page.get_by_role("link", name="Remplir mon auto-évaluation").click()
    fill_grid(page, "En cours d'acquisition")
    page.get_by_role("button", name="Envoyer l'évaluation").click()
    coord.goto(detail)
    coord.get_by_role("button", name="Ouvrir le bilan de mi-parcours").click()
    tutor_page.goto(last_link(tutor.email))
    fill_grid(tutor_page, "Acquis")
    screenshot(tutor_page, SHOTS.format("tutor-evaluation-phone"))
    tutor_page.get_by_role("button", name="Envoyer l'évaluation").click()
    expect(tutor_page.get_by_text("l'évaluation a été envoyée")).to_be_visible()
    page.goto(detail)
    page.get_by_role("link", name="Lire et contresigner").click()
    page.get_by_label("Oui, je suis d'accord").check()
    page.get_by_role("button", name="Contresigner").click()
    expect(page.get_by_text("vous avez contresigné")).to_be_visible()

    # Final review, final evaluation, counter-signature, validation, attestation.
    coord.goto(detail)
    coord.get_by_role("button", name="Ouvrir le bilan final").click()
    tutor_page.goto(last_link(tutor.email))
    fill_grid(tutor_page, "Maîtrisé")
    tutor_page.get_by_role("button", name="Envoyer l'évaluation").click()
    page.goto(detail)
    page.get_by_role("link", name="Lire et contresigner").click()
    page.get_by_label("Oui, je suis d'accord").check()
    page.get_by_role("button", name="Contresigner").click()
    coord.goto(detail)
    coord.get_by_role("button", name="Valider le stage").click()
    expect(coord.get_by_text("l'attestation est prête")).to_be_visible()
    screenshot(coord, SHOTS.format("coordinator-detail"))
    coord.goto(f"/stages/coordination/{cohort.pk}/")
    screenshot(coord, SHOTS.format("overview"))

    page.goto(detail)
    screenshot(page, SHOTS.format("learner-detail"))
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger l'attestation (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"attestation-stage-{placement.pk}.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
    placement.refresh_from_db()
    assert placement.status == "validated"


def test_a_learner_proposing_to_a_full_tutor_is_told_why_and_keeps_what_they_typed(page, learner, cohort):
    """Three interns already: the proposal itself says so (French law), in words for the learner."""
    tutor = TutorFactory(name="Paul Girard", email="paul.girard@example.test")
    for _n in range(3):
        PlacementFactory(
            enrolment=EnrolmentFactory(cohort=cohort), tutor=tutor, host=tutor.host, status=PlacementStatus.IN_PROGRESS
        )
    today = datetime.date.today()
    login(page, learner.email)
    page.goto("/stages/")
    page.get_by_role("link", name="Proposer un stage").click()
    page.get_by_label("Tuteur ou tutrice et structure d'accueil").select_option(str(tutor.pk))
    page.get_by_label("Date de début").fill(today.isoformat())
    page.get_by_label("Date de fin").fill((today + datetime.timedelta(days=30)).isoformat())
    page.get_by_label("Emploi du temps hebdomadaire").fill("Lundi")
    page.get_by_label("Heures prévues").fill("70")
    page.get_by_label("Missions et objectifs").fill("Co-animer un groupe de parole.")
    page.get_by_label("Binôme").fill("Camille Petit, infirmière")
    page.get_by_role("button", name="Envoyer ma proposition").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Votre demande n'a pas pu être enregistrée")
    expect(summary.get_by_text("le maximum que la loi permet en même temps")).to_be_visible()
    expect(page.locator("form ul.errorlist.nonfield")).to_be_hidden()  # said once, in the summary
    screenshot(page, SHOTS.format("full-tutor"))
    expect(page.get_by_label("Missions et objectifs")).to_have_value("Co-animer un groupe de parole.")
    assert not Placement.objects.filter(enrolment__learner=learner).exists()

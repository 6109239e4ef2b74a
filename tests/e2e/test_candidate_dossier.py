"""The candidate's dossier on a 360 px phone: an upload keeps every answer typed, an empty file is named as such."""

import pytest
from playwright.sync_api import expect

from selection.models import Application
from tests.e2e.a11y import check_page
from tests.e2e.conftest import login
from tests.factories import ApplicationFactory, SelectionRoundFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LIVED = "Il y a dix ans, j'ai traversé une longue dépression.\nCe qui m'a aidé : être écoutée sans jugement."


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def draft():
    coordinator = UserFactory(email="claire@example.test")
    selection_round = SelectionRoundFactory(title="Appel 2027-2028", jury_president=coordinator)
    candidate = UserFactory(email="aya@example.test", first_name="Aya")
    return ApplicationFactory(selection_round=selection_round, candidate=candidate)


def test_uploading_a_document_keeps_the_answers_typed_without_saving_first(small_phone_page, draft, tmp_path):
    page = small_phone_page
    login(page, "aya@example.test")
    page.goto(f"/selection/dossier/{draft.pk}/modifier/")
    check_page(page)
    page.get_by_label("Pourquoi souhaitez-vous suivre ce diplôme ?").fill("Transmettre ce qui m'a aidé.")
    page.get_by_label("Votre vécu et votre chemin de rétablissement").fill(LIVED)
    cv = tmp_path / "mon-cv.pdf"
    cv.write_bytes(b"%PDF-1.4\n% synthetic\n")
    page.get_by_label("Choisir un fichier").set_input_files(str(cv))
    page.get_by_role("button", name="Déposer").click()

    expect(page.get_by_text("mon-cv.pdf")).to_be_visible()
    expect(page.get_by_text("Vos réponses sont enregistrées avec le document.")).to_be_visible()
    expect(page.get_by_label("Votre vécu et votre chemin de rétablissement")).to_have_value(LIVED)
    expect(page.get_by_label("Pourquoi souhaitez-vous suivre ce diplôme ?")).to_have_value(
        "Transmettre ce qui m'a aidé."
    )
    check_page(page)
    page.reload()
    expect(page.get_by_label("Votre vécu et votre chemin de rétablissement")).to_have_value(LIVED)
    assert Application.objects.get(pk=draft.pk).lived_experience == LIVED.replace("\n", "\r\n")


def test_an_answer_refused_by_the_form_stays_on_the_page_and_the_file_is_still_saved(small_phone_page, draft, tmp_path):
    page = small_phone_page
    login(page, "aya@example.test")
    page.goto(f"/selection/dossier/{draft.pk}/modifier/")
    page.get_by_label("Votre vécu et votre chemin de rétablissement").fill(LIVED)
    page.get_by_label("Département où vous habitez (numéro)").fill("Lyon")
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"%PDF-1.4\n% synthetic\n")
    page.get_by_label("Choisir un fichier").set_input_files(str(cv))
    page.get_by_role("button", name="Déposer").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Merci de corriger les champs signalés ci-dessous.")
    expect(page.get_by_label("Département où vous habitez (numéro)")).to_be_focused()
    expect(page.get_by_label("Votre vécu et votre chemin de rétablissement")).to_have_value(LIVED)
    expect(page.get_by_text("cv.pdf")).to_be_visible()
    check_page(page)


def test_an_empty_file_is_named_as_empty(small_phone_page, draft, tmp_path):
    page = small_phone_page
    login(page, "aya@example.test")
    page.goto(f"/selection/dossier/{draft.pk}/modifier/")
    empty = tmp_path / "vide.pdf"
    empty.write_bytes(b"")
    page.get_by_label("Choisir un fichier").set_input_files(str(empty))
    page.get_by_role("button", name="Déposer").click()
    expect(page.get_by_text("Ce fichier est vide (0 octet).")).to_be_visible()
    expect(page.get_by_text("Merci de choisir un fichier.")).to_have_count(0)

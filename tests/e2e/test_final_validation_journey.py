"""Browser journey: the coordinator opens the final validation, records an award, downloads the attestation de
réussite; a learner who is not eligible cannot be awarded; the awarded learner finds her result and attestation."""

import io

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from attestations.enums import AttestationKind
from attestations.models import Attestation
from tests.e2e.conftest import login, screenshot
from tests.factories import CohortFactory, EnrolmentFactory, ProgrammePageFactory, UserFactory
from tests.final_validation.helpers import build_programme, make_eligible, past_sessions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "final-validation"


@pytest.fixture
def promotion():
    programme = ProgrammePageFactory(title="DU Pair-aidance en santé mentale")
    coordinator = UserFactory(email="claire@example.test", first_name="Claire", last_name="Moreau", staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    cohort = CohortFactory(programme=programme, label="2026-2027", coordinators=[coordinator])
    lessons = build_programme(programme)
    lea = EnrolmentFactory(
        cohort=cohort, learner=UserFactory(email="lea@example.test", first_name="Léa", last_name="Martin")
    )
    EnrolmentFactory(
        cohort=cohort, learner=UserFactory(email="yanis@example.test", first_name="Yanis", last_name="Morel")
    )
    make_eligible(lea, lessons, past_sessions(cohort, 3))
    return {"cohort": cohort, "lea": lea}


def test_coordinator_awards_the_diploma_and_the_learner_downloads_her_attestation(
    page, phone_page, promotion, tmp_path
):
    from pypdf import PdfReader

    login(page, "claire@example.test")
    page.get_by_role("link", name="Validation finale — DU Pair-aidance en santé mentale — 2026-2027").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Validation finale — DU Pair-aidance en santé mentale 2026-2027"
    )
    table = page.get_by_role("table")
    expect(table.get_by_role("row").nth(1)).to_contain_text("Éligible")
    expect(table.get_by_role("row").nth(2)).to_contain_text("Aucun stage n'est encore enregistré.")
    screenshot(page, f"{SHOTS}-cohort.png")

    # Yanis is not eligible: awarding him is refused, with what remains.
    page.get_by_role("link", name="Enregistrer la décision — Yanis Morel").click()
    page.get_by_role("radio", name="Diplôme obtenu").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_role("alert")).to_contain_text("Yanis Morel ne remplit pas encore tous les critères")
    screenshot(page, f"{SHOTS}-refused.png")

    page.get_by_role("link", name="Validation finale de la promotion 2026-2027").click()
    page.get_by_role("link", name="Enregistrer la décision — Léa Martin").click()
    page.get_by_role("radio", name="Diplôme obtenu").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_role("status")).to_contain_text("Décision enregistrée pour Léa Martin : Diplôme obtenu.")
    expect(page.locator("main")).to_contain_text("décision en vigueur")
    screenshot(page, f"{SHOTS}-decision.png")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger l'attestation de réussite (PDF)").click()
    saved = tmp_path / "attestation.pdf"
    download_info.value.save_as(saved)
    content = saved.read_bytes()
    assert content.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Léa Martin" in text and "Attestation de réussite" in text
    code = Attestation.objects.filter(kind=AttestationKind.SUCCESS).get(enrolment=promotion["lea"]).code
    assert code in text

    # The learner, on a phone, finds her result and her attestation in her space.
    login(phone_page, "lea@example.test")
    phone_page.get_by_role("link", name="Ma validation finale").click()
    body = phone_page.locator("main")
    expect(body).to_contain_text("Diplôme obtenu")
    expect(body).not_to_contain_text("Morel")
    screenshot(phone_page, f"{SHOTS}-phone-learner.png")
    with phone_page.expect_download() as download_info:
        phone_page.get_by_role("link", name="Télécharger mon attestation de réussite (PDF)").click()
    download_info.value.save_as(tmp_path / "mine.pdf")
    assert (tmp_path / "mine.pdf").read_bytes().startswith(b"%PDF")

    # Anyone can check the code, and sees nothing more than the name, programme, cohort and jury date.
    phone_page.goto(f"/validation/verifier/{code}/")
    expect(phone_page.locator("main")).to_contain_text("Cette attestation de réussite est authentique.")
    screenshot(phone_page, f"{SHOTS}-phone-verify.png")

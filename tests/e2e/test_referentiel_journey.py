"""Browser journey of the validation by blocks: the coordinator edits a block of the référentiel and maps a
competency to a lesson; the jury validates one block and defers another; the learner sees where she stands per
block; once the deferred block is validated the diploma is awarded, and the attestation's public verification
page lists the validated blocks."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from attestations.enums import AttestationKind
from attestations.models import Attestation
from competencies.models import Block, Competency
from tests.e2e.a11y import assert_no_serious_axe_violations, check_page
from tests.e2e.conftest import login, screenshot
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    LessonPageFactory,
    ModulePageFactory,
    ProgrammePageFactory,
    UserFactory,
)
from tests.final_validation.helpers import make_eligible, past_sessions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "referentiel"
PROGRAMME = "DU Pair-aidance en santé mentale"


@pytest.fixture
def promotion():
    programme = ProgrammePageFactory(title=PROGRAMME)
    coordinator = UserFactory(email="claire@example.test", first_name="Claire", last_name="Moreau", staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    cohort = CohortFactory(programme=programme, label="2026-2027", coordinators=[coordinator])
    listening = ModulePageFactory(parent=programme, title="Écoute active", order=1)
    care = ModulePageFactory(parent=programme, title="Se préserver", order=2)
    lessons = {
        "Écoute active": [LessonPageFactory(parent=listening, title="Reformuler, questionner")],
        "Se préserver": [LessonPageFactory(parent=care, title="Les signes d'usure")],
    }
    bc1 = Block.objects.create(programme=programme, code="BC1", title="Écoute", order=1)
    Competency.objects.create(block=bc1, code="C1.1", title="Pratiquer l'écoute active").modules.add(listening)
    bc2 = Block.objects.create(programme=programme, code="BC2", title="Se préserver", order=2)
    Competency.objects.create(block=bc2, code="C2.1", title="Reconnaître chez soi les signes d'usure")
    lea = EnrolmentFactory(
        cohort=cohort, learner=UserFactory(email="lea@example.test", first_name="Léa", last_name="Martin")
    )
    make_eligible(lea, lessons, past_sessions(cohort, 3))
    return {"cohort": cohort, "lea": lea}


def _block(page, code):
    return page.locator("section.block-decision").filter(has=page.get_by_role("heading", name=re.compile(f"^{code} ")))


def _decide(page, code, outcome, reason=""):
    section = _block(page, code)
    section.locator("summary").click()
    section.get_by_role("radio", name=outcome).check()
    if reason:
        section.get_by_label("Ce qui reste à faire, ou la raison du changement").fill(reason)
    section.get_by_role("button", name=f"Enregistrer pour ce bloc {code}").click()


def test_blocks_from_the_referentiel_to_the_attestation(page, phone_page, promotion):
    login(page, "claire@example.test")

    # The coordinator renames a block and says which lesson works on a competency.
    page.get_by_role("link", name=f"Référentiel de compétences — {PROGRAMME}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Référentiel — {PROGRAMME}")
    page.get_by_role("link", name="Modifier le bloc BC1").click()
    page.get_by_label("Titre").fill("Écouter et construire une relation d'aide")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Bloc BC1 — Écouter et construire une relation d'aide enregistré."
    )
    page.get_by_role("link", name="Modifier C2.1").click()
    page.get_by_role("checkbox", name="Se préserver — Les signes d'usure").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("Compétence C2.1")
    expect(page.get_by_role("row", name=re.compile("C2.1"))).to_contain_text("Leçon : Les signes d'usure")
    screenshot(page, f"{SHOTS}-page.png")
    assert_no_serious_axe_violations(page)

    # The jury validates BC1 and defers BC2, saying what remains.
    page.goto("/compte/mon-espace/")
    page.get_by_role("link", name=f"Validation finale — {PROGRAMME} — 2026-2027").click()
    expect(page.get_by_role("columnheader", name="BC2")).to_be_visible()
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Enregistrer la décision — Léa Martin").click()
    _decide(page, "BC1", "Bloc validé")
    expect(page.get_by_role("status")).to_contain_text("Bloc BC1 : Bloc validé.")
    _decide(page, "BC2", "Bloc reporté")
    expect(page.get_by_role("status")).to_contain_text("Bloc BC2 : Dites ce qui reste à faire pour ce bloc")
    _decide(page, "BC2", "Bloc reporté", reason="Reprendre le plan de bien-être avec la tutrice.")
    expect(page.get_by_role("status")).to_contain_text("Bloc BC2 : Bloc reporté.")
    expect(_block(page, "BC1")).to_contain_text("Bloc validé")
    expect(_block(page, "BC2")).to_contain_text("Reprendre le plan de bien-être avec la tutrice.")
    screenshot(page, f"{SHOTS}-jury.png")
    assert_no_serious_axe_violations(page)

    # Léa, on her phone, sees where she stands per block.
    login(phone_page, "lea@example.test")
    phone_page.get_by_role("link", name="Ma validation finale").click()
    blocks = phone_page.locator(".my-blocks")
    expect(blocks.get_by_role("listitem").nth(0)).to_contain_text("BC1 — Écouter et construire une relation d'aide")
    expect(blocks.get_by_role("listitem").nth(0)).to_contain_text("Bloc validé")
    expect(blocks.get_by_role("listitem").nth(1)).to_contain_text("Bloc reporté")
    expect(blocks.get_by_role("listitem").nth(1)).to_contain_text("Leçons terminées : 1 sur 1")
    screenshot(phone_page, f"{SHOTS}-learner.png")
    check_page(phone_page)

    # The diploma waits for BC2; once the jury validates it, the award lists both blocks.
    page.get_by_role("radio", name="Diplôme obtenu").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_role("alert")).to_contain_text("Le jury a reporté le bloc BC2 — Se préserver")
    _decide(page, "BC2", "Bloc validé", reason="Plan de bien-être repris avec la tutrice.")
    expect(page.get_by_role("status")).to_contain_text("Bloc BC2 : Bloc validé.")
    page.get_by_role("radio", name="Diplôme obtenu").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_role("status")).to_contain_text("Décision enregistrée pour Léa Martin : Diplôme obtenu.")

    code = Attestation.objects.get(kind=AttestationKind.SUCCESS, enrolment=promotion["lea"]).code
    phone_page.goto(f"/attestations/verifier/{code}/")
    verification = phone_page.locator(".validated-blocks")
    expect(verification).to_contain_text("BC1 — Écouter et construire une relation d'aide")
    expect(verification).to_contain_text("BC2 — Se préserver")
    screenshot(phone_page, f"{SHOTS}-verify.png")
    check_page(phone_page)

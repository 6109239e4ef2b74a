"""Browser journey of a promotion's life (issue #8): from its dashboard, the coordinator takes attendance for a
session it flags, sees who is behind, writes to the learners who have not started a module, then records the
jury's decision for an eligible learner and downloads her attestation de réussite."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from attestations.enums import AttestationKind
from attestations.models import Attestation
from cohort_sessions.enums import AttendanceStatus
from tasks.enums import OutboxState
from tasks.models import Outbox
from tests.e2e.conftest import login, screenshot
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    ProgrammePageFactory,
    UserFactory,
)
from tests.final_validation.helpers import attend, build_programme, complete, internship, past_sessions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "cohortlife-cockpit"


@pytest.fixture
def promotion():
    """Léa has done every lesson and her internship and attended the first two sessions; Yanis has started
    nothing and has no placement. Nobody has taken the register of the third session yet."""
    programme = ProgrammePageFactory(title="DU Pair-aidance en santé mentale")
    lessons = build_programme(programme)
    coordinator = UserFactory(email="claire@example.test", first_name="Claire", last_name="Moreau", staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    cohort = CohortFactory(programme=programme, label="2026-2027", coordinators=[coordinator])
    lea = EnrolmentFactory(
        cohort=cohort, learner=UserFactory(email="lea@example.test", first_name="Léa", last_name="Martin")
    )
    yanis = EnrolmentFactory(
        cohort=cohort, learner=UserFactory(email="yanis@example.test", first_name="Yanis", last_name="Morel")
    )
    sessions = past_sessions(cohort, 3)
    sessions[2].title = "Regroupement 3 — Écoute active"
    sessions[2].save()
    complete(lea, [lesson for module in lessons.values() for lesson in module])
    internship(lea)
    attend(lea.learner, sessions[:2], [AttendanceStatus.PRESENT] * 2, recorded_by=coordinator)
    attend(yanis.learner, sessions[:2], [AttendanceStatus.ABSENT] * 2, recorded_by=coordinator)
    return {"cohort": cohort, "lea": lea, "yanis": yanis.learner}


def test_coordinator_runs_the_cohort_from_first_register_to_final_jury(page, phone_page, promotion, tmp_path):
    from pypdf import PdfReader

    cohort, yanis = promotion["cohort"], promotion["yanis"]

    login(page, "claire@example.test")
    page.get_by_role("link", name="Tableau de bord — DU Pair-aidance en santé mentale — 2026-2027").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tableau de bord — DU Pair-aidance en santé mentale 2026-2027"
    )
    actions = page.locator("section", has=page.get_by_role("heading", name="Ce qui attend votre action aujourd'hui"))
    expect(actions).to_contain_text("Appels à faire")
    screenshot(page, f"{SHOTS}-before.png")

    # The forgotten register is one click away.
    actions.get_by_role("link", name="Faire l'appel pour « Regroupement 3 — Écoute active »").click()
    page.get_by_role("group", name="Martin Léa").get_by_role("radio", name="Présent·e").check()
    page.get_by_role("group", name="Morel Yanis").get_by_role("radio", name="Absent·e").check()
    page.get_by_role("button", name="Enregistrer les présences").click()
    expect(page.get_by_role("status")).to_contain_text("Présences enregistrées")

    page.goto(f"/promotions/{cohort.pk}/tableau-de-bord/")
    expect(actions).to_contain_text("Rien ne vous attend aujourd'hui.")
    roster = page.get_by_role("table", name="2 apprenants en formation, par ordre alphabétique")
    lea_row = roster.get_by_role("row").filter(has_text="Léa Martin")
    yanis_row = roster.get_by_role("row").filter(has_text="Yanis Morel")
    expect(lea_row).to_contain_text("100 %")  # every lesson
    expect(lea_row).to_contain_text("3 sur 3")  # every session
    expect(lea_row).to_contain_text("Éligible")
    expect(yanis_row).to_contain_text("0 %")
    expect(yanis_row).to_contain_text("0 sur 3")
    expect(yanis_row).to_contain_text("pas encore de stage")
    screenshot(page, f"{SHOTS}-after-attendance.png")

    # Write to the learners who have not started the first module: only Yanis.
    page.get_by_role("combobox", name="Écrire aux apprenants qui…").select_option(label="n'ont pas commencé un module")
    page.get_by_role("combobox", name="Module", exact=True).select_option(label="Écoute active")
    page.get_by_role("button", name="Voir les destinataires").click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text(
        "Apprenants qui n'ont pas commencé « Écoute active »"
    )
    recipients = page.get_by_role("group", name="Destinataire (1)")
    expect(recipients.get_by_role("checkbox", name="Yanis Morel (yanis@example.test)")).to_be_checked()
    expect(recipients).not_to_contain_text("lea@example.test")

    # Nothing goes without a subject: the error is announced and nothing is queued.
    page.get_by_label("Message").fill("Le premier module vous attend, à votre rythme.")
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.get_by_role("alert")).to_contain_text("Merci d'écrire un objet.")
    assert not Outbox.objects.exists()
    screenshot(page, f"{SHOTS}-write-error.png")

    page.get_by_label("Objet").fill("Le module « Écoute active » vous attend")
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.get_by_role("status")).to_contain_text("Votre message part vers 1 apprenant.")
    sent = page.get_by_role("table", name="Messages écrits depuis cette page, du plus récent au plus ancien")
    line = sent.get_by_role("row").filter(has_text="Le module « Écoute active » vous attend")
    expect(line).to_contain_text("Claire Moreau")
    expect(line).to_contain_text(re.compile("1 envoyé|1 en cours d'envoi"))
    screenshot(page, f"{SHOTS}-sent.png")

    [row] = Outbox.objects.filter(rule__code="cohorts.coordinator_message")
    assert (row.recipient_id, row.cohort_id) == (yanis.pk, cohort.pk)
    assert row.state in (OutboxState.SENT, OutboxState.PENDING)  # at night, it waits for the morning

    # The jury met: from the dashboard, the coordinator records Léa's award and downloads her attestation.
    roster.get_by_role("row").filter(has_text="Léa Martin").get_by_role("link", name="Éligible").click()
    page.get_by_role("radio", name="Diplôme obtenu").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_role("status")).to_contain_text("Décision enregistrée pour Léa Martin : Diplôme obtenu.")
    screenshot(page, f"{SHOTS}-decision.png")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger l'attestation de réussite (PDF)").click()
    saved = tmp_path / "attestation.pdf"
    download_info.value.save_as(saved)
    text = " ".join(part.extract_text() for part in PdfReader(io.BytesIO(saved.read_bytes())).pages)
    assert "Léa Martin" in text and "Attestation de réussite" in text
    assert Attestation.objects.filter(kind=AttestationKind.SUCCESS).get(enrolment=promotion["lea"]).code in text

    # The same dashboard on a phone.
    login(phone_page, "claire@example.test")
    phone_page.goto(f"/promotions/{cohort.pk}/tableau-de-bord/")
    expect(phone_page.get_by_role("heading", name="Les apprenants")).to_be_visible()
    screenshot(phone_page, f"{SHOTS}-phone.png")

"""Browser journey: the coordinator takes attendance, sees the rates, downloads the sheet; the learner sees theirs."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot
from tests.factories import CohortFactory, CohortSessionFactory, EnrolmentFactory, ProgrammePageFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "cohortlife"


@pytest.fixture
def promotion():
    programme = ProgrammePageFactory(title="DU Pair-aidance en santé mentale")
    coordinator = UserFactory(email="claire@example.test", first_name="Claire", last_name="Moreau", staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    cohort = CohortFactory(programme=programme, label="2026-2027", coordinators=[coordinator])
    lea = UserFactory(email="lea@example.test", first_name="Léa", last_name="Martin")
    yanis = UserFactory(email="yanis@example.test", first_name="Yanis", last_name="Morel")
    for person in (lea, yanis):
        EnrolmentFactory(cohort=cohort, learner=person)
    today = timezone.localdate()
    CohortSessionFactory(
        cohort=cohort,
        title="Regroupement 1 — Écoute active",
        date=today - datetime.timedelta(days=3),
        speakers="Julien Bernard",
    )
    CohortSessionFactory(
        cohort=cohort, title="Regroupement 2 — Gestion de crise", date=today + datetime.timedelta(days=9), hybrid=True
    )
    return {"cohort": cohort, "lea": lea, "yanis": yanis}


def test_coordinator_takes_attendance_and_learner_sees_their_own(page, phone_page, promotion, tmp_path):
    lea = promotion["lea"]

    login(page, "claire@example.test")
    page.get_by_role("link", name="Calendriers des promotions").click()
    page.get_by_role("link", name="DU Pair-aidance en santé mentale — 2026-2027").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Calendrier — DU Pair-aidance en santé mentale 2026-2027")
    screenshot(page, f"{SHOTS}-cohort-before.png")

    page.get_by_role("link", name="Faire l'appel Regroupement 1 — Écoute active").click()
    register_yanis = page.get_by_role("group", name="Morel Yanis")
    register_yanis.get_by_role("radio", name="Absence excusée").check()
    page.get_by_role("group", name="Martin Léa").get_by_role("radio", name="En retard").check()
    page.get_by_role("button", name="Enregistrer les présences").click()

    # The excused absence needs a reason: the error is announced and shown next to the person.
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Indiquez le motif de cette absence excusée.")
    screenshot(page, f"{SHOTS}-attendance-error.png")
    register_yanis = page.get_by_role("group", name="Morel Yanis")
    expect(register_yanis.get_by_role("radio", name="Absence excusée")).to_be_checked()
    register_yanis.get_by_role("textbox").fill("Rendez-vous médical")
    page.get_by_role("button", name="Enregistrer les présences").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Présences enregistrées pour « Regroupement 1 — Écoute active »."
    )
    rates = page.get_by_role("table")
    expect(rates.get_by_role("row").nth(1)).to_contain_text("Martin Léa")
    expect(rates.get_by_role("row").nth(1).locator(".rate")).to_have_text("100 %")
    expect(rates.get_by_role("row").nth(2).locator(".rate")).to_have_text(re.compile(r"^—"))  # only excused: no rate
    screenshot(page, f"{SHOTS}-cohort-after.png")

    # The sheet is prepared in the background (built at once here: tests run Celery's tasks in-process).
    page.get_by_role("link", name="Feuille d'émargement (PDF) Regroupement 1 — Écoute active").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Préparation du fichier")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger").click()
    download = download_info.value
    assert download.suggested_filename.startswith("emargement-") and download.suggested_filename.endswith(".pdf")
    saved = tmp_path / "sheet.pdf"
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    # The learner, on a phone, sees her own attendance and nobody else's.
    login(phone_page, lea.email)
    phone_page.get_by_role("link", name="Mon assiduité").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Mon assiduité")
    body = phone_page.locator("main")
    expect(body).to_contain_text("Regroupement 1 — Écoute active")
    expect(body).to_contain_text("En retard")
    expect(body).to_contain_text("100 %")
    expect(body).not_to_contain_text("Morel")
    expect(body).not_to_contain_text("Rendez-vous médical")
    screenshot(phone_page, f"{SHOTS}-phone-my-attendance.png")

    phone_page.get_by_role("link", name="Mon espace").click()
    phone_page.get_by_role("link", name="Mes regroupements").click()
    expect(phone_page.get_by_role("heading", name="À venir")).to_be_visible()
    screenshot(phone_page, f"{SHOTS}-phone-my-sessions.png")
    phone_page.get_by_role("link", name="M'abonner dans mon agenda").click()
    phone_page.get_by_role("button", name="Créer mon adresse").click()
    feed = phone_page.get_by_label("Adresse privée du calendrier")
    expect(feed).to_have_value(re.compile("/calendrier/flux/"))
    feed_url = feed.input_value()
    screenshot(phone_page, f"{SHOTS}-phone-feed.png")
    response = phone_page.request.get(feed_url)
    assert response.status == 200 and b"BEGIN:VCALENDAR" in response.body()


def test_coordinator_plans_a_session_on_a_phone(phone_page, promotion):
    cohort = promotion["cohort"]
    login(phone_page, "claire@example.test")
    phone_page.goto(f"/calendrier/promotions/{cohort.pk}/")
    phone_page.get_by_role("link", name="Ajouter un regroupement").click()
    day = timezone.localdate() + datetime.timedelta(days=20)
    phone_page.get_by_label("Titre").fill("Regroupement 3 — Éthique et posture")
    phone_page.get_by_label("Date").fill(day.isoformat())
    phone_page.get_by_label("Heure de début").fill("14:00")
    phone_page.get_by_label("Heure de fin").fill("10:00")
    phone_page.get_by_role("radio", name="À distance", exact=True).check()
    phone_page.get_by_role("button", name="Ajouter le regroupement").click()

    alert = phone_page.get_by_role("alert")
    expect(alert).to_contain_text("L'heure de fin doit être après l'heure de début.")
    expect(alert).to_contain_text("Indiquez le lien de visioconférence")
    screenshot(phone_page, f"{SHOTS}-phone-session-errors.png")

    phone_page.get_by_label("Heure de fin").fill("17:00")
    phone_page.get_by_label("Lien de visioconférence").fill("https://visio.example.test/r3")
    phone_page.get_by_role("button", name="Ajouter le regroupement").click()
    expect(phone_page.get_by_role("status")).to_contain_text(
        "Le regroupement « Regroupement 3 — Éthique et posture » a été ajouté au calendrier."
    )
    assert cohort.sessions.filter(title="Regroupement 3 — Éthique et posture", mode="remote").exists()
    phone_page.goto(f"/calendrier/regroupements/{cohort.sessions.order_by('date').first().pk}/presences/")
    screenshot(phone_page, f"{SHOTS}-phone-attendance.png")

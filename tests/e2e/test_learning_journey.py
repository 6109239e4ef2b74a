"""Browser journey through the learning records: a learner completes lessons and a quiz, sees progress move,
writes in the journal and downloads the attestation; the coordinator sees the matrix.
Screenshots when E2E_SCREENSHOTS names a folder."""

import pytest
from playwright.sync_api import expect

from cms.enums import CompletionRule
from tests.e2e.conftest import login, screenshot
from tests.factories import CohortFactory, EnrolmentFactory, LessonPageFactory, ModulePageFactory, ProgrammePageFactory
from tests.factories.cms import lesson_body

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "lms-"


@pytest.fixture
def course():
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    programme = ProgrammePageFactory(title="DU Pair-aidance en santé mentale", slug="du-pair-aidance")
    module = ModulePageFactory(parent=programme, title="Écoute active", slug="ecoute-active", order=1)
    read = LessonPageFactory(
        parent=module,
        title="Le silence",
        slug="le-silence",
        completion_rule=CompletionRule.VIEWED,
        body=lesson_body(quiz=False),
    )
    done = LessonPageFactory(
        parent=module,
        title="Reformuler",
        slug="reformuler",
        completion_rule=CompletionRule.MARKED_DONE,
        body=lesson_body(quiz=False),
    )
    quiz = LessonPageFactory(
        parent=module, title="Vérifier vos acquis", slug="verifier", completion_rule=CompletionRule.QUIZ_PASSED
    )
    reflect = LessonPageFactory(
        parent=module,
        title="Se sentir écouté",
        slug="se-sentir-ecoute",
        completion_rule=CompletionRule.REFLECTION_WRITTEN,
        body=lesson_body(quiz=False),
    )
    cohort = CohortFactory(programme=programme, label="2026-2027")
    learner = EnrolmentFactory(
        cohort=cohort, learner__email="lea@example.test", learner__first_name="Léa", learner__last_name="Martin"
    ).learner
    for first, last in [("Inès", "Carpentier"), ("Thomas", "Gauthier"), ("Awa", "Diallo")]:
        EnrolmentFactory(cohort=cohort, learner__first_name=first, learner__last_name=last)
    coordinator = UserFactory(email="claire@example.test", staff=True, first_name="Claire", last_name="Moreau")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    cohort.coordinators.add(coordinator)
    return {
        "read": read,
        "done": done,
        "quiz": quiz,
        "reflect": reflect,
        "cohort": cohort,
        "learner": learner,
        "coordinator": coordinator,
    }


def test_learner_completes_lessons_and_a_quiz_writes_and_downloads_the_attestation(page, phone_page, course):
    login(page, "lea@example.test")
    page.goto("/apprendre/")
    expect(page.locator("main .progress-line").first).to_contain_text("0 %")
    expect(page.get_by_text("3 leçons et 1 quiz restent").first).to_be_visible()

    page.goto(course["read"].url)
    expect(page.get_by_role("heading", name="Votre progression dans cette leçon")).to_be_visible()
    page.goto(course["done"].url)
    page.get_by_role("button", name="Indiquer cette leçon comme terminée").click()
    expect(page.get_by_text("Bravo : cette leçon est indiquée comme terminée.")).to_be_visible()

    page.goto("/apprendre/")
    expect(page.locator("main .progress-line").first).to_contain_text("50 %")
    expect(page.get_by_text("1 leçon et 1 quiz restent").first).to_be_visible()

    page.goto(course["quiz"].url)
    page.get_by_role("link", name="Répondre au quiz").click()
    page.get_by_role("radio", name="Le combler vite").check()
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_text("Pas tout à fait.")).to_be_visible()
    expect(page.get_by_text("RETOUR-SECRET-FAUX")).to_be_visible()
    page.get_by_role("radio", name="Le respecter").check()
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_text("Quiz réussi, bravo.")).to_be_visible()
    screenshot(page, f"{SHOTS}quiz.png")

    page.goto("/apprendre/")
    expect(page.locator("main .progress-line").first).to_contain_text("75 %")
    expect(page.get_by_text("1 leçon reste").first).to_be_visible()
    screenshot(page, f"{SHOTS}dashboard-desktop.png")
    login(phone_page, "lea@example.test")
    phone_page.goto("/apprendre/")
    screenshot(phone_page, f"{SHOTS}dashboard-phone.png")

    page.goto(course["reflect"].url)
    page.get_by_role("link", name="Écrire dans mon journal").click()
    page.get_by_label("Votre texte").fill("Chez ma sœur, quand elle m'a laissé le temps de finir mes phrases.")
    page.get_by_role("button", name="Enregistrer dans mon journal").click()
    expect(page.get_by_text("Votre entrée est enregistrée dans votre journal.")).to_be_visible()
    expect(page.get_by_text("Privée", exact=True)).to_be_visible()
    screenshot(page, f"{SHOTS}journal.png")

    page.goto("/apprendre/")
    expect(page.locator("main .progress-line").first).to_contain_text("100 %")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger mon attestation (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("attestation-de-suivi-")
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"


def test_coordinator_sees_the_matrix(page, phone_page, course):
    from lms import services

    services.lesson_viewed(learner=course["learner"], lesson=course["read"])
    services.lesson_complete(learner=course["learner"], lesson=course["done"], how=CompletionRule.MARKED_DONE)
    cohort = course["cohort"]
    for browser_page, name in ((page, "desktop"), (phone_page, "phone")):
        login(browser_page, "claire@example.test")
        browser_page.goto(f"/apprendre/cohortes/{cohort.pk}/progression/")
        expect(browser_page.get_by_role("heading", name="Progression — promotion 2026-2027")).to_be_visible()
        expect(browser_page.get_by_role("cell", name="2/4")).to_have_count(1)
        screenshot(browser_page, f"{SHOTS}matrix-{name}.png")
    page.get_by_role("link", name="Léa Martin").click()
    expect(page.get_by_role("heading", name="Léa Martin")).to_be_visible()
    screenshot(page, f"{SHOTS}learner-detail.png")

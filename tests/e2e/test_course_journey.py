"""Browser journeys through the course: an enrolled learner reads; an anonymous visitor reads the catalogue only."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot
from tests.factories import CohortFactory, EnrolmentFactory, LessonPageFactory, ModulePageFactory, ProgrammePageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "cms-"


@pytest.fixture
def course():
    programme = ProgrammePageFactory(
        title="DU Pair-aidance en santé mentale",
        slug="du-pair-aidance",
        summary="Un diplôme d'un an pour accompagner d'autres personnes vers le rétablissement.",
        objectives="Écouter sans juger\nRéagir avec calme face à une crise\nPrendre soin de soi",
        audience="Des personnes qui ont traversé un trouble psychique et souhaitent accompagner leurs pairs.",
        admission="Sur dossier et entretien.",
        duration="Un an",
        hours=150,
        places=24,
        locations="Lyon et à distance",
    )
    crisis = ModulePageFactory(
        parent=programme,
        title="Gestion de crise",
        slug="gestion-de-crise",
        summary="Repérer une crise, rester présent, passer le relais.",
        order=1,
    )
    noted = LessonPageFactory(
        parent=crisis,
        title="Quand la crise survient",
        slug="quand-la-crise-survient",
        content_note_topics="idées suicidaires, crise",
        content_note_message="Cette leçon évoque des situations de crise suicidaire. Prenez soin de vous.",
    )
    following = LessonPageFactory(parent=crisis, title="Passer le relais", slug="passer-le-relais")
    cohort = CohortFactory(programme=programme)
    learner = EnrolmentFactory(cohort=cohort, learner__email="lea@example.test", learner__first_name="Léa").learner
    return {"programme": programme, "module": crisis, "noted": noted, "following": following, "learner": learner}


def test_enrolled_learner_meets_a_content_note_continues_and_moves_on(page, course):
    login(page, "lea@example.test")
    page.goto(course["programme"].url)
    screenshot(page, f"{SHOTS}programme-desktop.png")
    page.get_by_role("link", name="Gestion de crise").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1, name="Gestion de crise")).to_be_visible()
    screenshot(page, f"{SHOTS}module-desktop.png")

    page.get_by_role("link", name="Commencer la première leçon").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Avant de commencer : un avertissement")).to_be_visible()
    assert "idées suicidaires" in page.content()
    assert "L'écoute active commence par le silence." not in page.content()  # the body is not in the page
    screenshot(page, f"{SHOTS}lesson-note-desktop.png")

    # Keyboard: the "Continuer" link is reachable and activates with Enter.
    page.get_by_role("link", name="Continuer").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("L'écoute active commence par le silence.")).to_be_visible()
    expect(page.get_by_text("Que faire face à un silence ?").first).to_be_visible()
    assert "RETOUR-SECRET-BON" not in page.content()
    screenshot(page, f"{SHOTS}lesson-desktop.png")

    page.get_by_role("link", name="Leçon suivante Passer le relais").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1, name="Passer le relais")).to_be_visible()
    expect(page.get_by_text("Leçon 2 sur 2")).to_be_visible()


def test_learner_on_a_phone_can_come_back_later(phone_page, course):
    page = phone_page
    login(page, "lea@example.test")
    page.goto(course["programme"].url)
    screenshot(page, f"{SHOTS}programme-phone.png")
    page.goto(course["module"].url)
    screenshot(page, f"{SHOTS}module-phone.png")
    page.goto(course["noted"].url)
    screenshot(page, f"{SHOTS}lesson-note-phone.png")
    # Nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="Revenir plus tard").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1, name="Gestion de crise")).to_be_visible()
    page.goto(course["noted"].url + "?continuer=1")
    screenshot(page, f"{SHOTS}lesson-phone.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_anonymous_visitor_reads_the_catalogue_and_is_refused_a_lesson(page, course):
    page.goto("/")
    page.get_by_role("link", name="DU Pair-aidance en santé mentale").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1, name="DU Pair-aidance en santé mentale")).to_be_visible()
    expect(page.get_by_text("Écouter sans juger")).to_be_visible()
    page.get_by_role("link", name="Gestion de crise").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Repérer une crise, rester présent, passer le relais.")).to_be_visible()
    # The module lists its lessons as plain titles for visitors; a lesson's address still answers with the refusal.
    expect(page.get_by_text("Quand la crise survient")).to_be_visible()
    expect(page.get_by_role("link", name="Quand la crise survient")).to_have_count(0)
    page.goto(course["noted"].url)
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1, name="Ce contenu est réservé aux personnes inscrites")).to_be_visible()
    assert "L'écoute active commence par le silence." not in page.content()
    screenshot(page, f"{SHOTS}refused-desktop.png")
    page.get_by_role("link", name="Se connecter").last.click()
    page.wait_for_load_state()
    assert "/compte/connexion/" in page.url and "next=" in page.url

"""axe-core on each page type of each role (fails on serious or critical violations), and no sideways scroll
at 360 px for the pages of candidates, learners and tutors. Error pages included."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from internships import services as internship_services
from internships.enums import LinkPurpose, PlacementStatus
from tests.e2e.a11y import (
    assert_no_serious_axe_violations,
    assert_no_sideways_scroll,
    check_page,
    serious_axe_violations,
)
from tests.e2e.conftest import login
from tests.factories import (
    ApplicationFactory,
    EnrolmentFactory,
    PlacementFactory,
    SelectionRoundFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    from django.contrib.auth.models import Group

    coordinator = UserFactory(email="claire@example.test", staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    selection_round = SelectionRoundFactory(title="Appel 2027-2028", jury_president=coordinator)
    selection_round.cohort.coordinators.add(coordinator)
    application = ApplicationFactory(
        selection_round=selection_round, submitted=True, candidate__email="aya@example.test"
    )
    enrolment = EnrolmentFactory(cohort=selection_round.cohort, learner__email="lea@example.test")
    placement = PlacementFactory(enrolment=enrolment, status=PlacementStatus.IN_PROGRESS)
    return {"round": selection_round, "application": application, "placement": placement, "cohort": enrolment.cohort}


def test_public_and_error_pages(small_phone_page, world):
    page = small_phone_page
    for path in (f"/selection/appel/{world['round'].pk}/", "/compte/connexion/"):
        page.goto(path)
        check_page(page)
    response = page.goto("/cette-page-n-existe-pas/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Cette page est introuvable")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    check_page(page)


def test_candidate_pages_on_a_phone(small_phone_page, world):
    page = small_phone_page
    login(page, "aya@example.test")
    for path in (
        "/compte/mon-espace/",
        "/selection/mes-candidatures/",
        f"/selection/dossier/{world['application'].pk}/",
    ):
        page.goto(path)
        check_page(page)


def test_learner_pages_on_a_phone(small_phone_page, world):
    page = small_phone_page
    login(page, "lea@example.test")
    placement = world["placement"].pk
    for path in (
        "/compte/mon-espace/",
        "/apprendre/",
        "/apprendre/journal/",
        "/stages/",
        f"/stages/{placement}/",
        "/relances/mes-rappels/",
    ):
        page.goto(path)
        check_page(page)


def test_keyboard_reaches_the_content_with_the_skip_link(small_phone_page, world):
    page = small_phone_page
    page.goto("/compte/connexion/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_tutor_link_page_on_a_phone(small_phone_page, world):
    page = small_phone_page
    _link, token = internship_services.link_create(placement=world["placement"], purpose=LinkPurpose.FILL_EVALUATION)
    page.goto(f"/stages/lien/{token}/")
    check_page(page)


def test_coordinator_pages(page, world):
    login(page, "claire@example.test")
    round_id, cohort_id = world["round"].pk, world["cohort"].pk
    for path in (
        f"/selection/gestion/{round_id}/",
        f"/selection/gestion/{round_id}/candidatures/",
        f"/selection/gestion/{round_id}/classement/",
        f"/promotions/{cohort_id}/tableau-de-bord/",
        f"/stages/coordination/{cohort_id}/",
        f"/validation/promotions/{cohort_id}/",
    ):
        page.goto(path)
        assert_no_serious_axe_violations(page)


def test_coordinator_lists_scroll_inside_their_frame_on_a_phone(small_phone_page, world):
    """Wide tables (final validation, progression, placements) scroll in their frame; the page does not."""
    page = small_phone_page
    login(page, "claire@example.test")
    cohort_id = world["cohort"].pk
    for path in (f"/validation/promotions/{cohort_id}/", f"/stages/coordination/{cohort_id}/"):
        page.goto(path)
        assert_no_sideways_scroll(page)
        first_cell = page.locator(".table-wrap tbody td:first-child, .table-wrap tbody th:first-child").first
        expect(first_cell).to_have_css("position", "sticky")


def test_the_check_fails_on_serious_violations_and_lets_moderate_ones_pass(page):
    """The check runs only the rules that can find a serious or critical violation: it still finds them."""
    page.set_content(
        '<html lang="fr"><head><title>Essai</title></head><body><main><h1>Essai</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<p style="color:#bbb;background:#fff">Un texte trop pâle pour être lu.</p></main></body></html>'
    )
    assert {v["id"]: v["impact"] for v in serious_axe_violations(page)} == {
        "image-alt": "critical",
        "color-contrast": "serious",
    }
    with pytest.raises(AssertionError, match=r"critical: image-alt \(Images must have alternative text\) at img"):
        assert_no_serious_axe_violations(page)
    # No main landmark, no first-level heading, text outside any region: what every rule finds is moderate.
    page.set_content('<html lang="fr"><head><title>Essai</title></head><body><div>Un texte.</div></body></html>')
    assert {v["impact"] for v in Axe().run(page).response["violations"]} == {"moderate"}
    assert_no_serious_axe_violations(page)

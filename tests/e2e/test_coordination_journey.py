"""Browser journey in the Wagtail admin: each coordinator sees and reviews their own programme only."""

import pytest
from playwright.sync_api import expect

from cms.services import programme_author_add
from tests.e2e.conftest import login, screenshot
from tests.factories import CohortFactory, LessonPageFactory, ModulePageFactory, ProgrammePageFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "cms-coordination-"


@pytest.fixture
def two_programmes():
    du = ProgrammePageFactory(title="DU Pair-aidance en santé mentale", slug="du-pair-aidance")
    lesson = LessonPageFactory(
        parent=ModulePageFactory(parent=du, title="L'écoute active", slug="ecoute-active"),
        title="Le silence",
        slug="le-silence",
    )
    short = ProgrammePageFactory(title="Formation courte en équipe", slug="formation-courte")
    ModulePageFactory(parent=short, title="Collaborer au quotidien", slug="collaborer")
    coordinator = UserFactory(email="coordination-du@example.test", staff=True)
    other = UserFactory(email="coordination-equipe@example.test", staff=True)
    CohortFactory(programme=du, coordinators=[coordinator])
    CohortFactory(programme=short, coordinators=[other])
    author = UserFactory(email="auteur-du@example.test", staff=True)
    programme_author_add(programme=du, user=author)
    lesson.title = "Le silence, version relue"
    lesson.save_revision(user=author)
    lesson.get_workflow().start(lesson, author)
    return {"lesson": lesson, "coordinator": coordinator, "other": other}


def test_each_coordinator_sees_and_reviews_only_their_programme(page, two_programmes):
    lesson = two_programmes["lesson"]

    login(page, two_programmes["other"].email)
    page.goto("/admin/")
    screenshot(page, f"{SHOTS}other-dashboard.png")
    assert "Le silence, version relue" not in page.content()  # not in their reviews
    page.goto("/admin/pages/")
    page.wait_for_load_state()
    screenshot(page, f"{SHOTS}other-explorer.png")
    expect(page.get_by_role("link", name="Collaborer au quotidien", exact=True)).to_be_visible()
    assert "L'écoute active" not in page.content()
    page.goto(f"/admin/pages/{lesson.pk}/edit/")
    page.wait_for_load_state()
    assert f"/admin/pages/{lesson.pk}/edit/" not in page.url
    assert "autorisations" in page.content()  # Wagtail's "you do not have permission"
    page.context.clear_cookies()

    login(page, two_programmes["coordinator"].email)
    page.goto("/admin/")
    screenshot(page, f"{SHOTS}dashboard.png")
    page.get_by_role("link", name="Le silence, version relue").first.click()
    page.wait_for_load_state()
    assert f"/admin/pages/{lesson.pk}/edit/" in page.url
    page.get_by_role("button", name="Plus d'actions").last.click()
    screenshot(page, f"{SHOTS}review.png")
    page.get_by_role("button", name="Approuver et Publier", exact=True).click()
    page.wait_for_load_state()
    lesson.refresh_from_db()
    assert lesson.title == "Le silence, version relue"  # approved, hence published

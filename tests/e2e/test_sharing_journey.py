"""Browser journey: the coordinator of a new DU starts a module from the first DU's, publishes it, and a learner
of the new DU's cohort opens its lesson."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from cms.models import ModulePage
from cms.services import programme_editorial_setup
from tests.e2e.conftest import login, screenshot
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    LessonPageFactory,
    ModulePageFactory,
    ProgrammePageFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "sharing-"


@pytest.fixture
def two_dus():
    first = ProgrammePageFactory(title="DU Pair-aidance en santé mentale", slug="du-pair-aidance", share_modules=True)
    programme_editorial_setup(programme=first)
    listening = ModulePageFactory(parent=first, title="L’écoute active", slug="ecoute-active", order=1)
    LessonPageFactory(parent=listening, title="Écouter vraiment", slug="ecouter-vraiment")
    LessonPageFactory(parent=listening, title="Reformuler", slug="reformuler")
    corsica = ProgrammePageFactory(title="DU Pair-aidance — Université de Corse", slug="du-corse")
    coordinator = UserFactory(staff=True, email="coordination-corse@example.test", first_name="Marie-Ange")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    cohort = CohortFactory(programme=corsica, coordinators=[coordinator])
    learner = EnrolmentFactory(cohort=cohort, learner__email="apprenant-corse@example.test").learner
    return {"first": first, "corsica": corsica, "coordinator": coordinator, "learner": learner}


def _publish_in_the_editor(page):
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Publier").click()
    page.wait_for_load_state()


def test_coordinator_reuses_a_module_publishes_it_and_a_learner_opens_its_lesson(page, two_dus):
    login(page, "coordination-corse@example.test")
    page.goto("/admin/")
    page.get_by_role("link", name="Modules partagés").click()
    expect(
        page.get_by_role(
            "heading", name="Modules que vous pouvez reprendre dans « DU Pair-aidance — Université de Corse »"
        )
    ).to_be_visible()
    screenshot(page, f"{SHOTS}picker.png")
    page.get_by_role("link", name="Reprendre « L’écoute active »").click()

    expect(page.get_by_role("heading", name="Confirmer la reprise")).to_be_visible()
    expect(page.get_by_text("Écouter vraiment")).to_be_visible()
    screenshot(page, f"{SHOTS}confirm.png")
    page.get_by_role("button", name="Reprendre ce module dans ma formation").click()
    page.wait_for_load_state()

    expect(page.get_by_text("est maintenant un brouillon de « DU Pair-aidance — Université de Corse »")).to_be_visible()
    expect(
        page.get_by_text("D’après le module « L’écoute active » de « DU Pair-aidance en santé mentale »")
    ).to_be_visible()
    screenshot(page, f"{SHOTS}editor.png")
    _publish_in_the_editor(page)
    expect(page.get_by_text("La page « L’écoute active » a été publiée.")).to_be_visible()

    # The lesson is a draft of the copy too: the coordinator opens it from the module's listing and publishes it.
    copy = ModulePage.objects.child_of(two_dus["corsica"]).get()
    page.goto(f"/admin/pages/{copy.pk}/")
    page.get_by_role("link", name="Écouter vraiment").first.click()
    page.wait_for_load_state()
    _publish_in_the_editor(page)
    expect(page.get_by_text("La page « Écouter vraiment » a été publiée.")).to_be_visible()

    page.context.clear_cookies()
    login(page, "apprenant-corse@example.test")
    page.goto("/du-corse/ecoute-active/")
    expect(page.get_by_role("heading", level=1, name="L’écoute active")).to_be_visible()
    expect(page.get_by_text("D’après le module")).to_be_visible()
    page.get_by_role("link", name="Commencer la première leçon").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1, name="Écouter vraiment")).to_be_visible()
    expect(page.get_by_text("L'écoute active commence par le silence.")).to_be_visible()
    screenshot(page, f"{SHOTS}lesson.png")

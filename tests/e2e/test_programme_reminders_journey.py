"""A coordinator gives their programme its own wording of a reminder, in the Wagtail admin ("Relances")."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tasks.models import ProgrammeRuleSetting, ReminderRule
from tasks.reminders import LEARNER_INACTIVE
from tasks.services import rules_sync
from tests.e2e.conftest import login, screenshot
from tests.factories import CohortFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_changes_the_wording_for_their_programme(page):
    rules_sync()
    coordinator = UserFactory(email="claire@example.test", first_name="Claire", staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    cohort = CohortFactory(label="2026-2027", coordinators=[coordinator])
    other = CohortFactory()
    rule = ReminderRule.objects.get(code=LEARNER_INACTIVE)

    login(page, "claire@example.test")
    page.goto("/admin/")
    page.get_by_role("button", name="Relances").click()
    page.get_by_role("link", name="Par formation").click()
    page.wait_for_load_state()
    # One programme: straight to its reminders.
    expect(page.get_by_role("heading", level=1)).to_contain_text(cohort.programme.title)
    expect(page.get_by_text(other.programme.title)).to_have_count(0)
    page.get_by_role("link", name=f"Modifier : {rule}").click()
    page.wait_for_load_state()

    # A placeholder error is refused in French, and what was typed stays.
    page.get_by_label("objet (français)").fill("Nous pensons à vous, {{ first_name")
    page.get_by_label("message (français)").fill("Bonjour {% if %}")
    page.get_by_role("button", name="Enregistrer pour cette formation").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Ce texte contient une erreur de variable").first).to_be_visible()
    expect(page.get_by_label("message (français)")).to_have_value("Bonjour {% if %}")
    assert not ProgrammeRuleSetting.objects.exists()

    page.get_by_label("objet (français)").fill("Nous pensons à vous, {{ first_name }}")
    page.get_by_label("message (français)").fill("Bonjour {{ first_name }},\n\nLa promotion vous attend.")
    page.get_by_label("Envoi pour cette formation").select_option(label="Activée pour cette formation")
    page.get_by_role("button", name="Enregistrer pour cette formation").click()
    page.wait_for_load_state()
    expect(page.get_by_text("La relance est enregistrée pour cette formation.")).to_be_visible()
    row = page.get_by_role("row", name=str(rule))
    expect(row.get_by_role("cell", name="Oui").last).to_be_visible()
    screenshot(page, "tasks-e2e-programme-rules.png")

    setting = ProgrammeRuleSetting.objects.get(rule=rule, programme=cohort.programme)
    assert setting.subject_fr == "Nous pensons à vous, {{ first_name }}"
    assert setting.updated_by == coordinator

    # The edit page shows who changed what, and offers the way back to the platform default.
    page.get_by_role("link", name=f"Modifier : {rule}").click()
    page.wait_for_load_state()
    expect(page.get_by_label("objet (français)")).to_have_value("Nous pensons à vous, {{ first_name }}")
    change = page.locator("main li", has_text=f"— {coordinator.full_name}")
    expect(change).to_contain_text("objet (français)")
    screenshot(page, "tasks-e2e-programme-rule-edit.png")
    page.get_by_role("button", name="Revenir au réglage de la plateforme").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Cette relance suit de nouveau le réglage de la plateforme")).to_be_visible()
    assert not ProgrammeRuleSetting.objects.exists()

    # Another programme's settings are not found.
    response = page.goto(f"/admin/relances/formations/{other.programme.pk}/")
    assert response.status == 404

"""First journey: home page, language switch, coordinator log-in, Wagtail admin dashboard."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tests.e2e.conftest import login_with_the_form
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_newcomer_switches_language_and_coordinator_reaches_admin(page):
    coordinator = UserFactory(email="claire@example.test", first_name="Claire", staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.get_by_label("Langue").select_option("en")
    page.get_by_role("button", name="Changer de langue").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change language").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    login_with_the_form(page, "claire@example.test")
    expect(page.get_by_role("heading", name="Bonjour Claire")).to_be_visible()
    page.goto("/admin/")
    page.wait_for_load_state()
    assert "/admin/" in page.url and "login" not in page.url
    expect(page.locator("main, #main").first).to_be_visible()
    assert page.title()  # the Wagtail dashboard rendered

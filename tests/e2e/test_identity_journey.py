"""Browser journeys of identity: sign up from a call and verify, staff set up and use their second factor."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.factories import SelectionRoundFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shot(name: str) -> str:
    return f"identity-{name}.png"


def code_for(secret: str, window: int | None = None) -> str:
    """The authenticator app's code of the current 30-second window (or of `window`)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 if window is None else window))


def test_candidate_signs_up_from_a_call_verifies_and_lands_back_on_it(page):
    selection_round = SelectionRoundFactory(title="Appel à candidatures 2027-2028")
    page.goto(f"/selection/appel/{selection_round.pk}/")
    page.get_by_role("button", name="Candidater").click()
    expect(page.get_by_role("heading", name="Créer un compte")).to_be_visible()
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("alert")).to_contain_text("Merci de corriger les champs signalés")
    page.get_by_label("Prénom").fill("Aya")
    page.get_by_label("Nom", exact=True).fill("Diallo")
    page.get_by_label("Adresse e-mail").fill("aya.identite@example.test")
    page.get_by_label("Mot de passe", exact=True).fill("un-mot-de-passe-long")
    screenshot(page, shot("signup"))
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", name="Consultez vos e-mails")).to_be_visible()
    expect(page.get_by_role("link", name="Mon espace")).to_have_count(0)  # not logged in before verifying

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    page.goto(path)
    screenshot(page, shot("confirm"))
    page.get_by_role("button", name="Confirmer mon adresse").click()
    expect(page.get_by_role("heading", name="Appel à candidatures 2027-2028")).to_be_visible()
    expect(page.get_by_role("link", name="Mon espace")).to_be_visible()

    # The link worked once; opened again it explains, and logs nobody in.
    page.get_by_role("button", name="Se déconnecter").click()
    page.goto(path)
    expect(page.get_by_text("Ce lien ne fonctionne plus")).to_be_visible()
    expect(page.get_by_role("link", name="Mon espace")).to_have_count(0)


def test_coordinator_sets_up_a_second_factor_then_is_asked_for_it(page):
    claire = UserFactory(email="claire@example.test", first_name="Claire", staff=True)
    claire.groups.add(Group.objects.get(name="Coordinators"))
    page.goto("/admin/")
    page.get_by_label("Adresse e-mail").fill("claire@example.test")
    page.get_by_label("Mot de passe").fill("correct-horse-battery")
    page.get_by_role("button", name="Se connecter").click()

    expect(page.get_by_text("données personnelles sensibles")).to_be_visible()
    screenshot(page, shot("mfa-setup"))
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill("000000" if code_for(secret) != "000000" else "111111")
    page.locator("#main form button[type=submit]").first.click()
    expect(page.get_by_role("alert")).to_be_visible()
    page.locator("input[name=code]").fill(code_for(secret))
    activated_in = int(time.time()) // 30
    page.locator("#main form button[type=submit]").first.click()
    expect(page.get_by_role("heading", name=re.compile("récupération", re.I))).to_be_visible()
    screenshot(page, shot("recovery-codes"))

    page.goto("/admin/")
    expect(page.locator("body.wagtail-dashboard, .w-dashboard, main")).not_to_have_count(0)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    screenshot(page, shot("admin"))

    page.goto("/compte/mon-espace/")
    page.get_by_role("button", name="Se déconnecter").click()
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill("claire@example.test")
    page.get_by_label("Mot de passe").fill("correct-horse-battery")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("input[name=code]")).to_be_visible()
    screenshot(page, shot("mfa-challenge"))
    # A code works once: the app's next code, never the one used to activate. The next window's code is accepted
    # at once (one window of tolerance, MFA_TOTP_TOLERANCE), so the test does not wait up to 30 s for it.
    next_code = code_for(secret, max(int(time.time()) // 30, activated_in + 1))
    assert next_code != code_for(secret, activated_in)
    page.locator("input[name=code]").fill(next_code)
    page.locator("#main form button[type=submit]").first.click()
    expect(page.get_by_role("link", name="Mon espace")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/compte/mon-espace/$"))

"""Reminders: a coordinator finds a failed reminder and sends it again; a learner unsubscribes on a phone."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from tasks.enums import OutboxState
from tasks.mail import unsubscribe_token
from tasks.models import Outbox, ReminderOptOut, ReminderRule
from tasks.reminders import LEARNER_INACTIVE
from tasks.services import rules_sync
from tests.e2e.conftest import login, screenshot
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _rules(transactional_db):
    rules_sync()


def test_coordinator_sees_a_failed_reminder_and_sends_it_again(page):
    rules_sync()
    coordinator = UserFactory(email="claire@example.test", first_name="Claire", staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    cohort = CohortFactory(label="2026-2027", coordinators=[coordinator])
    row = Outbox.objects.create(
        rule=ReminderRule.objects.get(code=LEARNER_INACTIVE),
        recipient_email="lea@example.test",
        cohort=cohort,
        key="e2e:1",
        base_key="e2e",
        due_at=timezone.now(),
        state=OutboxState.FAILED,
        attempts=6,
        last_error="SMTPRecipientsRefused: 550 Mailbox unavailable",
    )
    login(page, "claire@example.test")
    page.goto("/admin/relances/envois/?state=failed")
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Envois")).to_be_visible()
    expect(page.get_by_text("550 Mailbox unavailable")).to_be_visible()
    screenshot(page, "tasks-e2e-outbox.png")
    page.goto(f"/admin/relances/envois/resend/{row.pk}/")
    page.get_by_role("button", name="Oui, la renvoyer").click()
    page.wait_for_load_state()
    expect(page.get_by_text("La relance sera renvoyée au prochain moment permis.")).to_be_visible()
    row.refresh_from_db()
    assert row.state == OutboxState.PENDING


def test_learner_unsubscribes_in_one_click_on_a_phone(phone_page):
    rules_sync()
    learner = EnrolmentFactory(learner=UserFactory(first_name="Léa")).learner
    token = unsubscribe_token(user_id=learner.pk, rule_code=LEARNER_INACTIVE)
    phone_page.goto(f"/relances/desabonnement/{token}/")
    expect(phone_page.get_by_role("heading", level=1, name="Votre désabonnement est enregistré")).to_be_visible()
    screenshot(phone_page, "tasks-e2e-unsubscribe.png")
    assert ReminderOptOut.objects.filter(user=learner).exists()
    phone_page.get_by_role("button", name="J'ai changé d'avis : continuer à les recevoir").click()
    phone_page.wait_for_load_state()
    expect(phone_page.get_by_role("heading", level=1, name="Vous recevrez de nouveau ces messages")).to_be_visible()
    assert not ReminderOptOut.objects.filter(user=learner).exists()

import pytest
from django.core.management import call_command

from tasks.enums import OutboxKind, OutboxState
from tasks.models import Outbox, ReminderRule

pytestmark = pytest.mark.django_db


def test_demo_tells_a_story_in_every_state_and_is_idempotent(demo, capsys):
    states = set(Outbox.objects.values_list("state", flat=True))
    assert states == {OutboxState.SENT, OutboxState.CANCELLED, OutboxState.FAILED, OutboxState.PENDING}
    count, rules = Outbox.objects.count(), ReminderRule.objects.count()
    call_command("seed_demo", quiet_accounts=True)
    assert (Outbox.objects.count(), ReminderRule.objects.count()) == (count, rules)
    assert Outbox.objects.filter(state=OutboxState.FAILED).exclude(last_error="").exists()
    # What the story already sent: an answer to a candidate, a decision letter, a tutor's link.
    sent_messages = Outbox.objects.filter(kind=OutboxKind.MESSAGE, state=OutboxState.SENT)
    assert set(sent_messages.values_list("rule__code", flat=True)) == {
        "cohorts.message_dossier_received",
        "cohorts.message_decision_letter",
        "internships.tutor_link",
    }

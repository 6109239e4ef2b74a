import pytest
from django.core.management import call_command

from tasks.enums import OutboxState
from tasks.models import Outbox, ReminderRule

pytestmark = pytest.mark.django_db


def test_demo_tells_a_story_in_every_state_and_is_idempotent(demo, capsys):
    states = set(Outbox.objects.values_list("state", flat=True))
    assert states == {OutboxState.SENT, OutboxState.CANCELLED, OutboxState.FAILED, OutboxState.PENDING}
    count, rules = Outbox.objects.count(), ReminderRule.objects.count()
    call_command("seed_demo", quiet_accounts=True)
    assert (Outbox.objects.count(), ReminderRule.objects.count()) == (count, rules)
    assert Outbox.objects.filter(state=OutboxState.FAILED).exclude(last_error="").exists()

"""One-off messages: queued by an app through the outbox, sent once, logged, with attachments."""

import pytest
from django.core import mail
from django.db import transaction

from tasks import registry
from tasks.enums import Audience, OutboxKind, OutboxState
from tasks.models import Outbox, OutboxEvent
from tasks.registry import Due, RuleSpec
from tasks.services import ReminderError, message_queue, plan_all, rules_sync
from tests.factories import UserFactory
from tests.tasks.conftest import paris
from tests.tasks.helpers import at

pytestmark = pytest.mark.django_db

CODE = "tests.note_to_learner"


def _attachments(row):
    return [("note.txt", f"Pour {row.recipient_email}".encode(), "text/plain")]


@pytest.fixture
def message_rule():
    spec = RuleSpec(
        code=CODE,
        app_label="tasks",
        trigger="A coordinator writes to learners.",
        audience=Audience.LEARNER,
        subject_fr="{{ message_subject }}",
        subject_en="{{ message_subject }}",
        body_fr="Bonjour {{ first_name }},\n\n{{ message_body }}",
        body_en="Hello {{ first_name }},\n\n{{ message_body }}",
        is_message=True,
        attachments=_attachments,
    )
    registry.register_rule(spec)
    rules_sync()
    yield spec
    registry.unregister_rule(CODE)


def _due(user, key="note:1"):
    return Due(
        reason=key,
        reference=paris(2026, 3, 10, 10, 0),
        recipient_id=user.pk,
        email=user.email,
        action_url="/apprendre/",
        context={
            "message_subject": "Regroupement de jeudi",
            "message_body": "{{ secret }} <b>à bientôt</b>",
        },
    )


def test_a_message_is_queued_sent_once_and_logged(message_rule, django_capture_on_commit_callbacks):
    learner = UserFactory(first_name="Léa")
    coordinator = UserFactory()
    with at(paris(2026, 3, 10, 10, 0)), django_capture_on_commit_callbacks(execute=True):
        created = message_queue(CODE, [_due(learner)], by=coordinator, note="Written from the cockpit")
    assert len(created) == 1
    [message] = mail.outbox
    assert message.subject == "Regroupement de jeudi"
    # What people typed is data, never a template: no placeholder is evaluated, HTML is escaped.
    assert "{{ secret }} <b>à bientôt</b>" in message.body
    html, _ = message.alternatives[0]
    assert "&lt;b&gt;à bientôt&lt;/b&gt;" in html
    assert message.attachments[0][0] == "note.txt"
    row = Outbox.objects.get()
    assert (row.kind, row.state) == (OutboxKind.MESSAGE, OutboxState.SENT)
    first = OutboxEvent.objects.filter(outbox=row).first()
    assert first.by == coordinator and first.note == "Written from the cockpit"


def test_queuing_the_same_message_twice_sends_it_once(message_rule, django_capture_on_commit_callbacks):
    learner = UserFactory()
    with at(paris(2026, 3, 10, 10, 0)), django_capture_on_commit_callbacks(execute=True):
        assert len(message_queue(CODE, [_due(learner)])) == 1
        assert message_queue(CODE, [_due(learner)]) == []
    assert len(mail.outbox) == 1
    assert Outbox.objects.count() == 1


def test_a_rolled_back_transaction_queues_nothing(message_rule, django_capture_on_commit_callbacks):
    learner = UserFactory()
    with (
        at(paris(2026, 3, 10, 10, 0)),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError, match="the caller failed after queuing"),
        transaction.atomic(),
    ):
        message_queue(CODE, [_due(learner)])
        raise RuntimeError("the caller failed after queuing")
    assert Outbox.objects.count() == 0
    assert mail.outbox == []


def test_a_message_waits_for_the_morning_when_written_at_night(message_rule, django_capture_on_commit_callbacks):
    learner = UserFactory()
    with at(paris(2026, 3, 10, 23, 30)), django_capture_on_commit_callbacks(execute=True):
        message_queue(CODE, [_due(learner)])
    assert mail.outbox == []
    row = Outbox.objects.get()
    assert row.state == OutboxState.PENDING
    assert row.due_at.astimezone(paris(2026, 1, 1).tzinfo).hour >= 8


def test_message_rules_are_never_planned(message_rule):
    with at(paris(2026, 3, 10, 10, 0)):
        result = plan_all()
    assert result[CODE] == 0


def test_a_person_without_account_gets_the_message_in_the_language_given(
    message_rule, django_capture_on_commit_callbacks
):
    due = Due(
        reason="tutor:1",
        reference=paris(2026, 3, 10, 10, 0),
        email="tutrice@example.org",
        context={"message_subject": "Hello", "message_body": "Thanks", "language": "en"},
    )
    with at(paris(2026, 3, 10, 10, 0)), django_capture_on_commit_callbacks(execute=True):
        message_queue(CODE, [due])
    [message] = mail.outbox
    assert message.to == ["tutrice@example.org"]
    assert message.body.startswith("Hello")


def test_only_declared_message_rules_can_be_queued(rules):
    with pytest.raises(ReminderError, match=r"cohorts\.learner_inactive is not a declared message"):
        message_queue("cohorts.learner_inactive", [])
    with pytest.raises(ReminderError, match=r"nobody\.declared_this is not a declared message"):
        message_queue("nobody.declared_this", [])

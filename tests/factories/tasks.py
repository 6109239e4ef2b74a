import factory
from django.utils import timezone

from tasks.enums import Audience, OutboxState
from tasks.models import Outbox, ReminderRule


class ReminderRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReminderRule
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"tests.rule{n}")
    app_label = "tests"
    description = factory.Sequence(lambda n: f"Test rule {n}")
    trigger = "A test rule."
    audience = Audience.LEARNER
    subject_fr = "Objet"
    subject_en = "Subject"
    body_fr = "Bonjour {{ first_name }}"
    body_en = "Hello {{ first_name }}"


class OutboxFactory(factory.django.DjangoModelFactory):
    """An outbox row, pending by default; one trait per state."""

    class Meta:
        model = Outbox

    rule = factory.SubFactory(ReminderRuleFactory)
    recipient_email = factory.Sequence(lambda n: f"recipient{n}@example.test")
    key = factory.Sequence(lambda n: f"tests:{n}:1")
    base_key = factory.LazyAttribute(lambda row: row.key.rsplit(":", 1)[0])
    due_at = factory.LazyFunction(timezone.now)
    state = OutboxState.PENDING

    class Params:
        sending = factory.Trait(
            state=OutboxState.SENDING, claim_token="token", claimed_at=factory.LazyFunction(timezone.now)
        )
        sent = factory.Trait(state=OutboxState.SENT, attempts=1, sent_at=factory.LazyFunction(timezone.now))
        failed = factory.Trait(state=OutboxState.FAILED, attempts=6, last_error="SMTPRecipientsRefused: 550")
        cancelled = factory.Trait(state=OutboxState.CANCELLED)

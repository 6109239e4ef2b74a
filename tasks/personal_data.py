"""The messages the platform sent (or will send) to a person, for “download my data” (see accounts)."""

from django.utils.translation import gettext as _

from accounts.personal_data import DataSection, records
from tasks.models import Outbox, ReminderOptOut


def sections(user) -> list[DataSection]:
    return [
        DataSection(
            key="tasks.messages",
            title=_("Messages and reminders sent to you"),
            records=records(
                Outbox.objects.filter(recipient=user).order_by("due_at", "pk"),
                ["rule__code", "kind", "state", "due_at", "sent_at", "sent_subject"],
                labels={"rule__code": "rule"},
            ),
        ),
        DataSection(
            key="tasks.opt_outs",
            title=_("Reminders you switched off"),
            records=records(ReminderOptOut.objects.filter(user=user).order_by("pk"), ["rule__code", "created_at"]),
        ),
    ]

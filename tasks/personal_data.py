"""The messages the platform sent (or will send) to a person, for “download my data” (see accounts)."""

from django.utils.translation import gettext as _

from accounts.personal_data import DataSection, records
from tasks.models import Outbox, ProgrammeRuleSettingChange, ReminderOptOut


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
        DataSection(
            key="tasks.programme_setting_changes",
            title=_("Reminder settings you changed for a programme"),
            records=records(
                ProgrammeRuleSettingChange.objects.filter(by=user).order_by("at", "pk"),
                ["rule__code", "programme__title", "at", "reset", "changes"],
                labels={"rule__code": "rule", "programme__title": "programme"},
            ),
        ),
    ]

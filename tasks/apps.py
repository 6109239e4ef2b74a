from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_rules(sender, **kwargs):
    # The data step: declared rules become ReminderRule rows (coordinators' edits are kept).
    from tasks.services import rules_sync

    rules_sync()


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = _("Reminders and background tasks")

    def ready(self):
        from tasks.structure import ensure_coordinator_permissions

        post_migrate.connect(
            ensure_coordinator_permissions, sender=self, dispatch_uid="tasks.ensure_coordinator_permissions"
        )
        from tasks.registry import discover

        discover()
        post_migrate.connect(_sync_rules, sender=self, dispatch_uid="tasks.sync_reminder_rules")
        from django.db.models.signals import post_delete

        from tasks.prepared import delete_stored_file

        # A prepared file leaves the storage with its row: purge, account deletion (CASCADE), admin.
        post_delete.connect(delete_stored_file, sender="tasks.PreparedFile", dispatch_uid="tasks.prepared_file_deleted")

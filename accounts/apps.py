from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts.structure import ensure_staff_groups

        post_migrate.connect(ensure_staff_groups, sender=self, dispatch_uid="accounts.ensure_staff_groups")
        from accounts import signals  # noqa: F401 - connects the receivers

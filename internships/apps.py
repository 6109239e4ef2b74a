from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class InternshipsConfig(AppConfig):
    name = "internships"
    verbose_name = _("Internships")

    def ready(self):
        from internships.structure import ensure_directory_permissions

        post_migrate.connect(
            ensure_directory_permissions, sender=self, dispatch_uid="internships.ensure_directory_permissions"
        )
        from internships import signals  # noqa: F401

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
        from accounts.selectors import register_space_provider
        from internships import signals  # noqa: F401
        from internships.spaces import internship_spaces

        register_space_provider(internship_spaces)
        from internships import reminders

        reminders.register()
        from internships.dashboard import learner_placement_section
        from lms.dashboard import register_section

        register_section("internship", learner_placement_section)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternshipsConfig(AppConfig):
    name = "internships"
    verbose_name = _("Internships")

    def ready(self):
        from accounts.selectors import register_space_provider
        from internships import signals  # noqa: F401
        from internships.spaces import internship_spaces

        register_space_provider(internship_spaces)
        from internships import reminders

        reminders.register()
        from internships.dashboard import learner_placement_section
        from lms.dashboard import register_section

        register_section("internship", learner_placement_section)

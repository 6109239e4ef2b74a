from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CockpitConfig(AppConfig):
    name = "cockpit"
    verbose_name = _("Cohort dashboard")

    def ready(self):
        from accounts.selectors import register_space_provider
        from cockpit import services
        from cockpit.selectors import cockpit_spaces

        register_space_provider(cockpit_spaces)
        services.register()

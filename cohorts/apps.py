from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Cohorts and enrolments")

    def ready(self):
        from cohorts import changes, programme_coordinators

        programme_coordinators.connect()
        changes.connect()

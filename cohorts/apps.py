from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Selection and cohorts")

    def ready(self):
        from accounts.selectors import register_space_provider
        from cohorts import cockpit_services
        from cohorts.cockpit_selectors import cockpit_spaces

        register_space_provider(cockpit_spaces)  # first: a coordinator's dashboard leads "Mon espace"
        cockpit_services.register()
        from cohorts.calendar_app import calendar_ready

        calendar_ready()
        from cohorts.validation_app import validation_ready

        validation_ready()
        from accounts.selectors import register_space_provider
        from cohorts.spaces import selection_spaces

        register_space_provider(selection_spaces)
        from cms.extensions import register_programme_section
        from cohorts.templatetags.selection import render_open_call

        register_programme_section(render_open_call)
        from cohorts import reminders

        reminders.register()
        from cohorts import selection_messages

        selection_messages.register()
        from cohorts import programme_coordinators

        programme_coordinators.connect()

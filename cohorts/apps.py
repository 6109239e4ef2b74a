from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def holds_selection_or_cohort_role(user) -> bool:
    """Jury members and presidents of a round, and cohort coordinators, reach dossiers and journals: they need
    a second factor (accounts.security). One query."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .filter(Q(jury_rounds__isnull=False) | Q(presided_rounds__isnull=False) | Q(coordinated_cohorts__isnull=False))
        .exists()
    )


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
        from accounts.security import register_privilege

        register_privilege(holds_selection_or_cohort_role)

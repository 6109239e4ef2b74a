from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    name = "selection"
    verbose_name = _("Selection")

    def ready(self):
        from accounts.selectors import register_space_provider
        from cms.extensions import register_programme_section
        from selection import messages, reminders
        from selection.spaces import selection_spaces
        from selection.templatetags.selection import render_open_call

        register_space_provider(selection_spaces)
        register_programme_section(render_open_call)
        reminders.register()
        messages.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """No model: an app only so that the shared export form template is found."""

    name = "core"
    verbose_name = _("Shared helpers")

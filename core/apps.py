from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """No model: an app so that the shared export form template is found, and the versions of a request kept."""

    name = "core"
    verbose_name = _("Shared helpers")

    def ready(self):
        from core import fragments  # reason: it reads the cache, set up only now

        request_started.connect(fragments.request_started, dispatch_uid="core.fragments.request_started")
        request_finished.connect(fragments.request_finished, dispatch_uid="core.fragments.request_finished")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinalValidationConfig(AppConfig):
    name = "final_validation"
    verbose_name = _("Final validation")

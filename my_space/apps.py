from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MySpaceConfig(AppConfig):
    name = "my_space"
    verbose_name = _("My space")

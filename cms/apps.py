from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Course content")

    def ready(self):
        from cms.structure import ensure_page_tree

        post_migrate.connect(ensure_page_tree, sender=self, dispatch_uid="cms.ensure_page_tree")
        from cms import signals  # noqa: F401

"""An editor panel of the module page: where a copied module comes from, and where a module was reused.

Read-only: the attribution of a copy is written once by `cms.services.module_copy` and no editor changes it.
"""

from wagtail.admin.panels import Panel
from wagtail.models import Page


def with_programme_titles(modules) -> list[dict]:
    """Each module with the title of its programme (its parent page), in one query."""
    parents = {
        page.path: page.title
        for page in Page.objects.filter(path__in={module.path[: -Page.steplen] for module in modules}).only(
            "path", "title"
        )
    }
    return [{"module": module, "programme_title": parents.get(module.path[: -Page.steplen], "")} for module in modules]


def copies_with_programmes(module) -> list[dict]:
    """The modules started from this one, each with its programme's title (two queries)."""
    return with_programme_titles(
        module.copies.order_by("copied_at", "pk").only("id", "path", "title", "live", "copied_at")
    )


class SharingPanel(Panel):
    """Shown on a module that is a copy (its source) or that was copied (the programmes that reused it)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/panels/sharing.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            module = self.instance
            self.copies = copies_with_programmes(module) if module.pk else []

        def is_shown(self):
            return bool(getattr(self.instance, "source_programme_title", "") or self.copies)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update({"module": self.instance, "copies": self.copies})
            return context

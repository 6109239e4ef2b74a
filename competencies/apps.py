from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    name = "competencies"
    verbose_name = _("Competencies")

    def ready(self):
        # The competencies shown under each lesson are cached until the référentiel changes, however it changes
        # (services, admin, demo): any block, competency or mapping saved or deleted.
        from competencies.selectors import referentiel_changed  # reason: it imports models, ready only now

        block, competency = self.get_model("Block"), self.get_model("Competency")
        for model in (block, competency):
            post_save.connect(referentiel_changed, sender=model, dispatch_uid=f"competencies_saved_{model.__name__}")
            post_delete.connect(
                referentiel_changed, sender=model, dispatch_uid=f"competencies_deleted_{model.__name__}"
            )
        for through in (competency.modules.through, competency.lessons.through):
            m2m_changed.connect(referentiel_changed, sender=through, dispatch_uid=f"competencies_{through.__name__}")

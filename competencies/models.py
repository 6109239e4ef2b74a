"""A programme's competency référentiel, in blocks (blocs de compétences, as a RNCP certification is organised),
and which modules and lessons work on each competency.

The mapping to pages lives here, not in cms: cms says what is taught and knows nothing of the référentiel
(it must not import this app); the référentiel points at the pages. The internship evaluation grid's criteria
point at competencies from the internships app (`internships.CriterionCompetency`), which sits above.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Block", "Competency"]


class Block(models.Model):
    """One block of competencies of a programme (e.g. "BC1 — Écoute et relation d'aide")."""

    programme = models.ForeignKey(
        "cms.ProgrammePage", on_delete=models.CASCADE, related_name="competency_blocks", verbose_name=_("programme")
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("For example: BC1."))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Position in the référentiel."))

    class Meta:
        verbose_name = _("block of competencies")
        verbose_name_plural = _("blocks of competencies")
        ordering = ["order", "code", "pk"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="block_code_unique_per_programme")]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"


class Competency(models.Model):
    """One competency of a block, with the modules and lessons that work on it."""

    block = models.ForeignKey(Block, on_delete=models.PROTECT, related_name="competencies", verbose_name=_("block"))
    code = models.CharField(_("code"), max_length=20, help_text=_("For example: C1.2."))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Position in the block."))
    modules = models.ManyToManyField(
        "cms.ModulePage", blank=True, related_name="mapped_competencies", verbose_name=_("modules")
    )
    lessons = models.ManyToManyField(
        "cms.LessonPage", blank=True, related_name="mapped_competencies", verbose_name=_("lessons")
    )

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["block__order", "block__code", "order", "code", "pk"]
        constraints = [models.UniqueConstraint(fields=["block", "code"], name="competency_code_unique_per_block")]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

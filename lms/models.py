from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ModuleRelease(models.Model):
    """The date a module opens for a whole cohort, set by its coordinator.

    Without a row, a module opens on the cohort's start date.
    """

    cohort = models.ForeignKey(
        "cohorts.Cohort", on_delete=models.CASCADE, related_name="module_releases", verbose_name=_("cohort")
    )
    module = models.ForeignKey(
        "cms.ModulePage", on_delete=models.CASCADE, related_name="releases", verbose_name=_("module")
    )
    opens_on = models.DateField(_("opens on"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("module opening date")
        verbose_name_plural = _("module opening dates")
        ordering = ["cohort", "opens_on"]
        constraints = [models.UniqueConstraint(fields=["cohort", "module"], name="module_release_unique_per_cohort")]

    def __str__(self) -> str:
        return f"{self.module.title} — {self.cohort.label}: {self.opens_on:%d/%m/%Y}"


class ModuleReleaseOverride(models.Model):
    """One learner's own opening date for a module: an extension (later) or an earlier opening."""

    enrolment = models.ForeignKey(
        "cohorts.Enrolment", on_delete=models.CASCADE, related_name="module_overrides", verbose_name=_("enrolment")
    )
    module = models.ForeignKey(
        "cms.ModulePage", on_delete=models.CASCADE, related_name="release_overrides", verbose_name=_("module")
    )
    opens_on = models.DateField(_("opens on"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("learner's own opening date")
        verbose_name_plural = _("learners' own opening dates")
        ordering = ["enrolment", "opens_on"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "module"], name="module_override_unique_per_enrolment")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.learner} — {self.module.title}: {self.opens_on:%d/%m/%Y}"

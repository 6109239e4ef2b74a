"""Final validation: the jury's decisions, about the diploma and about each block of competencies (append-only
histories). An award points at its attestation de réussite
(`attestations.Attestation`, kind "success")."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from final_validation.enums import BlockOutcome, JuryOutcome

__all__ = ["BlockDecision", "FinalDecision"]


class FinalDecision(models.Model):
    """One decision of the final jury about one enrolment. Rows are never changed: a new decision is a new row,
    and the current decision is the latest one (see cohorts/validation_services.py)."""

    enrolment = models.ForeignKey(
        "cohorts.Enrolment", on_delete=models.PROTECT, related_name="final_decisions", verbose_name=_("enrolment")
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=JuryOutcome.choices)
    jury_date = models.DateField(_("date of the jury"))
    note = models.TextField(
        _("note"), blank=True, help_text=_("What remains to be done (deferred) or the reason (not awarded).")
    )
    change_reason = models.TextField(_("reason for the change"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    attestation = models.OneToOneField(
        "attestations.Attestation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision",
        verbose_name=_("attestation de réussite"),
    )

    class Meta:
        verbose_name = _("final jury decision")
        verbose_name_plural = _("final jury decisions")
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome=JuryOutcome.AWARDED) | ~Q(note=""),
                name="final_decision_note_unless_awarded",
                violation_error_message=_("A decision other than awarding the diploma needs a note explaining it."),
            ),
        ]
        indexes = [models.Index(fields=["enrolment", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.get_outcome_display()} ({self.jury_date:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A final decision is never changed: record a new one.")
        super().save(*args, **kwargs)


class BlockDecision(models.Model):
    """One decision of the final jury about one block of competencies for one enrolment. Rows are never
    changed: the current decision about a block is the latest one. A block validated in a cohort is carried
    into the later cohort a deferred learner joins, as a new row pointing at the original (`carried_from`)."""

    enrolment = models.ForeignKey(
        "cohorts.Enrolment", on_delete=models.PROTECT, related_name="block_decisions", verbose_name=_("enrolment")
    )
    block = models.ForeignKey(
        "competencies.Block", on_delete=models.PROTECT, related_name="decisions", verbose_name=_("block")
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=BlockOutcome.choices)
    jury_date = models.DateField(_("date of the jury"))
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("What remains to be done (deferred), or why the decision changes.")
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_into",
        verbose_name=_("validated in an earlier cohort"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("jury decision about a block")
        verbose_name_plural = _("jury decisions about blocks")
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome=BlockOutcome.VALIDATED) | ~Q(reason=""),
                name="block_decision_reason_if_deferred",
                violation_error_message=_("A deferred block needs its reason."),
            ),
        ]
        indexes = [models.Index(fields=["enrolment", "block", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.block_id} {self.get_outcome_display()} ({self.jury_date:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A block decision is never changed: record a new one.")
        super().save(*args, **kwargs)

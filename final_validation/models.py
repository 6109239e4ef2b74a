"""Final validation: the jury's decisions (append-only history) and the attestations de réussite."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from final_validation.enums import JuryOutcome

__all__ = ["FinalDecision", "SuccessAttestation"]


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

    class Meta:
        verbose_name = _("final jury decision")
        verbose_name_plural = _("final jury decisions")
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome=JuryOutcome.AWARDED) | ~Q(note=""), name="final_decision_note_unless_awarded"
            ),
        ]
        indexes = [models.Index(fields=["enrolment", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.get_outcome_display()} ({self.jury_date:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A final decision is never changed: record a new one.")
        super().save(*args, **kwargs)


def _verification_code() -> str:
    return secrets.token_hex(6).upper()


class SuccessAttestation(models.Model):
    """The attestation de réussite issued with an "awarded" decision. The names are copied at issue time so
    that the public verification page says what the document says. Withdrawn (not deleted) if the decision
    changes; a new award issues a new one with a new code."""

    enrolment = models.ForeignKey(
        "cohorts.Enrolment", on_delete=models.PROTECT, related_name="success_attestations", verbose_name=_("enrolment")
    )
    decision = models.OneToOneField(
        FinalDecision, on_delete=models.PROTECT, related_name="attestation", verbose_name=_("decision")
    )
    code = models.CharField(_("verification code"), max_length=20, unique=True, default=_verification_code)
    learner_name = models.CharField(_("learner's name"), max_length=300)
    programme_title = models.CharField(_("programme"), max_length=300)
    cohort_label = models.CharField(_("cohort"), max_length=50)
    jury_date = models.DateField(_("date of the jury"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("attestation de réussite")
        verbose_name_plural = _("attestations de réussite")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"], condition=Q(withdrawn_at__isnull=True), name="success_attestation_one_live"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_name} — {self.programme_title} ({self.code})"

    @property
    def is_valid(self) -> bool:
        return self.withdrawn_at is None

"""One attestation model for the three kinds. The names and dates are copied at issue time so that the public
verification page says what the document says; revoked (never deleted) when what it attests changes."""

from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from attestations.enums import AttestationKind
from core.codes import verification_code

__all__ = ["Attestation"]


def _verification_code() -> str:
    return verification_code()


class Attestation(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=AttestationKind.choices)
    enrolment = models.ForeignKey(
        "cohorts.Enrolment", on_delete=models.PROTECT, related_name="attestations", verbose_name=_("enrolment")
    )
    code = models.CharField(_("verification code"), max_length=20, unique=True, default=_verification_code)
    learner_name = models.CharField(_("learner's name"), max_length=300)
    programme_title = models.CharField(_("programme"), max_length=300)
    cohort_label = models.CharField(_("cohort"), max_length=50, blank=True)
    attested_on = models.DateField(_("attested on"), help_text=_("Completion, jury or validation date."))
    payload = models.JSONField(_("what else the document says"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    template = models.CharField(_("PDF template"), max_length=200)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(kind=AttestationKind.FOLLOW_UP),
                name="attestation_one_follow_up_per_enrolment",
                violation_error_message=_("This enrolment already has its attestation de suivi."),
            ),
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(kind=AttestationKind.SUCCESS, revoked_at__isnull=True),
                name="attestation_one_live_success_per_enrolment",
                violation_error_message=_("This enrolment already has an attestation de réussite in force."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.learner_name} ({self.code})"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

    @property
    def approved_hours(self) -> Decimal | None:
        """The hours a placement attestation states (stored as text in the payload)."""
        value = self.payload.get("approved_hours")
        return Decimal(value) if value is not None else None

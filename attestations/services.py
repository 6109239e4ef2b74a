"""Writes of the attestations: issue, revoke, and the PDF rendered from what was stored."""

from django.db import transaction
from django.utils import timezone

from attestations.enums import AttestationKind
from attestations.models import Attestation
from core.pdf import render_pdf


@transaction.atomic
def attestation_issue(
    *,
    kind: str,
    enrolment,
    attested_on,
    template: str,
    payload: dict | None = None,
    learner_name: str = "",
    code: str = "",
) -> Attestation:
    """Issue an attestation of `kind` for the enrolment's learner. An attestation de suivi is issued once per
    enrolment (the existing one is returned). `template` renders the PDF; `payload` holds what the kind adds."""
    if kind == AttestationKind.FOLLOW_UP:
        existing = Attestation.objects.filter(enrolment=enrolment, kind=kind).first()
        if existing is not None:
            return existing
    learner = enrolment.learner
    attestation = Attestation(
        kind=kind,
        enrolment=enrolment,
        learner_name=learner_name or learner.full_name or learner.email,
        programme_title=enrolment.cohort.programme.title,
        cohort_label=enrolment.cohort.label,
        attested_on=attested_on,
        payload=payload or {},
        template=template,
    )
    if code:
        attestation.code = code
    attestation.full_clean(validate_constraints=False)
    attestation.save()
    return attestation


def attestations_revoke(*, enrolment, kind: str, reason: str = "") -> int:
    """Revoke the enrolment's live attestations of `kind` (a new decision replaces the one they attest)."""
    return Attestation.objects.filter(enrolment=enrolment, kind=kind, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revocation_reason=reason
    )


def attestation_pdf(
    *, attestation: Attestation, verify_url: str, base_url: str | None = None, context=None, language=None, request=None
) -> bytes:
    """The attestation as PDF, rendered from its stored fields with the template chosen at issue time."""
    return render_pdf(
        attestation.template,
        {"attestation": attestation, "verify_url": verify_url, **(context or {})},
        base_url=base_url,
        language=language,
        request=request,
    )

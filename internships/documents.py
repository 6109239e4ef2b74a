"""PDF documents rendered from templates with WeasyPrint: the agreement and the attestation."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from attestations import services as attestation_services
from core.pdf import render_pdf
from internships import selectors
from internships.enums import SIGNATURE_ORDER
from internships.models import Placement


def _html(template: str, context: dict) -> str:
    # Official documents are in French whatever the reader's interface language.
    with translation.override("fr"):
        return render_to_string(template, context)


def _pdf(template: str, context: dict) -> bytes:
    # Official documents are in French whatever the reader's interface language.
    return render_pdf(template, context, language="fr")


def agreement_html(*, placement: Placement) -> str:
    return _html("internships/pdf/agreement.html", agreement_context(placement=placement))


def agreement_context(*, placement: Placement) -> dict:
    signatures = {s.party: s for s in placement.signatures.filter(amendment__isnull=True)}
    return {
        "placement": placement,
        "learner": placement.enrolment.learner,
        "cohort": placement.enrolment.cohort,
        "signatures": [(party, signatures.get(party)) for party in SIGNATURE_ORDER],
        "generated_at": timezone.localtime(),
    }


def agreement_pdf(*, placement: Placement) -> bytes:
    return _pdf("internships/pdf/agreement.html", agreement_context(placement=placement))


def attestation_pdf(*, placement: Placement, verify_url: str) -> bytes:
    # Official documents are in French whatever the reader's interface language.
    return attestation_services.attestation_pdf(
        attestation=placement.attestation,
        verify_url=verify_url,
        context={
            "placement": placement,
            "learner": placement.enrolment.learner,
            "cohort": placement.enrolment.cohort,
            "totals": selectors.placement_hours(placement=placement),
        },
        language="fr",
    )

from django.urls import reverse

from attestations.models import Attestation


def verify_url(code: str) -> str:
    """The public verification address of a code (printed on every attestation)."""
    return reverse("attestations:verify-code", args=[code])


def normalise_code(code: str) -> str:
    return (code or "").strip().upper()


def attestation_by_code(*, code: str) -> Attestation | None:
    """The attestation with this code, revoked or not (the page says which)."""
    code = normalise_code(code)
    if not code:
        return None
    return Attestation.objects.filter(code=code).first()

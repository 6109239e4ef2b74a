"""The one public verification page, for every kind of attestation. It confirms what the document says (name,
programme, cohort, date, and for a placement the host and hours) and nothing else."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from attestations.forms import VerificationForm
from attestations.selectors import attestation_by_code


@require_GET
def verify(request, code: str | None = None):
    form = VerificationForm(request.GET or None) if code is None else VerificationForm({"code": code})
    attestation = None
    searched = form.is_bound and form.is_valid()
    if searched:
        attestation = attestation_by_code(code=form.cleaned_data["code"])
    return render(
        request,
        "attestations/verify.html",
        {"form": form, "attestation": attestation, "searched": searched, "page_title": _("Check an attestation")},
        status=404 if searched and attestation is None else 200,
    )

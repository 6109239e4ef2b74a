"""Small pieces shared by the coordinator pages of cohorts (calendar, final validation)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from cohorts.models import Cohort
from cohorts.selectors import cohorts_coordinated_by

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def coordinated_cohort(request, cohort_id: int) -> Cohort:
    """The cohort, if the person coordinates it; a 404 otherwise (its existence is not disclosed)."""
    return get_object_or_404(cohorts_coordinated_by(user=request.user).select_related("programme"), pk=cohort_id)


def download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """An export as an attachment, never kept by a shared cache (it holds personal data)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response

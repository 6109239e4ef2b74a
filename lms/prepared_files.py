"""The progress matrix as a workbook, built in the background (`tasks.prepared`): for a cohort of thousands the
matrix and the workbook take a web worker longer than a page should (docs/benchmarks.md)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cohorts.access import is_coordinated
from cohorts.models import Cohort
from core.exports import columns_chosen
from lms.exports import progress_columns, progress_filename
from lms.progress import cohort_matrix
from tasks.prepared import FileBuilder, Job, Output, xlsx_output

PROGRESS_XLSX = "lms.progress_xlsx"


def _cohort(params: dict) -> Cohort:
    return Cohort.objects.select_related("programme").get(pk=params["cohort"])


def _build(job: Job) -> Output:
    cohort = _cohort(job.params)
    matrix = cohort_matrix(cohort=cohort, inactive_days=job.params["inactive_days"])
    return xlsx_output(
        job,
        columns=columns_chosen(progress_columns(matrix), job.params.get("columns")),
        items=matrix.rows,
        total=len(matrix.rows),
        filename=progress_filename(cohort),
        title=_("Progress"),
    )


BUILDERS = [
    FileBuilder(
        kind=PROGRESS_XLSX,
        title=lambda params: _("Progress of the cohort %(cohort)s (Excel)") % {"cohort": _cohort(params)},
        may_read=lambda user, params: is_coordinated(Cohort, user=user, pk=params["cohort"], cohort_field="pk"),
        build=_build,
        back=lambda params: reverse("lms:progress_matrix", args=[params["cohort"]]),
    )
]

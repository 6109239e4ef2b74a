"""The progress matrix as a workbook, built in the background (`tasks.prepared`): for a cohort of thousands the
matrix and the workbook take a web worker longer than a page should (docs/benchmarks.md)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.exports import columns_chosen
from lms.exports import progress_columns, progress_filename
from lms.progress import cohort_matrix
from tasks.prepared import FileBuilder, Job, Output, coordinates_params_cohort, params_cohort, xlsx_output

PROGRESS_XLSX = "lms.progress_xlsx"


def _build(job: Job) -> Output:
    cohort = params_cohort(job.params)
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
        title=lambda params: _("Progress of the cohort %(cohort)s (Excel)") % {"cohort": params_cohort(params)},
        may_read=coordinates_params_cohort,
        build=_build,
        back=lambda params: reverse("lms:progress_matrix", args=[params["cohort"]]),
    )
]

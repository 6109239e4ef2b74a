"""The internships overview as a workbook, built in the background (`tasks.prepared`): a cohort of thousands of
placements takes a web worker longer than a page should (docs/benchmarks.md)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.exports import columns_chosen
from internships.exports import overview_columns, overview_filename
from internships.selectors import cohort_overview
from tasks.prepared import FileBuilder, Job, Output, coordinates_params_cohort, params_cohort, xlsx_output

OVERVIEW_XLSX = "internships.overview_xlsx"


def _build(job: Job) -> Output:
    cohort = params_cohort(job.params)
    rows = cohort_overview(cohort=cohort)
    return xlsx_output(
        job,
        columns=columns_chosen(overview_columns(), job.params.get("columns")),
        items=rows,
        total=len(rows),
        filename=overview_filename(cohort),
        title=_("Internships"),
    )


BUILDERS = [
    FileBuilder(
        kind=OVERVIEW_XLSX,
        title=lambda params: _("Internships of the cohort %(cohort)s (Excel)") % {"cohort": params_cohort(params)},
        may_read=coordinates_params_cohort,
        build=_build,
        back=lambda params: reverse("internships:overview", args=[params["cohort"]]),
    )
]

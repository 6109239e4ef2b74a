"""The cohort's final results as a workbook, built in the background (`tasks.prepared`): the eligibility of
thousands of learners takes a web worker longer than a page should (docs/benchmarks.md)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.exports import columns_chosen
from final_validation.exports import results_columns, results_filename, results_rows
from tasks.prepared import FileBuilder, Job, Output, coordinates_params_cohort, params_cohort, xlsx_output

RESULTS_XLSX = "final_validation.results_xlsx"


def _build(job: Job) -> Output:
    cohort = params_cohort(job.params)
    rows = results_rows(cohort=cohort)
    return xlsx_output(
        job,
        columns=columns_chosen(results_columns(), job.params.get("columns")),
        items=rows,
        total=len(rows),
        filename=results_filename(cohort),
        title=_("Final results"),
    )


BUILDERS = [
    FileBuilder(
        kind=RESULTS_XLSX,
        title=lambda params: _("Final results of the cohort %(cohort)s (Excel)") % {"cohort": params_cohort(params)},
        may_read=coordinates_params_cohort,
        build=_build,
        back=lambda params: reverse("final_validation:cohort", args=[params["cohort"]]),
    )
]

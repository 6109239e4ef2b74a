"""Files of the cohort calendar built in the background (`tasks.prepared`): the attendance sheet to sign (PDF), the
attendance and the roster as workbooks. For a cohort of thousands the PDF takes a web worker tens of seconds and
hundreds of MiB (docs/benchmarks.md); the CSV stays streamed by the view."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cohort_sessions import exports
from cohort_sessions.models import CohortSession
from cohort_sessions.selectors import cohort_roster
from cohorts.access import is_coordinated
from core import exports as core_exports
from tasks.prepared import FileBuilder, Job, Output, coordinates_params_cohort, params_cohort, pdf_output, xlsx_output

ATTENDANCE_SHEET = "cohort_sessions.attendance_sheet"
ROSTER_XLSX = "cohort_sessions.roster_xlsx"


def _session(params: dict) -> CohortSession:
    return CohortSession.objects.select_related("cohort", "cohort__programme").get(pk=params["session"])


def _title(params: dict) -> str:
    session = _session(params)
    what = _("Attendance sheet to sign (PDF)") if params["fmt"] == "pdf" else _("Attendance (Excel)")
    return f"{what} — {session.title} ({session.date:%d/%m/%Y})"


def _may_read(user, params: dict) -> bool:
    return is_coordinated(CohortSession, user=user, pk=params["session"])


def _build(job: Job) -> Output:
    session = _session(job.params)
    name = exports.attendance_sheet_name(session)
    rows = exports.attendance_sheet_rows(session=session)
    job.progress(0, len(rows))
    if job.params["fmt"] == "pdf":
        return pdf_output(job, exports.ATTENDANCE_SHEET_PDF, {"session": session, "rows": rows}, filename=name)
    return xlsx_output(
        job,
        columns=core_exports.columns_chosen(exports.attendance_sheet_columns(), job.params.get("columns")),
        items=rows,
        total=len(rows),
        filename=name,
        title=_("Attendance"),
    )


def _roster(job: Job) -> Output:
    cohort = params_cohort(job.params)
    rows = cohort_roster(cohort=cohort)
    return xlsx_output(
        job,
        columns=core_exports.columns_chosen(exports.roster_columns(), job.params.get("columns")),
        items=rows,
        total=len(rows),
        filename=exports.roster_name(cohort),
        title=_("Roster"),
    )


BUILDERS = [
    FileBuilder(
        kind=ATTENDANCE_SHEET,
        title=_title,
        may_read=_may_read,
        build=_build,
        back=lambda params: reverse("cohort_sessions:attendance", args=[params["session"]]),
    ),
    FileBuilder(
        kind=ROSTER_XLSX,
        title=lambda params: _("Roster of the cohort %(cohort)s (Excel)") % {"cohort": params_cohort(params)},
        may_read=coordinates_params_cohort,
        build=_roster,
        back=lambda params: reverse("cohort_sessions:cohort", args=[params["cohort"]]),
    ),
]

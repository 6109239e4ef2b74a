"""Attendance sheets and cohort rosters: their columns for `core.exports`, and the sheet to sign as PDF (built in the
background, `cohort_sessions/prepared_files.py`).

Excuse reasons are left out: they may tell something about a person's health.
"""

from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cohort_sessions.models import CohortSession
from cohort_sessions.selectors import session_register
from core.exports import Column


def attendance_sheet_columns() -> list[Column]:
    return [
        Column("last_name", _("Last name"), lambda row: row.learner.last_name),
        Column("first_name", _("First name"), lambda row: row.learner.first_name),
        Column("email", _("E-mail"), lambda row: row.learner.email),
        Column("status", _("Status"), lambda row: row.attendance.get_status_display() if row.attendance else ""),
    ]


def attendance_sheet_rows(*, session: CohortSession) -> list:
    return list(session_register(session=session))


def attendance_sheet_name(session: CohortSession) -> str:
    """The sheet's file name, without its extension."""
    return f"emargement-{session.date:%Y-%m-%d}-{slugify(session.title)[:40]}"


ATTENDANCE_SHEET_PDF = "cohort_sessions/attendance_sheet_pdf.html"


def roster_name(cohort) -> str:
    """The roster's file name, without its extension."""
    return f"liste-{slugify(cohort.programme.title)[:40]}-{slugify(cohort.label)}"


def roster_columns() -> list[Column]:
    return [
        Column("last_name", _("Last name"), lambda row: row.learner.last_name),
        Column("first_name", _("First name"), lambda row: row.learner.first_name),
        Column("email", _("E-mail"), lambda row: row.learner.email),
        Column("status", _("Enrolment status"), lambda row: row.enrolment.get_status_display()),
        Column(
            "enrolled_on",
            _("Enrolled on"),
            lambda row: formats.date_format(row.enrolment.enrolled_at.date(), "SHORT_DATE_FORMAT"),
        ),
        Column("attended", _("Sessions attended"), lambda row: row.summary.attended),
        Column("counted", _("Sessions counted"), lambda row: row.summary.counted),
        Column("excused", _("Excused absences"), lambda row: row.summary.excused),
        Column(
            "rate",
            _("Attendance rate (%)"),
            lambda row: row.summary.percent if row.summary.percent is not None else "",
        ),
    ]

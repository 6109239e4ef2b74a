"""Attendance sheets and cohort rosters as CSV, XLSX and (for the sheet to sign) PDF.

Excuse reasons are left out: they may tell something about a person's health.
"""

import csv
import io

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from cohort_sessions.models import CohortSession
from cohort_sessions.selectors import cohort_roster, session_register
from cohorts.models import Cohort


def _csv(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # what French spreadsheet software opens by default
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: accents display right in Excel


def _xlsx(title: str, header: list[str], rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 50)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def attendance_sheet_table(*, session: CohortSession) -> tuple[list[str], list[list]]:
    header = [_("Last name"), _("First name"), _("E-mail"), _("Status")]
    rows = [
        [
            row.learner.last_name,
            row.learner.first_name,
            row.learner.email,
            row.attendance.get_status_display() if row.attendance else "",
        ]
        for row in session_register(session=session)
    ]
    return header, rows


def attendance_sheet_csv(*, session: CohortSession) -> bytes:
    return _csv(*attendance_sheet_table(session=session))


def attendance_sheet_xlsx(*, session: CohortSession) -> bytes:
    header, rows = attendance_sheet_table(session=session)
    return _xlsx(_("Attendance"), header, rows)


def attendance_sheet_pdf(*, session: CohortSession, base_url: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "cohort_sessions/attendance_sheet_pdf.html",
        {"session": session, "rows": session_register(session=session)},
    )
    return HTML(string=html, base_url=base_url).write_pdf()


def roster_table(*, cohort: Cohort) -> tuple[list[str], list[list]]:
    header = [
        _("Last name"),
        _("First name"),
        _("E-mail"),
        _("Enrolment status"),
        _("Enrolled on"),
        _("Sessions attended"),
        _("Sessions counted"),
        _("Excused absences"),
        _("Attendance rate (%)"),
    ]
    rows = []
    for row in cohort_roster(cohort=cohort):
        summary = row.summary
        rows.append(
            [
                row.learner.last_name,
                row.learner.first_name,
                row.learner.email,
                row.enrolment.get_status_display(),
                formats.date_format(row.enrolment.enrolled_at.date(), "SHORT_DATE_FORMAT"),
                summary.attended,
                summary.counted,
                summary.excused,
                summary.percent if summary.percent is not None else "",
            ]
        )
    return header, rows


def roster_csv(*, cohort: Cohort) -> bytes:
    return _csv(*roster_table(cohort=cohort))


def roster_xlsx(*, cohort: Cohort) -> bytes:
    header, rows = roster_table(cohort=cohort)
    return _xlsx(_("Roster"), header, rows)

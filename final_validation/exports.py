"""Final results of a cohort as CSV and XLSX, and the attestation de réussite as PDF.

Only what the jury decides on: names, each criterion met or not with its explanation, the decision and the date
of the jury. Nothing about health (excuse reasons are never read here).
"""

import csv
import io

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cohorts.models import Cohort
from final_validation.models import SuccessAttestation
from final_validation.selectors import ATTENDANCE, INTERNSHIP, MODULES, cohort_validation


def _safe(value):
    """A cell starting with = + - @ would run as a formula in a spreadsheet: neutralise it."""
    return f"'{value}" if isinstance(value, str) and value[:1] in "=+-@" else value


def results_table(*, cohort: Cohort) -> tuple[list[str], list[list]]:
    header = [_("Last name"), _("First name"), _("E-mail"), _("Standing")]
    for label in (_("Modules"), _("Attendance at sessions"), _("Internship")):
        header += [label, _("%(criterion)s — details") % {"criterion": label}]
    header += [_("Decision"), _("Date of the jury"), _("Jury's note"), _("Attestation code")]
    yes, no = _("Met"), _("Not met")
    rows = []
    for row in cohort_validation(cohort=cohort).rows:
        learner, eligibility, decision = row.learner, row.eligibility, row.decision
        cells = [learner.last_name, learner.first_name, learner.email, eligibility.standing_label]
        for key in (MODULES, ATTENDANCE, INTERNSHIP):
            criterion = eligibility.criterion(key)
            cells += [yes if criterion.met else no, criterion.explanation]
        cells += [
            decision.get_outcome_display() if decision else _("No decision yet"),
            formats.date_format(decision.jury_date, "SHORT_DATE_FORMAT") if decision else "",
            decision.note if decision else "",
            row.attestation.code if row.attestation else "",
        ]
        rows.append([_safe(cell) for cell in cells])
    return header, rows


def results_csv(*, cohort: Cohort) -> bytes:
    header, rows = results_table(cohort=cohort)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # what French spreadsheet software opens by default
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: accents display right in Excel


def results_xlsx(*, cohort: Cohort) -> bytes:
    header, rows = results_table(cohort=cohort)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Final results")[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def attestation_pdf(*, attestation: SuccessAttestation, verify_url: str, base_url: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "final_validation/attestation_pdf.html", {"attestation": attestation, "verify_url": verify_url}
    )
    return HTML(string=html, base_url=base_url).write_pdf()

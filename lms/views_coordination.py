"""The coordinator's pages: progress matrix, one learner's detail, learners who may need a hand, exports.

Only the coordinators of the cohort (or superusers) reach them; anyone else gets a 404.
"""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.enums import AccessKind
from audit.services import access_record
from cohorts.enums import EnrolmentStatus
from lms import selectors
from lms.progress import DEFAULT_INACTIVE_DAYS, cohort_matrix, learner_detail


def _cohort_or_404(request, cohort_id: int):
    cohort = selectors.cohort_for_coordinator(user=request.user, cohort_id=cohort_id)
    if cohort is None:
        raise Http404
    return cohort


def _inactive_days(request) -> int:
    value = request.GET.get("jours", "")
    return int(value) if value.isdigit() and 1 <= int(value) <= 365 else DEFAULT_INACTIVE_DAYS


@login_required
def progress_matrix(request, cohort_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    matrix = cohort_matrix(
        cohort=cohort, inactive_days=_inactive_days(request), page_number=request.GET.get("page") or 1
    )
    return render(
        request,
        "lms/progress_matrix.html",
        {"cohort": cohort, "matrix": matrix, "page_title": _("Cohort progress")},
    )


@login_required
def at_risk(request, cohort_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    days = _inactive_days(request)
    matrix = cohort_matrix(cohort=cohort, inactive_days=days)
    rows = [row for row in matrix.rows if row.reasons]
    return render(
        request,
        "lms/at_risk.html",
        {"cohort": cohort, "rows": rows, "days": days, "page_title": _("Learners who may need a hand")},
    )


@login_required
def learner(request, cohort_id: int, enrolment_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    enrolment = get_object_or_404(
        cohort.enrolments.select_related("learner", "cohort__programme").exclude(status=EnrolmentStatus.WITHDRAWN),
        pk=enrolment_id,
    )
    context = learner_detail(enrolment=enrolment)
    shared = list(context["shared_entries"])
    context["shared_entries"] = shared
    if shared:
        access_record(
            reader=request.user,
            person=enrolment.learner_id,
            kind=AccessKind.JOURNAL,
            target=enrolment,
            cohort_id=enrolment.cohort_id,
            detail=", ".join(entry.title or entry.created_at.date().isoformat() for entry in shared)[:200],
        )
    context.update({"cohort": cohort, "enrolment": enrolment, "page_title": enrolment.learner.full_name})
    return render(request, "lms/learner_detail.html", context)


def _cell(value):
    """A spreadsheet must not read a learner's name as a formula (CSV/formula injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _table(matrix) -> tuple[list[str], list[list]]:
    header = [
        _("Learner"),
        _("E-mail"),
        *[item.module.title for item in matrix.modules],
        _("Overall (%)"),
        _("Last activity"),
        _("Needs a hand"),
    ]
    rows = []
    for row in matrix.rows:
        learner = row.enrolment.learner
        last = timezone.localtime(row.last_activity_at).strftime("%d/%m/%Y %H:%M") if row.last_activity_at else ""
        rows.append(
            [
                _cell(learner.full_name),
                _cell(learner.email),
                *[f"{min(cell.lessons_done, cell.lesson_total)}/{cell.lesson_total}" for cell in row.cells],
                row.percent,
                last,
                " ; ".join(row.reasons),
            ]
        )
    return header, rows


@login_required
def export_csv(request, cohort_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    header, rows = _table(cohort_matrix(cohort=cohort, inactive_days=_inactive_days(request)))
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that spreadsheet software reads the accents right
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="progression-{cohort.pk}.csv"'
    return response


@login_required
def export_xlsx(request, cohort_id: int):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    cohort = _cohort_or_404(request, cohort_id)
    header, rows = _table(cohort_matrix(cohort=cohort, inactive_days=_inactive_days(request)))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Progress")[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="progression-{cohort.pk}.xlsx"'
    return response

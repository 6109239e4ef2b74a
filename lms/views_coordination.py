"""The coordinator's pages: progress matrix, one learner's detail, learners who may need a hand, exports.

Only the coordinators of the cohort (or superusers) reach them; anyone else gets a 404.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from audit.enums import AccessKind
from audit.services import access_record
from cohorts.access import coordinated_cohort
from cohorts.changes import cached_table
from cohorts.enums import EnrolmentStatus
from core import exports as core_exports
from core import pagination
from core.dates import DayFormat
from core.links import UrlPattern
from lms.exports import progress_columns, progress_filename
from lms.prepared_files import PROGRESS_XLSX
from lms.progress import DEFAULT_INACTIVE_DAYS, cohort_matrix, learner_detail
from tasks.prepared import prepare

# Learners per page of the progress matrix (each row has a cell per module).
MATRIX_PER_PAGE = 50


def _cohort_or_404(request, cohort_id: int):
    return coordinated_cohort(request, cohort_id)


def _inactive_days(request) -> int:
    value = request.GET.get("jours", "")
    return int(value) if value.isdigit() and 1 <= int(value) <= 365 else DEFAULT_INACTIVE_DAYS


def _matrix_table(matrix, cohort) -> list[dict]:
    """The progress table's rows as it shows them, computed once here rather than per cell in the template: `url`
    (the learner's page), `name`, `needs_hand`, `cells` (the row's module cells, HTML), `percent`, `last_activity`
    ("" if none). A cell shows "done/total", with a check mark once the module is done, or a dash and, for screen
    readers, "not open yet"; the few different cells of a page are written once each."""
    url = UrlPattern("lms:learner_detail", cohort.pk)
    day = DayFormat("j M Y")
    closed = format_html(
        '<td class="cell-closed"><span aria-hidden="true">—</span><span class="visually-hidden">{}</span></td>',
        _("not open yet"),
    )
    written = {}

    def html(cell) -> str:
        if not cell.is_open:
            return closed
        key = (cell.lessons_done, cell.lesson_total)
        if key not in written:
            if cell.is_done:
                written[key] = format_html('<td class="cell-done">{}/{} ✓</td>', *key)
            else:
                written[key] = format_html("<td>{}/{}</td>", *key)
        return written[key]

    return [
        {
            "url": url(row.enrolment.pk),
            "name": row.enrolment.learner.full_name,
            "needs_hand": bool(row.reasons),
            "cells": mark_safe("".join(html(cell) for cell in row.cells)),  # each cell from format_html
            "percent": str(row.percent),
            "last_activity": day(row.last_activity_at),
        }
        for row in matrix.rows
    ]


def _link_rows(rows, cohort) -> None:
    """Each row's link to the learner's page, reversed once for the page."""
    url = UrlPattern("lms:learner_detail", cohort.pk)
    for row in rows:
        row.url = url(row.enrolment.pk)


@login_required
def progress_matrix(request, cohort_id: int):
    cohort = _cohort_or_404(request, cohort_id)

    def table() -> str:
        matrix = cohort_matrix(
            cohort=cohort,
            inactive_days=_inactive_days(request),
            page_number=request.GET.get("page") or 1,
            per_page=MATRIX_PER_PAGE,
        )
        context = {"matrix": matrix, "rows": _matrix_table(matrix, cohort)}
        return render_to_string("lms/_progress_matrix_table.html", context, request=request)

    return render(
        request,
        "lms/progress_matrix.html",
        {
            "cohort": cohort,
            # The same for every coordinator of the cohort, kept until one of its sources changes.
            "matrix_table": cached_table("progress_matrix", cohort_id=cohort.pk, request=request, build=table),
            "page_title": _("Cohort progress"),
        },
    )


@login_required
def at_risk(request, cohort_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    days = _inactive_days(request)
    search = request.GET.get("q", "").strip()[:100]
    matrix = cohort_matrix(
        cohort=cohort,
        inactive_days=days,
        needing_a_hand=True,
        search=search,
        page_number=request.GET.get("page") or 1,
        per_page=pagination.PER_PAGE,
    )
    _link_rows(matrix.rows, cohort)
    return render(
        request,
        "lms/at_risk.html",
        {
            "cohort": cohort,
            "rows": matrix.rows,
            "page": matrix.page,
            "days": days,
            "search": search,
            "page_title": _("Learners who may need a hand"),
        },
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


def _export(request, cohort_id: int, fmt: str):
    """The CSV is streamed; the workbook is built in the background (`lms/prepared_files.py`)."""
    cohort = _cohort_or_404(request, cohort_id)
    columns = request.GET.getlist("columns")
    if fmt == core_exports.XLSX:
        params = {"cohort": cohort.pk, "inactive_days": _inactive_days(request), "columns": columns}
        return prepare(request, kind=PROGRESS_XLSX, params=params)
    matrix = cohort_matrix(cohort=cohort, inactive_days=_inactive_days(request))
    return core_exports.export_response(
        fmt=fmt,
        columns=core_exports.columns_chosen(progress_columns(matrix), columns),
        items=matrix.rows,
        filename=progress_filename(cohort),
        title=_("Progress"),
        reader=request.user,
    )


@login_required
def export_csv(request, cohort_id: int):
    return _export(request, cohort_id, core_exports.CSV)


@login_required
def export_xlsx(request, cohort_id: int):
    return _export(request, cohort_id, core_exports.XLSX)

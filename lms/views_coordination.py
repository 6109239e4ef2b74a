"""The coordinator's pages: progress matrix, one learner's detail, learners who may need a hand, exports.

Only the coordinators of the cohort (or superusers) reach them; anyone else gets a 404.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.enums import AccessKind
from audit.services import access_record
from cohorts.access import coordinated_cohort
from cohorts.enums import EnrolmentStatus
from core import exports as core_exports
from core import pagination
from core.links import UrlPattern
from lms.progress import DEFAULT_INACTIVE_DAYS, cohort_matrix, learner_detail

# Learners per page of the progress matrix (each row has a cell per module).
MATRIX_PER_PAGE = 50


def _cohort_or_404(request, cohort_id: int):
    return coordinated_cohort(request, cohort_id)


def _inactive_days(request) -> int:
    value = request.GET.get("jours", "")
    return int(value) if value.isdigit() and 1 <= int(value) <= 365 else DEFAULT_INACTIVE_DAYS


def _link_rows(rows, cohort) -> None:
    """Each row's link to the learner's page, reversed once for the page."""
    url = UrlPattern("lms:learner_detail", cohort.pk)
    for row in rows:
        row.url = url(row.enrolment.pk)


@login_required
def progress_matrix(request, cohort_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    matrix = cohort_matrix(
        cohort=cohort,
        inactive_days=_inactive_days(request),
        page_number=request.GET.get("page") or 1,
        per_page=MATRIX_PER_PAGE,
    )
    _link_rows(matrix.rows, cohort)
    return render(
        request,
        "lms/progress_matrix.html",
        {"cohort": cohort, "matrix": matrix, "page_title": _("Cohort progress")},
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


def _columns(matrix) -> list[core_exports.Column]:
    def last_activity(row):
        return timezone.localtime(row.last_activity_at).strftime("%d/%m/%Y %H:%M") if row.last_activity_at else ""

    def module(index):
        def get(row):
            cell = row.cells[index]
            return f"{min(cell.lessons_done, cell.lesson_total)}/{cell.lesson_total}"

        return get

    return [
        core_exports.Column("learner", _("Learner"), lambda row: row.enrolment.learner.full_name),
        core_exports.Column("email", _("E-mail"), lambda row: row.enrolment.learner.email),
        *[
            core_exports.Column(f"module-{item.module.pk}", item.module.title, module(index))
            for index, item in enumerate(matrix.modules)
        ],
        core_exports.Column("percent", _("Overall (%)"), lambda row: row.percent),
        core_exports.Column("last_activity", _("Last activity"), last_activity),
        core_exports.Column("reasons", _("Needs a hand"), lambda row: " ; ".join(row.reasons)),
    ]


def _export(request, cohort_id: int, fmt: str):
    cohort = _cohort_or_404(request, cohort_id)
    matrix = cohort_matrix(cohort=cohort, inactive_days=_inactive_days(request))
    return core_exports.export_response(
        fmt=fmt,
        columns=core_exports.columns_chosen(_columns(matrix), request.GET.getlist("columns")),
        items=matrix.rows,
        filename=f"progression-{cohort.pk}",
        title=_("Progress"),
        reader=request.user,
    )


@login_required
def export_csv(request, cohort_id: int):
    return _export(request, cohort_id, core_exports.CSV)


@login_required
def export_xlsx(request, cohort_id: int):
    return _export(request, cohort_id, core_exports.XLSX)

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from cms.models import ProgrammePage
from core import exports
from figures import charts
from figures.prepared_files import FIGURES_PDF, figures_filename
from figures.selectors import programme_figures
from tasks.prepared import prepare


def _programme_or_404(request, programme_id: int) -> ProgrammePage:
    """The programme if the person coordinates one of its cohorts; anyone else: not found (nothing disclosed)."""
    programme = ProgrammePage.objects.filter(pk=programme_id).first()
    if programme is None or not request.user.has_perm("figures.view_programme_figures", programme):
        raise Http404
    return programme


def _chart_titles() -> dict[str, str]:
    return {
        "awarded": _("Diplomas awarded, per cohort"),
        "response_rate": _("Survey response rate, per cohort"),
        "employment": _("Graduates working as peer supporters, by kind of structure (latest answer, all cohorts)"),
    }


@login_required
def programme_figures_page(request, programme_id: int):
    programme = _programme_or_404(request, programme_id)
    figures = programme_figures(programme=programme)
    context = {
        "page_title": _("Figures — %(programme)s") % {"programme": programme.title},
        "programme": programme,
        "figures": figures,
        "charts": charts.programme_charts(figures, _chart_titles()),
    }
    return render(request, "figures/programme.html", context)


def _export_columns(figures) -> list[exports.Column]:
    columns = [exports.Column("cohort", _("Cohort"), lambda row: row.label)]
    for column in figures.columns:
        columns.append(exports.Column(column.key, str(column.label), lambda row, key=column.key: str(row.cells[key])))
    return columns


@login_required
def programme_figures_export(request, programme_id: int, fmt: str):
    """The same figures as the page (secret cells read "s"), as XLSX or PDF (the PDF built in the background)."""
    programme = _programme_or_404(request, programme_id)
    if fmt not in (exports.XLSX, "pdf"):
        raise Http404
    if fmt == "pdf":  # built in the background (figures/prepared_files.py): no PDF engine in a web worker
        return prepare(request, kind=FIGURES_PDF, params={"programme": programme.pk})
    figures = programme_figures(programme=programme)
    return exports.export_response(
        fmt=fmt,
        columns=_export_columns(figures),
        items=[*figures.rows, figures.total],
        filename=figures_filename(programme),
        title=_("Figures"),
    )

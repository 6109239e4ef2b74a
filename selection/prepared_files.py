"""Files of a selection round built in the background (`tasks.prepared`): the applications as a workbook and every
published decision letter in one PDF. A round of thousands takes a web worker longer, and far more memory, than a
page should (docs/benchmarks.md); one letter and one dossier stay synchronous."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.exports import columns_chosen
from selection import exports, selectors
from selection.models import SelectionRound
from selection.pdf import LETTERS_BUNDLE_TEMPLATE
from tasks.prepared import FileBuilder, Job, Output, pdf_output, xlsx_output

APPLICATIONS_XLSX = "selection.applications_xlsx"
LETTERS_BUNDLE = "selection.letters_bundle"


def _round(params: dict) -> SelectionRound:
    return SelectionRound.objects.select_related("cohort__programme").get(pk=params["round"])


def _may(permission: str):
    def may_read(user, params: dict) -> bool:
        selection_round = SelectionRound.objects.filter(pk=params["round"]).first()
        return selection_round is not None and user.has_perm(permission, selection_round)

    return may_read


def _applications(job: Job) -> Output:
    selection_round = _round(job.params)
    columns = exports.columns_for(selection_round)
    applications = exports.applications_of(selection_round)
    return xlsx_output(
        job,
        columns=columns_chosen(columns, job.params.get("columns")),
        items=applications,
        total=len(applications),
        filename=exports.applications_filename(selection_round),
        title="Candidatures",
        record=exports.reads_recorder(selection_round, applications, columns),
    )


def _letters(job: Job) -> Output:
    selection_round = _round(job.params)
    applications = list(selectors.published_decisions(selection_round=selection_round))
    context = {"round": selection_round, "applications": applications}
    return pdf_output(job, LETTERS_BUNDLE_TEMPLATE, context, filename=f"lettres-de-decision-{selection_round.pk}")


BUILDERS = [
    FileBuilder(
        kind=APPLICATIONS_XLSX,
        title=lambda params: _("Applications of “%(round)s” (Excel)") % {"round": _round(params).title},
        may_read=_may("selection.manage_round"),
        build=_applications,
        back=lambda params: reverse("selection:manage_export", args=[params["round"]]),
    ),
    FileBuilder(
        kind=LETTERS_BUNDLE,
        title=lambda params: _("Decision letters of “%(round)s” (PDF)") % {"round": _round(params).title},
        may_read=_may("selection.view_ranking"),
        build=_letters,
        back=lambda params: reverse("selection:ranking", args=[params["round"]]),
    ),
]

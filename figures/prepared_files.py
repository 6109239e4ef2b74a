"""The programme's figures as a PDF, built in the background (`tasks.prepared`): the PDF engine is loaded and run by
a worker, never by a web worker (docs/benchmarks.md). The workbook stays synchronous: one row per cohort."""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cms.models import ProgrammePage
from figures.selectors import programme_figures
from tasks.prepared import FileBuilder, Job, Output, pdf_output

FIGURES_PDF = "figures.programme_pdf"


def figures_filename(programme: ProgrammePage) -> str:
    """The file's name, without its extension."""
    return f"chiffres-{slugify(programme.title)}-{timezone.localdate():%Y%m%d}"


def _programme(params: dict) -> ProgrammePage:
    return ProgrammePage.objects.get(pk=params["programme"])


def _may_read(user, params: dict) -> bool:
    programme = ProgrammePage.objects.filter(pk=params["programme"]).first()
    return programme is not None and user.has_perm("figures.view_programme_figures", programme)


def _build(job: Job) -> Output:
    programme = _programme(job.params)
    job.progress(0, 3)
    context = {"programme": programme, "figures": programme_figures(programme=programme), "today": timezone.localdate()}
    return pdf_output(job, "figures/programme_pdf.html", context, filename=figures_filename(programme))


BUILDERS = [
    FileBuilder(
        kind=FIGURES_PDF,
        title=lambda params: _("Figures of %(programme)s (PDF)") % {"programme": _programme(params).title},
        may_read=_may_read,
        build=_build,
        back=lambda params: reverse("figures:programme", args=[params["programme"]]),
    )
]

"""The columns of a round's applications export; the file itself is written by `core.exports` (CSV streamed by the
view, XLSX built in the background by `selection/prepared_files.py`)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exports import Column
from selection.models import Application
from selection.services import dossier_reads_log


def _date(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def columns_for(selection_round) -> list[Column]:
    columns = [
        Column("reference", _("Reference"), lambda a: a.reference),
        Column("last_name", _("Last name"), lambda a: a.candidate.last_name if a.candidate else ""),
        Column("first_name", _("First name"), lambda a: a.candidate.first_name if a.candidate else ""),
        Column("email", _("E-mail address"), lambda a: a.candidate.email if a.candidate else ""),
        Column("status", _("Status"), lambda a: str(a.get_status_display())),
        Column("departement", _("Département"), lambda a: a.departement),
        Column("submitted_at", _("Submitted at"), lambda a: _date(a.submitted_at)),
        Column("availability", _("Availability"), lambda a: a.availability),
        Column(
            "decision",
            _("Decision"),
            lambda a: str(a.decision.get_outcome_display()) if getattr(a, "decision", None) else "",
        ),
        Column(
            "rank", _("Rank on the waiting list"), lambda a: a.decision.rank if getattr(a, "decision", None) else ""
        ),
        Column("motivation", _("Motivation"), lambda a: a.motivation, sensitive=True),
        Column("professional_project", _("Professional project"), lambda a: a.professional_project, sensitive=True),
        Column("lived_experience", _("Lived experience"), lambda a: a.lived_experience, sensitive=True),
        Column("accommodation_needs", _("Accommodation needs"), lambda a: a.accommodation_needs, sensitive=True),
    ]
    for question in selection_round.questions.all():
        columns.append(
            Column(
                f"q{question.pk}",
                question.label,
                lambda a, pk=str(question.pk): a.answers.get(pk, ""),
                sensitive=question.sensitive,
            )
        )
    return columns


def applications_of(selection_round) -> list[Application]:
    return list(Application.objects.filter(selection_round=selection_round).select_related("candidate", "decision"))


def reads_recorder(selection_round, applications, columns):
    """The access log's hook of an export that carries sensitive answers: one read per dossier exported."""

    def record(*, reader, what, keys):
        labels = ", ".join(str(column.label) for column in columns if column.key in keys)
        dossier_reads_log(applications=applications, reader=reader, what=f"{selection_round.title} : {labels}")

    return record


def applications_filename(selection_round) -> str:
    return f"candidatures-{selection_round.pk}"

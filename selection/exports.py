"""CSV and XLSX exports of a round's applications, with the columns the coordinator chose."""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    get: Callable
    sensitive: bool = False


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


def rows(applications, columns: list[Column]) -> list[list]:
    return [[str(c.label) for c in columns]] + [[c.get(a) for c in columns] for a in applications]


def to_csv(table: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in table:
        # A cell starting with = + - @ would run as a formula in a spreadsheet: neutralise it.
        writer.writerow([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Candidatures"
    for row in table:
        sheet.append([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

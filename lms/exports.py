"""The progress matrix as a file: its columns for `core.exports` (CSV streamed by the view, XLSX built in the
background by `lms/prepared_files.py`)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import Column


def progress_columns(matrix) -> list[Column]:
    def last_activity(row):
        return timezone.localtime(row.last_activity_at).strftime("%d/%m/%Y %H:%M") if row.last_activity_at else ""

    def module(index):
        def get(row):
            cell = row.cells[index]
            return f"{min(cell.lessons_done, cell.lesson_total)}/{cell.lesson_total}"

        return get

    return [
        Column("learner", _("Learner"), lambda row: row.enrolment.learner.full_name),
        Column("email", _("E-mail"), lambda row: row.enrolment.learner.email),
        *[
            Column(f"module-{item.module.pk}", item.module.title, module(index))
            for index, item in enumerate(matrix.modules)
        ],
        Column("percent", _("Overall (%)"), lambda row: row.percent),
        Column("last_activity", _("Last activity"), last_activity),
        Column("reasons", _("Needs a hand"), lambda row: " ; ".join(row.reasons)),
    ]


def progress_filename(cohort) -> str:
    return f"progression-{cohort.pk}"

"""Final results of a cohort: their columns for `core.exports` (CSV streamed by the view, XLSX built in the
background by `final_validation/prepared_files.py`).

Only what the jury decides on: names, each criterion met or not with its explanation, the blocks of
competencies validated and deferred, the decision and the date of the jury. Nothing about health (excuse
reasons are never read here).
"""

from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cohorts.models import Cohort
from core.exports import Column
from final_validation.attainment import DEFERRED, VALIDATED
from final_validation.selectors import ATTENDANCE, INTERNSHIP, MODULES, cohort_validation


def results_columns() -> list[Column]:
    yes, no = _("Met"), _("Not met")
    columns = [
        Column("last_name", _("Last name"), lambda row: row.learner.last_name),
        Column("first_name", _("First name"), lambda row: row.learner.first_name),
        Column("email", _("E-mail"), lambda row: row.learner.email),
        Column("standing", _("Standing"), lambda row: row.eligibility.standing_label),
    ]
    for key, label in (
        (MODULES, _("Modules")),
        (ATTENDANCE, _("Attendance at sessions")),
        (INTERNSHIP, _("Internship")),
    ):
        columns += [
            Column(key, label, lambda row, key=key: yes if row.eligibility.criterion(key).met else no),
            Column(
                f"{key}-details",
                _("%(criterion)s — details") % {"criterion": label},
                lambda row, key=key: row.eligibility.criterion(key).explanation,
            ),
        ]
    columns += [
        Column(
            "blocks_validated",
            _("Blocks validated"),
            lambda row: ", ".join(item.block.code for item in row.blocks if item.status == VALIDATED),
        ),
        Column(
            "blocks_deferred",
            _("Blocks deferred"),
            lambda row: ", ".join(item.block.code for item in row.blocks if item.status == DEFERRED),
        ),
        Column(
            "decision",
            _("Decision"),
            lambda row: row.decision.get_outcome_display() if row.decision else _("No decision yet"),
        ),
        Column(
            "jury_date",
            _("Date of the jury"),
            lambda row: formats.date_format(row.decision.jury_date, "SHORT_DATE_FORMAT") if row.decision else "",
        ),
        Column("note", _("Jury's note"), lambda row: row.decision.note if row.decision else ""),
        Column("attestation", _("Attestation code"), lambda row: row.attestation.code if row.attestation else ""),
    ]
    return columns


def results_rows(*, cohort: Cohort) -> list:
    return cohort_validation(cohort=cohort).rows


def results_filename(cohort: Cohort) -> str:
    """The file's name, without its extension."""
    return f"resultats-{slugify(cohort.programme.title)[:40]}-{slugify(cohort.label)}"

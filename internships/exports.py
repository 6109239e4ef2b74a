"""The internships overview as a file: its columns for `core.exports` (CSV streamed by the view, XLSX built in the
background by `internships/prepared_files.py`)."""

from django.utils.translation import gettext as _

from core.exports import Column


def overview_columns() -> list[Column]:
    yes, no = _("yes"), _("no")
    return [
        Column("learner", _("Learner"), lambda row: row.enrolment.learner.full_name),
        Column("host", _("Host organisation"), lambda row: row.host.name),
        Column("tutor", _("Tutor"), lambda row: row.tutor.name),
        Column("starts_on", _("Start date"), lambda row: row.starts_on.isoformat()),
        Column("ends_on", _("End date"), lambda row: row.ends_on.isoformat()),
        Column("status", _("Status"), lambda row: row.get_status_display()),
        Column("planned_hours", _("Planned hours"), lambda row: row.planned_hours),
        Column("logged_hours", _("Logged hours"), lambda row: float(row.logged_hours)),
        Column("approved_hours", _("Approved hours"), lambda row: float(row.approved_hours)),
        Column("evaluations_due", _("Evaluations due"), lambda row: ", ".join(str(e) for e in row.evaluations_due)),
        Column("open_concern", _("Open concern"), lambda row: yes if row.has_open_concern else no),
        Column("at_risk", _("At risk"), lambda row: yes if row.at_risk else no),
    ]


def overview_filename(cohort) -> str:
    return f"stages-{cohort.label}"

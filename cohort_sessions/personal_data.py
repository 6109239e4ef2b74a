"""What the cohort calendar holds about a person (their attendance), for "download my data" (see accounts)."""

from django.utils.translation import gettext as _

from accounts.personal_data import DataSection, records
from cohort_sessions.models import Attendance


def sections(user) -> list[DataSection]:
    return [
        DataSection(
            key="cohort_sessions.attendance",
            title=_("Your attendance at sessions"),
            records=records(
                Attendance.objects.filter(learner=user).order_by("session__date", "pk"),
                ["session__cohort__label", "session__title", "session__date", "status", "reason"],
                labels={"session__cohort__label": "cohort", "session__title": "session", "session__date": "date"},
            ),
        ),
    ]

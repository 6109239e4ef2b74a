"""What the cohorts hold about a person (their enrolments), for "download my data" (see accounts)."""

from django.utils.translation import gettext as _

from accounts.personal_data import DataSection, records
from cohorts.models import Enrolment


def sections(user) -> list[DataSection]:
    return [
        DataSection(
            key="cohorts.enrolments",
            title=_("Your cohorts"),
            records=records(
                Enrolment.objects.filter(learner=user).order_by("pk"),
                ["cohort__programme__title", "cohort__label", "status", "enrolled_at"],
                labels={"cohort__programme__title": "programme", "cohort__label": "cohort"},
            ),
        ),
    ]

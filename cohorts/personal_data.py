"""What the cohorts hold about a person (their enrolments and their changes), for "download my data"."""

from django.utils.translation import gettext as _

from accounts.personal_data import DataSection, records
from cohorts.models import Enrolment, EnrolmentTransition


def sections(user) -> list[DataSection]:
    return [
        DataSection(
            key="cohorts.enrolments",
            title=_("Your cohorts"),
            records=records(
                Enrolment.objects.filter(learner=user).order_by("pk"),
                [
                    "cohort__programme__title",
                    "cohort__label",
                    "status",
                    "enrolled_at",
                    "status_changed_at",
                    "withdrawal_reason",
                ],
                labels={"cohort__programme__title": "programme", "cohort__label": "cohort"},
            ),
        ),
        DataSection(
            key="cohorts.enrolment_changes",
            title=_("Changes to your enrolments"),
            records=records(
                EnrolmentTransition.objects.filter(enrolment__learner=user).order_by("at", "pk"),
                ["enrolment__cohort__label", "at", "from_status", "to_status", "note"],
                labels={"enrolment__cohort__label": "cohort"},
            ),
        ),
    ]

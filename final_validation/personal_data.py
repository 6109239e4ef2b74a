"""The final jury's decisions about a learner (the diploma and each block of competencies), for "download my
data"."""

from django.utils.translation import gettext_lazy as _

from accounts.personal_data import DataSection, records
from final_validation.models import BlockDecision, FinalDecision


def sections(user) -> list[DataSection]:
    return [
        DataSection(
            key="final_validation.decisions",
            title=_("The final jury's decisions"),
            records=records(
                FinalDecision.objects.filter(enrolment__learner=user).order_by("recorded_at", "pk"),
                ["enrolment__cohort__label", "outcome", "jury_date", "note", "change_reason", "recorded_at"],
                labels={"enrolment__cohort__label": "cohort"},
            ),
        ),
        DataSection(
            key="final_validation.block_decisions",
            title=_("The jury's decisions about your blocks of competencies"),
            records=records(
                BlockDecision.objects.filter(enrolment__learner=user).order_by("recorded_at", "pk"),
                [
                    "enrolment__cohort__label",
                    "block__code",
                    "block__title",
                    "outcome",
                    "jury_date",
                    "reason",
                    "carried_from__enrolment__cohort__label",
                    "recorded_at",
                ],
                labels={
                    "enrolment__cohort__label": "cohort",
                    "block__code": "block",
                    "block__title": "block_title",
                    "carried_from__enrolment__cohort__label": "validated_in_cohort",
                },
            ),
        ),
    ]

"""What the graduates' follow-up holds about a person, for “download my data” (see accounts)."""

from django.utils.translation import gettext as _

from accounts.personal_data import DataSection, records
from alumni.models import FollowUpConsent, SurveyInvitation, SurveyResponse


def sections(user) -> list[DataSection]:
    return [
        DataSection(
            key="alumni.consent",
            title=_("Your agreement to the graduates' survey"),
            records=records(FollowUpConsent.objects.filter(user=user), ["agreed", "agreed_at", "withdrawn_at"]),
        ),
        DataSection(
            key="alumni.invitations",
            title=_("The graduates' surveys sent to you"),
            records=records(
                SurveyInvitation.objects.filter(enrolment__learner=user),
                ["enrolment__cohort__programme__title", "enrolment__cohort__label", "wave", "created_at"],
                labels={"enrolment__cohort__programme__title": "programme", "enrolment__cohort__label": "cohort"},
            ),
        ),
        DataSection(
            key="alumni.answers",
            title=_("Your answers to the graduates' survey"),
            records=records(
                SurveyResponse.objects.filter(invitation__enrolment__learner=user),
                [
                    "invitation__wave",
                    "works_as_peer_supporter",
                    "structure_kind",
                    "contract",
                    "pay",
                    "weekly_hours",
                    "helped_text",
                    "hindered_text",
                    "submitted_at",
                ],
                labels={"invitation__wave": "wave"},
            ),
        ),
    ]

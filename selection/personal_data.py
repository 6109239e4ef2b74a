"""What the selection holds about a person, for “download my data” (see accounts)."""

from django.utils.translation import gettext as _

from accounts.personal_data import DataSection, records
from selection.models import (
    Application,
    ApplicationDocument,
    ApplicationTransition,
    InterviewBooking,
    Offer,
)


def sections(user) -> list[DataSection]:
    applications = Application.objects.filter(candidate=user)
    documents = ApplicationDocument.objects.filter(application__candidate=user).order_by("pk")
    return [
        DataSection(
            key="cohorts.applications",
            title=_("Your applications"),
            records=records(
                applications.order_by("pk"),
                [
                    "pk",
                    "selection_round__title",
                    "status",
                    "motivation",
                    "lived_experience",
                    "professional_project",
                    "availability",
                    "departement",
                    "accommodation_needs",
                    "answers",
                    "submitted_at",
                    "withdrawal_reason",
                    "created_at",
                ],
                labels={"pk": "application", "selection_round__title": "round"},
            ),
        ),
        DataSection(
            key="cohorts.application_history",
            title=_("The history of your applications"),
            records=records(
                ApplicationTransition.objects.filter(application__candidate=user).order_by("at", "pk"),
                ["application_id", "at", "from_status", "to_status"],
            ),
        ),
        DataSection(
            key="cohorts.documents",
            title=_("The documents you sent"),
            records=records(
                documents,
                ["application_id", "required_document__label", "original_name", "size", "status", "comment"],
                labels={"required_document__label": "document"},
            ),
            files=[(f"{document.application_id}-{document.original_name}", document.file) for document in documents],
        ),
        DataSection(
            key="cohorts.interviews",
            title=_("Your interviews"),
            records=records(
                InterviewBooking.objects.filter(application__candidate=user).order_by("pk"),
                ["application_id", "slot__starts_at", "slot__ends_at", "slot__place", "booked_at"],
            ),
        ),
        DataSection(
            key="cohorts.decisions",
            title=_("Published decisions"),
            records=records(
                applications.filter(decision__published_at__isnull=False).order_by("pk"),
                ["pk", "decision__outcome", "decision__rank", "decision__reason", "decision__published_at"],
                labels={"pk": "application"},
            ),
        ),
        DataSection(
            key="cohorts.offers",
            title=_("Offers of a place"),
            records=records(
                Offer.objects.filter(application__candidate=user).order_by("pk"),
                ["application_id", "status", "deadline", "created_at", "answered_at"],
            ),
        ),
    ]

"""The learner's attestations (every kind) in their "download my data" archive."""

from django.utils.translation import gettext_lazy as _

from accounts.personal_data import DataSection, records
from attestations.models import Attestation


def sections(user) -> list[DataSection]:
    return [
        DataSection(
            key="attestations.attestations",
            title=_("Your attestations"),
            records=records(
                Attestation.objects.filter(enrolment__learner=user).order_by("pk"),
                [
                    "kind",
                    "code",
                    "learner_name",
                    "programme_title",
                    "cohort_label",
                    "attested_on",
                    "payload",
                    "issued_at",
                    "revoked_at",
                ],
            ),
        )
    ]

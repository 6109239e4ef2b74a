"""Start-up wiring of the final validation, called once from CohortsConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import Space
from cohorts.enums import EnrolmentStatus
from cohorts.selectors import coordinated_cohorts, enrolments_of


def validation_spaces(user) -> list:
    """ "Mon espace" entries: the final validation of each cohort a person coordinates; a learner's own result."""

    if not user.is_authenticated:
        return []
    spaces = []
    if not user.is_superuser:
        spaces += [
            Space.for_cohort(
                label=_("Final validation"),
                cohort=cohort,
                description=_(
                    "Who is eligible and what remains, the jury's decisions, attestations and final results."
                ),
                url=reverse("final_validation:cohort", args=[cohort.pk]),
            )
            for cohort in coordinated_cohorts(user=user)
        ]
    if any(enrolment.status != EnrolmentStatus.WITHDRAWN for enrolment in enrolments_of(user=user)):
        spaces.append(
            Space(
                title=_("My final validation"),
                description=_("Where you stand for the diploma, the jury's decision and your attestation de réussite."),
                url=reverse("final_validation:my-result"),
            )
        )
    return spaces

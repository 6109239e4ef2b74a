from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import Space
from cohorts.selectors import cohorts_coordinated_by


def coordinator_calendar_spaces(user) -> list[Space]:
    """On "Mon espace": one entry per cohort the person coordinates, to set when modules open."""
    if not user.is_authenticated or user.is_superuser:
        return []
    return [
        Space(
            title=_("Module calendar — %(cohort)s") % {"cohort": cohort},
            description=_("Choose when each module opens for the cohort, and give a learner their own date."),
            url=reverse("lms:cohort_calendar", kwargs={"cohort_id": cohort.pk}),
        )
        for cohort in cohorts_coordinated_by(user=user).select_related("programme")
    ]

"""The "Mon espace" entry of the programme's figures: one per programme a person coordinates (my_space asks it)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import Space
from cms.models import ProgrammePage
from cohorts.selectors import coordinated_cohorts
from core.prepared import PreparedQuery

# The programmes of the cohorts a person coordinates, by title: asked on every view of "Mon espace" by a
# coordinator (core.prepared).
_PROGRAMMES = PreparedQuery(
    lambda coordinator: ProgrammePage.objects.filter(cohorts__coordinators=coordinator).distinct().order_by("title"),
    "coordinator",
)


def figures_spaces(user) -> list:
    if not user.is_authenticated or user.is_superuser:
        return []
    if not coordinated_cohorts(user=user):
        return []
    return [
        Space(
            title=_("Figures — %(programme)s") % {"programme": programme.title},
            description=_("Applications, diplomas, graduates' survey and employment, per cohort and over the years."),
            url=reverse("figures:programme", args=[programme.pk]),
        )
        for programme in _PROGRAMMES(coordinator=user.pk)
    ]

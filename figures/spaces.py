"""The "Mon espace" entry of the programme's figures: one per programme a person coordinates (my_space asks it)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import Space
from cms.models import ProgrammePage
from cohorts.selectors import coordinated_cohorts


def figures_spaces(user) -> list:
    if not user.is_authenticated or user.is_superuser:
        return []
    programme_ids = {cohort.programme_id for cohort in coordinated_cohorts(user=user)}
    if not programme_ids:
        return []
    programmes = ProgrammePage.objects.filter(pk__in=programme_ids)
    return [
        Space(
            title=_("Figures — %(programme)s") % {"programme": programme.title},
            description=_("Applications, diplomas, graduates' survey and employment, per cohort and over the years."),
            url=reverse("figures:programme", args=[programme.pk]),
        )
        for programme in programmes.order_by("title")
    ]

"""Entries of "Mon espace" for candidates, jury members and coordinators of a selection."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import Space
from cohorts.selectors import coordinated_cohorts
from selection.models import Application, SelectionRound


def selection_spaces(user) -> list[Space]:

    spaces = []
    if not user.is_authenticated:
        return spaces
    if Application.objects.filter(candidate=user).exists():
        spaces.append(
            Space(
                title=_("My applications"),
                description=_("Your dossier, its status and what happens next."),
                url=reverse("selection:my_applications"),
            )
        )
    if (
        SelectionRound.objects.filter(jury_members=user).exists()
        or SelectionRound.objects.filter(jury_president=user).exists()
    ):
        spaces.append(
            Space(
                title=_("Selection jury"),
                description=_("The dossiers assigned to you, to read and score."),
                url=reverse("selection:jury_home"),
            )
        )
    cohort_ids = [cohort.pk for cohort in coordinated_cohorts(user=user)]
    if cohort_ids and SelectionRound.objects.filter(cohort_id__in=cohort_ids).exists():
        spaces.append(
            Space(
                title=_("Selection rounds"),
                description=_("Applications, documents, jury, interviews, decisions and the waiting list."),
                url=reverse("selection:manage_rounds"),
            )
        )
    return spaces

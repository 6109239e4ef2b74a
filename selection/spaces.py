"""Entries of "Mon espace" for candidates, jury members and coordinators of a selection."""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import Space
from cohorts.selectors import coordinated_cohorts
from selection.models import Application, SelectionRound


def selection_spaces(user) -> list[Space]:

    spaces = []
    if not user.is_authenticated:
        return spaces
    cohort_ids = [cohort.pk for cohort in coordinated_cohorts(user=user)]
    # The person's three roles here, asked in one query.
    person = OuterRef("pk")
    roles = (
        User.objects.filter(pk=user.pk)
        .annotate(
            candidate=Exists(Application.objects.filter(candidate=person)),
            juror=Exists(SelectionRound.objects.filter(Q(jury_members=person) | Q(jury_president=person))),
            manager=Exists(SelectionRound.objects.filter(cohort_id__in=cohort_ids)),
        )
        .values("candidate", "juror", "manager")
        .get()
    )
    if roles["candidate"]:
        spaces.append(
            Space(
                title=_("My applications"),
                description=_("Your dossier, its status and what happens next."),
                url=reverse("selection:my_applications"),
            )
        )
    if roles["juror"]:
        spaces.append(
            Space(
                title=_("Selection jury"),
                description=_("The dossiers assigned to you, to read and score."),
                url=reverse("selection:jury_home"),
            )
        )
    if roles["manager"]:
        spaces.append(
            Space(
                title=_("Selection rounds"),
                description=_("Applications, documents, jury, interviews, decisions and the waiting list."),
                url=reverse("selection:manage_rounds"),
            )
        )
    return spaces

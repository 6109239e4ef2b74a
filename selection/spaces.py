"""Entries of "Mon espace" for candidates, jury members and coordinators of a selection."""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import Space
from core.prepared import PreparedQuery
from selection.models import Application, SelectionRound

# The person's three roles here (candidate, jury member or president, coordinator of a round's cohort), asked in
# one query on every view of "Mon espace", compiled once per process (core.prepared).
_ROLES = PreparedQuery(
    lambda person: (
        User.objects.filter(pk=person)
        .annotate(
            candidate=Exists(Application.objects.filter(candidate=OuterRef("pk"))),
            juror=Exists(
                SelectionRound.objects.filter(Q(jury_members=OuterRef("pk")) | Q(jury_president=OuterRef("pk")))
            ),
            manager=Exists(SelectionRound.objects.filter(cohort__coordinators=OuterRef("pk"))),
        )
        .values("candidate", "juror", "manager")
    ),
    "person",
)


def selection_spaces(user) -> list[Space]:

    spaces = []
    if not user.is_authenticated:
        return spaces
    roles = _ROLES(person=user.pk)[0]
    if user.is_superuser:  # every cohort is theirs (cohorts.selectors.coordinated_cohorts)
        roles["manager"] = SelectionRound.objects.exists()
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

"""The "Mon espace" entry: who read your data."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import Space
from audit.models import AccessRecord
from core.prepared import PreparedQuery

# Asked on every view of "Mon espace" (core.prepared).
_READ = PreparedQuery(
    lambda person: AccessRecord.objects.filter(person_id=person).order_by().values("pk")[:1], "person"
)


def access_spaces(user) -> list:

    if not user.is_authenticated or not _READ(person=user.pk):
        return []
    return [
        Space(
            title=_("Who read my data"),
            description=_("Each time a coordinator or a juror opened your dossier, your shared journal or a concern."),
            url=reverse("audit:mine"),
        )
    ]

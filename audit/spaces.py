"""The "Mon espace" entry: who read your data."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import Space
from audit.models import AccessRecord


def access_spaces(user) -> list:

    if not user.is_authenticated or not AccessRecord.objects.filter(person=user).exists():
        return []
    return [
        Space(
            title=_("Who read my data"),
            description=_("Each time a coordinator or a juror opened your dossier, your shared journal or a concern."),
            url=reverse("audit:mine"),
        )
    ]

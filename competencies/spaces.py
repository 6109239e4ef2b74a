"""The "Mon espace" entry of the référentiel: one per programme whose référentiel the person edits."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import Space
from competencies.selectors import programmes_edited_by
from core.prepared import PreparedQuery

# Asked on every view of "Mon espace" (core.prepared).
_EDITED = PreparedQuery(lambda person: programmes_edited_by(user_id=person), "person")


def referentiel_spaces(user) -> list[Space]:
    if not user.is_authenticated or user.is_superuser:
        return []
    return [
        Space(
            title=_("Competency référentiel — %(programme)s") % {"programme": programme.title},
            description=_(
                "The programme's blocks of competencies, the modules, lessons and internship criteria that work "
                "on them."
            ),
            url=reverse("competencies:referentiel", args=[programme.pk]),
        )
        for programme in _EDITED(person=user.pk)
    ]

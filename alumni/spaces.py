"""The "Mon espace" entry of the graduates' follow-up (my_space asks it)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import Space
from alumni.selectors import is_graduate
from cohorts.selectors import enrolments_of


def follow_up_spaces(user) -> list:
    # A graduate is an enrolment awarded by the jury: without any enrolment, nothing to ask.
    if not enrolments_of(user=user) or not is_graduate(user):
        return []
    return [
        Space(
            title=_("After the diploma"),
            description=_("Whether you agree to a short survey at 6, 12 and 24 months, and your answers."),
            url=reverse("alumni:my-follow-up"),
        )
    ]

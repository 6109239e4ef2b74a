"""Start-up wiring of the cohort calendar, called once from CohortsConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import Space
from cohorts.models import Enrolment
from cohorts.selectors import cohorts_coordinated_by


def calendar_spaces(user) -> list:
    """ "Mon espace" entries: the calendars a coordinator runs, a learner's sessions and attendance."""

    if not user.is_authenticated:
        return []
    spaces = []
    if cohorts_coordinated_by(user=user).exists():
        spaces.append(
            Space(
                title=_("Cohort calendars"),
                description=_("Sessions, attendance registers, attendance sheets and rosters of your cohorts."),
                url=reverse("cohort_sessions:cohort-list"),
            )
        )
    if Enrolment.objects.filter(learner=user).exists():
        spaces.append(
            Space(
                title=_("My sessions"),
                description=_("Dates, places and links of your cohort's sessions, to add to your calendar."),
                url=reverse("cohort_sessions:my-sessions"),
            )
        )
        spaces.append(
            Space(
                title=_("My attendance"),
                description=_("The sessions you attended and your attendance rate."),
                url=reverse("cohort_sessions:my-attendance"),
            )
        )
    return spaces

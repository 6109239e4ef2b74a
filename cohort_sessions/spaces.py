"""Start-up wiring of the cohort calendar, called once from CohortsConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import Space
from cohorts.selectors import coordinated_cohorts, enrolments_of


def calendar_spaces(user) -> list:
    """ "Mon espace" entries: the calendars a coordinator runs, a learner's sessions and attendance."""

    if not user.is_authenticated:
        return []
    spaces = []
    if coordinated_cohorts(user=user):
        spaces.append(
            Space(
                title=_("Cohort calendars"),
                description=_("Sessions, attendance registers, attendance sheets and rosters of your cohorts."),
                url=reverse("cohort_sessions:cohort-list"),
            )
        )
    if enrolments_of(user=user):
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

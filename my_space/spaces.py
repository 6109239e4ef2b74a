"""The entries of "Mon espace": one per role a person holds, each leading to its work.

This app sits above the feature apps and asks each of them plainly, in the order the page shows them: the
coordinator's cohort dashboards first, then calendars, final validation, selection, learning and internships.
"""

from accounts.models import User
from accounts.selectors import Space
from alumni.spaces import follow_up_spaces
from audit.spaces import access_spaces
from cockpit.selectors import cockpit_spaces
from cohort_sessions.spaces import calendar_spaces
from cohorts.selectors import reading_once
from competencies.spaces import referentiel_spaces
from figures.spaces import figures_spaces
from final_validation.spaces import validation_spaces
from internships.spaces import internship_spaces
from lms.spaces import coordinator_calendar_spaces, coordinator_progress_spaces, learner_course_spaces, learner_spaces
from selection.spaces import selection_spaces

PROVIDERS = (
    cockpit_spaces,
    calendar_spaces,
    validation_spaces,
    figures_spaces,
    referentiel_spaces,
    selection_spaces,
    coordinator_calendar_spaces,
    coordinator_progress_spaces,
    learner_spaces,
    learner_course_spaces,
    internship_spaces,
    follow_up_spaces,
    access_spaces,
)


def user_spaces(*, user: User) -> list[Space]:
    spaces: list[Space] = []
    with reading_once():  # the cohorts a person coordinates and their enrolments: read once, not by each app
        for provider in PROVIDERS:
            spaces.extend(provider(user))
    return spaces

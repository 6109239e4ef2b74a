"""Entries of "Mon espace" for learners with a placement, tutors and coordinators."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import Space
from cohorts.selectors import coordinated_cohorts, current_enrolments_of, enrolments_of
from core.prepared import PreparedQuery
from internships.models import Placement, Tutor

# Asked on every view of "Mon espace" (core.prepared).
_TUTOR = PreparedQuery(lambda user: Tutor.objects.filter(user_id=user).order_by().values("pk")[:1], "user")
_PLACED = PreparedQuery(
    lambda learner: Placement.objects.filter(enrolment__learner_id=learner).order_by().values("pk")[:1], "learner"
)


def internship_spaces(user) -> list[Space]:
    if not user.is_authenticated:
        return []
    spaces = []
    enrolled = enrolments_of(user=user)  # a placement belongs to an enrolment: without one, none to look for
    if current_enrolments_of(user=user) or (enrolled and _PLACED(learner=user.pk)):
        spaces.append(
            Space(
                _("My internship"),
                _("Propose a placement, record your hours, follow your evaluations."),
                reverse("internships:learner_home"),
            )
        )
    if _TUTOR(user=user.pk):
        spaces.append(
            Space(
                _("My interns"),
                _("The interns you tutor and what is waiting for you."),
                reverse("internships:tutor_home"),
            )
        )
    for cohort in coordinated_cohorts(user=user):
        spaces.append(
            Space.for_cohort(
                label=_("Internships"),
                cohort=cohort,
                description=_("Placements, hours, evaluations and concerns of the cohort."),
                url=reverse("internships:overview", args=[cohort.pk]),
            )
        )
    return spaces

"""What the internships hold about a person, for “download my data” (see accounts).

Concerns raised by someone else (a tutor worried about the learner) are left out: they are the
coordinators' working notes and the author's words; the learner may ask the coordinators for them.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.personal_data import DataSection, records
from internships.models import (
    Concern,
    Evaluation,
    EvaluationRating,
    Placement,
    SupervisionSession,
    TimeEntry,
    WeekSignoff,
)


def sections(user) -> list[DataSection]:
    placements = Placement.objects.filter(enrolment__learner=user)
    return [
        DataSection(
            key="internships.placements",
            title=_("Your internships"),
            records=records(
                placements.order_by("starts_on", "pk"),
                [
                    "pk",
                    "host__name",
                    "site__name",
                    "tutor__name",
                    "starts_on",
                    "ends_on",
                    "weekly_schedule",
                    "planned_hours",
                    "tasks_and_objectives",
                    "binome",
                    "status",
                    "refusal_reason",
                ],
                labels={"pk": "placement", "host__name": "host", "site__name": "site", "tutor__name": "tutor"},
            ),
        ),
        DataSection(
            key="internships.time_log",
            title=_("Your time log"),
            records=records(
                TimeEntry.objects.filter(placement__in=placements).order_by("date", "pk"),
                ["placement_id", "date", "hours", "activity", "day_type"],
            ),
        ),
        DataSection(
            key="internships.weeks",
            title=_("Weekly sign-offs"),
            records=records(
                WeekSignoff.objects.filter(placement__in=placements).order_by("week_start", "pk"),
                ["placement_id", "week_start", "status", "tutor_message", "learner_reply", "decided_at"],
            ),
        ),
        DataSection(
            key="internships.evaluations",
            title=_("Evaluations"),
            records=records(
                Evaluation.objects.filter(placement__in=placements).order_by("pk"),
                [
                    "pk",
                    "placement_id",
                    "kind",
                    "status",
                    "general_comment",
                    "submitted_at",
                    "learner_agrees",
                    "learner_comment",
                    "countersigned_at",
                ],
                labels={"pk": "evaluation"},
            ),
        ),
        DataSection(
            key="internships.evaluation_ratings",
            title=_("Evaluation ratings"),
            records=records(
                EvaluationRating.objects.filter(evaluation__placement__in=placements).order_by("evaluation_id", "pk"),
                ["evaluation_id", "competency", "level", "comment"],
            ),
        ),
        DataSection(
            key="internships.concerns",
            title=_("Concerns you raised"),
            records=records(
                Concern.objects.filter(raised_by_user=user).order_by("created_at", "pk"),
                ["placement_id", "created_at", "about_own_wellbeing", "severity", "description", "status", "closed_at"],
            ),
        ),
        DataSection(
            key="internships.supervision",
            title=_("Supervision and intervision sessions you attended"),
            records=records(
                SupervisionSession.objects.filter(Q(attendees=user)).order_by("date", "pk"),
                ["date", "kind", "duration_minutes"],
            ),
        ),
    ]

"""What the internships hold about a person, for “download my data” (see accounts).

Concerns raised by someone else (a tutor worried about the learner) are left out: they are the
coordinators' working notes and the author's words; the learner may ask the coordinators for them.
A tutor (or a coordinator) gets what they wrote themselves: evaluations, weekly sign-offs, concerns and
follow-up notes, with the placement they are about.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.personal_data import DataSection, records
from internships.enums import EvaluationKind
from internships.models import (
    Concern,
    ConcernFollowUp,
    Evaluation,
    EvaluationRating,
    Placement,
    SupervisionSession,
    TimeEntry,
    Tutor,
    WeekSignoff,
)


def sections(user) -> list[DataSection]:
    return _as_learner(user) + _as_author(user)


def _as_author(user) -> list[DataSection]:
    """What a tutor (through their tutor profile or their account) or a coordinator wrote."""
    profiles = Tutor.objects.filter(user=user)
    evaluations = Evaluation.objects.filter(Q(submitted_by_user=user) | Q(submitted_by_tutor__in=profiles)).exclude(
        kind=EvaluationKind.SELF
    )
    return [
        DataSection(
            key="internships.tutor_profile",
            title=_("Your tutor profile"),
            records=records(
                profiles.order_by("pk"),
                ["host__name", "name", "email", "role", "is_peer_worker"],
                labels={"host__name": "host"},
            ),
        ),
        DataSection(
            key="internships.evaluations_written",
            title=_("Evaluations you wrote"),
            records=records(
                evaluations.order_by("pk"),
                ["pk", "placement_id", "placement__host__name", "kind", "status", "general_comment", "submitted_at"],
                labels={"pk": "evaluation", "placement__host__name": "host"},
            ),
        ),
        DataSection(
            key="internships.evaluation_ratings_written",
            title=_("The ratings of the evaluations you wrote"),
            records=records(
                EvaluationRating.objects.filter(evaluation__in=evaluations).order_by("evaluation_id", "pk"),
                ["evaluation_id", "competency", "level", "comment"],
            ),
        ),
        DataSection(
            key="internships.signoffs_written",
            title=_("Weekly sign-offs you decided"),
            records=records(
                WeekSignoff.objects.filter(decided_by__in=profiles).order_by("week_start", "pk"),
                ["placement_id", "week_start", "status", "tutor_message", "decided_at"],
            ),
        ),
        DataSection(
            key="internships.concerns_written",
            title=_("Concerns you raised as a tutor"),
            records=records(
                Concern.objects.filter(raised_by_tutor__in=profiles).order_by("created_at", "pk"),
                ["placement_id", "created_at", "severity", "description", "status", "closed_at"],
            ),
        ),
        DataSection(
            key="internships.concern_notes_written",
            title=_("Follow-up notes you wrote on concerns"),
            records=records(
                ConcernFollowUp.objects.filter(author=user).order_by("pk"),
                ["concern_id", "concern__placement_id", "at", "note"],
                labels={"concern__placement_id": "placement_id"},
            ),
        ),
    ]


def _as_learner(user) -> list[DataSection]:
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

"""A tutor's “download my data” holds what they wrote, not only their profile."""

import datetime

import pytest

from accounts.personal_data import collect
from internships.enums import Competency, ConcernStatus, EvaluationKind, EvaluationStatus, PlacementStatus
from internships.models import Concern, ConcernFollowUp, Evaluation, EvaluationRating, WeekSignoff
from tests.factories import PlacementFactory, TutorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_tutor_archive_holds_their_evaluations_signoffs_and_concerns(coordinator):
    account = UserFactory(email="tuteur@example.test")
    tutor = TutorFactory(user=account, name="Paul Tuteur")
    placement = PlacementFactory(tutor=tutor, host=tutor.host, status=PlacementStatus.IN_PROGRESS)
    midpoint = Evaluation.objects.create(
        placement=placement,
        kind=EvaluationKind.MIDPOINT,
        status=EvaluationStatus.SUBMITTED,
        general_comment="Belle écoute en groupe.",
        submitted_by_tutor=tutor,
        learner_comment="Je ne suis pas d'accord.",  # the learner's words: not the tutor's
    )
    EvaluationRating.objects.create(evaluation=midpoint, competency=Competency.values[0], level=3, comment="Solide")
    Evaluation.objects.create(placement=placement, kind=EvaluationKind.SELF, general_comment="Mon auto-évaluation")
    WeekSignoff.objects.create(
        placement=placement,
        week_start=datetime.date(2026, 3, 2),
        status="approved",
        tutor_message="Semaine complète.",
        decided_by=tutor,
    )
    concern = Concern.objects.create(
        placement=placement, raised_by_tutor=tutor, severity="medium", description="Fatigue visible."
    )
    ConcernFollowUp.objects.create(concern=concern, author=coordinator, note="Appel prévu lundi.")
    Concern.objects.create(placement=placement, raised_by_tutor=TutorFactory(), severity="low", description="Autre")

    sections = {section.key: section.records for section in collect(account)}
    assert sections["internships.tutor_profile"][0]["name"] == "Paul Tuteur"
    assert [(e["kind"], e["general_comment"]) for e in sections["internships.evaluations_written"]] == [
        ("midpoint", "Belle écoute en groupe.")
    ]
    assert "learner_comment" not in sections["internships.evaluations_written"][0]
    assert [r["comment"] for r in sections["internships.evaluation_ratings_written"]] == ["Solide"]
    assert [w["tutor_message"] for w in sections["internships.signoffs_written"]] == ["Semaine complète."]
    assert [c["description"] for c in sections["internships.concerns_written"]] == ["Fatigue visible."]
    assert "internships.concern_notes_written" not in sections
    coordinator_sections = {section.key: section.records for section in collect(coordinator)}
    assert [n["note"] for n in coordinator_sections["internships.concern_notes_written"]] == ["Appel prévu lundi."]
    assert concern.status == ConcernStatus.OPEN

"""Validation by blocks: attainment per block, the jury's block decisions, carry-over, the attestation."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.personal_data import collect
from attestations.models import Attestation
from cohorts.enums import EnrolmentStatus
from competencies.models import Block, Competency
from final_validation.attainment import enrolment_attainment
from final_validation.enums import BlockOutcome, JuryOutcome
from final_validation.models import BlockDecision
from final_validation.services import (
    JuryError,
    block_decision_record,
    enrolment_defer_to_cohort,
    final_decision_record,
)
from internships.enums import EvaluationKind, EvaluationStatus
from internships.models import CriterionCompetency, EvaluationRating
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory
from tests.final_validation.helpers import build_programme, complete, internship, make_eligible, past_sessions

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def lessons(programme):
    return build_programme(programme)


@pytest.fixture
def blocks(programme, lessons):
    """BC1 works on the first module (2 lessons) and the active-listening criterion; BC2 on one lesson of the
    second module."""
    listening, crisis = lessons["Écoute active"], lessons["Gestion de crise"]
    bc1 = Block.objects.create(programme=programme, code="BC1", title="Écouter", order=1)
    bc2 = Block.objects.create(programme=programme, code="BC2", title="Se préserver", order=2)
    c1 = Competency.objects.create(block=bc1, code="C1.1", title="Écoute active")
    c1.modules.add(listening[0].get_parent().specific)
    c2 = Competency.objects.create(block=bc2, code="C2.1", title="Repérer l'usure")
    c2.lessons.add(crisis[0])
    CriterionCompetency.objects.create(criterion="active_listening", competency=c1)
    return bc1, bc2


@pytest.fixture
def sessions(cohort):
    return past_sessions(cohort, 2)


@pytest.fixture
def enrolment(cohort):
    return EnrolmentFactory(cohort=cohort, learner__first_name="Léa", learner__last_name="Martin")


def _decide(enrolment, block, outcome, by, reason=""):
    return block_decision_record(
        enrolment=enrolment, block=block, outcome=outcome, jury_date=TODAY(), reason=reason, by=by
    )


def test_attainment_reads_lessons_internship_ratings_and_the_jury(enrolment, blocks, lessons, coordinator):
    bc1, _bc2 = blocks
    complete(enrolment, lessons["Écoute active"][:1])
    first = {item.block.code: item for item in enrolment_attainment(enrolment=enrolment)}
    assert (first["BC1"].lessons_done, first["BC1"].lessons_total, first["BC1"].status) == (1, 2, "undecided")
    assert (first["BC2"].lessons_done, first["BC2"].lessons_total, first["BC2"].criteria_total) == (0, 1, 0)
    assert first["BC1"].internship_text == "Stage : pas encore d’évaluation finale validée."
    complete(enrolment, lessons["Écoute active"][1:])
    internship(enrolment)
    final = enrolment.placements.get().evaluations.get(kind=EvaluationKind.FINAL)
    EvaluationRating.objects.create(evaluation=final, competency="active_listening", level=3)
    EvaluationRating.objects.create(evaluation=final, competency="ethics", level=1)  # not linked to a block
    _decide(enrolment, bc1, BlockOutcome.VALIDATED, coordinator)
    after = {item.block.code: item for item in enrolment_attainment(enrolment=enrolment)}
    assert (after["BC1"].lessons_done, after["BC1"].levels, after["BC1"].status) == (2, (3,), "validated")
    assert after["BC1"].short_text == "2/2 leçons · stage 3,0/4"
    assert after["BC1"].internship_text == "Stage : Acquis, moyenne 3,0 / 4 (critères reliés évalués : 1)"


def test_a_submitted_but_not_countersigned_final_evaluation_does_not_count(enrolment, blocks, lessons, sessions):
    make_eligible(enrolment, lessons, sessions)
    final = enrolment.placements.get().evaluations.get(kind=EvaluationKind.FINAL)
    EvaluationRating.objects.create(evaluation=final, competency="active_listening", level=4)
    type(final).objects.filter(pk=final.pk).update(status=EvaluationStatus.SUBMITTED)
    assert enrolment_attainment(enrolment=enrolment)[0].levels == ()


def test_the_jury_validates_one_block_and_defers_another(enrolment, blocks, coordinator):
    bc1, bc2 = blocks
    _decide(enrolment, bc1, BlockOutcome.VALIDATED, coordinator)
    with pytest.raises(JuryError, match="Dites ce qui reste à faire pour ce bloc"):
        _decide(enrolment, bc2, BlockOutcome.DEFERRED, coordinator)
    _decide(enrolment, bc2, BlockOutcome.DEFERRED, coordinator, reason="Terminer la leçon sur l'usure.")
    with pytest.raises(JuryError, match="déjà enregistrée pour ce bloc"):
        _decide(enrolment, bc2, BlockOutcome.DEFERRED, coordinator, reason="Encore")
    with pytest.raises(JuryError, match=r"Une décision est déjà enregistrée pour ce bloc \(Bloc reporté\)"):
        _decide(enrolment, bc2, BlockOutcome.VALIDATED, coordinator)
    _decide(enrolment, bc2, BlockOutcome.VALIDATED, coordinator, reason="Leçon terminée depuis.")
    assert [d.outcome for d in BlockDecision.objects.filter(block=bc2).order_by("pk")] == ["deferred", "validated"]
    assert [item.status for item in enrolment_attainment(enrolment=enrolment)] == ["validated", "validated"]


def test_block_decisions_are_refused_to_others_and_for_foreign_blocks(enrolment, blocks, cohort, learner):
    other = UserFactory()
    CohortFactory(coordinators=[other])
    for person in (other, learner, enrolment.learner):
        with pytest.raises(JuryError, match="Seuls les coordinateurs de cette promotion"):
            _decide(enrolment, blocks[0], BlockOutcome.VALIDATED, person)
    foreign = Block.objects.create(programme=CohortFactory().programme, code="BX", title="Ailleurs")
    coordinator = cohort.coordinators.first() or UserFactory()
    cohort.coordinators.add(coordinator)
    with pytest.raises(JuryError, match="ne fait pas partie du référentiel"):
        _decide(enrolment, foreign, BlockOutcome.VALIDATED, coordinator)
    with pytest.raises(JuryError, match="ne peut pas être dans le futur"):
        block_decision_record(
            enrolment=enrolment,
            block=blocks[0],
            outcome=BlockOutcome.VALIDATED,
            jury_date=TODAY() + datetime.timedelta(days=1),
            by=coordinator,
        )
    assert not BlockDecision.objects.exists()


def test_a_decision_is_never_changed_in_place(enrolment, blocks, coordinator):
    decision = _decide(enrolment, blocks[0], BlockOutcome.VALIDATED, coordinator)
    with pytest.raises(ValueError, match="never changed"):
        decision.save()


def test_award_lists_the_validated_blocks_and_is_refused_while_one_is_deferred(
    enrolment, blocks, lessons, sessions, coordinator, client
):
    bc1, bc2 = blocks
    make_eligible(enrolment, lessons, sessions)
    _decide(enrolment, bc1, BlockOutcome.VALIDATED, coordinator)
    _decide(enrolment, bc2, BlockOutcome.DEFERRED, coordinator, reason="À reprendre")
    with pytest.raises(JuryError, match="Le jury a reporté le bloc BC2 — Se préserver"):
        final_decision_record(enrolment=enrolment, outcome=JuryOutcome.AWARDED, jury_date=TODAY(), by=coordinator)
    assert not Attestation.objects.exists()
    _decide(enrolment, bc2, BlockOutcome.VALIDATED, coordinator, reason="Repris avec la tutrice")
    decision = final_decision_record(
        enrolment=enrolment, outcome=JuryOutcome.AWARDED, jury_date=TODAY(), by=coordinator
    )
    assert decision.attestation.payload["blocks"] == [
        {"code": "BC1", "title": "Écouter"},
        {"code": "BC2", "title": "Se préserver"},
    ]
    with pytest.raises(JuryError, match="Le diplôme est délivré"):
        _decide(enrolment, bc1, BlockOutcome.DEFERRED, coordinator, reason="Non")
    page = client.get(reverse("attestations:verify-code", args=[decision.attestation.code])).content.decode()
    assert "Blocs de compétences validés" in page
    assert "BC1 — Écouter" in page and "BC2 — Se préserver" in page


def test_an_award_without_block_decisions_lists_no_block(enrolment, blocks, lessons, sessions, coordinator, client):
    make_eligible(enrolment, lessons, sessions)
    decision = final_decision_record(
        enrolment=enrolment, outcome=JuryOutcome.AWARDED, jury_date=TODAY(), by=coordinator
    )
    assert decision.attestation.payload == {"blocks": []}
    page = client.get(reverse("attestations:verify-code", args=[decision.attestation.code])).content.decode()
    assert "Blocs de compétences validés" not in page


def _later_cohort(programme, after, coordinator):
    starts_on = after + datetime.timedelta(days=20)  # later, and already started: its jury can meet today
    return CohortFactory(
        programme=programme,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=300),
        coordinators=[coordinator],
    )


def test_validated_blocks_are_carried_into_the_later_cohort(enrolment, blocks, cohort, coordinator):
    bc1, bc2 = blocks
    first = _decide(enrolment, bc1, BlockOutcome.VALIDATED, coordinator)
    _decide(enrolment, bc2, BlockOutcome.DEFERRED, coordinator, reason="À reprendre")
    final_decision_record(
        enrolment=enrolment, outcome=JuryOutcome.DEFERRED, jury_date=TODAY(), note="BC2 à reprendre", by=coordinator
    )
    later = _later_cohort(cohort.programme, cohort.starts_on, coordinator)
    new = enrolment_defer_to_cohort(enrolment=enrolment, to_cohort=later, by=coordinator)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.DEFERRED
    carried = BlockDecision.objects.get(enrolment=new)
    assert (carried.block, carried.outcome, carried.carried_from, carried.jury_date) == (
        bc1,
        "validated",
        first,
        first.jury_date,
    )
    assert carried.reason == f"Validé par le jury de la promotion {cohort.label}."
    assert [item.status for item in enrolment_attainment(enrolment=new)] == ["validated", "undecided"]
    # Carried again from the new cohort: still pointing at the first decision.
    _decide(new, bc2, BlockOutcome.DEFERRED, coordinator, reason="Toujours à reprendre")
    final_decision_record(enrolment=new, outcome=JuryOutcome.DEFERRED, jury_date=TODAY(), note="BC2", by=coordinator)
    third = _later_cohort(cohort.programme, later.starts_on, coordinator)
    newest = enrolment_defer_to_cohort(enrolment=new, to_cohort=third, by=coordinator)
    assert BlockDecision.objects.get(enrolment=newest).carried_from == first


def test_the_learners_archive_holds_their_block_decisions(enrolment, blocks, coordinator):
    _decide(enrolment, blocks[1], BlockOutcome.DEFERRED, coordinator, reason="Terminer la leçon sur l'usure.")
    other = EnrolmentFactory(cohort=enrolment.cohort)
    _decide(other, blocks[0], BlockOutcome.VALIDATED, coordinator)
    sections = {section.key: section for section in collect(enrolment.learner)}
    rows = sections["final_validation.block_decisions"].records
    assert [(row["block"], row["outcome"], row["reason"]) for row in rows] == [
        ("BC2", "deferred", "Terminer la leçon sur l'usure.")
    ]

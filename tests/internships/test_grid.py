"""The evaluation grid's criteria linked to the référentiel: who may link them, what is refused, which ratings
count."""

import datetime

import pytest

from competencies.models import Block, Competency
from internships.enums import EvaluationKind, EvaluationStatus
from internships.errors import InternshipError
from internships.grid import criteria_by_block, criteria_mapping, criteria_mapping_set, final_ratings
from internships.models import CriterionCompetency, Evaluation, EvaluationRating
from tests.factories import CohortFactory, EnrolmentFactory, PlacementFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def competency(programme):
    block = Block.objects.create(programme=programme, code="BC1", title="Écouter")
    return Competency.objects.create(block=block, code="C1", title="Écoute active")


def test_a_coordinator_links_criteria_and_others_are_refused(programme, coordinator, learner, competency):
    other = UserFactory()
    CohortFactory(coordinators=[other])
    for person in (other, learner):
        with pytest.raises(InternshipError, match="Seuls les coordinateurs de ce programme"):
            criteria_mapping_set(programme=programme, mapping={"active_listening": [competency.pk]}, by=person)
    criteria_mapping_set(programme=programme, mapping={"active_listening": [competency.pk]}, by=coordinator)
    assert criteria_mapping(programme_id=programme.pk)["active_listening"] == [competency.pk]
    assert criteria_by_block(programme_id=programme.pk) == {competency.block_id: {"active_listening"}}


def test_foreign_competencies_and_unknown_criteria_are_refused(programme, coordinator, competency):
    foreign_block = Block.objects.create(programme=CohortFactory().programme, code="BX", title="Ailleurs")
    foreign = Competency.objects.create(block=foreign_block, code="CX", title="Ailleurs")
    with pytest.raises(InternshipError, match="uniquement des compétences du référentiel de ce programme"):
        criteria_mapping_set(programme=programme, mapping={"ethics": [foreign.pk]}, by=coordinator)
    with pytest.raises(InternshipError, match="ne fait pas partie de la grille"):
        criteria_mapping_set(programme=programme, mapping={"juggling": [competency.pk]}, by=coordinator)
    assert not CriterionCompetency.objects.exists()


def test_only_the_newest_countersigned_final_evaluation_counts(programme, cohort):
    enrolment = EnrolmentFactory(cohort=cohort)
    older = PlacementFactory(enrolment=enrolment)
    newer = PlacementFactory(
        enrolment=enrolment,
        starts_on=older.starts_on + datetime.timedelta(days=1),
        ends_on=older.ends_on + datetime.timedelta(days=1),
    )
    for placement, status, level in (
        (older, EvaluationStatus.COUNTERSIGNED, 2),
        (newer, EvaluationStatus.COUNTERSIGNED, 4),
    ):
        evaluation = Evaluation.objects.create(placement=placement, kind=EvaluationKind.FINAL, status=status)
        EvaluationRating.objects.create(evaluation=evaluation, competency="active_listening", level=level)
    midpoint = Evaluation.objects.create(
        placement=newer, kind=EvaluationKind.MIDPOINT, status=EvaluationStatus.COUNTERSIGNED
    )
    EvaluationRating.objects.create(evaluation=midpoint, competency="ethics", level=1)
    ratings = final_ratings(learner_ids=[enrolment.learner_id], programme_id=programme.pk)
    assert ratings == {enrolment.learner_id: {"active_listening": 4}}

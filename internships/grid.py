"""The evaluation grid's criteria and the programme's référentiel: which competency each criterion shows, and
the levels the tutors' validated final evaluations give on each criterion (for the final validation by block)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from cohorts.changes import cohort_changed
from competencies.selectors import competencies_of
from internships.enums import Competency as Criterion
from internships.enums import EvaluationKind, EvaluationStatus
from internships.errors import InternshipError
from internships.models import CriterionCompetency, EvaluationRating


def criteria_mapping(*, programme_id: int) -> dict[str, list[int]]:
    """criterion -> the ids of the programme's competencies it is linked to. One query."""
    mapping: dict[str, list[int]] = {key: [] for key in Criterion.values}
    rows = CriterionCompetency.objects.filter(competency__block__programme_id=programme_id).values_list(
        "criterion", "competency_id"
    )
    for criterion, competency_id in rows:
        mapping.setdefault(criterion, []).append(competency_id)
    return mapping


def criteria_by_block(*, programme_id: int) -> dict[int, set[str]]:
    """block id -> the criteria linked to one of its competencies. One query."""
    by_block: dict[int, set[str]] = {}
    rows = CriterionCompetency.objects.filter(competency__block__programme_id=programme_id).values_list(
        "competency__block_id", "criterion"
    )
    for block_id, criterion in rows:
        by_block.setdefault(block_id, set()).add(criterion)
    return by_block


def final_ratings(*, learner_ids, programme_id: int) -> dict[int, dict[str, int]]:
    """learner id -> {criterion: level} of their newest counter-signed final evaluation in any cohort of the
    programme (an internship carries over after a deferral). One query."""
    rows = (
        EvaluationRating.objects.filter(
            evaluation__kind=EvaluationKind.FINAL,
            evaluation__status=EvaluationStatus.COUNTERSIGNED,
            evaluation__placement__enrolment__learner_id__in=learner_ids,
            evaluation__placement__enrolment__cohort__programme_id=programme_id,
        )
        .order_by("-evaluation__placement__starts_on", "-evaluation__placement_id")
        .values_list("evaluation__placement__enrolment__learner_id", "evaluation_id", "competency", "level")
    )
    newest: dict[int, int] = {}
    ratings: dict[int, dict[str, int]] = {}
    for learner_id, evaluation_id, criterion, level in rows:
        if newest.setdefault(learner_id, evaluation_id) == evaluation_id:
            ratings.setdefault(learner_id, {})[criterion] = level
    return ratings


@transaction.atomic
def criteria_mapping_set(*, programme, mapping: dict[str, list[int]], by) -> None:
    """Replace the links between the grid's criteria and the programme's competencies (coordinators only)."""
    if not by.has_perm("cohorts.coordinate_programme", programme):
        raise InternshipError(_("Only the coordinators of this programme can link its evaluation grid."))
    allowed = set(competencies_of(programme_id=programme.pk).values_list("pk", flat=True))
    rows = []
    for criterion, competency_ids in mapping.items():
        if criterion not in Criterion.values:
            raise InternshipError(_("This criterion is not part of the evaluation grid."))
        ids = {int(pk) for pk in competency_ids}
        if not ids <= allowed:
            raise InternshipError(_("Choose competencies of this programme's référentiel only."))
        rows += [CriterionCompetency(criterion=criterion, competency_id=pk) for pk in sorted(ids)]
    CriterionCompetency.objects.filter(competency__block__programme_id=programme.pk).delete()
    CriterionCompetency.objects.bulk_create(rows)
    cohort_changed(programme_ids=[programme.pk])  # the final validation's block columns read the links

"""Reads of the validation by blocks: where each learner stands in each block of the programme's référentiel.

A block's attainment gathers three things:

- **lessons**: the published lessons that work on one of the block's competencies (a module mapped to a
  competency brings every lesson of it), and how many of them the learner completed (completions belong to
  the person, so they carry over after a deferral);
- **internship**: the levels (1 to 4) the tutor's counter-signed final evaluation gives on the grid's criteria
  linked to the block's competencies (`internships.CriterionCompetency`), from any cohort of the programme;
- **jury**: the current decision about the block (validated or deferred), the latest `BlockDecision` of the
  enrolment and block. Validated blocks are carried into a later cohort by the deferral.

A fixed number of queries whatever the number of learners and blocks (see `cohort_attainment`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.models import cached_outline
from cohorts.models import Cohort, Enrolment
from competencies.models import Block
from competencies.selectors import blocks_of, mapped_lesson_ids_by_block
from final_validation.enums import BlockOutcome
from final_validation.models import BlockDecision
from internships.enums import Level
from internships.grid import criteria_by_block, final_ratings
from lms.selectors import completed_lesson_ids

VALIDATED, DEFERRED, UNDECIDED = "validated", "deferred", "undecided"
STATUS_LABELS = {
    VALIDATED: BlockOutcome.VALIDATED.label,
    DEFERRED: BlockOutcome.DEFERRED.label,
    UNDECIDED: gettext_lazy("Not decided yet"),
}


@dataclass(frozen=True)
class BlockAttainment:
    block: Block
    lessons_done: int
    lessons_total: int
    levels: tuple[int, ...]
    criteria_total: int
    decision: BlockDecision | None

    @property
    def status(self) -> str:
        if self.decision is None:
            return UNDECIDED
        return VALIDATED if self.decision.outcome == BlockOutcome.VALIDATED else DEFERRED

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def lessons_percent(self) -> int | None:
        if not self.lessons_total:
            return None
        return int(Decimal(100 * self.lessons_done / self.lessons_total).quantize(0, ROUND_HALF_UP))

    @property
    def average_level(self) -> Decimal | None:
        if not self.levels:
            return None
        return (Decimal(sum(self.levels)) / len(self.levels)).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def lessons_text(self) -> str:
        if not self.lessons_total:
            return _("No lesson is linked to this block.")
        return _("Lessons completed: %(done)d of %(total)d") % {"done": self.lessons_done, "total": self.lessons_total}

    @property
    def short_text(self) -> str:
        """For a table cell: "3/6 lessons · internship 3.5/4" (the parts that apply)."""
        parts = []
        if self.lessons_total:
            parts.append(_("%(done)d/%(total)d lessons") % {"done": self.lessons_done, "total": self.lessons_total})
        if self.average_level is not None:
            parts.append(_("internship %(average)s/4") % {"average": str(self.average_level).replace(".", ",")})
        return " · ".join(parts)

    @property
    def internship_text(self) -> str:
        if not self.criteria_total:
            return _("No criterion of the internship grid is linked to this block.")
        average = self.average_level
        if average is None:
            return _("Internship: no validated final evaluation yet.")
        label = Level(int(average.to_integral_value(ROUND_HALF_UP))).label
        return _("Internship: %(label)s, average %(average)s / 4 (linked criteria rated: %(count)d)") % {
            "label": label,
            "average": str(average).replace(".", ","),
            "count": len(self.levels),
        }


def _current_block_decisions(enrolment_ids) -> dict[tuple[int, int], BlockDecision]:
    current: dict[tuple[int, int], BlockDecision] = {}
    for decision in BlockDecision.objects.filter(enrolment_id__in=enrolment_ids).order_by("-recorded_at", "-pk"):
        current.setdefault((decision.enrolment_id, decision.block_id), decision)
    return current


def cohort_attainment(*, cohort: Cohort, enrolments: list[Enrolment]) -> tuple[list[Block], dict[int, list]]:
    """The programme's blocks, and for each enrolment its `BlockAttainment` per block in the blocks' order.

    One query when the programme has no référentiel; otherwise seven whatever the size (with `cohort.programme`
    loaded): the blocks, the lessons mapped by module and by lesson, the completions, the criteria linked to blocks,
    the final evaluations' ratings and the current block decisions, and the outline (`cms.models.cached_outline`:
    two more when a page changed since it was last read)."""
    blocks = list(blocks_of(programme_id=cohort.programme_id))
    if not blocks:
        return blocks, {enrolment.pk: [] for enrolment in enrolments}
    outline = cached_outline(cohort.programme)
    lessons_by_block = mapped_lesson_ids_by_block(programme=cohort.programme, outline=outline)
    learner_ids = [enrolment.learner_id for enrolment in enrolments]
    all_lessons = set().union(*lessons_by_block.values()) if lessons_by_block else set()
    done = completed_lesson_ids(learner_ids=learner_ids, lesson_ids=all_lessons)
    criteria = criteria_by_block(programme_id=cohort.programme_id)
    ratings = final_ratings(learner_ids=learner_ids, programme_id=cohort.programme_id)
    decisions = _current_block_decisions([enrolment.pk for enrolment in enrolments])
    result = {}
    for enrolment in enrolments:
        learner_done = done.get(enrolment.learner_id, set())
        learner_ratings = ratings.get(enrolment.learner_id, {})
        rows = []
        for block in blocks:
            lessons = lessons_by_block.get(block.pk, set())
            block_criteria = criteria.get(block.pk, set())
            rows.append(
                BlockAttainment(
                    block=block,
                    lessons_done=len(lessons & learner_done),
                    lessons_total=len(lessons),
                    levels=tuple(learner_ratings[c] for c in sorted(block_criteria) if c in learner_ratings),
                    criteria_total=len(block_criteria),
                    decision=decisions.get((enrolment.pk, block.pk)),
                )
            )
        result[enrolment.pk] = rows
    return blocks, result


def enrolment_attainment(*, enrolment: Enrolment) -> list[BlockAttainment]:
    """One enrolment's attainment per block (the same rules and queries)."""
    return cohort_attainment(cohort=enrolment.cohort, enrolments=[enrolment])[1][enrolment.pk]


def block_decision_history(*, enrolment: Enrolment) -> list[BlockDecision]:
    """Every decision about the enrolment's blocks, latest first."""
    return list(
        BlockDecision.objects.filter(enrolment=enrolment)
        .select_related("block", "recorded_by", "carried_from__enrolment__cohort")
        .order_by("-recorded_at", "-pk")
    )


def current_block_decisions(*, enrolment: Enrolment) -> dict[int, BlockDecision]:
    """block id -> the enrolment's current decision about it. One query."""
    return {block_id: d for (_e, block_id), d in _current_block_decisions([enrolment.pk]).items()}

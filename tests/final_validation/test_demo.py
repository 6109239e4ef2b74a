"""The demo cohort tells the final validation's story: eligible, nearly eligible, not yet, and one awarded."""

import pytest

from accounts.demo import demo_email
from attestations.enums import AttestationKind
from attestations.models import Attestation
from cohorts.models import Cohort
from competencies.models import Block
from final_validation.attainment import enrolment_attainment
from final_validation.enums import JuryOutcome
from final_validation.selectors import ELIGIBLE, NEARLY, NOT_YET, cohort_validation
from internships.models import CriterionCompetency

pytestmark = pytest.mark.django_db


def test_demo_cohort_has_eligible_nearly_and_not_yet_learners_and_one_awarded(demo):
    cohort = Cohort.objects.select_related("programme").get(enrolments__learner__email=demo_email("learner"))
    rows = {row.learner.email: row for row in cohort_validation(cohort=cohort).rows}

    awarded = rows[demo_email("diplomee")]
    assert awarded.eligibility.standing == ELIGIBLE
    assert awarded.decision.outcome == JuryOutcome.AWARDED
    assert awarded.attestation.learner_name == "Margaux Lambert"

    eligible = rows[demo_email("eligible")]
    assert eligible.eligibility.standing == ELIGIBLE and eligible.decision is None

    nearly = rows[demo_email("presque")]
    assert nearly.eligibility.standing == NEARLY
    assert nearly.eligibility.unmet[0].explanation == "112 h validées sur 140 h prévues."

    assert rows[demo_email("learner")].eligibility.standing == NOT_YET
    assert Attestation.objects.filter(kind=AttestationKind.SUCCESS).count() == 1


def test_demo_referentiel_is_mapped_and_the_jury_decided_by_blocks(demo):
    cohort = Cohort.objects.select_related("programme").get(enrolments__learner__email=demo_email("learner"))
    blocks = list(Block.objects.filter(programme=cohort.programme).prefetch_related("competencies"))
    assert [block.code for block in blocks] == ["BC1", "BC2", "BC3", "BC4", "BC5", "BC6"]
    assert blocks[1].title == "Mobiliser son savoir expérientiel"
    for block in blocks:
        competencies = list(block.competencies.all())
        assert 2 <= len(competencies) <= 4, block
        assert all(c.modules.exists() or c.lessons.exists() for c in competencies), block
    assert CriterionCompetency.objects.filter(competency__block__programme=cohort.programme).count() == 10

    awarded = Attestation.objects.get(kind=AttestationKind.SUCCESS)
    assert [b["code"] for b in awarded.payload["blocks"]] == ["BC1", "BC2", "BC3", "BC4", "BC5", "BC6"]
    nearly = cohort.enrolments.get(learner__email=demo_email("presque"))
    statuses = {item.block.code: item.status for item in enrolment_attainment(enrolment=nearly)}
    assert statuses == {
        "BC1": "validated",
        "BC2": "validated",
        "BC3": "validated",
        "BC4": "validated",
        "BC5": "deferred",
        "BC6": "validated",
    }

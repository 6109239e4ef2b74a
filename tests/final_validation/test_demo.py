"""The demo cohort tells the final validation's story: eligible, nearly eligible, not yet, and one awarded."""

import pytest

from accounts.demo import demo_email
from attestations.enums import AttestationKind
from attestations.models import Attestation
from cohorts.models import Cohort
from final_validation.enums import JuryOutcome
from final_validation.selectors import ELIGIBLE, NEARLY, NOT_YET, cohort_validation

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

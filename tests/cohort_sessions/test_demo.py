import pytest
from django.utils import timezone

from accounts.demo import demo_email
from cohort_sessions.demo import EXTRA_LEARNERS
from cohort_sessions.selectors import cohort_roster
from cohorts.models import Cohort

pytestmark = pytest.mark.django_db


def test_demo_cohort_has_past_and_future_sessions_and_differing_rates(demo):
    cohort = Cohort.objects.get(enrolments__learner__email="learner@demo.pair-aidance.test")
    dates = list(cohort.sessions.values_list("date", flat=True))
    today = timezone.localdate()
    assert sum(d < today for d in dates) == 4
    assert sum(d > today for d in dates) == 3
    calendar_learners = {demo_email(key) for key, *_rest in EXTRA_LEARNERS} | {demo_email("learner")}
    percents = [row.summary.percent for row in cohort_roster(cohort=cohort) if row.learner.email in calendar_learners]
    assert len(percents) == 6
    assert len(set(percents)) >= 4
    assert None not in percents

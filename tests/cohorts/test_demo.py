import pytest

from selection.enums import ApplicationStatus
from selection.models import Application, SelectionRound

pytestmark = pytest.mark.django_db


def test_demo_round_has_every_state_jury_slots_and_waiting_list(demo):
    selection_round = SelectionRound.objects.get()
    statuses = set(Application.objects.filter(selection_round=selection_round).values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)
    assert selection_round.jury_members.filter(email="jury@demo.pair-aidance.test").exists()
    assert selection_round.cohort.coordinators.filter(email="coordinator@demo.pair-aidance.test").exists()
    assert selection_round.slots.count() >= 4
    assert Application.objects.filter(status=ApplicationStatus.WAITLISTED).count() == 2
    assert Application.objects.get(candidate__email="candidate@demo.pair-aidance.test").status == "submitted"
    # The current cohort, the next one, and four past ones (the graduates' follow-up, alumni.demo).
    assert selection_round.cohort.programme.cohorts.count() == 6

"""The enrolment machine: every move allowed and refused, who may make it, what it stops and what it keeps."""

import html

import pytest
from django.urls import reverse

from cohorts import services
from cohorts.enums import ENROLMENT_TRANSITIONS, EnrolmentStatus
from cohorts.models import Enrolment, EnrolmentTransition
from cohorts.selectors import enrolment_available_actions, enrolments_current_for
from lms.models import JournalEntry
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory

pytestmark = pytest.mark.django_db

S = EnrolmentStatus
ALLOWED = {
    (S.ACTIVE, S.DEFERRED),
    (S.ACTIVE, S.WITHDRAWN),
    (S.ACTIVE, S.COMPLETED),
    (S.DEFERRED, S.ACTIVE),
    (S.COMPLETED, S.ACTIVE),
}
EVERY_MOVE = [(a, b) for a in S.values for b in S.values if a != b]


@pytest.fixture
def enrolment(cohort):
    return EnrolmentFactory(cohort=cohort)


def test_the_table_is_exactly_the_moves_of_the_issue():
    assert {(a, b) for a, targets in ENROLMENT_TRANSITIONS.items() for b in targets} == ALLOWED


@pytest.mark.parametrize(("from_status", "to_status"), sorted(ALLOWED))
def test_every_allowed_move_is_made_and_written_down(cohort, coordinator, from_status, to_status):
    enrolment = EnrolmentFactory(cohort=cohort, status=from_status)
    services.enrolment_transition(enrolment=enrolment, to_status=to_status, by=coordinator, note="motif")
    stored = Enrolment.objects.get(pk=enrolment.pk)
    assert stored.status == to_status and stored.status_changed_at is not None
    [row] = EnrolmentTransition.objects.filter(enrolment=enrolment)
    assert (row.from_status, row.to_status, row.by, row.note) == (from_status, to_status, coordinator, "motif")


@pytest.mark.parametrize(("from_status", "to_status"), [m for m in EVERY_MOVE if m not in ALLOWED])
def test_every_other_move_is_refused_in_french(cohort, coordinator, from_status, to_status):
    enrolment = EnrolmentFactory(cohort=cohort, status=from_status)
    with pytest.raises(services.EnrolmentError, match="Une inscription ne peut pas passer de"):
        services.enrolment_transition(enrolment=enrolment, to_status=to_status, by=coordinator)
    assert Enrolment.objects.get(pk=enrolment.pk).status == from_status
    assert not EnrolmentTransition.objects.exists()


def test_withdraw_needs_a_reason_and_keeps_it(enrolment, coordinator):
    with pytest.raises(services.EnrolmentError, match="Indiquez le motif du retrait"):
        services.enrolment_withdraw(enrolment=enrolment, by=coordinator, reason="  ")
    services.enrolment_withdraw(enrolment=enrolment, by=coordinator, reason="Déménagement")
    stored = Enrolment.objects.get(pk=enrolment.pk)
    assert (stored.status, stored.withdrawal_reason) == (S.WITHDRAWN, "Déménagement")


def test_only_a_coordinator_of_the_cohort_may_defer_or_withdraw(enrolment):
    other = UserFactory()
    CohortFactory(coordinators=[other])
    for call in (
        lambda: services.enrolment_defer(enrolment=enrolment, by=other),
        lambda: services.enrolment_withdraw(enrolment=enrolment, by=other, reason="x"),
    ):
        with pytest.raises(services.EnrolmentError, match="Seuls les coordinateurs"):
            call()
    assert Enrolment.objects.get(pk=enrolment.pk).status == S.ACTIVE


def test_defer_then_resume(enrolment, coordinator):
    services.enrolment_defer(enrolment=enrolment, by=coordinator)
    services.enrolment_resume(enrolment=enrolment, by=coordinator)
    assert list(EnrolmentTransition.objects.values_list("from_status", "to_status")) == [
        ("active", "deferred"),
        ("deferred", "active"),
    ]


def test_resume_is_refused_when_the_learner_follows_another_cohort_now(enrolment, coordinator, cohort):
    services.enrolment_defer(enrolment=enrolment, by=coordinator)
    later = CohortFactory(programme=cohort.programme)
    EnrolmentFactory(cohort=later, learner=enrolment.learner)
    with pytest.raises(services.EnrolmentError, match="suit désormais une autre promotion"):
        services.enrolment_resume(enrolment=enrolment, by=coordinator)


def test_what_the_learner_wrote_is_kept_and_access_stops(enrolment, coordinator):
    JournalEntry.objects.create(learner=enrolment.learner, body="Ce que j'ai compris.")
    services.enrolment_withdraw(enrolment=enrolment, by=coordinator, reason="Raisons personnelles")
    assert JournalEntry.objects.filter(learner=enrolment.learner).count() == 1
    assert not enrolments_current_for(user=enrolment.learner).exists()


def test_a_completed_learner_keeps_access_until_the_cohort_ends(enrolment):
    services.enrolment_complete(enrolment=enrolment, by=None)
    assert list(enrolments_current_for(user=enrolment.learner)) == [enrolment]


def test_available_actions_follow_the_table(cohort):
    assert enrolment_available_actions(enrolment=EnrolmentFactory(cohort=cohort)) == ["defer", "withdraw"]
    assert enrolment_available_actions(enrolment=EnrolmentFactory(cohort=cohort, deferred=True)) == ["resume"]
    assert enrolment_available_actions(enrolment=EnrolmentFactory(cohort=cohort, withdrawn=True)) == []
    assert enrolment_available_actions(enrolment=EnrolmentFactory(cohort=cohort, status=S.COMPLETED)) == []


# --- Pages --------------------------------------------------------------------------------------------------


def _url(enrolment):
    return reverse("cockpit:enrolment", args=[enrolment.cohort_id, enrolment.pk])


def test_the_enrolment_page_is_for_the_cohorts_coordinators_only(client, enrolment):
    client.force_login(UserFactory())
    assert client.get(_url(enrolment)).status_code == 404
    assert client.get(reverse("cockpit:enrolments", args=[enrolment.cohort_id])).status_code == 404


def test_withdrawing_needs_the_confirmation_and_a_reason(client, coordinator, enrolment):
    client.force_login(coordinator)
    response = client.post(_url(enrolment), {"action": "withdraw", "reason": "Déménagement"})
    assert response.status_code == 400 and "Cochez la case pour confirmer" in response.content.decode()
    response = client.post(_url(enrolment), {"action": "withdraw", "confirm": "on"})
    assert response.status_code == 400 and "Indiquez le motif du retrait" in response.content.decode()
    assert Enrolment.objects.get(pk=enrolment.pk).status == S.ACTIVE
    response = client.post(_url(enrolment), {"action": "withdraw", "reason": "Déménagement", "confirm": "on"})
    assert response.status_code == 302
    assert Enrolment.objects.get(pk=enrolment.pk).status == S.WITHDRAWN


def test_a_move_no_longer_possible_is_refused_on_the_page(client, coordinator, cohort):
    enrolment = EnrolmentFactory(cohort=cohort, withdrawn=True)
    client.force_login(coordinator)
    response = client.post(_url(enrolment), {"action": "defer", "confirm": "on"})
    assert response.status_code == 400 and "Ce changement n'est plus possible" in html.unescape(
        response.content.decode()
    )
    assert Enrolment.objects.get(pk=enrolment.pk).status == S.WITHDRAWN

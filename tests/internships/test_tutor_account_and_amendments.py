import datetime

import pytest
from django.urls import reverse

from internships import services
from internships.enums import PlacementStatus
from internships.errors import InternshipError
from my_space.spaces import user_spaces
from tests.factories import EnrolmentFactory, PlacementFactory, TutorFactory

pytestmark = pytest.mark.django_db


def test_tutor_with_account_signs_off_a_week_from_the_placement_page(client, make_placement, learner, tutor_user):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    services.time_entry_record(
        placement=placement, by=learner, date=placement.starts_on, hours=6, activity="Accueil", day_type="presence"
    )
    week = services.week_start_of(placement.starts_on)
    client.force_login(tutor_user)
    client.post(
        reverse("internships:sign_off_week", args=[placement.pk, week.isoformat()]),
        {"decision": "needs_info", "message": "Quel groupe avez-vous co-animé ?"},
    )
    assert placement.week_signoffs.get().status == "needs_info"
    client.force_login(learner)
    html = client.get(reverse("internships:detail", args=[placement.pk])).content.decode()
    assert "Quel groupe avez-vous co-animé ?" in html


def test_learner_cannot_sign_off_own_week(client, make_placement, learner):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    services.time_entry_record(
        placement=placement, by=learner, date=placement.starts_on, hours=6, activity="Accueil", day_type="presence"
    )
    week = services.week_start_of(placement.starts_on)
    client.force_login(learner)
    client.post(reverse("internships:sign_off_week", args=[placement.pk, week.isoformat()]), {"decision": "approved"})
    assert placement.week_signoffs.get().status == "pending"


def test_spaces_for_learner_tutor_and_coordinator(learner, tutor_user, tutor, coordinator, cohort, outsider):
    assert [s.url for s in user_spaces(user=learner) if "/stages/" in s.url] == [reverse("internships:learner_home")]
    assert reverse("internships:tutor_home") in [s.url for s in user_spaces(user=tutor_user)]
    assert reverse("internships:overview", args=[cohort.pk]) in [s.url for s in user_spaces(user=coordinator)]
    assert not [s for s in user_spaces(user=outsider) if "/stages/" in s.url]


def test_amendment_needs_the_three_original_parties_then_applies(
    make_placement, learner, tutor_user, coordinator, tutor
):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    new_tutor = TutorFactory(host=placement.host)
    new_end = placement.ends_on + datetime.timedelta(days=14)
    amendment = services.amendment_request(
        placement=placement,
        by=learner,
        reason="Arrêt maladie de deux semaines",
        new_ends_on=new_end,
        new_tutor=new_tutor,
    )
    with pytest.raises(InternshipError, match=r"Un avenant attend déjà d'être approuvé\."):
        services.amendment_request(placement=placement, by=learner, reason="encore", new_ends_on=new_end)
    services.amendment_sign(amendment=amendment, by=learner)
    services.amendment_sign(amendment=amendment, by=tutor_user)
    with pytest.raises(InternshipError, match="Seul le tuteur ou la tutrice de ce stage peut"):
        services.amendment_sign(amendment=amendment, by_tutor=new_tutor)  # not an original party
    placement.refresh_from_db()
    assert placement.ends_on != new_end
    services.amendment_sign(amendment=amendment, by=coordinator)
    placement.refresh_from_db()
    amendment.refresh_from_db()
    assert amendment.status == "applied"
    assert (placement.ends_on, placement.tutor) == (new_end, new_tutor)
    assert "Avenant" in placement.transitions.last().note or "Amendment" in placement.transitions.last().note


def test_amendment_to_a_full_tutor_is_refused(make_placement, learner, tutor_user, coordinator, cohort):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    busy = TutorFactory(host=placement.host)
    for _ in range(3):
        PlacementFactory(enrolment=EnrolmentFactory(cohort=cohort), tutor=busy, host=busy.host, status="in_progress")
    with pytest.raises(InternshipError, match="3"):
        services.amendment_request(placement=placement, by=coordinator, reason="Départ du tuteur", new_tutor=busy)


def test_amendment_outside_cohort_period_is_refused(make_placement, learner, cohort):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    with pytest.raises(InternshipError, match="promotion"):
        services.amendment_request(
            placement=placement, by=learner, reason="x", new_ends_on=cohort.ends_on + datetime.timedelta(days=1)
        )

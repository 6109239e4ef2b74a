"""What the learner and the coordinator are told while placements and hours are recorded."""

import datetime
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from internships import selectors, services
from internships.enums import PlacementStatus
from internships.errors import InternshipError
from internships.models import TimeEntry
from tests.factories import EnrolmentFactory, PlacementFactory

pytestmark = pytest.mark.django_db


def _day(placement, **extra):
    return {
        "date": timezone.localdate().isoformat(),
        "hours": "7",
        "day_type": "presence",
        "activity": "Accueil au GEM et groupe de parole.",
        **extra,
    }


def test_a_refused_day_comes_back_as_typed(client, learner, make_placement):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    client.force_login(learner)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(reverse("internships:log_hours", args=[placement.pk]), _day(placement, date=tomorrow))
    page = unescape(response.content.decode())
    assert response.status_code == 400
    assert "Vous ne pouvez pas encore saisir d'heures pour un jour à venir." in page
    assert f'value="{tomorrow}"' in page and 'value="7"' in page
    assert "Accueil au GEM et groupe de parole." in page
    assert not TimeEntry.objects.exists()


def test_a_day_already_recorded_is_replaced_only_when_asked(client, learner, make_placement):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    client.force_login(learner)
    url = reverse("internships:log_hours", args=[placement.pk])
    client.post(url, _day(placement))
    response = client.post(url, _day(placement, hours="3", activity="Réunion d'équipe."))
    assert response.status_code == 400
    assert "Vous avez déjà noté 7 h ce jour-là (Accueil au GEM et groupe de parole.)" in unescape(
        response.content.decode()
    )
    assert TimeEntry.objects.get().hours == 7
    client.post(url, _day(placement, hours="3", activity="Réunion d'équipe.", replace="on"))
    assert TimeEntry.objects.get().hours == 3


def test_a_week_over_the_weekly_maximum_is_pointed_out(client, learner, make_placement):
    placement = make_placement(PlacementStatus.IN_PROGRESS, max_weekly_hours=10)
    client.force_login(learner)
    url = reverse("internships:log_hours", args=[placement.pk])
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    days = [monday + datetime.timedelta(days=n) for n in range(today.weekday() + 1)]
    if len(days) < 2:  # on a Monday the previous day is in another week: use last week's Monday and Tuesday
        days = [monday - datetime.timedelta(days=7), monday - datetime.timedelta(days=6)]
    client.post(url, _day(placement, date=days[0].isoformat(), hours="8"))
    response = client.post(url, _day(placement, date=days[1].isoformat(), hours="8"), follow=True)
    assert "Cette semaine compte maintenant 16 h, plus que les 10 h par semaine prévues par la convention." in unescape(
        response.content.decode()
    )


def test_an_overlapping_second_placement_is_pointed_out(make_placement, enrolment):
    first = make_placement(PlacementStatus.IN_PROGRESS)
    second = make_placement(PlacementStatus.PROPOSED, starts_on=first.ends_on - datetime.timedelta(days=5))
    [warning] = selectors.overlap_warnings(placement=second)
    assert warning.startswith(f"Ces dates croisent celles du stage chez {first.host.name}")
    assert warning in selectors.placement_warnings(placement=second)
    later = make_placement(
        PlacementStatus.PROPOSED, starts_on=first.ends_on, ends_on=first.ends_on + datetime.timedelta(days=30)
    )
    assert selectors.overlap_warnings(placement=later) == []


@pytest.fixture
def full_tutor(tutor, cohort):
    for _n in range(3):
        PlacementFactory(
            enrolment=EnrolmentFactory(cohort=cohort), tutor=tutor, host=tutor.host, status=PlacementStatus.IN_PROGRESS
        )
    return tutor


def test_the_three_intern_limit_is_told_to_the_learner_when_proposing(learner, enrolment, full_tutor):
    with pytest.raises(
        InternshipError, match=r"le maximum que la loi permet en même temps\. Merci de choisir d'autres dates"
    ):
        services.placement_propose(
            by=learner,
            enrolment=enrolment,
            host=full_tutor.host,
            tutor=full_tutor,
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + datetime.timedelta(days=30),
            weekly_schedule="Lundi",
            planned_hours=70,
            tasks_and_objectives="Accueil.",
            binome="Camille",
        )


def test_the_three_intern_limit_is_told_to_the_coordinator_when_approving(make_placement, full_tutor, coordinator):
    placement = make_placement(PlacementStatus.PROPOSED, tutor=full_tutor)
    with pytest.raises(InternshipError, match="le tuteur ou la tutrice ne pourrait pas accepter ce stage"):
        services.placement_approve_by_coordinator(placement=placement, by=coordinator)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.PROPOSED


def test_the_tutor_is_not_offered_the_midpoint_evaluation_before_its_step(client, tutor_user, make_placement):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    client.force_login(tutor_user)
    page = unescape(client.get(reverse("internships:detail", args=[placement.pk])).content.decode())
    fill_midpoint = reverse("internships:evaluation_fill", args=[placement.pk, "midpoint"])
    assert fill_midpoint not in page
    assert f"S'ouvre le {placement.midpoint.strftime('%d/%m/%Y')}, quand le stage arrive à cette étape." in page


def test_sending_a_week_says_the_link_is_on_its_way(client, learner, make_placement):
    """The link leaves through the outbox a little later: the learner is not told it has already arrived."""
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    client.force_login(learner)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    client.post(reverse("internships:log_hours", args=[placement.pk]), _day(placement, date=yesterday.isoformat()))
    week = yesterday - datetime.timedelta(days=yesterday.weekday())
    response = client.post(reverse("internships:submit_week", args=[placement.pk, week.isoformat()]), follow=True)
    page = unescape(response.content.decode())
    assert "Votre tuteur ou tutrice va recevoir d'ici quelques minutes un lien par e-mail" in page
    assert "a reçu un lien" not in page


def test_the_day_form_is_one_tap_away_at_the_top_of_a_running_placement(client, learner, make_placement):
    """On a phone the form is far below the placement's details: the next step links to it."""
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    client.force_login(learner)
    page = client.get(reverse("internships:detail", args=[placement.pk])).content.decode()
    assert page.index('<a class="button" href="#record-day">Saisir une journée</a>') < page.index('id="record-day"')
    placement.status = PlacementStatus.PROPOSED
    placement.save(update_fields=["status"])
    assert 'href="#record-day"' not in client.get(reverse("internships:detail", args=[placement.pk])).content.decode()

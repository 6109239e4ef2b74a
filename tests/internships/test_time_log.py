import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError

from internships import selectors, services
from internships.enums import PlacementStatus, WeekStatus
from internships.errors import InternshipError
from internships.models import TimeEntry, WeekSignoff
from tests.factories import TutorFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 18)  # a Wednesday


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 3, 18, 10, 0), tick=False):
        yield


@pytest.fixture
def placement(make_placement, cohort):
    cohort.starts_on, cohort.ends_on = datetime.date(2025, 9, 1), datetime.date(2026, 7, 1)
    cohort.save()
    return make_placement(
        PlacementStatus.IN_PROGRESS,
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 4, 27),
        planned_hours=100,
    )


def record(placement, learner, day, hours="7", day_type="presence"):
    return services.time_entry_record(
        placement=placement, by=learner, date=day, hours=Decimal(hours), activity="Accueil au GEM", day_type=day_type
    )


def test_learner_records_a_day_and_week_awaits_tutor(placement, learner):
    entry = record(placement, learner, datetime.date(2026, 3, 16))
    assert entry.week_start == datetime.date(2026, 3, 16)
    assert WeekSignoff.objects.get(placement=placement).status == WeekStatus.PENDING


@pytest.mark.parametrize(
    ("day", "hours", "message"),
    [
        (datetime.date(2026, 3, 19), "7", "pas encore|not come yet"),
        (datetime.date(2026, 3, 1), "7", "en dehors|outside"),
        (datetime.date(2026, 3, 17), "12.5", "12"),
        (datetime.date(2026, 3, 17), "-1", "0"),
    ],
)
def test_invalid_days_are_refused(placement, learner, day, hours, message):
    with pytest.raises(InternshipError, match=message):
        record(placement, learner, day, hours)
    assert not TimeEntry.objects.exists()


def test_one_entry_per_day_recording_again_replaces(placement, learner):
    record(placement, learner, datetime.date(2026, 3, 16), "7")
    record(placement, learner, datetime.date(2026, 3, 16), "5")
    assert TimeEntry.objects.get().hours == Decimal("5")


def test_one_entry_per_day_is_a_database_constraint(placement):
    TimeEntry.objects.create(placement=placement, date=TODAY, week_start=TODAY, hours=1, activity="a")
    with pytest.raises(IntegrityError, match=r"(?is)unique.*placement_id.*date"):
        TimeEntry.objects.create(placement=placement, date=TODAY, week_start=TODAY, hours=1, activity="b")


def test_only_the_learner_records_and_only_while_running(placement, other_learner, make_placement, learner):
    with pytest.raises(InternshipError, match=r"Seul·e l'apprenant·e saisit ses heures\."):
        record(placement, other_learner, datetime.date(2026, 3, 16))
    placement.status = PlacementStatus.AGREEMENT_SIGNED
    placement.save()
    with pytest.raises(InternshipError, match="Les heures se saisissent pendant que le stage"):
        record(placement, learner, datetime.date(2026, 3, 16))


def test_tutor_sign_off_decisions(placement, learner, tutor_user):
    record(placement, learner, datetime.date(2026, 3, 9))
    week = datetime.date(2026, 3, 9)
    with pytest.raises(InternshipError, match=r"question"):
        services.week_sign_off(placement=placement, week_start=week, decision="needs_info", by=tutor_user)
    services.week_sign_off(
        placement=placement, week_start=week, decision="needs_info", message="Quel atelier ?", by=tutor_user
    )
    assert WeekSignoff.objects.get().status == WeekStatus.NEEDS_INFO
    # The learner corrects the day: the week goes back to the tutor.
    record(placement, learner, datetime.date(2026, 3, 9), "6")
    assert WeekSignoff.objects.get().status == WeekStatus.PENDING
    with pytest.raises(InternshipError, match=r"raison|reason"):
        services.week_sign_off(placement=placement, week_start=week, decision="rejected", by=tutor_user)
    services.week_sign_off(placement=placement, week_start=week, decision="approved", by=tutor_user)
    assert WeekSignoff.objects.get().status == WeekStatus.APPROVED
    with pytest.raises(InternshipError, match=r"approuvé|approved"):
        record(placement, learner, datetime.date(2026, 3, 10))


def test_another_tutor_cannot_sign_off(placement, learner):
    record(placement, learner, datetime.date(2026, 3, 9))
    with pytest.raises(InternshipError, match="Seul le tuteur ou la tutrice de ce stage peut"):
        services.week_sign_off(
            placement=placement,
            week_start=datetime.date(2026, 3, 9),
            decision="approved",
            by_tutor=TutorFactory(host=placement.host),
        )


def test_totals_count_presence_and_training_and_only_approved_weeks(placement, learner, tutor_user):
    record(placement, learner, datetime.date(2026, 3, 2), "7")
    record(placement, learner, datetime.date(2026, 3, 3), "3", day_type="training")
    record(placement, learner, datetime.date(2026, 3, 4), "7", day_type="sickness")
    record(placement, learner, datetime.date(2026, 3, 9), "6")
    services.week_sign_off(
        placement=placement, week_start=datetime.date(2026, 3, 2), decision="approved", by=tutor_user
    )
    totals = selectors.placement_hours(placement=placement)
    assert (totals.logged, totals.approved, totals.planned) == (Decimal(16), Decimal(10), Decimal(100))
    assert totals.approved_percent == 10


def test_at_risk_after_midpoint_with_less_than_half_approved(placement):
    # midpoint of 2 March - 27 April is 30 March
    assert not selectors.is_at_risk(placement=placement, approved=Decimal(0), today=datetime.date(2026, 3, 30))
    assert selectors.is_at_risk(placement=placement, approved=Decimal(49), today=datetime.date(2026, 3, 31))
    assert not selectors.is_at_risk(placement=placement, approved=Decimal(50), today=datetime.date(2026, 3, 31))
    placement.status = PlacementStatus.VALIDATED
    assert not selectors.is_at_risk(placement=placement, approved=Decimal(0), today=datetime.date(2026, 4, 20))


def test_overview_flags_at_risk_rows(placement, cohort):
    with time_machine.travel(datetime.datetime(2026, 4, 10, 10, 0), tick=False):
        rows = selectors.cohort_overview(cohort=cohort)
    assert [row.at_risk for row in rows] == [True]

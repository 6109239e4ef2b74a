"""The reads a reminder rule needs (the engine itself lives in `tasks`)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from core.calendar import business_days_between
from internships import selectors, services
from internships.enums import Competency, PlacementStatus
from internships.models import Evaluation, Placement
from tests.factories import PlacementFactory

pytestmark = pytest.mark.django_db
ALL = dict.fromkeys(Competency.values, (3, ""))


def test_business_days_skip_weekends_and_french_holidays():
    # Friday 1 May 2026 is Labour Day; 2-3 May is a weekend.
    assert business_days_between(datetime.date(2026, 4, 30), datetime.date(2026, 5, 4)) == 1
    assert business_days_between(datetime.date(2026, 3, 2), datetime.date(2026, 3, 9)) == 5


def test_placements_awaiting_tutor_approval_after_n_business_days(make_placement):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)):  # a Monday
        placement = make_placement(PlacementStatus.APPROVED_BY_COORDINATOR)
        Placement.objects.filter(pk=placement.pk).update(status_changed_at=timezone.now())
        make_placement(PlacementStatus.APPROVED_BY_TUTOR)
    wednesday, thursday, monday = datetime.date(2026, 3, 4), datetime.date(2026, 3, 5), datetime.date(2026, 3, 9)
    assert selectors.placements_awaiting_tutor_approval(business_days=2, today=wednesday) == [placement]
    assert selectors.placements_awaiting_tutor_approval(business_days=5, today=thursday) == []
    assert selectors.placements_awaiting_tutor_approval(business_days=5, today=monday) == [placement]


def test_learners_missing_last_week_hours(make_placement, learner):
    today = datetime.date.today()
    last_monday = today - datetime.timedelta(days=today.weekday() + 7)
    placement = make_placement(
        PlacementStatus.IN_PROGRESS,
        starts_on=last_monday - datetime.timedelta(days=14),
        ends_on=today + datetime.timedelta(days=30),
    )
    make_placement(PlacementStatus.AGREEMENT_SIGNED)  # not running: no reminder
    assert list(selectors.learners_missing_last_week_hours(today=today)) == [placement]
    services.time_entry_record(
        placement=placement, by=learner, date=last_monday, hours=7, activity="Accueil", day_type="presence"
    )
    assert list(selectors.learners_missing_last_week_hours(today=today)) == []


def test_evaluations_due_and_overdue(make_placement):
    today = datetime.date.today()
    due_soon = make_placement(
        PlacementStatus.IN_PROGRESS,
        starts_on=today - datetime.timedelta(days=26),
        ends_on=today + datetime.timedelta(days=34),
    )  # midpoint in 4 days
    overdue = make_placement(
        PlacementStatus.MIDPOINT_REVIEW,
        starts_on=today - datetime.timedelta(days=40),
        ends_on=today + datetime.timedelta(days=20),
    )  # midpoint 10 days ago
    assert list(selectors.evaluations_due(kind="midpoint", today=today)) == [due_soon]
    assert list(selectors.evaluations_overdue(kind="midpoint", today=today)) == [overdue]
    Evaluation.objects.create(placement=overdue, kind="midpoint", status="submitted")
    assert list(selectors.evaluations_overdue(kind="midpoint", today=today)) == []


def test_pending_for_tutor_gathers_everything(tutor, tutor_user, make_placement, learner):
    to_approve = make_placement(PlacementStatus.APPROVED_BY_COORDINATOR)
    to_sign = make_placement(PlacementStatus.APPROVED_BY_TUTOR)
    services.placement_sign(placement=to_sign, by=learner)
    running = make_placement(PlacementStatus.MIDPOINT_REVIEW)
    services.time_entry_record(
        placement=running, by=learner, date=running.starts_on, hours=7, activity="Accueil", day_type="presence"
    )
    final = make_placement(PlacementStatus.FINAL_REVIEW)  # its final evaluation sent: nothing to fill
    Evaluation.objects.create(placement=final, kind="final", status="submitted")
    other = PlacementFactory(status=PlacementStatus.APPROVED_BY_COORDINATOR)  # another tutor's
    # The digest reads them; the tutor's page passes the placements it shows.
    for pending in (
        selectors.pending_for_tutor(tutor=tutor),
        selectors.pending_for_tutor(tutor=tutor, placements=selectors.tutor_page_placements(tutor=tutor)),
    ):
        assert pending.to_approve == [to_approve]
        assert pending.to_sign == [to_sign]
        assert [w.placement_id for w in pending.weeks_to_sign_off] == [running.pk]
        assert pending.weeks_to_sign_off[0].placement.enrolment.learner == learner
        assert pending.evaluations_to_fill == [(running, "midpoint")]
    services.placement_sign(placement=to_sign, by_tutor=tutor)  # signed by the tutor too: no longer waiting
    assert selectors.pending_for_tutor(tutor=tutor).to_sign == []
    assert set(selectors.tutors_with_pending_work()) == {tutor, other.tutor}
    assert selectors.pending_for_tutor(tutor=other.tutor).to_approve == [other]


def test_daily_task_starts_signed_placements_and_opens_midpoint(make_placement):
    from internships.tasks import advance_placements_by_date

    today = datetime.date.today()
    signed = make_placement(
        PlacementStatus.AGREEMENT_SIGNED, starts_on=today, ends_on=today + datetime.timedelta(days=60)
    )
    future = make_placement(
        PlacementStatus.AGREEMENT_SIGNED,
        starts_on=today + datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=60),
    )
    halfway = make_placement(
        PlacementStatus.IN_PROGRESS,
        starts_on=today - datetime.timedelta(days=40),
        ends_on=today + datetime.timedelta(days=20),
    )
    assert advance_placements_by_date() == 2
    signed.refresh_from_db()
    future.refresh_from_db()
    halfway.refresh_from_db()
    assert (signed.status, future.status, halfway.status) == ("in_progress", "agreement_signed", "midpoint_review")
    assert advance_placements_by_date() == 0

"""Attendance registers and rates: the rules coordinators and the final jury rely on."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from cohort_sessions.enums import AttendanceStatus
from cohort_sessions.models import Attendance
from cohort_sessions.selectors import AttendanceSummary, attendance_summary, cohort_roster
from cohort_sessions.services import AttendanceEntry, CalendarError, attendance_record_session
from tests.factories import AttendanceFactory, CohortSessionFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def record(session, by, *pairs):
    entries = [
        AttendanceEntry(learner_id=learner.pk, status=status, reason=reason) for learner, status, reason in pairs
    ]
    return attendance_record_session(session=session, by=by, entries=entries)


def test_attendance_record_session_writes_every_line(cohort, coordinator, learner):
    other = EnrolmentFactory(cohort=cohort).learner
    session = CohortSessionFactory(cohort=cohort, past=True)

    written = record(session, coordinator, (learner, "present", ""), (other, "excused", "Rendez-vous à l'hôpital"))

    assert written == 2
    rows = {a.learner_id: a for a in Attendance.objects.filter(session=session)}
    assert rows[learner.pk].status == AttendanceStatus.PRESENT
    assert rows[other.pk].status == AttendanceStatus.EXCUSED
    assert rows[other.pk].reason == "Rendez-vous à l'hôpital"
    assert rows[other.pk].recorded_by == coordinator


def test_attendance_record_session_resave_updates_not_duplicates(cohort, coordinator, learner):
    session = CohortSessionFactory(cohort=cohort, past=True)
    record(session, coordinator, (learner, "absent", ""))

    written = record(session, coordinator, (learner, "late", ""))

    assert written == 1
    assert list(Attendance.objects.filter(session=session).values_list("status", flat=True)) == ["late"]
    assert record(session, coordinator, (learner, "late", "")) == 0  # nothing changed, nothing written


def test_attendance_excused_without_reason_is_refused_and_nothing_written(cohort, coordinator, learner):
    other = EnrolmentFactory(cohort=cohort).learner
    session = CohortSessionFactory(cohort=cohort, past=True)

    with pytest.raises(CalendarError, match="Quelques lignes de la feuille de présence sont") as caught:
        record(session, coordinator, (learner, "present", ""), (other, "excused", "   "))

    assert caught.value.errors == {f"reason_{other.pk}": "Indiquez le motif de cette absence excusée."}
    assert not Attendance.objects.exists()


def test_attendance_reason_is_dropped_unless_excused(cohort, coordinator, learner):
    session = CohortSessionFactory(cohort=cohort, past=True)
    record(session, coordinator, (learner, "absent", "oubli"))
    assert Attendance.objects.get().reason == ""


def test_attendance_refuses_someone_not_active_in_the_cohort(cohort, coordinator, learner):
    session = CohortSessionFactory(cohort=cohort, past=True)
    withdrawn = EnrolmentFactory(cohort=cohort, withdrawn=True).learner
    stranger = EnrolmentFactory().learner  # active, but in another cohort

    for person in (withdrawn, stranger):
        with pytest.raises(CalendarError, match="La feuille de présence contient une personne qui"):
            record(session, coordinator, (learner, "present", ""), (person, "present", ""))
    assert not Attendance.objects.exists()


def test_attendance_refused_before_the_day_of_the_session(cohort, coordinator, learner):
    session = CohortSessionFactory(cohort=cohort, date=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(CalendarError, match="à partir du jour"):
        record(session, coordinator, (learner, "present", ""))


def test_attendance_allowed_on_the_day_of_the_session(cohort, coordinator, learner):
    session = CohortSessionFactory(cohort=cohort, date=timezone.localdate())
    assert record(session, coordinator, (learner, "present", "")) == 1


def test_database_refuses_excused_without_reason(cohort, coordinator, learner):
    session = CohortSessionFactory(cohort=cohort, past=True)
    with pytest.raises(IntegrityError, match="attendance_excused_has_reason"), transaction.atomic():
        Attendance.objects.create(
            session=session, learner=learner, status="excused", reason="", recorded_by=coordinator
        )


def test_database_refuses_two_rows_for_one_learner_and_session(cohort, coordinator, learner):
    session = CohortSessionFactory(cohort=cohort, past=True)
    AttendanceFactory(session=session, learner=learner)
    with pytest.raises(IntegrityError, match=r"(?is)unique.*session_id.*learner_id"), transaction.atomic():
        AttendanceFactory(session=session, learner=learner)


# --- Rates ------------------------------------------------------------------------------------------------


def test_rate_is_none_when_no_session_was_held_yet(cohort, learner):
    CohortSessionFactory(cohort=cohort)  # future
    summary = attendance_summary(learner=learner, cohort=cohort)
    assert summary == AttendanceSummary()
    assert summary.rate is None and summary.percent is None
    assert summary.meets(Decimal("0")) is False


def test_rate_is_none_when_every_counted_session_was_excused(cohort, learner):
    for _ in range(2):
        AttendanceFactory(session=CohortSessionFactory(cohort=cohort, past=True), learner=learner, excused=True)
    summary = attendance_summary(learner=learner, cohort=cohort)
    assert (summary.excused, summary.counted, summary.rate) == (2, 0, None)


def test_late_counts_as_attended_and_excused_is_left_out(cohort, learner):
    statuses = ["present", "late", "absent", "excused"]
    for status in statuses:
        AttendanceFactory(
            session=CohortSessionFactory(cohort=cohort, past=True),
            learner=learner,
            status=status,
            reason="Malade" if status == "excused" else "",
        )
    summary = attendance_summary(learner=learner, cohort=cohort)
    # (present + late) / (4 recorded - 1 excused) = 2 / 3
    assert summary.fraction == Fraction(2, 3)
    assert summary.rate == Decimal("0.6667")
    assert summary.percent == 67


def test_rate_exactly_at_threshold_meets_it(cohort, learner):
    for status in ["present", "present", "present", "late", "absent"]:
        AttendanceFactory(session=CohortSessionFactory(cohort=cohort, past=True), learner=learner, status=status)
    summary = attendance_summary(learner=learner, cohort=cohort)
    assert summary.rate == Decimal("0.8000")
    assert summary.meets(Decimal("0.8")) is True
    assert summary.meets("0.8") is True
    assert summary.meets(Decimal("0.8001")) is False


def test_two_thirds_does_not_meet_a_rounded_up_threshold(cohort, learner):
    """The comparison uses the exact ratio, not the 4-place display value."""
    summary = AttendanceSummary(present=2, absent=1)
    assert summary.rate == Decimal("0.6667")
    assert summary.meets(Decimal("0.6667")) is False
    assert summary.meets(Fraction(2, 3)) is True


def test_rate_ignores_sessions_of_other_cohorts_and_future_sessions(cohort, learner):
    AttendanceFactory(session=CohortSessionFactory(cohort=cohort, past=True), learner=learner)
    AttendanceFactory(session=CohortSessionFactory(past=True), learner=learner, absent=True)  # another cohort
    moved = CohortSessionFactory(cohort=cohort, past=True)
    AttendanceFactory(session=moved, learner=learner, absent=True)
    moved.date = timezone.localdate() + datetime.timedelta(days=3)  # postponed after the register was taken
    moved.save()
    summary = attendance_summary(learner=learner, cohort=cohort)
    assert (summary.present, summary.absent, summary.rate) == (1, 0, Decimal("1.0000"))


def test_unrecorded_past_session_is_not_an_absence(cohort, learner):
    AttendanceFactory(session=CohortSessionFactory(cohort=cohort, past=True), learner=learner)
    CohortSessionFactory(cohort=cohort, past=True)  # register not taken yet
    assert attendance_summary(learner=learner, cohort=cohort).rate == Decimal("1.0000")


def test_cohort_roster_gives_each_learner_their_own_rate(cohort, learner):
    other = EnrolmentFactory(cohort=cohort).learner
    session_a = CohortSessionFactory(cohort=cohort, past=True)
    session_b = CohortSessionFactory(cohort=cohort, past=True)
    AttendanceFactory(session=session_a, learner=learner)
    AttendanceFactory(session=session_b, learner=learner, absent=True)
    AttendanceFactory(session=session_a, learner=other, late=True)

    rates = {row.learner.pk: row.summary.percent for row in cohort_roster(cohort=cohort)}

    assert rates == {learner.pk: 50, other.pk: 100}


def test_the_day_of_the_session_is_the_paris_day_not_the_utc_one(cohort, coordinator, learner):
    import time_machine

    # 23:30 UTC on 20 November is already 00:30 on 21 November in Paris.
    with time_machine.travel(datetime.datetime(2026, 11, 20, 23, 30, tzinfo=datetime.UTC), tick=False):
        session = CohortSessionFactory(cohort=cohort, date=datetime.date(2026, 11, 21))
        assert record(session, coordinator, (learner, "present", "")) == 1
        assert attendance_summary(learner=learner, cohort=cohort).present == 1

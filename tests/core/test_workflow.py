"""The one transition helper: table check, lock, stamp, history, notifications after commit only."""

import pytest
from django.db import transaction

from cohorts.enums import ENROLMENT_TRANSITIONS, EnrolmentStatus
from cohorts.models import Enrolment, EnrolmentTransition
from core import workflow
from tests.factories import EnrolmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_check_refuses_a_move_the_table_does_not_allow_with_labels():
    with pytest.raises(workflow.TransitionRefused, match=r"^Retirée -> Active$"):
        workflow.check(
            ENROLMENT_TRANSITIONS,
            EnrolmentStatus.WITHDRAWN,
            EnrolmentStatus.ACTIVE,
            choices=EnrolmentStatus,
            message="%(from)s -> %(to)s",
        )
    workflow.check(ENROLMENT_TRANSITIONS, EnrolmentStatus.ACTIVE, EnrolmentStatus.WITHDRAWN)  # allowed: no error


def test_transition_stamps_saves_writes_history_and_notifies_after_commit(django_capture_on_commit_callbacks):
    enrolment = EnrolmentFactory()
    by = UserFactory()
    seen = []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        locked = workflow.transition(
            enrolment,
            to_status=EnrolmentStatus.DEFERRED,
            transitions=ENROLMENT_TRANSITIONS,
            by=by,
            note="pause",
            stamp=lambda obj, from_status, now: (setattr(obj, "status_changed_at", now), ["status_changed_at"])[1],
            history=workflow.history_row(EnrolmentTransition, parent="enrolment"),
            notify=lambda obj: seen.append(obj.status),
        )
    assert len(callbacks) == 1 and seen == [EnrolmentStatus.DEFERRED]
    assert enrolment.status == locked.status == EnrolmentStatus.DEFERRED
    stored = Enrolment.objects.get(pk=enrolment.pk)
    assert stored.status == EnrolmentStatus.DEFERRED and stored.status_changed_at is not None
    [row] = EnrolmentTransition.objects.filter(enrolment=enrolment)
    assert (row.from_status, row.to_status, row.by, row.note) == ("active", "deferred", by, "pause")


def test_a_refused_move_changes_nothing_and_notifies_nobody(django_capture_on_commit_callbacks):
    enrolment = EnrolmentFactory(withdrawn=True)
    seen = []
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValueError, match="cannot go from"):
        workflow.transition(
            enrolment,
            to_status=EnrolmentStatus.ACTIVE,
            transitions=ENROLMENT_TRANSITIONS,
            error=ValueError,
            message="cannot go from %(from)s to %(to)s",
            notify=lambda obj: seen.append(obj),
        )
    assert seen == [] and Enrolment.objects.get(pk=enrolment.pk).status == EnrolmentStatus.WITHDRAWN
    assert not EnrolmentTransition.objects.exists()


def test_notifications_are_dropped_when_the_outer_transaction_rolls_back(django_capture_on_commit_callbacks):
    enrolment = EnrolmentFactory()
    seen = []
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError, match="later failure"),
        transaction.atomic(),
    ):
        workflow.transition(
            enrolment,
            to_status=EnrolmentStatus.DEFERRED,
            transitions=ENROLMENT_TRANSITIONS,
            notify=lambda obj: seen.append(obj),
        )
        raise RuntimeError("later failure")
    assert seen == [] and Enrolment.objects.get(pk=enrolment.pk).status == EnrolmentStatus.ACTIVE

"""Claiming and delivery, in-process (eager). The real-worker versions are in test_reliability.py."""

import datetime
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.utils import timezone

from tasks import services
from tasks.enums import OutboxState
from tasks.jobs import send_reminder, send_reminder_batch
from tasks.locks import single_dispatcher
from tasks.models import Outbox, OutboxEvent
from tasks.services import claim_batch, deliver, dispatch_tick, plan_all, reap_stuck
from tests.tasks.conftest import make_inactive_learners, paris
from tests.tasks.helpers import at

pytestmark = pytest.mark.django_db

NOON = paris(2026, 6, 16, 12, 0)
SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


@pytest.fixture
def due_rows(rules):
    with at(NOON):
        make_inactive_learners(3)
        plan_all()
    return list(Outbox.objects.order_by("pk"))


def test_planning_twice_creates_nothing_new(due_rows):
    with at(NOON):
        assert plan_all()["cohorts.learner_inactive"] == 0
    assert Outbox.objects.count() == 3
    assert len({row.key for row in due_rows}) == 3


def test_dispatch_twice_sends_each_reminder_once(due_rows, django_capture_on_commit_callbacks):
    with at(NOON):
        with django_capture_on_commit_callbacks(execute=True):
            assert dispatch_tick()["queued"] == 3
        with django_capture_on_commit_callbacks(execute=True):
            assert dispatch_tick()["queued"] == 0
    assert len(mail.outbox) == 3
    assert set(Outbox.objects.values_list("state", flat=True)) == {OutboxState.SENT}
    row = Outbox.objects.first()
    assert [(e.from_state, e.to_state) for e in row.events.all()] == [
        (OutboxState.PENDING, OutboxState.SENDING),
        (OutboxState.SENDING, OutboxState.SENT),
    ]


def test_duplicate_or_stale_task_sends_nothing(due_rows, django_capture_on_commit_callbacks):
    with at(NOON):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            claimed = claim_batch()
        assert len(callbacks) == 1  # one task for the whole claim
        pk, token = claimed[0]
        assert deliver(pk, "not-the-token") == "stale"
        assert deliver(pk, token) == "sent"
        assert deliver(pk, token) == "stale"  # the same message delivered twice by the broker
    assert len(mail.outbox) == 1


def test_rolled_back_claim_queues_nothing(due_rows, django_capture_on_commit_callbacks):
    with (
        at(NOON),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError, match="boom"),
        transaction.atomic(),
    ):
        claim_batch()
        raise RuntimeError("boom")
    assert callbacks == []
    assert mail.outbox == []
    assert set(Outbox.objects.values_list("state", flat=True)) == {OutboxState.PENDING}


@pytest.fixture
def eager_without_propagation():
    # Celery applies eager retries without the caller's `throw=False`: switch propagation off for the test.
    from tasks.celery import app

    saved = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = saved


def test_transient_smtp_error_is_retried_then_marked_failed(due_rows, eager_without_propagation):
    with (
        at(NOON),
        mock.patch(SEND, side_effect=smtplib.SMTPServerDisconnected("gone")),
    ):
        with transaction.atomic():
            [(pk, token)] = claim_batch(size=1)
        result = send_reminder.apply(args=(pk, token), throw=False)
    assert result.failed()
    row = Outbox.objects.get(pk=pk)
    assert row.state == OutboxState.FAILED
    assert row.attempts == send_reminder.max_retries + 1
    assert row.last_error == "SMTPServerDisconnected: gone"
    assert row.events.last().note == "Retries exhausted"


def test_transient_error_then_success_is_sent_once(due_rows, eager_without_propagation):
    calls = {"n": 0}
    original = EmailBackend.send_messages

    def flaky(self, messages):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionResetError("reset by peer")
        return original(self, messages)

    with at(NOON), mock.patch(SEND, flaky):
        with transaction.atomic():
            [(pk, token)] = claim_batch(size=1)
        send_reminder.apply(args=(pk, token), throw=False)
    row = Outbox.objects.get(pk=pk)
    assert row.state == OutboxState.SENT
    assert row.attempts == 2
    assert len(mail.outbox) == 1


def test_a_claimed_batch_is_one_task_and_one_mail_connection(due_rows, django_capture_on_commit_callbacks):
    opened = []
    original = EmailBackend.open

    def counting_open(self):
        opened.append(self)
        return original(self)

    with at(NOON), mock.patch.object(EmailBackend, "open", counting_open):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            claimed = claim_batch()
        assert len(callbacks) == 1
        assert len(opened) == 1
        assert len(mail.outbox) == 3
        # The broker delivers the batch's task a second time: every row is stale, nothing is sent again.
        [token] = {token for _pk, token in claimed}
        assert send_reminder_batch.apply(args=([pk for pk, _token in claimed], token)).get() == {"stale": 3}
    assert len(mail.outbox) == 3
    assert set(Outbox.objects.values_list("state", flat=True)) == {OutboxState.SENT}


def test_transient_error_mid_batch_retries_only_the_rows_not_sent(due_rows, eager_without_propagation):
    calls = {"n": 0}
    original = EmailBackend.send_messages

    def flaky_second(self, messages):
        calls["n"] += 1
        if calls["n"] == 2:
            raise smtplib.SMTPServerDisconnected("gone")
        return original(self, messages)

    with at(NOON), mock.patch(SEND, flaky_second):
        with transaction.atomic():
            claimed = claim_batch()
        [token] = {token for _pk, token in claimed}
        result = send_reminder_batch.apply(args=([pk for pk, _token in claimed], token), throw=False)
    # What the retry did: the first row, sent before the error, is stale for it; it sent the other two.
    assert result.get() == {"stale": 1, "sent": 2}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(row.recipient_email for row in due_rows)
    rows = list(Outbox.objects.order_by("pk"))
    assert [row.state for row in rows] == [OutboxState.SENT] * 3
    assert [row.attempts for row in rows] == [1, 2, 1]  # the third was not tried before the error


def test_permanent_smtp_refusal_fails_at_once_with_the_error(due_rows):
    refusal = smtplib.SMTPRecipientsRefused({"x@example.test": (550, b"No such user")})
    with at(NOON), mock.patch(SEND, side_effect=refusal):
        with transaction.atomic():
            [(pk, token)] = claim_batch(size=1)
        assert send_reminder.apply(args=(pk, token), throw=False).get() == "failed"
    row = Outbox.objects.get(pk=pk)
    assert row.state == OutboxState.FAILED
    assert row.attempts == 1
    assert "SMTPRecipientsRefused" in row.last_error


def test_reaper_requeues_rows_stuck_in_sending(due_rows, django_capture_on_commit_callbacks, settings):
    settings.REMINDERS_STUCK_AFTER = 600
    with at(NOON), django_capture_on_commit_callbacks(execute=False):
        claim_batch()  # claimed, and the worker "dies": the tasks never run
    with at(NOON + datetime.timedelta(minutes=5)):
        assert reap_stuck() == 0
    with at(NOON + datetime.timedelta(minutes=11)), django_capture_on_commit_callbacks(execute=True):
        result = dispatch_tick()
    assert result == {"reaped": 3, "queued": 3}
    assert len(mail.outbox) == 3
    assert OutboxEvent.objects.filter(note="Requeued: no answer from the worker").count() == 3


def test_backlog_claimed_at_night_is_postponed_to_the_morning(due_rows, django_capture_on_commit_callbacks):
    evening = paris(2026, 6, 16, 21, 0)
    with at(evening), django_capture_on_commit_callbacks(execute=True):
        dispatch_tick()
    assert mail.outbox == []
    row = Outbox.objects.first()
    assert row.state == OutboxState.PENDING
    assert row.due_at == paris(2026, 6, 17, 8, 30).astimezone(datetime.UTC)
    assert row.attempts == 0
    with at(paris(2026, 6, 17, 8, 30)), django_capture_on_commit_callbacks(execute=True):
        dispatch_tick()
    assert len(mail.outbox) == 3


def test_second_dispatcher_is_kept_out_by_the_database_lock(due_rows, settings, django_capture_on_commit_callbacks):
    settings.REDIS_URL = ""
    with single_dispatcher() as first:
        assert first
        with single_dispatcher() as second:
            assert not second
        with at(NOON):
            assert dispatch_tick() == {"skipped": 1}
    with single_dispatcher() as again:
        assert again
    assert mail.outbox == []


def test_database_lock_expires_when_its_holder_died(db, settings):
    settings.REDIS_URL = ""
    with at(NOON), single_dispatcher(ttl=60) as first:
        assert first
        # the holder never releases (killed): after the lease, another process may take over
        from tasks.models import TickLock

        TickLock.objects.update(holder="dead")
    with at(NOON + datetime.timedelta(seconds=30)), single_dispatcher() as second:
        assert not second
    with at(NOON + datetime.timedelta(seconds=61)), single_dispatcher() as third:
        assert third


@pytest.mark.services
def test_second_dispatcher_is_kept_out_by_the_redis_lock(redis_url, settings):
    settings.REDIS_URL = redis_url
    with single_dispatcher() as first:
        assert first
        with single_dispatcher() as second:
            assert not second
    with single_dispatcher() as again:
        assert again


def test_outbox_key_is_unique_in_the_database(due_rows):
    from django.db import IntegrityError

    row = due_rows[0]
    with pytest.raises(IntegrityError, match=r"(?is)unique.*\bkey\b"), transaction.atomic():
        Outbox.objects.create(
            rule=row.rule, recipient_email="x@example.test", key=row.key, base_key=row.base_key, due_at=timezone.now()
        )


def test_resend_and_cancel_follow_the_transition_table(due_rows, coordinator):
    row = due_rows[0]
    with pytest.raises(services.ReminderError, match="Seule une relance en échec ou annulée peut être"):
        services.outbox_resend(outbox=row, by=coordinator)
    cancelled = services.outbox_cancel(outbox=row, by=coordinator)
    assert cancelled.state == OutboxState.CANCELLED
    with at(paris(2026, 6, 16, 23, 0)):
        again = services.outbox_resend(outbox=cancelled, by=coordinator)
    assert again.state == OutboxState.PENDING
    assert again.due_at == paris(2026, 6, 17, 8, 30).astimezone(datetime.UTC)  # never at night
    assert [(e.by, e.to_state) for e in again.events.order_by("pk")] == [
        (coordinator, OutboxState.CANCELLED),
        (coordinator, OutboxState.PENDING),
    ]


def test_one_beat_ticks_the_dispatcher_every_minute_and_plans_every_ten_minutes():
    from tasks.celery import app, collect_beat_schedule

    schedule = collect_beat_schedule()
    assert schedule["reminders-dispatch"]["task"] == "tasks.dispatch_reminders"
    assert schedule["reminders-dispatch"]["schedule"] == 60.0
    assert schedule["reminders-plan"]["task"] == "tasks.plan_reminders"
    for name in (
        "tasks.dispatch_reminders",
        "tasks.plan_reminders",
        "tasks.send_reminder",
        "tasks.send_messages",
    ):
        assert name in app.tasks

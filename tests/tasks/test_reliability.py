"""Reliability of the reminder engine against a real Redis, real Celery workers and an SMTP server.

Not eager mode: each test starts worker subprocesses (and kills some with SIGKILL), on loopback,
sharing the test database (PostgreSQL, or SQLite in a file via TEST_SQLITE_PATH).
"""

import threading

import pytest
from django.db import connection, transaction

from bench.smtp_sink import SinkBehaviour, SmtpSink
from tasks.enums import OutboxState
from tasks.jobs import send_reminder, send_reminder_batch
from tasks.models import Outbox
from tasks.services import claim_batch, dispatch_tick, plan_all
from tests.tasks.conftest import make_inactive_learners
from tests.tasks.live import wait_until

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _states() -> dict[str, int]:
    counts: dict[str, int] = {}
    for state in Outbox.objects.values_list("state", flat=True):
        counts[state] = counts.get(state, 0) + 1
    return counts


def _all_sent(total: int):
    return lambda: Outbox.objects.filter(state=OutboxState.SENT).count() == total


def test_dispatch_twice_and_two_workers_send_each_reminder_once(live_celery, rules):
    make_inactive_learners(40)
    plan_all()
    assert Outbox.objects.count() == 40
    with SmtpSink(SinkBehaviour(delay_before_data=0.01)) as sink:
        live_celery.start_worker(smtp_port=sink.port, concurrency=2)
        live_celery.start_worker(smtp_port=sink.port, concurrency=2)

        results = []

        def tick():
            try:
                results.append(dispatch_tick())
            finally:
                connection.close()

        threads = [threading.Thread(target=tick) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        results.append(dispatch_tick())  # and once more, after the others
        assert sum(result.get("queued", 0) for result in results) == 40
        # A broker may deliver a message twice: queue a duplicate of every batch's task on purpose,
        # and of the single-row task for each row (the form queued before batches).
        claims: dict[str, list[int]] = {}
        for pk, token in Outbox.objects.values_list("pk", "claim_token"):
            if token:
                claims.setdefault(token.removesuffix(":run"), []).append(pk)
        for token, ids in claims.items():
            send_reminder_batch.delay(ids, token)
            for pk in ids:
                send_reminder.delay(pk, token)

        assert wait_until(_all_sent(40), timeout=40), _states()
        assert wait_until(lambda: sink.count() >= 40, timeout=5)
        wait_until(lambda: False, timeout=1)  # leave time for a duplicate to show up, if there were one
        assert sink.count() == 40
        assert sink.duplicates() == {}
        recipients = sorted(r.recipients[0].strip("<>") for r in sink.messages)
        assert recipients == sorted(Outbox.objects.values_list("recipient_email", flat=True))


def test_worker_killed_mid_batch_every_reminder_sent_once_after_restart(live_celery, rules):
    make_inactive_learners(24)
    plan_all()
    # The sink blocks the 9th message before it is accepted: the worker is killed while it is in flight.
    behaviour = SinkBehaviour(pause_after=8)
    with SmtpSink(behaviour) as sink:
        assert dispatch_tick()["queued"] == 24
        worker = live_celery.start_worker(smtp_port=sink.port, concurrency=1)
        assert behaviour.paused.wait(40), live_celery.log_of(worker)
        live_celery.kill(worker)
        assert sink.count() == 8
        assert Outbox.objects.filter(state=OutboxState.SENDING).count() == 16
        behaviour.pause_after = -1
        behaviour.release.set()

        live_celery.start_worker(smtp_port=sink.port, concurrency=2)

        def tick_until_all_sent():
            dispatch_tick()  # the reaper requeues rows whose worker died
            return _all_sent(24)()

        assert wait_until(tick_until_all_sent, timeout=40, interval=0.25), _states()
        assert sink.count() == 24
        assert sink.duplicates() == {}


def test_rolled_back_transaction_queues_nothing(live_celery, rules):
    make_inactive_learners(5)
    plan_all()
    with pytest.raises(RuntimeError, match="the surrounding work failed"), transaction.atomic():
        assert len(claim_batch()) == 5
        raise RuntimeError("the surrounding work failed")
    assert live_celery.queue_length() == 0
    assert Outbox.objects.filter(state=OutboxState.PENDING).count() == 5
    # The same claim, committed, does reach the broker (so the check above can fail).
    assert len(claim_batch()) == 5
    assert live_celery.queue_length() == 1  # one task carries the whole claimed batch


def test_smtp_failure_is_retried_then_marked_failed_and_shown(live_celery, rules):
    make_inactive_learners(1)
    plan_all()
    with SmtpSink(SinkBehaviour(refuse_connections=-1)) as sink:
        live_celery.start_worker(smtp_port=sink.port, concurrency=1, max_retries=2)
        dispatch_tick()
        assert wait_until(lambda: Outbox.objects.filter(state=OutboxState.FAILED).exists(), timeout=30), _states()
        row = Outbox.objects.get()
        assert row.attempts == 3  # the first try and two retries
        assert "SMTPConnectError" in row.last_error
        assert sink.behaviour.refused == 3
        assert sink.count() == 0


def test_smtp_transient_failure_then_success_sends_once(live_celery, rules):
    make_inactive_learners(1)
    plan_all()
    with SmtpSink(SinkBehaviour(refuse_connections=2)) as sink:
        live_celery.start_worker(smtp_port=sink.port, concurrency=1, max_retries=3)
        dispatch_tick()
        assert wait_until(_all_sent(1), timeout=30), _states()
        row = Outbox.objects.get()
        assert row.attempts == 3
        assert row.last_error == ""
        assert sink.count() == 1
        message = sink.messages[0].message
        assert message.get_content_type() == "multipart/alternative"
        assert message["Subject"] == row.sent_subject

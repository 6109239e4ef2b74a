"""What one send costs in SQL: fixed, whatever the recipient or the rule (see docs/benchmarks.md)."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tasks.enums import OutboxState
from tasks.models import Outbox, OutboxEvent, ReminderOptOut
from tasks.services import claim_batch, deliver, deliver_batch, plan_all
from tests.tasks.conftest import make_inactive_learners, paris
from tests.tasks.helpers import at

pytestmark = pytest.mark.django_db

NOON = paris(2026, 6, 16, 12, 0)


@pytest.fixture
def claimed(rules, django_capture_on_commit_callbacks):
    """Three due 'learner inactive' reminders (optional, at most one a week, relevance check), claimed."""
    with at(NOON):
        make_inactive_learners(3)
        plan_all()
        with django_capture_on_commit_callbacks(execute=False):
            return claim_batch()


def _deliver_counting(pk, token):
    with at(NOON), CaptureQueriesContext(connection) as queries:
        result = deliver(pk, token)
    return result, [query["sql"] for query in queries.captured_queries]


def _batch_statements(claimed):
    [token] = {token for _pk, token in claimed}
    with at(NOON), CaptureQueriesContext(connection) as queries:
        result = deliver_batch([pk for pk, _token in claimed], token)
    # The test's own transaction turns a transaction of deliver's into a savepoint: not counted.
    statements = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    return result, statements


# Per batch: take and read the rows (one UPDATE ... RETURNING), their rules, their recipients, and the
# rule's batched relevance check (last activity: 2). Per message: mark it sent with its history row, one
# statement on PostgreSQL (a CTE), two on SQLite.
PER_MESSAGE = {"postgresql": 1, "sqlite": 2}


def test_a_batch_of_one_costs_a_fixed_small_number_of_statements(claimed):
    result, statements = _batch_statements(claimed[:1])
    assert result == {"stale": 0, "sent": 1}
    assert len(statements) == {"postgresql": 6, "sqlite": 7}[connection.vendor], "\n".join(statements)
    assert len(mail.outbox) == 1


def test_a_batch_of_three_costs_one_or_two_statements_more_per_message(claimed):
    result, statements = _batch_statements(claimed)
    assert result == {"stale": 0, "sent": 3}
    assert len(statements) == {"postgresql": 8, "sqlite": 11}[connection.vendor], "\n".join(statements)
    assert len(statements) == 5 + 3 * PER_MESSAGE[connection.vendor]
    assert len(mail.outbox) == 3
    assert set(Outbox.objects.values_list("state", flat=True)) == {OutboxState.SENT}
    assert OutboxEvent.objects.filter(to_state=OutboxState.SENT).count() == 3


def test_an_unsubscribed_recipient_is_still_caught_at_send_time(claimed):
    pk, token = claimed[0]
    row = Outbox.objects.get(pk=pk)
    ReminderOptOut.objects.create(user_id=row.recipient_id, rule=row.rule)
    assert _deliver_counting(pk, token)[0] == "cancelled"
    assert Outbox.objects.get(pk=pk).state == OutboxState.CANCELLED
    assert mail.outbox == []


def test_the_weekly_limit_read_with_the_row_still_postpones(claimed):
    import datetime

    pk, token = claimed[0]
    row = Outbox.objects.get(pk=pk)
    Outbox.objects.create(
        rule=row.rule,
        recipient_id=row.recipient_id,
        recipient_email=row.recipient_email,
        key="earlier:1",
        base_key="earlier",
        due_at=NOON - datetime.timedelta(days=3),
        state=OutboxState.SENT,
        sent_at=NOON - datetime.timedelta(days=3),
    )
    assert _deliver_counting(pk, token)[0] == "postponed"
    row.refresh_from_db()
    assert row.state == OutboxState.PENDING and row.due_at >= NOON + datetime.timedelta(days=4)
    assert mail.outbox == []

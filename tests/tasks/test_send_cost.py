"""What one send costs in SQL: fixed, whatever the recipient or the rule (see docs/benchmarks.md)."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tasks.enums import OutboxState
from tasks.models import Outbox, ReminderOptOut
from tasks.services import claim_batch, deliver, plan_all
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


def test_one_send_costs_a_fixed_small_number_of_queries(claimed):
    costs = []
    for pk, token in claimed:
        result, queries = _deliver_counting(pk, token)
        assert result == "sent"
        # The test's own transaction turns deliver's outer transaction into a savepoint: not counted.
        statements = [sql for sql in queries if not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
        assert len(queries) - len(statements) == 2, "\n".join(queries)
        costs.append(len(statements))
    assert len(mail.outbox) == 3
    # take the row; read it with the opt-out and the last send; relevance (last activity: 2); mark it
    # sent; its history row.
    assert costs == [6, 6, 6], "\n".join(queries)


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

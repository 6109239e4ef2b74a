"""Small helpers for the reminder engine's tests."""

import time_machine
from django.core import mail
from django.test.utils import CaptureQueriesContext  # noqa: F401 - re-exported for convenience

from tasks.services import dispatch_tick, plan_all


def at(moment):
    """Freeze time at `moment` (an aware datetime)."""
    return time_machine.travel(moment, tick=False)


def plan_and_dispatch(capture, moment) -> list:
    """At `moment`: plan every rule, run one dispatch tick (sends run eagerly on commit); new mails."""
    before = len(mail.outbox)
    with at(moment):
        plan_all()
        with capture(execute=True):
            dispatch_tick()
    return mail.outbox[before:]

"""factory_boy factories, one module per app, re-exported here. One trait per status where there is one."""

from tests.factories.accounts import UserFactory
from tests.factories.cms import HomePageFactory, ProgrammePageFactory
from tests.factories.cohorts import CohortFactory, EnrolmentFactory
from tests.factories.tasks import OutboxFactory, ReminderRuleFactory

__all__ = [
    "CohortFactory",
    "EnrolmentFactory",
    "HomePageFactory",
    "OutboxFactory",
    "ProgrammePageFactory",
    "ReminderRuleFactory",
    "UserFactory",
]

"""factory_boy factories, one module per app, re-exported here. One trait per status where there is one."""

from tests.factories.accounts import UserFactory
from tests.factories.calendar import AttendanceFactory, CohortSessionFactory
from tests.factories.cms import HomePageFactory, ProgrammePageFactory
from tests.factories.cohorts import CohortFactory, EnrolmentFactory

__all__ = [
    "AttendanceFactory",
    "CohortFactory",
    "CohortSessionFactory",
    "EnrolmentFactory",
    "HomePageFactory",
    "ProgrammePageFactory",
    "UserFactory",
]

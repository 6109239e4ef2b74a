"""factory_boy factories, one module per app, re-exported here. One trait per status where there is one."""

from tests.factories.accounts import UserFactory
from tests.factories.cms import HomePageFactory, LessonPageFactory, ModulePageFactory, ProgrammePageFactory
from tests.factories.cohorts import CohortFactory, EnrolmentFactory
from tests.factories.lms import (
    JournalEntryFactory,
    LessonCompletionFactory,
    ModuleReleaseFactory,
    ModuleReleaseOverrideFactory,
)

__all__ = [
    "CohortFactory",
    "EnrolmentFactory",
    "HomePageFactory",
    "JournalEntryFactory",
    "LessonCompletionFactory",
    "LessonPageFactory",
    "ModulePageFactory",
    "ModuleReleaseFactory",
    "ModuleReleaseOverrideFactory",
    "ProgrammePageFactory",
    "UserFactory",
]

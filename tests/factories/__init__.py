"""factory_boy factories, one module per app, re-exported here. One trait per status where there is one.

Each app adds one import block; `__all__` is derived so merges stay simple.
"""

from tests.factories.accounts import UserFactory
from tests.factories.alumni import (
    FollowUpConsentFactory,
    SurveyInvitationFactory,
    SurveyResponseFactory,
)
from tests.factories.calendar import AttendanceFactory, CohortSessionFactory
from tests.factories.cms import HomePageFactory, LessonPageFactory, ModulePageFactory, ProgrammePageFactory
from tests.factories.cohorts import (
    ApplicationDocumentFactory,
    ApplicationFactory,
    CohortFactory,
    DecisionFactory,
    EnrolmentFactory,
    InterviewSlotFactory,
    OfferFactory,
    SelectionRoundFactory,
)
from tests.factories.internships import (
    HostOrganisationFactory,
    HostSiteFactory,
    HostTeamPeerFactory,
    PlacementFactory,
    TutorFactory,
)
from tests.factories.lms import (
    JournalEntryFactory,
    LessonCompletionFactory,
    ModuleReleaseFactory,
    ModuleReleaseOverrideFactory,
)
from tests.factories.tasks import OutboxFactory, ReminderRuleFactory

__all__ = sorted(name for name in dir() if name.endswith("Factory"))

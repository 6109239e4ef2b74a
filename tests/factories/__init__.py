"""factory_boy factories, one module per app, re-exported here. One trait per status where there is one."""

from tests.factories.accounts import UserFactory
from tests.factories.cms import HomePageFactory, ProgrammePageFactory
from tests.factories.cohorts import CohortFactory, EnrolmentFactory

__all__ = ["CohortFactory", "EnrolmentFactory", "HomePageFactory", "ProgrammePageFactory", "UserFactory"]
from tests.factories.internships import (
    HostOrganisationFactory,
    HostSiteFactory,
    HostTeamPeerFactory,
    PlacementFactory,
    TutorFactory,
)

__all__ += ["HostOrganisationFactory", "HostSiteFactory", "HostTeamPeerFactory", "PlacementFactory", "TutorFactory"]

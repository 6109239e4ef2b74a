"""factory_boy factories, one module per app, re-exported here. One trait per status where there is one."""

from tests.factories.accounts import UserFactory
from tests.factories.cms import HomePageFactory, ProgrammePageFactory
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

__all__ = [
    "ApplicationDocumentFactory",
    "ApplicationFactory",
    "CohortFactory",
    "DecisionFactory",
    "EnrolmentFactory",
    "HomePageFactory",
    "InterviewSlotFactory",
    "OfferFactory",
    "ProgrammePageFactory",
    "SelectionRoundFactory",
    "UserFactory",
]

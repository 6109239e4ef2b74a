import datetime

import factory

from lms.models import ModuleRelease, ModuleReleaseOverride
from tests.factories.cms import ModulePageFactory
from tests.factories.cohorts import CohortFactory, EnrolmentFactory


class ModuleReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModuleRelease

    cohort = factory.SubFactory(CohortFactory)
    module = factory.SubFactory(ModulePageFactory)
    opens_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=14))


class ModuleReleaseOverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModuleReleaseOverride

    enrolment = factory.SubFactory(EnrolmentFactory)
    module = factory.SubFactory(ModulePageFactory)
    opens_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=1))
    reason = "Reprise après une pause"

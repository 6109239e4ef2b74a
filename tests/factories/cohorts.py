import datetime

import factory

from cohorts.enums import EnrolmentStatus
from cohorts.models import Cohort, Enrolment
from tests.factories.accounts import UserFactory
from tests.factories.cms import ProgrammePageFactory


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammePageFactory)
    label = factory.Sequence(lambda n: f"{2026 + n}-{2027 + n}")
    starts_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=60))
    ends_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=240))
    capacity = 25

    @factory.post_generation
    def coordinators(self, create, extracted, **kwargs):
        if create and extracted:
            self.coordinators.add(*extracted)

    class Params:
        ended = factory.Trait(
            starts_on=factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=400)),
            ends_on=factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30)),
        )


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    learner = factory.SubFactory(UserFactory)
    status = EnrolmentStatus.ACTIVE

    class Params:
        deferred = factory.Trait(status=EnrolmentStatus.DEFERRED)
        withdrawn = factory.Trait(status=EnrolmentStatus.WITHDRAWN)

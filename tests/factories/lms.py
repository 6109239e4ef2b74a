import datetime

import factory
from django.utils import timezone

from lms.models import JournalEntry, LessonCompletion, ModuleRelease, ModuleReleaseOverride
from tests.factories.accounts import UserFactory
from tests.factories.cms import LessonPageFactory, ModulePageFactory
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


class JournalEntryFactory(factory.django.DjangoModelFactory):
    """A private journal entry; `shared=True` for one shared with the coordinators."""

    class Meta:
        model = JournalEntry

    learner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Entrée {n}")
    body = "Aujourd'hui j'ai repensé à ce silence qui m'avait fait du bien."

    class Params:
        shared = factory.Trait(shared_at=factory.LazyFunction(timezone.now))


class LessonCompletionFactory(factory.django.DjangoModelFactory):
    """A raw completion row (no progress update): use `lms.services.lesson_complete` to exercise the rules."""

    class Meta:
        model = LessonCompletion

    learner = factory.SubFactory(UserFactory)
    lesson = factory.SubFactory(LessonPageFactory)
    module = factory.LazyAttribute(lambda o: o.lesson.get_parent().specific)
    completed_at = factory.LazyFunction(timezone.now)
    how = factory.LazyAttribute(lambda o: o.lesson.completion_rule)

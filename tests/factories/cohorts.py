import datetime

import factory

from cohorts.enums import EnrolmentStatus
from cohorts.models import Cohort, Enrolment
from selection.enums import ApplicationStatus, DecisionOutcome, DocumentStatus, OfferStatus
from selection.models import (
    Application,
    ApplicationDocument,
    Decision,
    InterviewSlot,
    Offer,
    RequiredDocument,
    ScoringCriterion,
    SelectionRound,
)
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


def _now():
    from django.utils import timezone

    return timezone.now()


class SelectionRoundFactory(factory.django.DjangoModelFactory):
    """An open round (opened 10 days ago, closes in 20 days), with one required PDF and two criteria."""

    class Meta:
        model = SelectionRound
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Appel à candidatures {n}")
    opens_at = factory.LazyFunction(lambda: _now() - datetime.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: _now() + datetime.timedelta(days=20))
    interviews_start_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=25))
    interviews_end_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    deliberation_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=32))
    capacity = 3
    offer_response_days = 7

    @factory.post_generation
    def setup(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        RequiredDocument.objects.create(selection_round=self, label="CV", accepted_extensions="pdf,odt,docx")
        ScoringCriterion.objects.create(selection_round=self, label="Motivation", weight=2, max_score=5)
        ScoringCriterion.objects.create(selection_round=self, label="Recul sur le vécu", weight=1, max_score=5)

    class Params:
        closed = factory.Trait(
            opens_at=factory.LazyFunction(lambda: _now() - datetime.timedelta(days=40)),
            closes_at=factory.LazyFunction(lambda: _now() - datetime.timedelta(days=1)),
        )


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A dossier; the status traits only set the field (tests of moves go through the services)."""

    class Meta:
        model = Application

    selection_round = factory.SubFactory(SelectionRoundFactory)
    candidate = factory.SubFactory(UserFactory)
    status = ApplicationStatus.DRAFT
    motivation = "Je souhaite transmettre ce qui m'a aidé."
    lived_experience = "Un parcours de rétablissement (texte synthétique)."
    professional_project = "Travailler en binôme dans une équipe mobile."
    availability = "Tous les jeudis."
    departement = "69"

    class Params:
        submitted = factory.Trait(status=ApplicationStatus.SUBMITTED, submitted_at=factory.LazyFunction(_now))
        incomplete = factory.Trait(status=ApplicationStatus.INCOMPLETE, submitted_at=factory.LazyFunction(_now))
        complete = factory.Trait(status=ApplicationStatus.COMPLETE, submitted_at=factory.LazyFunction(_now))
        under_review = factory.Trait(status=ApplicationStatus.UNDER_REVIEW, submitted_at=factory.LazyFunction(_now))
        interview_invited = factory.Trait(status=ApplicationStatus.INTERVIEW_INVITED)
        interviewed = factory.Trait(status=ApplicationStatus.INTERVIEWED)
        deliberated = factory.Trait(status=ApplicationStatus.DELIBERATED)
        admitted = factory.Trait(status=ApplicationStatus.ADMITTED)
        waitlisted = factory.Trait(status=ApplicationStatus.WAITLISTED)
        refused = factory.Trait(status=ApplicationStatus.REFUSED)
        withdrawn = factory.Trait(status=ApplicationStatus.WITHDRAWN)


PDF_BYTES = b"%PDF-1.4\n% synthetic test document\n"


class ApplicationDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationDocument

    application = factory.SubFactory(ApplicationFactory)
    required_document = factory.LazyAttribute(lambda o: o.application.selection_round.required_documents.first())
    file = factory.django.FileField(filename="cv.pdf", data=PDF_BYTES)
    original_name = "cv.pdf"
    size = len(PDF_BYTES)
    status = DocumentStatus.PENDING

    class Params:
        validated = factory.Trait(status=DocumentStatus.VALIDATED)
        refused = factory.Trait(status=DocumentStatus.REFUSED, comment="Illisible")


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    application = factory.SubFactory(ApplicationFactory, deliberated=True)
    outcome = DecisionOutcome.ADMITTED

    class Params:
        waitlisted = factory.Trait(outcome=DecisionOutcome.WAITLISTED, rank=1)
        refused = factory.Trait(outcome=DecisionOutcome.REFUSED, reason="Projet à mûrir")


class InterviewSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewSlot

    selection_round = factory.SubFactory(SelectionRoundFactory)
    starts_at = factory.LazyFunction(lambda: _now() + datetime.timedelta(days=5))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=45))
    place = "Salle 2, Le Vinatier"


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    application = factory.SubFactory(ApplicationFactory, admitted=True)
    selection_round = factory.LazyAttribute(lambda o: o.application.selection_round)
    deadline = factory.LazyFunction(lambda: _now() + datetime.timedelta(days=7))
    status = OfferStatus.OPEN

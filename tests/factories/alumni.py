import datetime

import factory
from django.utils import timezone

from alumni.models import FollowUpConsent, SurveyInvitation, SurveyResponse
from cohorts.enums import EnrolmentStatus
from final_validation.enums import JuryOutcome
from final_validation.models import FinalDecision
from tests.factories.accounts import UserFactory
from tests.factories.cohorts import EnrolmentFactory


def graduate(*, cohort, awarded_on: datetime.date, learner=None, outcome: str = JuryOutcome.AWARDED):
    """An enrolment whose current jury decision is `outcome` (the award by default), dated `awarded_on`."""
    enrolment = EnrolmentFactory(
        cohort=cohort,
        status=EnrolmentStatus.COMPLETED if outcome == JuryOutcome.AWARDED else EnrolmentStatus.ACTIVE,
        **({"learner": learner} if learner else {}),
    )
    FinalDecision.objects.create(
        enrolment=enrolment,
        outcome=outcome,
        jury_date=awarded_on,
        note="" if outcome == JuryOutcome.AWARDED else "Stage à terminer",
        recorded_by=UserFactory(),
    )
    return enrolment


class FollowUpConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpConsent

    user = factory.SubFactory(UserFactory)
    agreed = True
    agreed_at = factory.LazyFunction(timezone.now)


class SurveyInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyInvitation

    enrolment = factory.SubFactory(EnrolmentFactory)
    wave = 6


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    invitation = factory.SubFactory(SurveyInvitationFactory)
    works_as_peer_supporter = True
    structure_kind = "hospital"
    contract = "cdd"
    pay = "paid"
    weekly_hours = 20

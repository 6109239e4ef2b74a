"""Builders for the figures tests: a past cohort with its selection, graduates and survey answers."""

import datetime

from django.utils import timezone

from selection.enums import ApplicationStatus, OfferStatus
from tests.factories import (
    ApplicationFactory,
    CohortFactory,
    EnrolmentFactory,
    OfferFactory,
    SelectionRoundFactory,
    SurveyInvitationFactory,
    SurveyResponseFactory,
)
from tests.factories.alumni import graduate


def add_cohort(
    programme, *, year: int, applications=8, admitted=6, confirmed=6, graduates=6, answers=(), coordinator=None
):
    """A past cohort: applications (some admitted, some confirmed), enrolments, graduates and survey answers.
    `answers` lists (works, structure kind) of the graduates who answered (one answer each)."""
    cohort = CohortFactory(
        programme=programme,
        label=f"{year}-{year + 1}",
        starts_on=datetime.date(year, 9, 1),
        ends_on=datetime.date(year + 1, 6, 30),
    )
    if coordinator is not None:
        cohort.coordinators.add(coordinator)
    selection_round = SelectionRoundFactory(cohort=cohort)
    for index in range(applications):
        application = ApplicationFactory(
            selection_round=selection_round, status=ApplicationStatus.SUBMITTED, submitted_at=timezone.now()
        )
        if index < admitted:
            OfferFactory(
                application=application,
                status=OfferStatus.CONFIRMED if index < confirmed else OfferStatus.DECLINED,
            )
    enrolments = [graduate(cohort=cohort, awarded_on=datetime.date(year + 1, 6, 20)) for _ in range(graduates)]
    EnrolmentFactory(cohort=cohort)  # still following the training: no diploma
    for enrolment, (works, kind) in zip(enrolments, answers, strict=False):
        invitation = SurveyInvitationFactory(enrolment=enrolment, wave=6)
        if works:
            SurveyResponseFactory(invitation=invitation, works_as_peer_supporter=True, structure_kind=kind)
        else:
            SurveyResponseFactory(
                invitation=invitation, works_as_peer_supporter=False, structure_kind="", contract="", pay=""
            )
    for enrolment in enrolments[len(answers) :]:
        SurveyInvitationFactory(enrolment=enrolment, wave=6)
    return cohort

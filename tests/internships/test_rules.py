"""The three-intern limit holds on every change of a placement's tutor or dates (amendments included)."""

import datetime

import pytest

from internships import services
from internships.enums import PlacementStatus
from internships.errors import InternshipError
from tests.factories import EnrolmentFactory, PlacementFactory

TODAY = datetime.date.today()


@pytest.fixture
def later_placement(make_placement, tutor, cohort):
    """The tutor has three interns now; this fourth placement with them starts once those have ended."""
    for _ in range(3):
        PlacementFactory(
            enrolment=EnrolmentFactory(cohort=cohort),
            tutor=tutor,
            host=tutor.host,
            status=PlacementStatus.IN_PROGRESS,
            starts_on=TODAY - datetime.timedelta(days=20),
            ends_on=TODAY + datetime.timedelta(days=40),
        )
    return make_placement(
        PlacementStatus.AGREEMENT_SIGNED,
        starts_on=TODAY + datetime.timedelta(days=50),
        ends_on=TODAY + datetime.timedelta(days=120),
    )


def test_amendment_moving_only_the_dates_onto_a_full_tutor_is_refused(later_placement, coordinator):
    with pytest.raises(InternshipError, match="3 stagiaires"):
        services.amendment_request(
            placement=later_placement, by=coordinator, reason="Début avancé", new_starts_on=TODAY
        )
    later_placement.refresh_from_db()
    assert later_placement.starts_on == TODAY + datetime.timedelta(days=50)


def test_amendment_applied_after_the_tutor_filled_up_is_refused_under_the_lock(
    make_placement, tutor, cohort, learner, tutor_user, coordinator
):
    placement = make_placement(
        PlacementStatus.AGREEMENT_SIGNED,
        starts_on=TODAY + datetime.timedelta(days=50),
        ends_on=TODAY + datetime.timedelta(days=120),
    )
    amendment = services.amendment_request(
        placement=placement, by=coordinator, reason="Début avancé", new_starts_on=TODAY
    )
    # Meanwhile, three other interns start with the same tutor over these dates.
    for _ in range(3):
        PlacementFactory(enrolment=EnrolmentFactory(cohort=cohort), tutor=tutor, host=tutor.host, status="in_progress")
    services.amendment_sign(amendment=amendment, by=learner)
    services.amendment_sign(amendment=amendment, by=tutor_user)
    with pytest.raises(InternshipError, match="3 stagiaires"):
        services.amendment_sign(amendment=amendment, by=coordinator)
    placement.refresh_from_db()
    assert placement.starts_on == TODAY + datetime.timedelta(days=50)
    assert tutor.placements.filter(status__in=["in_progress", "agreement_signed"]).count() == 4


def test_amendment_within_the_limit_applies(later_placement, coordinator, learner, tutor_user):
    new_start = TODAY + datetime.timedelta(days=45)
    amendment = services.amendment_request(
        placement=later_placement, by=coordinator, reason="Début avancé", new_starts_on=new_start
    )
    for person in (learner, tutor_user, coordinator):
        services.amendment_sign(amendment=amendment, by=person)
    later_placement.refresh_from_db()
    assert later_placement.starts_on == new_start

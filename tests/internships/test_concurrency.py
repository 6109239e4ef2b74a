"""The three-intern limit holds when approvals arrive at the same moment (row lock on the tutor)."""

import threading

import pytest
from django.db import close_old_connections

from internships import services
from internships.enums import PlacementStatus
from internships.errors import InternshipError
from internships.models import Placement
from tests.factories import EnrolmentFactory, PlacementFactory, TutorFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_concurrent_tutor_approvals_never_exceed_three_interns(postgres_required, cohort):
    tutor = TutorFactory()
    PlacementFactory(
        enrolment=EnrolmentFactory(cohort=cohort), tutor=tutor, host=tutor.host, status=PlacementStatus.IN_PROGRESS
    )
    waiting = [
        PlacementFactory(
            enrolment=EnrolmentFactory(cohort=cohort),
            tutor=tutor,
            host=tutor.host,
            status=PlacementStatus.APPROVED_BY_COORDINATOR,
        )
        for _ in range(5)
    ]
    barrier = threading.Barrier(len(waiting))
    outcomes: list[str] = []
    lock = threading.Lock()

    def approve(placement_pk: int) -> None:
        try:
            barrier.wait(timeout=10)
            placement = Placement.objects.get(pk=placement_pk)
            services.placement_approve_by_tutor(placement=placement, by_tutor=tutor)
            result = "approved"
        except InternshipError as exc:
            result = f"refused: {exc}"
        finally:
            close_old_connections()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=approve, args=(p.pk,)) for p in waiting]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(outcomes) == 5
    assert outcomes.count("approved") == 2
    assert all("3" in o for o in outcomes if o.startswith("refused"))
    occupying = Placement.objects.filter(
        tutor=tutor, status__in=[PlacementStatus.IN_PROGRESS, PlacementStatus.APPROVED_BY_TUTOR]
    )
    assert occupying.count() == 3

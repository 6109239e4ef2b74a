"""Open offers + confirmed places never exceed the round's capacity, even when requests arrive together."""

import threading

import pytest
from django.db import connection

from selection import services
from selection.enums import PLACE_HOLDING_OFFER_STATUSES, OfferStatus
from selection.models import Offer
from tests.factories import ApplicationFactory, DecisionFactory, OfferFactory, SelectionRoundFactory

pytestmark = [pytest.mark.services]


@pytest.fixture(autouse=True)
def _postgres_only(postgres_required, transactional_db):
    """Skip before touching the database on SQLite."""


def run_together(functions) -> list:
    """Start every function at the same moment, each in its own thread (own database connection)."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def worker(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as exc:  # noqa: BLE001 - the test inspects what each request got
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_concurrent_offers_never_exceed_capacity(postgres_required):
    selection_round = SelectionRoundFactory(capacity=3)
    applications = ApplicationFactory.create_batch(10, selection_round=selection_round, admitted=True)
    results = run_together([lambda a=a: services.offer_create(application=a, by=None) for a in applications])
    created = [r for r in results if isinstance(r, Offer)]
    refused = [r for r in results if isinstance(r, services.CapacityReached)]
    assert len(created) == 3 and len(refused) == 7, results
    assert Offer.objects.filter(selection_round=selection_round, status__in=PLACE_HOLDING_OFFER_STATUSES).count() == 3


def test_concurrent_declines_promote_each_waitlisted_once(postgres_required):
    selection_round = SelectionRoundFactory(capacity=2)
    offers = [OfferFactory(application__selection_round=selection_round) for _ in range(2)]
    for rank in range(1, 5):
        DecisionFactory(
            application__selection_round=selection_round, application__status="waitlisted", waitlisted=True, rank=rank
        )
    results = run_together(
        [lambda o=o: services.offer_decline(offer=o, by=o.application.candidate, reason="non") for o in offers]
    )
    assert all(isinstance(r, Offer) for r in results), results
    live = Offer.objects.filter(selection_round=selection_round, status__in=PLACE_HOLDING_OFFER_STATUSES)
    assert live.count() == 2
    assert sorted(live.values_list("application__decision__rank", flat=True)) == [1, 2]
    assert Offer.objects.filter(selection_round=selection_round, status=OfferStatus.DECLINED).count() == 2

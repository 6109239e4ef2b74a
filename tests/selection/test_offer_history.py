"""Every move of an offer is written in its own history (who, when, from, to, why), shown to coordinators."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from selection import services
from selection.enums import OfferStatus
from selection.models import Offer, OfferTransition
from tests.factories import ApplicationFactory, DecisionFactory, OfferFactory

pytestmark = pytest.mark.django_db


def history(offer):
    return list(
        OfferTransition.objects.filter(offer=offer)
        .order_by("id")
        .values_list("by_id", "from_status", "to_status", "note")
    )


def _waitlisted(selection_round, rank):
    application = ApplicationFactory(selection_round=selection_round, waitlisted=True)
    DecisionFactory(application=application, waitlisted=True, rank=rank)
    return application


def test_created_then_confirmed(selection_round, coordinator):
    application = ApplicationFactory(selection_round=selection_round, admitted=True)
    offer = services.offer_create(application=application, by=coordinator)
    services.offer_confirm(offer=offer, by=application.candidate)
    assert history(offer) == [
        (coordinator.pk, "", OfferStatus.OPEN, ""),
        (application.candidate_id, OfferStatus.OPEN, OfferStatus.CONFIRMED, ""),
    ]


def test_declined_with_reason_and_the_next_offer_is_recorded(selection_round):
    selection_round.capacity = 1
    selection_round.save()
    offer = OfferFactory(application__selection_round=selection_round)
    candidate = offer.application.candidate
    nxt = _waitlisted(selection_round, 1)
    services.offer_decline(offer=offer, by=candidate, reason="Autre formation")
    assert history(offer) == [(candidate.pk, OfferStatus.OPEN, OfferStatus.DECLINED, "Autre formation")]
    new_offer = Offer.objects.get(application=nxt)
    # The promotion is the platform's, not the decliner's: no author, and said to be automatic.
    [(by, from_status, to_status, note)] = history(new_offer)
    assert (by, from_status, to_status) == (None, "", OfferStatus.OPEN)
    assert "automatique" in note


def test_expired_by_the_clock_has_no_author(selection_round):
    offer = OfferFactory(application__selection_round=selection_round)
    with time_machine.travel(offer.deadline + datetime.timedelta(minutes=1)):
        services.offer_expire(offer=offer)
        assert not services.offer_expire(offer=offer)  # running twice writes nothing more
    [(by, from_status, to_status, note)] = history(offer)
    assert (by, from_status, to_status) == (None, OfferStatus.OPEN, OfferStatus.EXPIRED) and note


def test_withdrawn_by_a_coordinator(selection_round, coordinator):
    offer = OfferFactory(application__selection_round=selection_round)
    services.application_withdraw(application=offer.application, by=coordinator, reason="Demande par téléphone")
    assert history(offer) == [(coordinator.pk, OfferStatus.OPEN, OfferStatus.WITHDRAWN, "Demande par téléphone")]


def test_a_refused_move_writes_no_history(selection_round):
    offer = OfferFactory(application__selection_round=selection_round, status=OfferStatus.DECLINED)
    with pytest.raises(services.SelectionError, match=r"Cette proposition est déjà « Déclinée »\."):
        services._offer_transition(offer=offer, to_status=OfferStatus.CONFIRMED, by=None)
    assert history(offer) == []


def test_anonymisation_clears_the_offer_history(selection_round, coordinator):
    offer = OfferFactory(application__selection_round=selection_round)
    candidate = offer.application.candidate
    services.offer_decline(offer=offer, by=candidate, reason="Raisons personnelles")
    application = offer.application
    application.refresh_from_db()
    application.status = "withdrawn"
    application.save()
    services.application_anonymise(application=application)
    assert history(offer) == [(None, OfferStatus.OPEN, OfferStatus.DECLINED, "")]


def test_history_shown_on_the_coordinators_dossier_page(client, selection_round, coordinator):
    application = ApplicationFactory(selection_round=selection_round, admitted=True)
    offer = services.offer_create(application=application, by=coordinator)
    services.offer_decline(offer=offer, by=application.candidate, reason="RAISON-VISIBLE")
    client.force_login(coordinator)
    page = client.get(
        reverse("selection:manage_application", args=[selection_round.pk, application.pk])
    ).content.decode()
    assert "Propositions de place" in page and "RAISON-VISIBLE" in page
    assert coordinator.full_name in page and application.candidate.full_name in page


def test_dossier_page_with_offer_histories_constant_queries(
    client, selection_round, coordinator, django_assert_num_queries
):
    from tests.utils import assert_constant_queries

    application = ApplicationFactory(selection_round=selection_round, admitted=True)
    client.force_login(coordinator)

    def make(n):
        for _ in range(n):
            offer = services.offer_create(application=application, by=coordinator)
            services._offer_transition(offer=offer, to_status=OfferStatus.WITHDRAWN, by=coordinator, note="Test")

    def fetch():
        url = reverse("selection:manage_application", args=[selection_round.pk, application.pk])
        assert client.get(url).status_code == 200

    assert_constant_queries(make, fetch, few=1, many=5, queries=18)
    with django_assert_num_queries(18):
        fetch()

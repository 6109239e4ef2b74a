"""The selection's permission layer and business rules, each flaw reproduced then refused."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from selection import services
from selection.enums import ApplicationStatus, OfferStatus
from selection.models import Offer, SelectionRound
from selection.services import CapacityReached, SelectionError
from tests.factories import (
    ApplicationDocumentFactory,
    ApplicationFactory,
    DecisionFactory,
    OfferFactory,
    UserFactory,
)
from tests.factories.cohorts import PDF_BYTES


def url(name, *args):
    return reverse(f"selection:{name}", args=args)


@pytest.fixture
def assigned(selection_round, coordinator, juror):
    application = ApplicationFactory(selection_round=selection_round, complete=True, lived_experience="SECRET-RECIT")
    document = ApplicationDocumentFactory(application=application, validated=True)
    services.jury_assign(application=application, reviewer=juror, by=coordinator)
    return application, document


# --- The jury is read at the moment of the question -------------------------------------------------------


def test_juror_removed_from_the_jury_no_longer_reads_dossier_pdf_or_files(client, assigned, juror):
    application, document = assigned
    client.force_login(juror)
    assert "SECRET-RECIT" in client.get(url("jury_review", application.pk)).content.decode()
    assert client.get(url("jury_dossier_pdf", application.pk)).status_code == 200
    assert client.get(url("document_file", document.pk)).status_code == 200

    application.selection_round.jury_members.remove(juror)

    assert client.get(url("jury_review", application.pk)).status_code == 404
    assert client.get(url("jury_dossier_pdf", application.pk)).status_code == 404
    assert client.get(url("document_file", document.pk)).status_code == 404
    assert not juror.has_perm("selection.read_dossier", application)
    with pytest.raises(SelectionError, match="ne vous est pas attribué"):
        services.review_save(application=application, reviewer=juror, scores={})


def test_president_replaced_loses_ranking_and_publication(selection_round, president):
    assert president.has_perm("selection.view_ranking", selection_round)
    selection_round.jury_president = UserFactory()
    selection_round.save()
    assert not president.has_perm("selection.view_ranking", selection_round)
    with pytest.raises(SelectionError, match="président"):
        services.decisions_publish(selection_round=selection_round, by=president)


def test_coordinator_removed_from_the_cohort_loses_the_round_at_once(client, assigned, coordinator):
    application, document = assigned
    client.force_login(coordinator)
    manage = url("manage_application", application.selection_round_id, application.pk)
    assert client.get(manage).status_code == 200
    application.selection_round.cohort.coordinators.remove(coordinator)
    assert client.get(manage).status_code == 404
    assert client.get(url("document_file", document.pk)).status_code == 404
    assert client.get(url("manage_dossier_pdf", application.selection_round_id, application.pk)).status_code == 404


def test_blind_first_reading_keeps_the_files_closed_to_the_juror_until_their_review(
    client, assigned, juror, coordinator
):
    application, document = assigned
    selection_round = application.selection_round
    selection_round.anonymous_first_reading = True
    selection_round.save()
    client.force_login(juror)
    assert client.get(url("jury_review", application.pk)).status_code == 200
    assert client.get(url("document_file", document.pk)).status_code == 404

    criteria = {f"criterion_{c.pk}": "4" for c in selection_round.criteria.all()}
    client.post(url("jury_review", application.pk), {**criteria, "comment": "Bien", "submit": "1"})
    response = client.get(url("document_file", document.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    client.force_login(coordinator)
    assert client.get(url("document_file", document.pk)).status_code == 200


# --- Capacity --------------------------------------------------------------------------------------------


@pytest.fixture
def fifty_open_offers(selection_round, coordinator):
    selection_round.capacity = 50
    selection_round.save()
    applications = ApplicationFactory.create_batch(50, selection_round=selection_round, admitted=True)
    for application in applications:
        services.offer_create(application=application, by=coordinator)
    selection_round.refresh_from_db()
    return selection_round


def test_capacity_cannot_go_below_the_places_held_through_the_service(fifty_open_offers, coordinator):
    selection_round = fifty_open_offers
    assert selection_round.places_held == 50
    selection_round.capacity = 10
    with translation.override("fr"), pytest.raises(SelectionError, match="50 places sont déjà proposées"):
        services.round_save(selection_round=selection_round, by=coordinator)
    selection_round.refresh_from_db()
    assert selection_round.capacity == 50


def test_database_refuses_capacity_below_the_places_held(fifty_open_offers):
    with pytest.raises(IntegrityError, match="round_capacity_covers_places_held"), transaction.atomic():
        SelectionRound.objects.filter(pk=fifty_open_offers.pk).update(capacity=10)


def test_capacity_page_tells_how_many_places_are_held(client, fifty_open_offers, coordinator):
    client.force_login(coordinator)
    page = client.get(url("round_settings", fifty_open_offers.pk))
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(kind="round", capacity="10", president_email="", jury_emails="")
    for key in ("opens_at", "closes_at"):
        data[key] = form[key].value().strftime("%Y-%m-%dT%H:%M")
    response = client.post(url("round_settings", fifty_open_offers.pk), data)
    assert response.status_code == 200
    assert "50 places sont déjà proposées ou acceptées" in response.content.decode()
    fifty_open_offers.refresh_from_db()
    assert fifty_open_offers.capacity == 50


def test_places_held_follow_every_offer_move(selection_round, coordinator):
    application = ApplicationFactory(selection_round=selection_round, admitted=True)
    offer = services.offer_create(application=application, by=coordinator)
    selection_round.refresh_from_db()
    assert selection_round.places_held == 1
    services.offer_decline(offer=offer, by=application.candidate, reason="Déménagement")
    selection_round.refresh_from_db()
    assert selection_round.places_held == 0


def test_confirmation_never_exceeds_the_capacity(selection_round):
    """Offers made before the capacity was lowered (or by any other door) cannot all be confirmed."""
    selection_round.capacity = 2
    selection_round.save()
    for _ in range(2):
        confirmed = ApplicationFactory(selection_round=selection_round, status=ApplicationStatus.ENROLLED)
        OfferFactory(application=confirmed, status=OfferStatus.CONFIRMED)
    late = OfferFactory(application=ApplicationFactory(selection_round=selection_round, admitted=True))
    with translation.override("fr"), pytest.raises(CapacityReached, match="2 places"):
        services.offer_confirm(offer=late, by=late.application.candidate)
    late.refresh_from_db()
    assert late.status == OfferStatus.OPEN
    assert Offer.objects.filter(selection_round=selection_round, status=OfferStatus.CONFIRMED).count() == 2


# --- The waiting list ------------------------------------------------------------------------------------


def test_promotion_from_the_waiting_list_is_recorded_as_automatic(selection_round, coordinator):
    selection_round.capacity = 1
    selection_round.save()
    admitted = ApplicationFactory(selection_round=selection_round, admitted=True)
    offer = services.offer_create(application=admitted, by=coordinator)
    waiting = DecisionFactory(
        application=ApplicationFactory(selection_round=selection_round, waitlisted=True), waitlisted=True
    ).application
    with translation.override("fr"):
        services.offer_decline(offer=offer, by=admitted.candidate, reason="Autre formation")
    waiting.refresh_from_db()
    assert waiting.status == ApplicationStatus.ADMITTED
    promotion = waiting.transitions.get(to_status=ApplicationStatus.ADMITTED)
    assert promotion.by is None
    assert "automatique" in promotion.note
    new_offer = waiting.offers.get()
    assert new_offer.transitions.get().by is None
    declined = admitted.transitions.get(to_status=ApplicationStatus.DECLINED)
    assert declined.by == admitted.candidate

"""The coordinator's side of decisions: ranks that cannot clash, warnings before publishing, letters as one PDF."""

import datetime
import io
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from selection import selectors, services
from selection.enums import DecisionOutcome
from selection.services import SelectionError
from tests.factories import ApplicationFactory, DecisionFactory, InterviewSlotFactory, OfferFactory
from tests.utils import body, prepared_file

pytestmark = pytest.mark.django_db


def test_a_waiting_list_rank_already_given_is_refused(selection_round, president):
    first = ApplicationFactory(selection_round=selection_round, interviewed=True, candidate__last_name="Durand")
    second = ApplicationFactory(selection_round=selection_round, interviewed=True)
    services.decision_record(application=first, by=president, outcome=DecisionOutcome.WAITLISTED, rank=1)
    with pytest.raises(SelectionError, match=r"Le rang 1 de la liste d'attente est déjà attribué à .*Durand"):
        services.decision_record(application=second, by=president, outcome=DecisionOutcome.WAITLISTED, rank=1)
    # Recording the same decision again for the same person is not a clash.
    services.decision_record(application=first, by=president, outcome=DecisionOutcome.WAITLISTED, rank=1)
    assert (
        services.decision_record(application=second, by=president, outcome=DecisionOutcome.WAITLISTED, rank=2).rank == 2
    )


def test_more_admissions_than_free_places_are_announced_before_publishing(client, selection_round, president):
    selection_round.capacity = 1
    selection_round.save(update_fields=["capacity"])
    DecisionFactory(application__selection_round=selection_round)
    assert selectors.publication_warnings(selection_round=selection_round) == []
    DecisionFactory(application__selection_round=selection_round)
    client.force_login(president)
    page = unescape(client.get(reverse("selection:ranking", args=[selection_round.pk])).content.decode())
    assert "Personnes admises : 2 ; places libres : 1. La publication sera refusée" in page


def test_every_published_letter_of_the_round_downloads_as_one_pdf(client, selection_round, president, coordinator):
    DecisionFactory(application__selection_round=selection_round)
    DecisionFactory(application__selection_round=selection_round, refused=True)
    DecisionFactory(application__selection_round=selection_round, waitlisted=True)
    url = reverse("selection:letters_bundle", args=[selection_round.pk])
    client.force_login(coordinator)
    before = client.get(url, follow=True)
    assert "Aucune décision n'est encore publiée" in unescape(before.content.decode())
    services.decisions_publish(selection_round=selection_round, by=president)
    ranking = client.get(reverse("selection:ranking", args=[selection_round.pk])).content.decode()
    assert url in ranking and "3 lettres sont publiées." in ranking
    response = prepared_file(client, url)  # built in the background, downloaded when ready
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="lettres-de-decision-{selection_round.pk}.pdf"'
    reader = PdfReader(io.BytesIO(body(response)))
    assert len(reader.pages) == 3
    assert [page.extract_text().count("Décision du jury de sélection") for page in reader.pages] == [1, 1, 1]


def test_the_letters_are_only_for_the_round_coordinators_and_president(client, selection_round, juror):
    client.force_login(juror)
    assert client.get(reverse("selection:letters_bundle", args=[selection_round.pk])).status_code == 404


def test_the_dashboard_counts_agree_with_their_number(client, selection_round, coordinator):
    OfferFactory(application__selection_round=selection_round, status="confirmed")
    client.force_login(coordinator)
    page = client.get(reverse("selection:manage_dashboard", args=[selection_round.pk])).content.decode()
    assert "(1 confirmée)" in " ".join(page.split())
    assert 'class="card is-zero"><p class="num">0</p>' in page


def test_the_slots_page_speaks_french_with_one_date_style(client, selection_round, coordinator):
    ApplicationFactory.create_batch(2, selection_round=selection_round, interview_invited=True)
    InterviewSlotFactory(selection_round=selection_round, starts_at=timezone.now() + datetime.timedelta(days=3))
    client.force_login(coordinator)
    page = " ".join(client.get(reverse("selection:manage_slots", args=[selection_round.pk])).content.decode().split())
    assert "2 personnes invitées à un entretien." in page
    assert "invited to an interview" not in page
    assert not re.search(r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b", page)
    assert not re.search(r"\b(lun|mar|mer|jeu|ven|sam|dim) \d{1,2} ", page)

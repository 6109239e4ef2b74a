"""The date a dossier will be anonymised is shown on it, to the candidate and to the coordinator."""

import pytest
from django.urls import reverse
from django.utils import timezone

from selection.enums import ApplicationStatus as S
from selection.models import months_after
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_closed_dossier_shows_its_anonymisation_date_and_an_open_one_the_rule(client, selection_round, coordinator):
    selection_round.anonymise_after_months = 12
    selection_round.save()
    declined = ApplicationFactory(selection_round=selection_round, status=S.DECLINED)
    date = timezone.localtime(months_after(declined.status_changed_at, 12))
    expected = f"Ce dossier sera anonymisé le {date.day} "
    client.force_login(declined.candidate)
    assert expected in client.get(reverse("selection:dossier", args=[declined.pk])).content.decode()
    client.force_login(coordinator)
    page = client.get(reverse("selection:manage_application", args=[selection_round.pk, declined.pk]))
    assert expected in page.content.decode()
    open_one = ApplicationFactory(selection_round=selection_round, under_review=True)
    client.force_login(open_one.candidate)
    page = client.get(reverse("selection:dossier", args=[open_one.pk])).content.decode()
    assert "Si ce dossier se clôt sans place, il sera anonymisé 12 mois plus tard." in page
    enrolled = ApplicationFactory(selection_round=selection_round, status=S.ENROLLED)
    client.force_login(enrolled.candidate)
    assert "anonymisé" not in client.get(reverse("selection:dossier", args=[enrolled.pk])).content.decode()

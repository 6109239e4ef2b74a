"""The date a dossier will be anonymised is shown on it, to the candidate and to the coordinator."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from selection.enums import ApplicationStatus as S
from selection.models import months_after, programme_retention_months
from tests.factories import ApplicationFactory, CohortFactory

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


def test_a_new_call_starts_from_the_period_its_programme_chose_last_time(selection_round):
    selection_round.anonymise_after_months = 18
    selection_round.save()
    next_cohort = CohortFactory(programme=selection_round.cohort.programme)
    assert programme_retention_months(cohort=next_cohort) == 18
    # Another programme keeps the platform's default.
    other = CohortFactory()
    assert programme_retention_months(cohort=other) == settings.SELECTION_ANONYMISE_AFTER_MONTHS != 18

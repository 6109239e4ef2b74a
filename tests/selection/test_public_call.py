"""The programme page shows the open call for applications (point 2 of the selection issue)."""

import pytest
from django.urls import reverse

from tests.factories import CohortFactory, SelectionRoundFactory

pytestmark = pytest.mark.django_db


def test_programme_page_shows_the_open_round_with_an_apply_link(client, programme):
    round_ = SelectionRoundFactory(cohort=CohortFactory(programme=programme, label="2027-2028"))
    html = client.get(programme.url).content.decode()
    assert "Les candidatures sont ouvertes" in html
    assert reverse("selection:round", args=[round_.pk]) in html
    assert "2027-2028" in html


def test_programme_page_has_no_call_when_the_round_is_closed(client, programme):
    round_ = SelectionRoundFactory(cohort=CohortFactory(programme=programme), closed=True)
    html = client.get(programme.url).content.decode()
    assert reverse("selection:round", args=[round_.pk]) not in html


def test_open_call_of_another_programme_is_not_shown(client, programme):
    from tests.factories import ProgrammePageFactory

    other = ProgrammePageFactory()
    round_ = SelectionRoundFactory(cohort=CohortFactory(programme=other))
    assert reverse("selection:round", args=[round_.pk]) not in client.get(programme.url).content.decode()

"""The learner sees where the attestation de suivi will appear, and what remains before it does."""

from html import unescape

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_dashboard_says_how_many_lessons_remain_before_the_attestation(client, course, learner):
    client.force_login(learner)
    page = unescape(client.get(reverse("my_space:learning")).content.decode())
    assert "Votre attestation de suivi" in page
    assert "dès que toutes les leçons seront terminées : il reste 4 leçons." in page

"""A person switches nudges off (and on again) from their own settings, not only from a link in an e-mail."""

import re
from html import unescape

import pytest
from django.urls import reverse

from tasks.models import ReminderOptOut, ReminderRule
from tasks.services import rules_sync

pytestmark = pytest.mark.django_db


def test_a_learner_switches_a_nudge_off_and_on_again_from_their_settings(client, learner):
    rules_sync()
    optional = list(ReminderRule.objects.filter(optional=True, enabled=True).order_by("pk"))
    assert len(optional) >= 2
    client.force_login(learner)
    page = unescape(client.get(reverse("tasks:preferences")).content.decode())
    assert "Mes rappels par e-mail" in page and "Les rappels que je reçois" in page
    assert reverse("tasks:preferences") in page  # the footer link, on every page
    kept = [rule.pk for rule in optional[1:]]
    response = client.post(reverse("tasks:preferences"), {"keep": kept}, follow=True)
    assert "Vos choix sont enregistrés." in unescape(response.content.decode())
    assert list(ReminderOptOut.objects.filter(user=learner).values_list("rule_id", flat=True)) == [optional[0].pk]
    client.post(reverse("tasks:preferences"), {"keep": [rule.pk for rule in optional]})
    assert not ReminderOptOut.objects.filter(user=learner).exists()


def test_the_settings_need_an_account(client):
    response = client.get(reverse("tasks:preferences"))
    assert response.status_code == 302 and "connexion" in response.url


def test_the_admin_list_of_rules_says_yes_or_no_in_words(client, admin_user):
    rules_sync()
    client.force_login(admin_user)
    page = client.get("/admin/relances/regles/").content.decode()
    assert re.search(r">\s*Oui\s*</td>", page) and re.search(r">\s*Non\s*</td>", page)
    assert 'title="True"' not in page and 'title="False"' not in page

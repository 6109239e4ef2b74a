"""The learning records' permissions: a shared journal entry, its author, the coordinators of the cohort."""

import pytest
from django.urls import reverse

from tests.factories import CohortFactory, JournalEntryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_shared_entry_is_read_by_the_cohorts_coordinators_until_unshared_or_removed(learner, coordinator, cohort):
    entry = JournalEntryFactory(learner=learner, shared=True)
    other = UserFactory()
    CohortFactory(coordinators=[other])
    assert learner.has_perm("lms.read_journal_entry", entry)
    assert coordinator.has_perm("lms.read_journal_entry", entry)
    assert not other.has_perm("lms.read_journal_entry", entry)
    assert not coordinator.has_perm("lms.edit_journal_entry", entry)
    entry.shared_at = None
    assert not coordinator.has_perm("lms.read_journal_entry", entry)
    entry.shared_at = entry.created_at
    cohort.coordinators.remove(coordinator)
    assert not coordinator.has_perm("lms.read_journal_entry", entry)


def test_api_entry_is_refused_to_anyone_but_its_author(client, learner, coordinator):
    entry = JournalEntryFactory(learner=learner, shared=True, body="RÉCIT-PRIVÉ")
    url = reverse("lms_api:journal_entry", args=[entry.pk])
    client.force_login(coordinator)
    assert client.get(url).status_code == 404
    assert client.patch(url, {"body": "changé"}, content_type="application/json").status_code == 404
    client.force_login(learner)
    response = client.get(url)
    assert response.status_code == 200 and response.json()["body"] == "RÉCIT-PRIVÉ"


def test_api_object_permission_asks_the_rule(rf, learner, coordinator):
    from lms.api import JournalDetailView, ObjectRulePermission

    entry = JournalEntryFactory(learner=learner, shared=True)
    request = rf.get("/")
    view = JournalDetailView()
    request.user = coordinator
    assert ObjectRulePermission().has_object_permission(request, view, entry) is False
    request.user = learner
    assert ObjectRulePermission().has_object_permission(request, view, entry) is True

"""The coordinator's view in the Wagtail admin ("Relances"): rules and outbox, permissions, actions."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from tasks.enums import OutboxState
from tasks.models import ReminderRule
from tests.factories import CohortFactory, OutboxFactory, UserFactory
from tests.utils import assert_constant_queries

pytestmark = pytest.mark.django_db

INDEX = "reminder_outbox:index"


def _row(rule, cohort, n, state=OutboxState.SENT, **fields):
    return OutboxFactory(
        rule=rule,
        recipient_email=f"learner{n}-{cohort.pk}@example.test",
        cohort=cohort,
        state=state,
        sent_at=timezone.now() if state == OutboxState.SENT else None,
        **fields,
    )


@pytest.fixture
def other_cohort_coordinator(db):
    person = UserFactory(staff=True, email="autre-coord@example.test")
    person.groups.add(Group.objects.get(name="Coordinators"))
    CohortFactory(coordinators=[person])
    return person


def test_coordinator_sees_only_the_rows_of_their_cohorts(client, coordinator, cohort, other_cohort_coordinator, rules):
    rule = rules["cohorts.learner_inactive"]
    mine = _row(rule, cohort, 1, state=OutboxState.FAILED, last_error="SMTPRecipientsRefused: 550 no such user")
    other_cohort = other_cohort_coordinator.coordinated_cohorts.get()
    theirs = _row(rule, other_cohort, 2)
    client.force_login(coordinator)
    response = client.get(reverse(INDEX))
    assert response.status_code == 200
    content = response.content.decode()
    assert mine.recipient_email in content
    assert "550 no such user" in content  # what failed is shown
    assert theirs.recipient_email not in content


def test_outbox_filters_by_state_and_cohort(client, coordinator, cohort, rules):
    rule = rules["cohorts.learner_inactive"]
    failed = _row(rule, cohort, 1, state=OutboxState.FAILED)
    sent = _row(rule, cohort, 2)
    client.force_login(coordinator)
    content = client.get(reverse(INDEX), {"state": "failed", "cohort": cohort.pk}).content.decode()
    assert failed.recipient_email in content
    assert sent.recipient_email not in content


def test_outbox_listing_query_count_is_constant(client, coordinator, cohort, rules):
    rule = rules["cohorts.learner_inactive"]
    client.force_login(coordinator)
    created = {"n": 0}

    def make_rows(count):
        for _ in range(count):
            created["n"] += 1
            _row(rule, CohortFactory(coordinators=[coordinator]) if created["n"] % 3 == 0 else cohort, created["n"])

    def fetch():
        response = client.get(reverse(INDEX))
        assert response.status_code == 200

    assert_constant_queries(make_rows, fetch, few=1, many=15, queries=16)


def test_superuser_sees_every_row(client, cohort, rules):
    _row(rules["cohorts.learner_inactive"], cohort, 1)
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert "learner1-" in client.get(reverse(INDEX)).content.decode()


def test_people_without_the_coordinator_role_cannot_open_the_outbox(client, outsider, cohort, rules):
    row = _row(rules["cohorts.learner_inactive"], cohort, 1)
    author = UserFactory(staff=True)
    author.groups.add(Group.objects.get(name="Authors"))
    for person in (outsider, author):
        client.force_login(person)
        response = client.get(reverse(INDEX))
        assert response.status_code in (302, 403)
        assert row.recipient_email not in response.content.decode()
        response = client.post(reverse("reminder_outbox:cancel", args=[row.pk]))
        assert response.status_code in (302, 403, 404)
    row.refresh_from_db()
    assert row.state == OutboxState.SENT


def test_coordinator_of_another_cohort_cannot_see_or_touch_a_row(client, cohort, other_cohort_coordinator, rules):
    row = _row(rules["cohorts.learner_inactive"], cohort, 1, state=OutboxState.FAILED)
    client.force_login(other_cohort_coordinator)
    assert client.get(reverse("reminder_outbox:inspect", args=[row.pk])).status_code == 404
    assert client.post(reverse("reminder_outbox:resend", args=[row.pk])).status_code == 404
    row.refresh_from_db()
    assert row.state == OutboxState.FAILED
    # Attack: the viewset's other pages of the same row.
    for name in ("history", "usage"):
        response = client.get(reverse(f"reminder_outbox:{name}", args=[row.pk]))
        assert response.status_code in (302, 403, 404), name
        assert row.recipient_email not in response.content.decode(), name


def test_coordinator_resends_a_failed_reminder_and_cancels_a_pending_one(client, coordinator, cohort, rules):
    rule = rules["cohorts.learner_inactive"]
    failed = _row(rule, cohort, 1, state=OutboxState.FAILED, attempts=3, last_error="boom")
    pending = _row(rule, cohort, 2, state=OutboxState.PENDING)
    client.force_login(coordinator)
    page = client.get(reverse("reminder_outbox:resend", args=[failed.pk]))
    assert page.status_code == 200
    assert "boom" in page.content.decode()
    response = client.post(reverse("reminder_outbox:resend", args=[failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.state == OutboxState.PENDING
    assert failed.attempts == 0
    assert failed.events.get().by == coordinator
    client.post(reverse("reminder_outbox:cancel", args=[pending.pk]))
    pending.refresh_from_db()
    assert pending.state == OutboxState.CANCELLED


def test_a_sent_reminder_cannot_be_sent_again_by_hand(client, coordinator, cohort, rules):
    row = _row(rules["cohorts.learner_inactive"], cohort, 1)
    client.force_login(coordinator)
    response = client.post(reverse("reminder_outbox:resend", args=[row.pk]), follow=True)
    assert "Seule une relance en échec ou annulée peut être renvoyée." in response.content.decode()
    row.refresh_from_db()
    assert row.state == OutboxState.SENT


def test_inspect_shows_what_was_sent(client, coordinator, cohort, rules):
    row = _row(rules["cohorts.learner_inactive"], cohort, 1, sent_subject="Votre formation vous attend")
    client.force_login(coordinator)
    response = client.get(reverse("reminder_outbox:inspect", args=[row.pk]))
    assert response.status_code == 200
    assert "Votre formation vous attend" in response.content.decode()


def test_coordinator_reads_the_rules_and_cannot_change_them(client, coordinator, rules):
    """The rules are every programme's defaults: a coordinator of one programme only reads them."""
    from tasks.services import ReminderError, rule_update

    rule = rules["cohorts.learner_inactive"]
    client.force_login(coordinator)
    assert rule.description in client.get(reverse("reminder_rules:index")).content.decode()
    url = reverse("reminder_rules:edit", args=[rule.pk])
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"offset_value": 1, "subject_fr": "Changé"}).status_code in (302, 403)
    rule.refresh_from_db()
    assert rule.subject_fr != "Changé"
    with pytest.raises(ReminderError, match="administrat"):
        rule_update(rule=rule, changes={"offset_value": 1}, by=coordinator)


def test_administrator_edits_a_rule_and_the_sync_keeps_the_edit(client, rules):
    from tasks.services import rules_sync

    rule = rules["cohorts.learner_inactive"]
    client.force_login(UserFactory(superuser=True))
    url = reverse("reminder_rules:edit", args=[rule.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {name: getattr(rule, name) for name in ("subject_fr", "subject_en", "body_fr", "body_en", "offset_unit")}
    data.update(
        {
            "offset_value": 21,
            "repeat_limit": 2,
            "repeat_interval_days": 7,
            "min_days_between": 7,
            "quiet_hours": "on",
            "optional": "on",
            "escalate": "on",
            "subject_fr": "On pense à vous",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    rule.refresh_from_db()
    assert (rule.offset_value, rule.repeat_limit, rule.subject_fr, rule.enabled) == (21, 2, "On pense à vous", False)
    assert rule.customised
    rules_sync()
    rule.refresh_from_db()
    assert rule.subject_fr == "On pense à vous"


def test_rules_cannot_be_added_or_deleted_from_the_admin(client, rules):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    rule = ReminderRule.objects.first()
    assert client.get(reverse("reminder_rules:add")).status_code in (302, 403)
    assert client.post(reverse("reminder_rules:delete", args=[rule.pk])).status_code in (302, 403)
    assert ReminderRule.objects.filter(pk=rule.pk).exists()


def test_rules_listing_query_count_is_constant(client, coordinator, rules):
    from tasks.models import ReminderRule

    client.force_login(coordinator)
    made = {"n": 0}

    def make_rows(count):
        for _ in range(count):
            made["n"] += 1
            ReminderRule.objects.create(
                code=f"tests.extra{made['n']}",
                app_label="tests",
                trigger="-",
                audience="learner",
                subject_fr="-",
                subject_en="-",
                body_fr="-",
                body_en="-",
            )

    def fetch():
        assert client.get(reverse("reminder_rules:index")).status_code == 200

    assert_constant_queries(make_rows, fetch, few=1, many=12, queries=14)


def test_menu_shows_relances_to_coordinators(client, coordinator):
    client.force_login(coordinator)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Relances" in content

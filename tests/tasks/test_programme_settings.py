"""A programme's own reminder settings: the model and services, the engine, the coordinator's pages."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tasks import registry
from tasks.enums import OutboxState
from tasks.models import Outbox, ProgrammeRuleSetting, ProgrammeRuleSettingChange, ReminderRule
from tasks.services import (
    ReminderError,
    claim_batch,
    deliver_batch,
    plan_all,
    programme_setting_reset,
    programme_setting_save,
    rules_sync,
)
from tests.factories import CohortFactory
from tests.tasks.conftest import make_inactive_learners, paris
from tests.tasks.helpers import at
from tests.utils import assert_constant_queries

pytestmark = pytest.mark.django_db

NOON = paris(2026, 6, 16, 12, 0)
INACTIVE = "cohorts.learner_inactive"


def _running_cohort(**fields):
    today = NOON.date()
    return CohortFactory(
        starts_on=today - datetime.timedelta(days=60), ends_on=today + datetime.timedelta(days=200), **fields
    )


@pytest.fixture
def two_programmes(rules):
    """Two running cohorts of two programmes, each with one learner last seen 20 days ago."""
    with at(NOON):
        first, [learner_a] = make_inactive_learners(1, cohort=_running_cohort())
        second, [learner_b] = make_inactive_learners(1, cohort=_running_cohort())
    return first, second, learner_a, learner_b


def _send_all():
    with at(NOON):
        claimed = claim_batch()
        if claimed:
            [token] = {token for _pk, token in claimed}
            deliver_batch([pk for pk, _token in claimed], token)


# --- Model and services ----------------------------------------------------------------------------


def test_blank_values_follow_the_rule_and_chosen_ones_replace_it(rules, programme):
    rule = rules[INACTIVE]
    setting = programme_setting_save(
        rule=rule, programme=programme, changes={"offset_value": 21, "subject_fr": "  Nous pensons à vous  "}
    )
    view = setting.applied_to(rule)
    assert (view.offset_value, view.subject_fr) == (21, "Nous pensons à vous")
    assert (view.subject_en, view.body_fr, view.enabled) == (rule.subject_en, rule.body_fr, rule.enabled)
    with pytest.raises(RuntimeError, match="never saved"):
        view.save()
    rule.refresh_from_db()
    assert rule.offset_value != 21 and not rule.customised  # the platform default is untouched


def test_a_wording_with_a_placeholder_error_or_an_offset_out_of_bounds_is_refused(rules, programme):
    rule = rules[INACTIVE]
    with pytest.raises(ValidationError, match="erreur de variable"):
        programme_setting_save(rule=rule, programme=programme, changes={"body_fr": "Bonjour {% if %}"})
    with pytest.raises(ValidationError, match="365"):
        programme_setting_save(rule=rule, programme=programme, changes={"offset_value": 400})
    assert not ProgrammeRuleSetting.objects.exists()
    assert not ProgrammeRuleSettingChange.objects.exists()


def test_each_change_and_the_reset_are_logged_with_who_and_what(rules, programme, coordinator):
    rule = rules[INACTIVE]
    programme_setting_save(rule=rule, programme=programme, changes={"offset_value": 21}, by=coordinator)
    programme_setting_save(rule=rule, programme=programme, changes={"offset_value": 21}, by=coordinator)  # no-op
    assert programme_setting_reset(rule=rule, programme=programme, by=coordinator) is True
    assert programme_setting_reset(rule=rule, programme=programme, by=coordinator) is False
    changes = list(ProgrammeRuleSettingChange.objects.order_by("at", "id"))
    assert [(c.by, c.reset, c.changes) for c in changes] == [
        (coordinator, False, {"offset_value": [None, 21]}),
        (coordinator, True, {"offset_value": [21, None]}),
    ]
    assert not ProgrammeRuleSetting.objects.exists()


def test_unknown_fields_are_refused(rules, programme):
    with pytest.raises(ReminderError, match="ne peuvent pas être modifiés"):
        programme_setting_save(rule=rules[INACTIVE], programme=programme, changes={"escalate": True})


def test_only_the_programme_coordinators_change_its_settings(rules, cohort, coordinator, learner):
    other = CohortFactory()
    rule = rules[INACTIVE]
    programme_setting_save(rule=rule, programme=cohort.programme, changes={"offset_value": 3}, by=coordinator)
    with pytest.raises(ReminderError, match="coordinateurs de cette formation"):
        programme_setting_save(rule=rule, programme=other.programme, changes={"offset_value": 3}, by=coordinator)
    with pytest.raises(ReminderError, match="coordinateurs de cette formation"):
        programme_setting_save(rule=rule, programme=cohort.programme, changes={"offset_value": 9}, by=learner)
    with pytest.raises(ReminderError, match="coordinateurs de cette formation"):
        programme_setting_reset(rule=rule, programme=cohort.programme, by=learner)
    assert ProgrammeRuleSetting.objects.get().offset_value == 3


# --- Engine ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [{"enabled": False}, {"offset_value": 30}],
    ids=["switched off for the first programme", "a longer offset for the first programme"],
)
def test_the_first_programme_setting_keeps_its_learner_out_while_the_other_still_gets_it(two_programmes, changes):
    first, _second, _learner_a, learner_b = two_programmes
    programme_setting_save(rule=ReminderRule.objects.get(code=INACTIVE), programme=first.programme, changes=changes)
    with at(NOON):
        plan_all()
    assert list(Outbox.objects.values_list("recipient_id", flat=True)) == [learner_b.pk]


def test_a_programme_offset_decides_the_due_time(rules):
    with at(NOON):
        # Last seen 10 days ago: the platform's 14 days are not reached, the programme's 7 are.
        early, [learner_a] = make_inactive_learners(1, cohort=_running_cohort(), days=10)
        _late, [_learner_b] = make_inactive_learners(1, cohort=_running_cohort(), days=10)
    programme_setting_save(rule=rules[INACTIVE], programme=early.programme, changes={"offset_value": 7})
    with at(NOON):
        plan_all()
    [row] = Outbox.objects.all()
    assert row.recipient_id == learner_a.pk
    assert row.due_at <= NOON


def test_a_rule_off_by_default_can_be_switched_on_for_one_programme(two_programmes):
    first, _second, learner_a, _learner_b = two_programmes
    rule = ReminderRule.objects.get(code=INACTIVE)
    ReminderRule.objects.filter(pk=rule.pk).update(enabled=False, customised=True)  # an administrator's choice
    programme_setting_save(rule=rule, programme=first.programme, changes={"enabled": True})
    with at(NOON):
        plan_all()
    assert list(Outbox.objects.values_list("recipient_id", flat=True)) == [learner_a.pk]


def test_each_programme_gets_its_own_wording_in_the_mail(two_programmes):
    first, _second, learner_a, learner_b = two_programmes
    rule = ReminderRule.objects.get(code=INACTIVE)
    programme_setting_save(
        rule=rule,
        programme=first.programme,
        changes={"subject_fr": "Votre promotion vous attend, {{ first_name }}", "body_fr": "Texte de la formation A."},
    )
    with at(NOON):
        plan_all()
    _send_all()
    sent = {message.to[0]: message for message in mail.outbox}
    assert sent[learner_a.email].subject == f"Votre promotion vous attend, {learner_a.first_name}"
    assert "Texte de la formation A." in sent[learner_a.email].body
    assert sent[learner_b.email].subject != sent[learner_a.email].subject
    assert "Texte de la formation A." not in sent[learner_b.email].body
    assert Outbox.objects.get(recipient=learner_a).sent_subject.startswith("Votre promotion vous attend")


def test_switching_off_cancels_what_was_waiting_for_that_programme_only(two_programmes, coordinator):
    first, _second, learner_a, learner_b = two_programmes
    first.coordinators.add(coordinator)
    with at(NOON):
        plan_all()
    assert Outbox.objects.filter(state=OutboxState.PENDING).count() == 2
    programme_setting_save(
        rule=ReminderRule.objects.get(code=INACTIVE),
        programme=first.programme,
        changes={"enabled": False},
        by=coordinator,
    )
    states = dict(Outbox.objects.values_list("recipient_id", "state"))
    assert states == {learner_a.pk: OutboxState.CANCELLED, learner_b.pk: OutboxState.PENDING}
    event = Outbox.objects.get(recipient=learner_a).events.get()
    assert (event.by, event.note) == (coordinator, "Switched off for the programme")


def test_a_row_already_claimed_when_switched_off_is_not_sent(two_programmes):
    first, _second, learner_a, learner_b = two_programmes
    with at(NOON):
        plan_all()
        claimed = claim_batch()
    # Switched off between the claim and the send (the service only cancels rows still pending).
    ProgrammeRuleSetting.objects.create(
        rule=ReminderRule.objects.get(code=INACTIVE), programme=first.programme, enabled=False
    )
    [token] = {token for _pk, token in claimed}
    with at(NOON):
        result = deliver_batch([pk for pk, _token in claimed], token)
    assert result == {"stale": 0, "sent": 1, "cancelled": 1}
    assert [message.to for message in mail.outbox] == [[learner_b.email]]
    assert Outbox.objects.get(recipient=learner_a).state == OutboxState.CANCELLED


def test_a_batch_reads_the_settings_of_its_programmes_in_one_statement(two_programmes):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first, second, *_learners = two_programmes
    rule = ReminderRule.objects.get(code=INACTIVE)
    programme_setting_save(rule=rule, programme=first.programme, changes={"subject_fr": "A"})
    programme_setting_save(rule=rule, programme=second.programme, changes={"subject_fr": "B"})
    with at(NOON):
        plan_all()
        claimed = claim_batch()
    [token] = {token for _pk, token in claimed}
    with at(NOON), CaptureQueriesContext(connection) as queries:
        deliver_batch([pk for pk, _token in claimed], token)
    setting_reads = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "tasks_programmerulesetting"')
    ]
    assert len(setting_reads) == 1
    assert sorted(message.subject for message in mail.outbox) == ["A", "B"]


# --- Coordinator's pages ---------------------------------------------------------------------------


def _edit_url(programme, rule):
    return reverse("programme_reminders:edit", args=[programme.pk, rule.pk])


def _form_data(**values):
    data = dict.fromkeys(ProgrammeRuleSetting.OVERRIDES, "")
    data["enabled"] = "unknown"
    data.update(values)
    return data


def test_coordinator_sets_the_wording_of_their_programme(client, coordinator, cohort, rules):
    rule = rules[INACTIVE]
    client.force_login(coordinator)
    page = client.get(_edit_url(cohort.programme, rule))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Valeur par défaut de la plateforme" in content
    response = client.post(
        _edit_url(cohort.programme, rule), _form_data(subject_fr="Bonjour de la formation", offset_value="10")
    )
    assert response.status_code == 302
    setting = ProgrammeRuleSetting.objects.get(programme=cohort.programme, rule=rule)
    assert (setting.subject_fr, setting.offset_value, setting.enabled, setting.updated_by) == (
        "Bonjour de la formation",
        10,
        None,
        coordinator,
    )
    listing = client.get(reverse("programme_reminders:programme", args=[cohort.programme.pk])).content.decode()
    assert "+10" in listing


def test_bad_input_is_refused_in_french_and_nothing_is_written(client, coordinator, cohort, rules):
    client.force_login(coordinator)
    response = client.post(
        _edit_url(cohort.programme, rules[INACTIVE]), _form_data(body_fr="Bonjour {% if %}", offset_value="999")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "erreur de variable" in content
    assert "inférieure ou égale à 365" in content
    assert 'value="999"' in content  # what was typed stays
    assert not ProgrammeRuleSetting.objects.exists()


def test_back_to_the_platform_default(client, coordinator, cohort, rules):
    rule = rules[INACTIVE]
    programme_setting_save(rule=rule, programme=cohort.programme, changes={"offset_value": 3}, by=coordinator)
    client.force_login(coordinator)
    assert "Revenir au réglage de la plateforme" in client.get(_edit_url(cohort.programme, rule)).content.decode()
    response = client.post(_edit_url(cohort.programme, rule), {"reset": "1"}, follow=True)
    assert "suit de nouveau le réglage de la plateforme" in response.content.decode()
    assert not ProgrammeRuleSetting.objects.exists()


def test_coordinator_of_another_programme_can_neither_see_nor_change(client, coordinator, rules):
    other = CohortFactory()
    rule = rules[INACTIVE]
    programme_setting_save(rule=rule, programme=other.programme, changes={"subject_fr": "Secret de B"})
    client.force_login(coordinator)
    assert client.get(reverse("programme_reminders:programme", args=[other.programme.pk])).status_code == 404
    assert client.get(_edit_url(other.programme, rule)).status_code == 404
    assert client.post(_edit_url(other.programme, rule), _form_data(subject_fr="Piraté")).status_code == 404
    assert client.post(_edit_url(other.programme, rule), {"reset": "1"}).status_code == 404
    assert ProgrammeRuleSetting.objects.get().subject_fr == "Secret de B"
    index = client.get(reverse("programme_reminders:index"), follow=True).content.decode()
    assert other.programme.title not in index


def test_learner_and_outsider_are_refused(client, learner, outsider, cohort, rules):
    for person in (learner, outsider):
        client.force_login(person)
        for url in (
            reverse("programme_reminders:index"),
            reverse("programme_reminders:programme", args=[cohort.programme.pk]),
            _edit_url(cohort.programme, rules[INACTIVE]),
        ):
            assert client.get(url).status_code in (302, 403), url
        assert client.post(_edit_url(cohort.programme, rules[INACTIVE]), _form_data(subject_fr="X")).status_code in (
            302,
            403,
        )
    assert not ProgrammeRuleSetting.objects.exists()


def test_a_digest_is_not_set_per_programme(client, coordinator, cohort, rules):
    client.force_login(coordinator)
    assert client.get(_edit_url(cohort.programme, rules["tasks.coordinator_daily_digest"])).status_code == 404


def test_one_programme_goes_straight_to_its_list(client, coordinator, cohort):
    client.force_login(coordinator)
    response = client.get(reverse("programme_reminders:index"))
    assert response.status_code == 302
    assert response.url == reverse("programme_reminders:programme", args=[cohort.programme.pk])


def _nothing(rule, now):
    return iter(())


def test_programme_rules_list_query_count_is_constant(client, coordinator, cohort, rules):
    client.force_login(coordinator)
    made = {"n": 0}
    programme = cohort.programme

    def make_rows(count):
        for _ in range(count):
            made["n"] += 1
            code = f"tests.programme_extra{made['n']}"
            text = dict.fromkeys(("trigger", "subject_fr", "subject_en", "body_fr", "body_en"), "-")
            registry.register_rule(
                registry.RuleSpec(code=code, app_label="tests", audience="learner", planner=_nothing, **text)
            )
            rules_sync()
            rule = ReminderRule.objects.get(code=code)
            ProgrammeRuleSetting.objects.create(rule=rule, programme=programme, offset_value=made["n"])

    def fetch():
        response = client.get(reverse("programme_reminders:programme", args=[programme.pk]))
        assert response.status_code == 200
        assert f"+{made['n']} " in response.content.decode()  # the programme's offset of the last rule

    try:
        assert_constant_queries(make_rows, fetch, few=1, many=12, queries=16)
    finally:
        for n in range(1, made["n"] + 1):
            registry.unregister_rule(f"tests.programme_extra{n}")


def test_the_changes_a_coordinator_made_are_in_their_data_archive(rules, cohort, coordinator):
    from accounts.personal_data import collect

    programme_setting_save(
        rule=rules[INACTIVE], programme=cohort.programme, changes={"offset_value": 5}, by=coordinator
    )
    [section] = [section for section in collect(coordinator) if section.key == "tasks.programme_setting_changes"]
    [record] = section.records
    assert (record["rule"], record["programme"], record["changes"]) == (
        INACTIVE,
        cohort.programme.title,
        {"offset_value": [None, 5]},
    )

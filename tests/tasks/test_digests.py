"""Digests: one e-mail per recipient and period, listing everything pending; live sections."""

import pytest
from django.core import mail

from tasks import registry
from tasks.enums import Audience, Delivery, OutboxKind, OutboxState
from tasks.models import Outbox
from tasks.registry import Due, RuleSpec
from tasks.reminders import COORDINATOR_DIGEST, TUTOR_DIGEST
from tasks.services import plan_all, rules_sync
from tests.factories import CohortFactory, UserFactory
from tests.tasks.conftest import paris
from tests.tasks.helpers import at, plan_and_dispatch

pytestmark = pytest.mark.django_db

ITEMS: list[dict] = []
RESOLVED: set[str] = set()


def _plan_items(rule, now):
    for item in ITEMS:
        yield Due(
            reason=item["reason"],
            reference=item["since"],
            recipient_id=item["tutor"].pk,
            email=item["tutor"].email,
            action_url=f"/stages/{item['reason']}/",
            context={"intern": item["intern"]},
            cohort_id=item.get("cohort_id"),
        )


TEST_RULE = RuleSpec(
    code="tests.placement_awaiting_tutor",
    app_label="tests",
    description="Placements awaiting your approval",
    trigger="A placement waits for the tutor's approval (test rule).",
    audience=Audience.TUTOR,
    delivery=Delivery.DIGEST,
    digest_rule=TUTOR_DIGEST,
    subject_fr="Le stage de {{ intern }} attend votre accord",
    subject_en="{{ intern }}'s placement awaits your approval",
    body_fr="-",
    body_en="-",
    planner=_plan_items,
    is_relevant=lambda row: row.base_key not in RESOLVED,
)


@pytest.fixture
def tutor_rule(db):
    registry.register_rule(TEST_RULE)
    rules_sync()
    ITEMS.clear()
    RESOLVED.clear()
    yield TEST_RULE
    registry.unregister_rule(TEST_RULE.code)
    ITEMS.clear()


@pytest.fixture
def tutor(db):
    return UserFactory(first_name="Nadia", email="tutrice@example.test")


def _add_items(tutor, names, since, cohort=None):
    for name in names:
        ITEMS.append(
            {
                "reason": f"placement:{name}",
                "tutor": tutor,
                "intern": name,
                "since": since,
                "cohort_id": cohort.pk if cohort else None,
            }
        )


def test_tutor_gets_one_weekly_digest_listing_every_pending_item(tutor_rule, tutor, django_capture_on_commit_callbacks):
    _add_items(tutor, ["Léa", "Karim", "Inès"], paris(2026, 6, 10, 14, 0))
    # Wednesday to Sunday: the items wait, no e-mail
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 10, 15, 0)) == []
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 14, 10, 0)) == []
    assert Outbox.objects.filter(delivery=Delivery.DIGEST, state=OutboxState.PENDING).count() == 3
    # Monday, 08:30: a single e-mail with the three lines
    [digest_mail] = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 8, 30))
    assert digest_mail.to == ["tutrice@example.test"]
    assert digest_mail.subject == "Votre point de la semaine : 3 éléments en attente"
    for name in ("Léa", "Karim", "Inès"):
        assert f"Le stage de {name} attend votre accord" in digest_mail.body
    assert "https://formation.example.test/stages/placement:Léa/" in digest_mail.body
    html = digest_mail.alternatives[0].content
    assert "<li" in html and "Inès" in html
    digest = Outbox.objects.get(kind=OutboxKind.DIGEST)
    assert digest.state == OutboxState.SENT
    assert set(digest.items.values_list("state", flat=True)) == {OutboxState.SENT}
    # A new item on Tuesday waits for next Monday's digest
    _add_items(tutor, ["Hugo"], paris(2026, 6, 16, 10, 0))
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 16, 10, 30)) == []
    [next_week] = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 22, 8, 30))
    assert next_week.subject == "Votre point de la semaine : 1 élément en attente"
    assert "Hugo" in next_week.body and "Léa" not in next_week.body


def test_weekly_digest_waits_for_the_day_after_whit_monday(tutor_rule, tutor, django_capture_on_commit_callbacks):
    _add_items(tutor, ["Léa"], paris(2026, 5, 20, 14, 0))
    # 25 May 2026 is Whit Monday, a French public holiday
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 5, 25, 9, 0)) == []
    assert len(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 5, 26, 8, 30))) == 1


def test_resolved_items_leave_the_digest_and_an_empty_digest_is_not_sent(
    tutor_rule, tutor, django_capture_on_commit_callbacks
):
    _add_items(tutor, ["Léa", "Karim"], paris(2026, 6, 10, 14, 0))
    with at(paris(2026, 6, 15, 8, 0)):
        plan_all()
    RESOLVED.add("placement:Léa")
    [digest_mail] = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 8, 30))
    assert "Karim" in digest_mail.body and "Léa" not in digest_mail.body
    assert Outbox.objects.get(base_key="placement:Léa").state == OutboxState.CANCELLED

    # Next week everything is resolved before the digest goes: it is cancelled, nothing is sent
    ITEMS.clear()
    _add_items(tutor, ["Hugo"], paris(2026, 6, 17, 14, 0))
    with at(paris(2026, 6, 22, 8, 0)):
        plan_all()
    RESOLVED.add("placement:Hugo")
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 22, 8, 30)) == []
    last = Outbox.objects.filter(kind=OutboxKind.DIGEST).order_by("-pk").first()
    assert last.state == OutboxState.CANCELLED
    assert last.events.last().note == "Nothing left to report"


def test_digest_in_english_for_an_english_speaking_tutor(tutor_rule, django_capture_on_commit_callbacks):
    tutor = UserFactory(first_name="Sam", preferred_language="en")
    _add_items(tutor, ["Léa"], paris(2026, 6, 10, 14, 0))
    [digest_mail] = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 8, 30))
    assert digest_mail.subject == "Your weekly summary: 1 item waiting"
    assert "Léa's placement awaits your approval" in digest_mail.body
    assert "Hello Sam" in digest_mail.body


def test_coordinator_daily_digest_lists_undelivered_messages_on_business_days_only(
    rules, django_capture_on_commit_callbacks
):
    coordinator = UserFactory(email="coord@example.test")
    other = UserFactory(email="other-coord@example.test")
    cohort = CohortFactory(coordinators=[coordinator])
    CohortFactory(coordinators=[other])
    Outbox.objects.create(
        rule=rules["cohorts.learner_inactive"],
        recipient_email="bounced@example.test",
        cohort=cohort,
        key="x:1",
        base_key="x",
        due_at=paris(2026, 7, 13, 10, 0),
        state=OutboxState.FAILED,
        last_error="SMTPRecipientsRefused",
    )
    Outbox.objects.filter(key="x:1").update(updated_at=paris(2026, 7, 13, 10, 0))
    # 14 July is a public holiday: the daily digest waits for the 15th
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 14, 9, 0)) == []
    sent = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 15, 8, 30))
    assert [m.to for m in sent] == [["coord@example.test"]]
    assert "bounced@example.test" in sent[0].body
    assert sent[0].subject == "Votre point du jour : 1 élément à regarder"
    assert Outbox.objects.get(kind=OutboxKind.DIGEST).rule.code == COORDINATOR_DIGEST
    # once a day only
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 15, 14, 0)) == []


def test_nobody_gets_an_empty_digest(rules, django_capture_on_commit_callbacks):
    CohortFactory(coordinators=[UserFactory()])
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 9, 0)) == []
    assert not Outbox.objects.exists()
    assert mail.outbox == []


def test_registering_a_rule_twice_is_refused(tutor_rule):
    from dataclasses import replace

    with pytest.raises(registry.RegistryError, match=r"Reminder rule 'tests\.placement_awaiting_tutor'"):
        registry.register_rule(replace(TEST_RULE, subject_fr="autre"))


def test_a_digest_line_must_name_its_digest():
    with pytest.raises(registry.RegistryError, match=r"tests\.bad: a digest line needs digest_rule \(which"):
        RuleSpec(
            code="tests.bad",
            app_label="tests",
            trigger="-",
            audience=Audience.TUTOR,
            delivery=Delivery.DIGEST,
            subject_fr="-",
            subject_en="-",
            body_fr="-",
            body_en="-",
            planner=lambda rule, now: [],
        )


def test_sync_keeps_coordinator_edits_and_refreshes_untouched_rules(rules):
    from tasks.models import ReminderRule
    from tasks.services import rule_update

    edited = rule_update(rule=rules["cohorts.learner_inactive"], changes={"subject_fr": "Nous pensons à vous"})
    ReminderRule.objects.filter(code="cohorts.cohort_starting").update(subject_fr="ancien texte")
    ReminderRule.objects.filter(pk=edited.pk).update(trigger="old trigger")
    assert rules_sync() == {"created": 0, "updated": 2}
    edited.refresh_from_db()
    assert edited.subject_fr == "Nous pensons à vous"
    assert edited.customised
    assert edited.trigger != "old trigger"  # code-owned fields are always refreshed
    assert ReminderRule.objects.get(code="cohorts.cohort_starting").subject_fr.startswith("Votre promotion")


def test_rule_edit_rejects_broken_placeholders(rules):
    from django.core.exceptions import ValidationError

    from tasks.services import rule_update

    with pytest.raises(ValidationError, match="Ce texte contient une erreur de variable : Unclosed"):
        rule_update(rule=rules["cohorts.learner_inactive"], changes={"body_fr": "Bonjour {% if first_name %}"})


def test_long_reasons_are_hashed_into_a_key_that_fits(tutor_rule, tutor):
    ITEMS.append({"reason": "placement:" + "x" * 300, "tutor": tutor, "intern": "Léa", "since": paris(2026, 6, 10, 9)})
    with at(paris(2026, 6, 10, 10, 0)):
        plan_all()
        plan_all()
    row = Outbox.objects.get(rule__code=TEST_RULE.code)
    assert row.base_key.startswith("sha1:")
    assert len(row.key) < 255


def test_coordinator_daily_digest_not_on_weekends_nor_at_night(rules, django_capture_on_commit_callbacks):
    coordinator = UserFactory(email="coord@example.test")
    cohort = CohortFactory(coordinators=[coordinator])
    Outbox.objects.create(
        rule=rules["cohorts.learner_inactive"],
        recipient_email="bounced@example.test",
        cohort=cohort,
        key="x:1",
        base_key="x",
        due_at=paris(2026, 7, 17, 10, 0),
        state=OutboxState.FAILED,
    )
    Outbox.objects.filter(key="x:1").update(updated_at=paris(2026, 7, 17, 21, 0))
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 18, 9, 0)) == []  # Saturday
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 19, 10, 0)) == []  # Sunday
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 20, 7, 0)) == []  # night
    assert len(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 20, 8, 30))) == 1


def test_a_person_without_account_gets_the_lines_addressed_to_their_e_mail(
    tutor_rule, tutor, django_capture_on_commit_callbacks
):
    """Digest lines planned for an e-mail only (no account) make a digest keyed on that address."""

    class NoAccount:
        pk = None
        email = "Sans.Compte@example.test"

    _add_items(NoAccount, ["Léa"], paris(2026, 6, 10, 14, 0))
    _add_items(tutor, ["Karim"], paris(2026, 6, 10, 14, 0))
    sent = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 8, 30))
    by_address = {message.to[0]: message for message in sent}
    assert set(by_address) == {"Sans.Compte@example.test", "tutrice@example.test"}
    assert "Léa" in by_address["Sans.Compte@example.test"].body
    assert "Karim" not in by_address["Sans.Compte@example.test"].body
    assert "Léa" not in by_address["tutrice@example.test"].body
    digest = Outbox.objects.get(kind=OutboxKind.DIGEST, recipient=None)
    assert digest.base_key == "email:sans.compte@example.test:2026-06-15"
    assert list(digest.items.values_list("context__intern", flat=True)) == ["Léa"]
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 10, 30)) == []


def test_a_section_naming_people_without_account_needs_their_lines(tutor_rule, django_capture_on_commit_callbacks):
    section = registry.DigestSection(
        code="tests.no_email_lines",
        digest_rule=TUTOR_DIGEST,
        title="-",
        lines=lambda user, now: [],
        recipients=lambda now: [registry.Addressee(email="x@example.test")],
    )
    registry.register_digest_section(section)
    try:
        with at(paris(2026, 6, 15, 8, 30)):
            result = plan_all()
    finally:
        registry.unregister_digest_section(section.code)
    assert result[TUTOR_DIGEST] == -1  # refused loudly (logged), the other rules planned as usual
    assert not Outbox.objects.filter(recipient_email="x@example.test").exists()


def test_digest_lines_read_the_wording_and_the_switch_of_their_programme(
    tutor_rule, tutor, django_capture_on_commit_callbacks
):
    from tasks.models import ProgrammeRuleSetting, ReminderRule

    own_words, switched_off = CohortFactory(), CohortFactory()
    _add_items(tutor, ["Léa"], paris(2026, 6, 10, 14, 0), cohort=own_words)
    _add_items(tutor, ["Karim"], paris(2026, 6, 10, 14, 0), cohort=switched_off)
    _add_items(tutor, ["Inès"], paris(2026, 6, 10, 14, 0))
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 10, 15, 0)) == []
    rule = ReminderRule.objects.get(code=TEST_RULE.code)
    ProgrammeRuleSetting.objects.create(
        rule=rule, programme=own_words.programme, subject_fr="{{ intern }} : votre accord est attendu"
    )
    # Switched off after the line was planned (without the service, which would cancel it at once).
    ProgrammeRuleSetting.objects.create(rule=rule, programme=switched_off.programme, enabled=False)
    [digest_mail] = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 8, 30))
    assert "Léa : votre accord est attendu" in digest_mail.body
    assert "Le stage de Inès attend votre accord" in digest_mail.body
    assert "Karim" not in digest_mail.body
    assert Outbox.objects.get(base_key="placement:Karim").state == OutboxState.CANCELLED

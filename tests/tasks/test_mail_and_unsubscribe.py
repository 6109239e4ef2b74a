"""E-mail content (HTML + text, language, links) and the one-click unsubscribe page."""

import pytest
from django.urls import reverse

from tasks.enums import OutboxState
from tasks.mail import unsubscribe_token
from tasks.models import Outbox, ReminderOptOut
from tasks.reminders import COHORT_STARTING, LEARNER_INACTIVE
from tests.tasks.conftest import make_inactive_learners, paris
from tests.tasks.helpers import at, plan_and_dispatch

pytestmark = pytest.mark.django_db


def _send_inactivity(capture, **user_fields):
    with at(paris(2026, 6, 16, 12, 0)):
        _, [learner] = make_inactive_learners(1, **user_fields)
    [message] = plan_and_dispatch(capture, paris(2026, 6, 16, 12, 0))
    return learner, message


def test_reminder_has_html_and_text_in_french_with_a_direct_absolute_link(rules, django_capture_on_commit_callbacks):
    _, message = _send_inactivity(django_capture_on_commit_callbacks, first_name="Léa")
    assert message.subject == "Votre formation vous attend, à votre rythme"
    assert "Bonjour Léa" in message.body
    assert "Accéder directement à la page : https://formation.example.test/apprendre/" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert 'href="https://formation.example.test/apprendre/"' in html
    assert '<html lang="fr">' in html
    assert "Se désabonner en un clic" in html
    row = Outbox.objects.get()
    assert message.extra_headers["Message-ID"].startswith(f"<reminder.{row.pk}.")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert row.sent_subject == message.subject


def test_reminder_in_english_for_an_english_speaking_learner(rules, django_capture_on_commit_callbacks):
    _, message = _send_inactivity(django_capture_on_commit_callbacks, first_name="Sam", preferred_language="en")
    assert message.subject == "Your course is waiting for you, at your own pace"
    assert "Hello Sam" in message.body
    assert "Go straight to the page: https://formation.example.test/apprendre/" in message.body
    assert '<html lang="en">' in message.alternatives[0].content


def test_html_escapes_what_people_typed(rules, django_capture_on_commit_callbacks):
    _, message = _send_inactivity(django_capture_on_commit_callbacks, first_name="<b>Léa</b>")
    assert "&lt;b&gt;Léa&lt;/b&gt;" in message.alternatives[0].content
    assert "Bonjour <b>Léa</b>" in message.body  # the text part is plain text


def test_mandatory_reminders_have_no_unsubscribe_link(rules, django_capture_on_commit_callbacks):
    import datetime

    from tests.factories import CohortFactory, EnrolmentFactory

    cohort = CohortFactory(starts_on=datetime.date(2026, 9, 14), ends_on=datetime.date(2027, 6, 30))
    EnrolmentFactory(cohort=cohort)
    [message] = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 9, 7, 9, 0))
    assert "List-Unsubscribe" not in message.extra_headers
    assert "désabonner" not in message.alternatives[0].content
    assert rules[COHORT_STARTING].optional is False


def test_unsubscribe_link_works_without_login_and_cancels_what_waits(client, rules, django_capture_on_commit_callbacks):
    learner, message = _send_inactivity(django_capture_on_commit_callbacks)
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("https://formation.example.test/relances/desabonnement/")
    waiting = Outbox.objects.create(
        rule=rules[LEARNER_INACTIVE],
        recipient=learner,
        recipient_email=learner.email,
        key="next",
        base_key="next",
        due_at=paris(2026, 6, 23, 12, 0),
    )
    response = client.get(url.removeprefix("https://formation.example.test"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Votre désabonnement est enregistré" in content
    assert "Vous ne recevrez plus les messages « Votre formation vous attend, à votre rythme »." in content
    assert ReminderOptOut.objects.filter(user=learner, rule=rules[LEARNER_INACTIVE]).exists()
    waiting.refresh_from_db()
    assert waiting.state == OutboxState.CANCELLED
    # Clicking twice is harmless
    assert client.get(url.removeprefix("https://formation.example.test")).status_code == 200
    assert ReminderOptOut.objects.count() == 1


def test_one_click_post_from_a_mail_client_unsubscribes(client, rules, learner):
    token = unsubscribe_token(user_id=learner.pk, rule_code=LEARNER_INACTIVE)
    response = client.post(
        reverse("tasks:unsubscribe", args=[token]), {"List-Unsubscribe": "One-Click"}, enforce_csrf_checks=True
    )
    assert response.status_code == 200
    assert ReminderOptOut.objects.filter(user=learner).count() == 1


def test_changing_ones_mind_resubscribes(client, rules, learner):
    token = unsubscribe_token(user_id=learner.pk, rule_code=LEARNER_INACTIVE)
    url = reverse("tasks:unsubscribe", args=[token])
    client.get(url)
    response = client.post(url, {"action": "resubscribe"})
    assert "Vous recevrez de nouveau ces messages" in response.content.decode()
    assert not ReminderOptOut.objects.filter(user=learner).exists()


def test_tampered_or_mandatory_unsubscribe_link_is_refused_kindly(client, rules, learner):
    token = unsubscribe_token(user_id=learner.pk, rule_code=LEARNER_INACTIVE)
    response = client.get(reverse("tasks:unsubscribe", args=[token[:-3] + "abc"]))
    assert response.status_code == 404
    assert "Ce lien ne fonctionne plus" in response.content.decode()
    # a token for someone else's id cannot be forged without the key; a mandatory rule cannot be switched off
    mandatory = unsubscribe_token(user_id=learner.pk, rule_code=COHORT_STARTING)
    assert client.get(reverse("tasks:unsubscribe", args=[mandatory])).status_code == 404
    assert not ReminderOptOut.objects.exists()

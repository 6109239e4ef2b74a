"""The graduates' survey: sent at 6, 12 and 24 months after the award to those who agreed, one reminder ten days
later if unanswered, never after a one-click opt-out, never without consent."""

import datetime
import re
import uuid

import pytest
from django.core import mail

from alumni import reminders, services
from alumni.models import SurveyInvitation, SurveyLink
from final_validation.enums import JuryOutcome
from tasks.enums import OutboxState
from tasks.mail import unsubscribe_token
from tasks.models import Outbox
from tasks.services import rules_sync
from tests.factories import CohortFactory, FollowUpConsentFactory
from tests.factories.alumni import graduate
from tests.tasks.conftest import paris
from tests.tasks.helpers import at, plan_and_dispatch

pytestmark = pytest.mark.django_db

AWARDED_ON = datetime.date(2026, 1, 12)  # a Monday


@pytest.fixture(autouse=True)
def _reminder_settings(settings):
    settings.REMINDERS_KEY_PREFIX = f"pa-test-{uuid.uuid4().hex[:10]}"
    settings.SITE_URL = "https://formation.example.test"


@pytest.fixture
def rules(db):
    rules_sync()


@pytest.fixture
def enrolment(db):
    cohort = CohortFactory(starts_on=datetime.date(2025, 1, 6), ends_on=datetime.date(2025, 12, 19))
    enrolment = graduate(cohort=cohort, awarded_on=AWARDED_ON)
    FollowUpConsentFactory(user=enrolment.learner)
    return enrolment


def _rows():
    return Outbox.objects.filter(rule__code=reminders.SURVEY_RULE)


def _link(message) -> str:
    return re.search(r"https://formation\.example\.test(/suivi-diplomes/questionnaire/[^/\s]+/)", message.body).group(1)


def test_survey_sent_at_six_months_then_one_reminder_only(rules, enrolment, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    assert plan_and_dispatch(capture, paris(2026, 7, 10, 11, 0)) == []
    sent = plan_and_dispatch(capture, paris(2026, 7, 13, 11, 0))  # six months after, a Monday
    assert [message.to for message in sent] == [[enrolment.learner.email]]
    assert sent[0].subject == "6 mois après le diplôme, comment allez-vous ?"
    assert "Cinq questions, deux minutes, sans créer de compte" in sent[0].body
    assert "nous ne vous relancerons qu'une seule fois" in sent[0].body
    assert "List-Unsubscribe" in sent[0].extra_headers
    first_link = _link(sent[0])
    # The outbox keeps the follow-up page, never the secret; only the token's hash is stored.
    assert _rows().get().action_url == "/suivi-diplomes/"
    assert SurveyLink.objects.get().token_hash == services.hash_token(first_link.split("/")[-2])
    assert plan_and_dispatch(capture, paris(2026, 7, 22, 11, 0)) == []
    reminder = plan_and_dispatch(capture, paris(2026, 7, 23, 11, 0))  # ten days later
    assert reminder[0].subject == "Petit rappel : 6 mois après le diplôme, comment allez-vous ?"
    assert "c'est notre seul rappel pour ce questionnaire" in reminder[0].body
    assert _link(reminder[0]) != first_link
    assert plan_and_dispatch(capture, paris(2026, 8, 20, 11, 0)) == []
    assert _rows().count() == 2
    assert SurveyInvitation.objects.get().wave == 6


def test_survey_at_twelve_and_twenty_four_months(rules, enrolment, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    sent = plan_and_dispatch(capture, paris(2027, 1, 12, 11, 0))
    assert [message.subject for message in sent] == ["12 mois après le diplôme, comment allez-vous ?"]
    sent = plan_and_dispatch(capture, paris(2028, 1, 12, 11, 0))
    assert [message.subject for message in sent] == ["24 mois après le diplôme, comment allez-vous ?"]
    # After the 24-month wave's year, nothing more.
    assert plan_and_dispatch(capture, paris(2029, 2, 1, 11, 0)) == []


def test_answered_survey_gets_no_reminder(rules, enrolment, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    sent = plan_and_dispatch(capture, paris(2026, 7, 13, 11, 0))
    token = _link(sent[0]).split("/")[-2]
    with at(paris(2026, 7, 14, 9, 0)):
        services.survey_answer(token=token, works_as_peer_supporter=False)
    assert plan_and_dispatch(capture, paris(2026, 7, 23, 11, 0)) == []
    assert plan_and_dispatch(capture, paris(2026, 8, 3, 11, 0)) == []


def test_one_click_opt_out_stops_every_further_survey(
    rules, enrolment, client_without_second_factor, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    plan_and_dispatch(capture, paris(2026, 7, 13, 11, 0))
    token = unsubscribe_token(user_id=enrolment.learner_id, rule_code=reminders.SURVEY_RULE)
    response = client_without_second_factor.post(f"/relances/desabonnement/{token}/")
    assert response.status_code == 200
    assert plan_and_dispatch(capture, paris(2026, 7, 23, 11, 0)) == []
    assert plan_and_dispatch(capture, paris(2027, 1, 12, 11, 0)) == []
    assert plan_and_dispatch(capture, paris(2028, 1, 12, 11, 0)) == []
    assert _rows().count() == 1


def test_withdrawn_consent_cancels_the_waiting_reminder(rules, enrolment, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    plan_and_dispatch(capture, paris(2026, 7, 13, 11, 0))
    services.consent_withdraw(user=enrolment.learner)
    assert plan_and_dispatch(capture, paris(2026, 7, 23, 11, 0)) == []
    assert plan_and_dispatch(capture, paris(2027, 1, 12, 11, 0)) == []
    assert list(_rows().values_list("state", flat=True)) == [OutboxState.SENT]


def test_no_consent_no_survey(rules, django_capture_on_commit_callbacks):
    cohort = CohortFactory(starts_on=datetime.date(2025, 1, 6), ends_on=datetime.date(2025, 12, 19))
    never_asked = graduate(cohort=cohort, awarded_on=AWARDED_ON)
    declined = graduate(cohort=cohort, awarded_on=AWARDED_ON)
    FollowUpConsentFactory(user=declined.learner, agreed=False, agreed_at=None)
    deferred = graduate(cohort=cohort, awarded_on=AWARDED_ON, outcome=JuryOutcome.DEFERRED)
    FollowUpConsentFactory(user=deferred.learner)
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 13, 11, 0)) == []
    assert not _rows().exists()
    assert never_asked.learner.email not in [m.to[0] for m in mail.outbox]


def test_an_award_replaced_by_the_jury_stops_the_surveys(rules, enrolment, django_capture_on_commit_callbacks):
    from final_validation.models import FinalDecision

    FinalDecision.objects.create(
        enrolment=enrolment,
        outcome=JuryOutcome.DEFERRED,
        jury_date=AWARDED_ON,
        note="Erreur de saisie",
        change_reason="Erreur",
        recorded_by=enrolment.learner,
    )
    assert plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 13, 11, 0)) == []


def test_survey_in_english_for_a_graduate_who_reads_english(rules, enrolment, django_capture_on_commit_callbacks):
    enrolment.learner.preferred_language = "en"
    enrolment.learner.save(update_fields=["preferred_language"])
    sent = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 13, 11, 0))
    assert sent[0].subject == "6 months after the diploma, how are you?"
    assert "Five questions, two minutes, no account needed" in sent[0].body

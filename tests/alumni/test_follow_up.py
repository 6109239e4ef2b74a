"""The graduate's consent, the single-use survey link (no account), the coordinators' reading of the answers,
the answers' retention and the graduate's archive."""

import datetime
import html

import pytest
import time_machine
from django.utils import timezone

from accounts.personal_data import collect
from alumni import services
from alumni.models import FollowUpConsent, SurveyInvitation, SurveyLink, SurveyResponse
from alumni.selectors import consent_is_active
from alumni.services import FollowUpError
from tasks.services import rules_sync
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    FollowUpConsentFactory,
    SurveyInvitationFactory,
    SurveyResponseFactory,
    UserFactory,
)
from tests.factories.alumni import graduate

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolment(cohort):
    rules_sync()
    return graduate(cohort=cohort, awarded_on=timezone.localdate() - datetime.timedelta(days=200))


@pytest.fixture
def token(enrolment):
    FollowUpConsentFactory(user=enrolment.learner)
    path = services.survey_link_arm(enrolment_id=enrolment.pk, wave=6)
    return path.rstrip("/").split("/")[-1]


# --- Consent ----------------------------------------------------------------------------------------------


def test_graduate_agrees_then_withdraws_from_their_page(client, enrolment):
    client.force_login(enrolment.learner)
    page = client.get("/suivi-diplomes/")
    assert page.status_code == 200
    assert "Vous n'avez pas encore répondu à cette question. Rien ne presse." in html.unescape(page.content.decode())
    response = client.post("/suivi-diplomes/", {"agreed": "yes"}, follow=True)
    assert "Vous avez accepté de recevoir le questionnaire." in html.unescape(response.content.decode())
    assert consent_is_active(user=enrolment.learner)
    response = client.post("/suivi-diplomes/", {"agreed": "no"}, follow=True)
    assert "Vous avez retiré votre accord" in html.unescape(response.content.decode())
    consent = FollowUpConsent.objects.get(user=enrolment.learner)
    assert (consent.agreed, consent.withdrawn_at is not None) == (False, True)


def test_consent_form_without_a_choice_is_refused_calmly(client, enrolment):
    client.force_login(enrolment.learner)
    response = client.post("/suivi-diplomes/", {})
    assert response.status_code == 200
    assert "Merci de choisir une réponse." in html.unescape(response.content.decode())
    assert not FollowUpConsent.objects.exists()


def test_follow_up_page_is_for_graduates_only(client, learner, cohort):
    client.force_login(learner)
    assert client.get("/suivi-diplomes/").status_code == 404
    deferred = graduate(cohort=cohort, awarded_on=timezone.localdate(), outcome="deferred")
    client.force_login(deferred.learner)
    assert client.get("/suivi-diplomes/").status_code == 404
    with pytest.raises(FollowUpError, match="réservé aux diplômés"):
        services.consent_set(user=learner, agreed=True)


def test_anonymous_visitor_is_sent_to_log_in(client_without_second_factor, enrolment):
    response = client_without_second_factor.get("/suivi-diplomes/")
    assert response.status_code == 302 and "/compte/" in response["Location"]


def test_my_space_shows_the_entry_to_graduates(client, enrolment, learner):
    client.force_login(enrolment.learner)
    assert "Après le diplôme" in html.unescape(client.get("/compte/mon-espace/").content.decode())
    client.force_login(learner)
    assert "Après le diplôme" not in html.unescape(client.get("/compte/mon-espace/").content.decode())


# --- The single-use link ----------------------------------------------------------------------------------


def test_survey_answered_without_an_account(client_without_second_factor, enrolment, token):
    url = f"/suivi-diplomes/questionnaire/{token}/"
    page = client_without_second_factor.get(url)
    assert page.status_code == 200
    assert "comment allez-vous, 6 mois après le diplôme" in html.unescape(page.content.decode()).lower()
    data = {
        "works_as_peer_supporter": "yes",
        "structure_kind": "medico_social",
        "contract": "cdi",
        "pay": "paid",
        "weekly_hours": "24",
        "helped_text": "Mon binôme",
        "hindered_text": "",
    }
    response = client_without_second_factor.post(url, data)
    assert "Merci, vos réponses sont enregistrées." in html.unescape(response.content.decode())
    answer = SurveyResponse.objects.get()
    assert (answer.invitation.enrolment, answer.structure_kind, answer.weekly_hours) == (enrolment, "medico_social", 24)
    assert SurveyLink.objects.get().used_at is not None


def test_link_used_twice_is_refused(client_without_second_factor, token):
    url = f"/suivi-diplomes/questionnaire/{token}/"
    client_without_second_factor.post(url, {"works_as_peer_supporter": "no"})
    again = client_without_second_factor.post(url, {"works_as_peer_supporter": "yes", "structure_kind": "gem"})
    assert again.status_code == 410
    assert "Ce questionnaire a déjà reçu une réponse. Merci !" in html.unescape(again.content.decode())
    assert SurveyResponse.objects.count() == 1
    with pytest.raises(FollowUpError, match="déjà reçu une réponse"):
        services.survey_answer(token=token, works_as_peer_supporter=True, structure_kind="gem")


def test_the_reminders_link_is_closed_once_the_first_one_answered(enrolment, token):
    second = services.survey_link_arm(enrolment_id=enrolment.pk, wave=6).rstrip("/").split("/")[-1]
    services.survey_answer(token=token, works_as_peer_supporter=False)
    with pytest.raises(FollowUpError, match="déjà reçu une réponse"):
        services.survey_answer(token=second, works_as_peer_supporter=False)


def test_expired_link_is_refused(client_without_second_factor, token):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=services.LINK_VALID_DAYS + 1)):
        response = client_without_second_factor.get(f"/suivi-diplomes/questionnaire/{token}/")
        with pytest.raises(FollowUpError, match="Ce lien a expiré"):
            services.survey_answer(token=token, works_as_peer_supporter=False)
    assert response.status_code == 410
    assert "Ce lien a expiré" in html.unescape(response.content.decode())
    assert not SurveyResponse.objects.exists()


def test_unknown_or_tampered_token_is_refused(client_without_second_factor, token):
    response = client_without_second_factor.get(f"/suivi-diplomes/questionnaire/{token[:-2]}xx/")
    assert response.status_code == 410
    assert "Ce lien n'est pas valide." in html.unescape(response.content.decode())


def test_another_persons_link_is_refused_to_a_signed_in_graduate(client, cohort, token):
    other = graduate(cohort=cohort, awarded_on=timezone.localdate() - datetime.timedelta(days=200))
    client.force_login(other.learner)
    response = client.post(f"/suivi-diplomes/questionnaire/{token}/", {"works_as_peer_supporter": "no"})
    assert response.status_code == 410
    assert "Ce lien a été envoyé à une autre personne." in html.unescape(response.content.decode())
    assert not SurveyResponse.objects.exists()


def test_link_of_someone_who_withdrew_is_refused(enrolment, token):
    services.consent_withdraw(user=enrolment.learner)
    with pytest.raises(FollowUpError, match="ne plus recevoir ces questionnaires"):
        services.survey_answer(token=token, works_as_peer_supporter=False)


def test_stop_button_on_the_survey_page_withdraws_consent(client_without_second_factor, enrolment, token):
    response = client_without_second_factor.post(f"/suivi-diplomes/questionnaire/{token}/", {"action": "stop"})
    assert "vous ne recevrez plus de questionnaire" in html.unescape(response.content.decode())
    assert not consent_is_active(user=enrolment.learner)


def test_working_without_a_structure_is_refused_and_nothing_is_written(client_without_second_factor, token):
    response = client_without_second_factor.post(
        f"/suivi-diplomes/questionnaire/{token}/", {"works_as_peer_supporter": "yes", "weekly_hours": "200"}
    )
    content = html.unescape(response.content.decode())
    assert "Merci d'indiquer dans quel type de structure vous travaillez." in content
    assert "Indiquez un nombre d'heures entre 0 et 80." in content
    assert not SurveyResponse.objects.exists()
    assert SurveyLink.objects.get().used_at is None


# --- Who reads the answers --------------------------------------------------------------------------------


def test_programme_coordinator_reads_each_answer(client, coordinator, cohort, enrolment):
    SurveyResponseFactory(invitation=SurveyInvitationFactory(enrolment=enrolment), helped_text="Le GEM du quartier")
    client.force_login(coordinator)
    response = client.get(f"/suivi-diplomes/programme/{cohort.programme_id}/reponses/")
    assert response.status_code == 200
    assert "Le GEM du quartier" in html.unescape(response.content.decode())


def test_other_programmes_coordinator_and_learners_are_refused(client, cohort, enrolment, learner):
    SurveyResponseFactory(invitation=SurveyInvitationFactory(enrolment=enrolment))
    other_coordinator = UserFactory()
    CohortFactory().coordinators.add(other_coordinator)
    url = f"/suivi-diplomes/programme/{cohort.programme_id}/reponses/"
    for person in (other_coordinator, learner, enrolment.learner):
        client.force_login(person)
        assert client.get(url).status_code == 404


def test_answers_page_query_count_is_constant(client, coordinator, cohort, django_assert_num_queries):
    client.force_login(coordinator)
    url = f"/suivi-diplomes/programme/{cohort.programme_id}/reponses/"

    def add(count):
        for _ in range(count):
            SurveyResponseFactory(invitation=SurveyInvitationFactory(enrolment=EnrolmentFactory(cohort=cohort)))

    add(1)
    client.get(url)
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
    add(11)
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


# --- Retention and the archive ----------------------------------------------------------------------------


def test_answers_deleted_after_their_retention_period(settings, enrolment):
    settings.ALUMNI_ANSWERS_RETENTION_MONTHS = 60
    with time_machine.travel(timezone.now() - datetime.timedelta(days=5 * 366)):
        old = SurveyResponseFactory(invitation=SurveyInvitationFactory(enrolment=enrolment, wave=6))
    recent = SurveyResponseFactory(invitation=SurveyInvitationFactory(enrolment=enrolment, wave=12))
    assert services.answers_delete_expired() == {"answers": 1, "invitations": 1}
    assert list(SurveyResponse.objects.all()) == [recent]
    assert not SurveyInvitation.objects.filter(pk=old.invitation_id).exists()
    assert services.answers_delete_expired() == {"answers": 0, "invitations": 0}


def test_graduates_archive_holds_consent_and_answers(enrolment):
    FollowUpConsentFactory(user=enrolment.learner)
    SurveyResponseFactory(invitation=SurveyInvitationFactory(enrolment=enrolment), hindered_text="Les transports")
    sections = {section.key: section for section in collect(enrolment.learner)}
    assert sections["alumni.consent"].records[0]["agreed"] is True
    assert sections["alumni.answers"].records[0]["hindered_text"] == "Les transports"
    assert sections["alumni.invitations"].records[0]["wave"] == 6


def test_the_nightly_task_deletes_expired_answers(settings, enrolment):
    from alumni.tasks import delete_expired_answers
    from tasks.celery import collect_beat_schedule

    assert collect_beat_schedule()["alumni-delete-expired-answers"]["task"] == "alumni.delete_expired_answers"
    settings.ALUMNI_ANSWERS_RETENTION_MONTHS = 12
    with time_machine.travel(timezone.now() - datetime.timedelta(days=400)):
        SurveyResponseFactory(invitation=SurveyInvitationFactory(enrolment=enrolment, wave=6))
    assert delete_expired_answers.delay().get() == {"answers": 1, "invitations": 1}
    assert not SurveyResponse.objects.exists()

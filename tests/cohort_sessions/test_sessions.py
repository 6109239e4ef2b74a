"""Creating and changing sessions; learners hear about changes that matter to them."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from cohort_sessions.models import CohortSession
from cohort_sessions.services import CalendarError, session_create, session_update
from tasks.models import Outbox
from tests.factories import CohortSessionFactory, EnrolmentFactory, ProgrammePageFactory, UserFactory

pytestmark = pytest.mark.django_db

NEXT_MONTH = timezone.localdate() + datetime.timedelta(days=30)


def new_session(cohort, **overrides):
    values = {
        "cohort": cohort,
        "title": "Regroupement 4 — Gestion de crise",
        "date": NEXT_MONTH,
        "starts_at": datetime.time(9, 30),
        "ends_at": datetime.time(16, 30),
        "mode": "in_person",
        "place": "Amphi B, faculté de médecine",
    }
    values.update(overrides)
    return session_create(**values)


def test_session_create_saves_the_session_with_its_modules(cohort):
    child = cohort.programme.add_child(instance=type(cohort.programme)(title="Module 2 — Rétablissement", slug="m2"))
    session = new_session(cohort, modules=[child], speakers="Dr Alix Fontaine\n\n Samir Haddad ")
    session.refresh_from_db()
    assert session.title == "Regroupement 4 — Gestion de crise"
    assert list(session.modules.all()) == [child.page_ptr]
    assert session.speaker_list == ["Dr Alix Fontaine", "Samir Haddad"]
    assert session.sequence == 0


def test_session_create_refuses_a_page_of_another_programme(cohort):
    elsewhere = ProgrammePageFactory()
    with pytest.raises(CalendarError, match="n'est pas un module de ce diplôme") as caught:
        new_session(cohort, modules=[elsewhere])
    assert "modules" in caught.value.errors
    assert not CohortSession.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": datetime.time(9, 30)}, "ends_at", "L'heure de fin doit être après l'heure de début."),
        ({"place": " "}, "place", "Indiquez le lieu d'un regroupement en présentiel ou hybride."),
        (
            {"mode": "remote", "place": ""},
            "video_url",
            "Indiquez le lien de visioconférence d'un regroupement à distance ou hybride.",
        ),
        (
            {"mode": "hybrid", "video_url": ""},
            "video_url",
            "Indiquez le lien de visioconférence d'un regroupement à distance ou hybride.",
        ),
    ],
)
def test_session_create_refuses_inconsistent_details(cohort, overrides, field, message):
    with pytest.raises(CalendarError, match=r"Merci de vérifier les informations du regroupement\.") as caught:
        new_session(cohort, **overrides)
    assert caught.value.errors[field] == message
    assert not CohortSession.objects.exists()


def test_database_refuses_a_session_ending_before_it_starts(cohort):
    with pytest.raises(IntegrityError, match="session_ends_after_start"), transaction.atomic():
        CohortSessionFactory(cohort=cohort, starts_at=datetime.time(14), ends_at=datetime.time(10))


def test_database_refuses_a_remote_session_without_link(cohort):
    with pytest.raises(IntegrityError, match="session_video_link_unless_in_person"), transaction.atomic():
        CohortSessionFactory(cohort=cohort, mode="remote", place="", video_url="")


def test_session_update_of_the_place_emails_each_active_learner_in_their_language(
    cohort, learner, django_capture_on_commit_callbacks
):
    english = EnrolmentFactory(cohort=cohort, learner=UserFactory(preferred_language="en", first_name="Sam")).learner
    EnrolmentFactory(cohort=cohort, withdrawn=True)
    EnrolmentFactory(cohort=cohort, deferred=True)
    EnrolmentFactory()  # another cohort
    session = CohortSessionFactory(cohort=cohort, title="Regroupement 2 — Éthique")

    with django_capture_on_commit_callbacks(execute=True):
        changes = session_update(session=session, place="Salle 12, Maison des associations")

    # Through the reminder engine's outbox: logged for the coordinators, one row per learner, sent.
    rows = Outbox.objects.filter(rule__code="cohorts.session_changed", cohort=cohort)
    assert sorted(rows.values_list("recipient_email", "state")) == sorted(
        [(learner.email, "sent"), (english.email, "sent")]
    )
    assert changes == {"place": ["Salle 204, 12 rue des Tilleuls, Lyon", "Salle 12, Maison des associations"]}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([learner.email, english.email])
    by_recipient = {m.to[0]: m for m in mail.outbox}
    french = by_recipient[learner.email]
    assert french.subject == "Changement pour le regroupement « Regroupement 2 — Éthique »"
    assert "Salle 12, Maison des associations" in french.body
    assert "Ce qui a changé : le lieu." in french.body
    assert "/calendrier/mes-regroupements/" in french.body
    in_english = by_recipient[english.email]
    assert in_english.subject == "Change to the session “Regroupement 2 — Éthique”"
    assert "What changed: the place." in in_english.body
    session.refresh_from_db()
    assert session.sequence == 1


def test_session_update_of_date_and_time_lists_both_changes(cohort, learner, django_capture_on_commit_callbacks):
    session = CohortSessionFactory(cohort=cohort)
    later = session.date + datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        changes = session_update(session=session, date=later, starts_at=datetime.time(10, 0))
    assert set(changes) == {"date", "starts_at"}
    assert changes["starts_at"] == ["09:30", "10:00"]
    assert len(mail.outbox) == 1
    assert "Ce qui a changé : la date, l'heure de début." in mail.outbox[0].body


def test_session_update_of_the_title_only_notifies_nobody_but_bumps_sequence(
    cohort, learner, django_capture_on_commit_callbacks
):
    session = CohortSessionFactory(cohort=cohort)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        changes = session_update(session=session, title="Regroupement 2 — Éthique et posture")
    assert changes == {}
    # No notification queued; only the cohort's figures get a new version (the title is in "attendance to take").
    assert [callback.__qualname__ for callback in callbacks] == ["bump_on_commit.<locals>.run"]
    assert mail.outbox == []
    session.refresh_from_db()
    assert session.sequence == 1


def test_session_update_without_change_keeps_the_sequence(cohort, learner, django_capture_on_commit_callbacks):
    session = CohortSessionFactory(cohort=cohort)
    with django_capture_on_commit_callbacks(execute=True):
        assert session_update(session=session, place=session.place, title=session.title) == {}
    session.refresh_from_db()
    assert session.sequence == 0
    assert mail.outbox == []


def test_session_update_of_a_past_session_notifies_nobody(cohort, learner, django_capture_on_commit_callbacks):
    session = CohortSessionFactory(cohort=cohort, past=True)
    with django_capture_on_commit_callbacks(execute=True):
        session_update(session=session, place="Salle corrigée après coup")
    assert mail.outbox == []


def test_session_update_refused_leaves_the_session_unchanged(cohort, learner, django_capture_on_commit_callbacks):
    session = CohortSessionFactory(cohort=cohort)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(CalendarError, match=r"Merci de vérifier les informations du regroupement\."),
    ):
        session_update(session=session, place="Ailleurs", ends_at=datetime.time(8, 0))
    session.refresh_from_db()
    assert (session.place, session.sequence) == ("Salle 204, 12 rue des Tilleuls, Lyon", 0)
    assert mail.outbox == []


def test_notification_task_is_registered_for_workers_under_its_explicit_name():
    from tasks.celery import app

    assert "cohorts.notify_session_changed" in app.tasks


def test_notifying_the_same_change_twice_tells_each_learner_once(cohort, learner, django_capture_on_commit_callbacks):
    from cohort_sessions.tasks import notify_session_changed

    session = CohortSessionFactory(cohort=cohort)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_session_changed(session.pk, {"place": ["a", "b"]}) == 1
        assert notify_session_changed(session.pk, {"place": ["a", "b"]}) == 0
    assert len(mail.outbox) == 1


def test_notification_task_is_safe_when_the_session_was_deleted(cohort, learner):
    from cohort_sessions.tasks import notify_session_changed

    session = CohortSessionFactory(cohort=cohort)
    session_id = session.pk
    session.delete()
    assert notify_session_changed(session_id, {"place": ["a", "b"]}) == 0
    assert mail.outbox == []

"""Browser journey: the coordinator runs the cohort from its dashboard — takes attendance for a session it
flags, sees who is behind, and writes to the learners who have not started a module."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.enums import CompletionRule
from lms.records import lesson_complete
from tasks.enums import OutboxState
from tasks.models import Outbox
from tests.e2e.conftest import login
from tests.factories import (
    CohortFactory,
    CohortSessionFactory,
    EnrolmentFactory,
    LessonPageFactory,
    ModulePageFactory,
    ProgrammePageFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = "/tmp/cohortlife-cockpit"


@pytest.fixture(scope="module", autouse=True)
def _migrated_rows(django_db_setup, django_db_blocker):
    """Keep the rows that data migrations create (home page, groups) for the browser tests that run next
    (see tests/e2e/test_cohort_calendar_journey.py for why)."""
    from django.db import connection

    with django_db_blocker.unblock():
        from cms.models import HomePage

        if getattr(connection, "_test_serialized_contents", None) is None and HomePage.objects.exists():
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield
    snapshot = getattr(connection, "_test_serialized_contents", None)
    if snapshot:
        with django_db_blocker.unblock():
            connection.creation.deserialize_db_from_string(snapshot)


@pytest.fixture
def promotion():
    programme = ProgrammePageFactory(title="DU Pair-aidance en santé mentale")
    first = ModulePageFactory(parent=programme, order=1, title="Le rétablissement")
    second = ModulePageFactory(parent=programme, order=2, title="La gestion de crise")
    lessons = {
        module.pk: [LessonPageFactory(parent=module, completion_rule=CompletionRule.MARKED_DONE) for _ in range(2)]
        for module in (first, second)
    }
    coordinator = UserFactory(email="claire@example.test", first_name="Claire", last_name="Moreau", staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    today = timezone.localdate()
    cohort = CohortFactory(
        programme=programme,
        label="2026-2027",
        coordinators=[coordinator],
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=240),
    )
    lea = UserFactory(email="lea@example.test", first_name="Léa", last_name="Martin")
    yanis = UserFactory(email="yanis@example.test", first_name="Yanis", last_name="Morel")
    for person in (lea, yanis):
        EnrolmentFactory(cohort=cohort, learner=person)
    for lesson in lessons[first.pk]:
        lesson_complete(learner=lea, lesson=lesson, how=CompletionRule.MARKED_DONE)
    CohortSessionFactory(cohort=cohort, title="Regroupement 1 — Écoute active", date=today - datetime.timedelta(days=3))
    return {"cohort": cohort, "lea": lea, "yanis": yanis, "first": first}


def test_coordinator_runs_the_cohort_from_its_dashboard(page, phone_page, promotion):
    cohort, yanis = promotion["cohort"], promotion["yanis"]

    login(page, "claire@example.test")
    page.get_by_role("link", name="Tableau de bord — DU Pair-aidance en santé mentale — 2026-2027").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Tableau de bord — DU Pair-aidance en santé mentale 2026-2027"
    )
    actions = page.locator("section", has=page.get_by_role("heading", name="Ce qui attend votre action aujourd'hui"))
    assert "Appels à faire" in actions.inner_text()
    page.screenshot(path=f"{SHOTS}-before.png", full_page=True)

    # The forgotten register is one click away.
    actions.get_by_role("link", name="Faire l'appel pour « Regroupement 1 — Écoute active »").click()
    page.get_by_role("group", name="Martin Léa").get_by_role("radio", name="Présent·e").check()
    page.get_by_role("group", name="Morel Yanis").get_by_role("radio", name="Absent·e").check()
    page.get_by_role("button", name="Enregistrer les présences").click()
    assert "Présences enregistrées" in page.get_by_role("status").inner_text()

    page.goto(f"/selection/promotions/{cohort.pk}/tableau-de-bord/")
    assert "Rien ne vous attend aujourd'hui." in actions.inner_text()
    roster = page.get_by_role("table", name="2 apprenants en formation, par ordre alphabétique")
    lea_row = roster.get_by_role("row").filter(has_text="Léa Martin")
    yanis_row = roster.get_by_role("row").filter(has_text="Yanis Morel")
    assert "50 %" in lea_row.inner_text() and "100 %" in lea_row.inner_text()  # half the lessons; all sessions
    assert "0 %" in yanis_row.inner_text() and "0 sur 1" in yanis_row.inner_text()
    assert "pas encore de stage" in yanis_row.inner_text()
    page.screenshot(path=f"{SHOTS}-after-attendance.png", full_page=True)

    # Write to the learners who have not started the first module: only Yanis.
    page.get_by_role("combobox", name="Écrire aux apprenants qui…").select_option(label="n'ont pas commencé un module")
    page.get_by_role("combobox", name="Module", exact=True).select_option(label="Le rétablissement")
    page.get_by_role("button", name="Voir les destinataires").click()
    assert (
        "Apprenants qui n'ont pas commencé « Le rétablissement »"
        in page.get_by_role("heading", level=2).first.inner_text()
    )
    recipients = page.get_by_role("group", name="Destinataire (1)")
    assert recipients.get_by_role("checkbox", name="Yanis Morel (yanis@example.test)").is_checked()
    assert "lea@example.test" not in recipients.inner_text()

    # Nothing goes without a subject: the error is announced and nothing is queued.
    page.get_by_label("Message").fill("Le premier module vous attend, à votre rythme.")
    page.get_by_role("button", name="Envoyer le message").click()
    assert "Merci d'écrire un objet." in page.get_by_role("alert").inner_text()
    assert not Outbox.objects.exists()
    page.screenshot(path=f"{SHOTS}-write-error.png", full_page=True)

    page.get_by_label("Objet").fill("Le module « Le rétablissement » vous attend")
    page.get_by_role("button", name="Envoyer le message").click()
    assert "Votre message part vers 1 apprenant." in page.get_by_role("status").inner_text()
    sent = page.get_by_role("table", name="Messages écrits depuis cette page, du plus récent au plus ancien")
    line = sent.get_by_role("row").filter(has_text="Le module « Le rétablissement » vous attend")
    assert "Claire Moreau" in line.inner_text()
    assert "1 envoyé" in line.inner_text() or "1 en cours d'envoi" in line.inner_text()
    page.screenshot(path=f"{SHOTS}-sent.png", full_page=True)

    [row] = Outbox.objects.filter(rule__code="cohorts.coordinator_message")
    assert (row.recipient_id, row.cohort_id) == (yanis.pk, cohort.pk)
    assert row.state in (OutboxState.SENT, OutboxState.PENDING)  # at night, it waits for the morning

    # The same dashboard on a phone.
    login(phone_page, "claire@example.test")
    phone_page.goto(f"/selection/promotions/{cohort.pk}/tableau-de-bord/")
    assert phone_page.get_by_role("heading", name="Les apprenants").is_visible()
    phone_page.screenshot(path=f"{SHOTS}-phone.png", full_page=True)

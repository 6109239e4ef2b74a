"""Every read of sensitive data is written down, and shown to the programme's coordinators and to the person."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from accounts.personal_data import build_archive
from audit.enums import AccessKind
from audit.models import AccessRecord
from internships.enums import PlacementStatus
from internships.services import concern_raise
from selection import services as selection_services
from selection.enums import ApplicationStatus
from tests.factories import (
    ApplicationDocumentFactory,
    ApplicationFactory,
    CohortFactory,
    EnrolmentFactory,
    JournalEntryFactory,
    PlacementFactory,
    SelectionRoundFactory,
    UserFactory,
)
from tests.utils import prepared_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(selection_round):
    return ApplicationFactory(selection_round=selection_round, under_review=True)


@pytest.fixture
def document(application):
    return ApplicationDocumentFactory(
        application=application, required_document=application.selection_round.required_documents.first()
    )


def test_coordinator_reading_a_dossier_page_pdf_and_file_is_written_down(client, coordinator, application, document):
    client.force_login(coordinator)
    round_id = application.selection_round_id
    assert client.get(reverse("selection:manage_application", args=[round_id, application.pk])).status_code == 200
    assert client.get(reverse("selection:document_file", args=[document.pk])).status_code == 200
    records = list(AccessRecord.objects.order_by("pk"))
    assert [(r.reader, r.person, r.kind) for r in records] == [
        (coordinator, application.candidate, AccessKind.DOSSIER),
        (coordinator, application.candidate, AccessKind.DOSSIER_FILE),
    ]
    assert {r.target for r in records} == {application}
    assert {r.cohort_id for r in records} == {application.selection_round.cohort_id}
    assert records[1].detail == f"{document.required_document.label} (cv.pdf)"


def test_candidate_reading_their_own_dossier_is_not_logged(client, application, document):
    client.force_login(application.candidate)
    assert client.get(reverse("selection:dossier", args=[application.pk])).status_code == 200
    assert client.get(reverse("selection:document_file", args=[document.pk])).status_code == 200
    assert not AccessRecord.objects.exists()


def test_candidate_sees_who_read_their_dossier(client, coordinator, application):
    client.force_login(coordinator)
    client.get(reverse("selection:manage_application", args=[application.selection_round_id, application.pk]))
    client.force_login(application.candidate)
    page = client.get(reverse("selection:dossier", args=[application.pk])).content.decode()
    assert "Qui a lu mon dossier" in page
    assert f"{coordinator.full_name} (Dossier de candidature)" in page
    mine = client.get(reverse("audit:mine")).content.decode()
    assert coordinator.full_name in mine and "Dossier de candidature" in mine
    home = client.get(reverse("my_space:home")).content.decode()
    assert reverse("audit:mine") in home


def test_shared_journal_read_by_a_coordinator_is_written_down(client, cohort, coordinator):
    enrolment = EnrolmentFactory(cohort=cohort)
    detail = reverse("lms:learner_detail", args=[cohort.pk, enrolment.pk])
    client.force_login(coordinator)
    client.get(detail)
    assert not AccessRecord.objects.exists()  # nothing shared, nothing read
    JournalEntryFactory(learner=enrolment.learner, title="Ce silence")
    JournalEntryFactory(learner=enrolment.learner, title="Retour de stage", shared=True)
    assert "Retour de stage" in client.get(detail).content.decode()
    record = AccessRecord.objects.get()
    assert (record.reader, record.person, record.kind, record.target) == (
        coordinator,
        enrolment.learner,
        AccessKind.JOURNAL,
        enrolment,
    )
    assert record.detail == "Retour de stage"


def test_concern_read_is_written_down(client, cohort, coordinator):
    placement = PlacementFactory(enrolment=EnrolmentFactory(cohort=cohort), status=PlacementStatus.IN_PROGRESS)
    learner = placement.enrolment.learner
    concern = concern_raise(placement=placement, severity="high", description="Je ne dors plus.", by=learner)
    client.force_login(learner)
    assert client.get(reverse("internships:concern", args=[concern.pk])).status_code == 200
    assert not AccessRecord.objects.exists()
    client.force_login(coordinator)
    assert "Je ne dors plus." in client.get(reverse("internships:concern", args=[concern.pk])).content.decode()
    record = AccessRecord.objects.get()
    assert (record.reader, record.person, record.kind, record.target, record.cohort_id) == (
        coordinator,
        learner,
        AccessKind.CONCERN,
        concern,
        cohort.pk,
    )


def test_export_with_sensitive_columns_is_written_down_for_each_person(client, coordinator, selection_round):
    applications = ApplicationFactory.create_batch(3, selection_round=selection_round, under_review=True)
    url = reverse("selection:manage_export", args=[selection_round.pk])
    client.force_login(coordinator)
    assert client.get(url, {"columns": ["reference", "email"], "format": "csv"}).status_code == 200
    assert not AccessRecord.objects.exists()  # no sensitive column
    # The workbook is built in the background: the read is written down when it is built for this coordinator.
    assert (
        prepared_file(client, url, {"columns": ["reference", "lived_experience"], "format": "xlsx"}).status_code == 200
    )
    records = AccessRecord.objects.filter(kind=AccessKind.EXPORT)
    assert sorted(records.values_list("person_id", flat=True)) == sorted(a.candidate_id for a in applications)
    assert {r.reader_id for r in records} == {coordinator.pk}
    assert {r.detail for r in records} == {f"{selection_round.title} : Savoir expérientiel"}


def test_coordinator_sees_the_reads_about_a_person_of_their_programme_only(client, cohort, coordinator, application):
    juror = application.selection_round.jury_members.first()
    other_cohort = CohortFactory()
    other_coordinator = UserFactory()
    other_cohort.coordinators.add(other_coordinator)
    AccessRecord.objects.create(
        reader=juror, person=application.candidate, kind=AccessKind.DOSSIER_PDF, cohort_id=cohort.pk
    )
    # A read about the same person in a programme this coordinator does not coordinate stays out of sight.
    AccessRecord.objects.create(
        reader=other_coordinator, person=application.candidate, kind=AccessKind.CONCERN, cohort_id=other_cohort.pk
    )
    url = reverse("cockpit:access", args=[cohort.pk, application.candidate_id])
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert juror.full_name in page and "Dossier de candidature (PDF)" in page
    assert other_coordinator.full_name not in page and "Signalement" not in page
    manage = client.get(reverse("selection:manage_application", args=[application.selection_round_id, application.pk]))
    assert url in manage.content.decode()
    client.force_login(other_coordinator)
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    stranger = UserFactory()
    assert client.get(reverse("cockpit:access", args=[cohort.pk, stranger.pk])).status_code == 404


def test_access_log_page_queries_do_not_grow_with_rows(client, cohort, coordinator, django_assert_num_queries):
    learner = EnrolmentFactory(cohort=cohort).learner
    url = reverse("cockpit:access", args=[cohort.pk, learner.pk])
    client.force_login(coordinator)

    def make(count):
        AccessRecord.objects.bulk_create(
            AccessRecord(reader=UserFactory(), person=learner, kind=AccessKind.JOURNAL, cohort_id=cohort.pk)
            for _ in range(count)
        )

    make(1)
    client.get(url)  # warm the session and content-type caches
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
    make(5)
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200


def test_reads_are_in_the_persons_data_archive(coordinator, application):
    AccessRecord.objects.create(reader=coordinator, person=application.candidate, kind=AccessKind.DOSSIER)
    with zipfile.ZipFile(io.BytesIO(build_archive(application.candidate))) as bundle:
        data = json.loads(bundle.read("donnees.json"))
    reads = data["sections"]["audit.reads"]
    assert [(r["reader"], r["what"]) for r in reads["records"]] == [(coordinator.full_name, "Dossier de candidature")]


def test_anonymised_dossier_keeps_who_read_it_but_not_about_whom(coordinator, selection_round):
    application = ApplicationFactory(selection_round=selection_round, status=ApplicationStatus.REFUSED)
    selection_services.dossier_read_log(application=application, reader=coordinator, kind=AccessKind.DOSSIER)
    other = ApplicationFactory(selection_round=SelectionRoundFactory(), under_review=True)
    selection_services.dossier_read_log(application=other, reader=coordinator, kind=AccessKind.DOSSIER)
    assert selection_services.application_anonymise(application=application)
    kept = AccessRecord.objects.get(object_id=application.pk, content_type__model="application")
    assert kept.person is None and kept.reader == coordinator
    assert AccessRecord.objects.get(object_id=other.pk).person == other.candidate

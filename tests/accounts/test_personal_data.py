"""“Download my data”: a person gets everything held about them, and nothing about anyone else."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from tests.factories import (
    ApplicationDocumentFactory,
    ApplicationFactory,
    EnrolmentFactory,
    JournalEntryFactory,
    PlacementFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("accounts:personal_data")


def _archive(client, user) -> zipfile.ZipFile:
    client.force_login(user)
    response = client.post(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="mes-donnees-')
    assert response["Cache-Control"] == "no-store"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_archive_holds_the_persons_own_records_and_files(client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    person = UserFactory(first_name="Inès", email="ines@example.test")
    application = ApplicationFactory(candidate=person, lived_experience="Mon récit, synthétique.")
    ApplicationDocumentFactory(application=application, original_name="cv.pdf")
    enrolment = EnrolmentFactory(learner=person)
    JournalEntryFactory(learner=person, body="Ce que j'ai compris aujourd'hui.")
    PlacementFactory(enrolment=enrolment, tasks_and_objectives="Co-animer un groupe.")

    archive = _archive(client, person)
    names = archive.namelist()
    assert "LISEZ-MOI.txt" in names
    assert "fichiers/" + f"{application.pk}-cv.pdf" in names
    assert archive.read(f"fichiers/{application.pk}-cv.pdf").startswith(b"%PDF")
    data = json.loads(archive.read("donnees.json"))
    sections = data["sections"]
    assert data["person"] == "ines@example.test"
    assert sections["accounts.profile"]["records"][0]["first_name"] == "Inès"
    assert sections["cohorts.applications"]["records"][0]["lived_experience"] == "Mon récit, synthétique."
    assert sections["lms.journal"]["records"][0]["body"] == "Ce que j'ai compris aujourd'hui."
    assert sections["internships.placements"]["records"][0]["tasks_and_objectives"] == "Co-animer un groupe."
    assert "tableaux/lms.journal.csv" in names
    assert "Ce que j'ai compris aujourd'hui." in archive.read("tableaux/lms.journal.csv").decode("utf-8-sig")
    readme = archive.read("LISEZ-MOI.txt").decode()
    assert "Inès" in readme


def test_nobody_else_s_data_is_in_the_archive(client):
    person = UserFactory()
    other = UserFactory(email="autre@example.test")
    ApplicationFactory(candidate=other, lived_experience="Récit-de-Zoé-7731")
    JournalEntryFactory(learner=other, body="Journal-de-Zoé-7731")

    archive = _archive(client, person)
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert "Zoé-7731".encode() not in everything
    assert b"autre@example.test" not in everything
    sections = json.loads(archive.read("donnees.json"))["sections"]
    assert list(sections) == ["accounts.profile"]


def test_the_page_says_what_will_be_in_the_archive(client):
    person = UserFactory()
    JournalEntryFactory(learner=person)
    client.force_login(person)
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Votre journal (1 élément)" in content
    assert "Télécharger mes données" in content


def test_someone_not_logged_in_is_sent_to_the_login_page(client):
    response = client.post(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_my_space_links_to_the_download(client):
    person = UserFactory()
    client.force_login(person)
    assert URL in client.get(reverse("my_space:home")).content.decode()

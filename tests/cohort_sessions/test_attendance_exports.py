"""Attendance sheets (CSV, XLSX, PDF to sign) and cohort rosters, for the cohort's coordinators only."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import AttendanceFactory, CohortSessionFactory, EnrolmentFactory, UserFactory
from tests.utils import body, prepared_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(cohort, coordinator):
    """A past session with three active learners (one excused, one absent, one not recorded) and one withdrawn."""
    session = CohortSessionFactory(
        cohort=cohort, past=True, title="Regroupement 1 — Écoute active", speakers="Inès Garnier"
    )
    people = {
        "anna": UserFactory(first_name="Anna", last_name="Abadie", email="anna@example.test"),
        "bruno": UserFactory(first_name="Bruno", last_name="Béranger", email="bruno@example.test"),
        "chloe": UserFactory(first_name="Chloé", last_name="Carré", email="chloe@example.test"),
        "denis": UserFactory(first_name="Denis", last_name="Dupuis", email="denis@example.test"),
    }
    for key, person in people.items():
        EnrolmentFactory(cohort=cohort, learner=person, status="withdrawn" if key == "denis" else "active")
    AttendanceFactory(session=session, learner=people["anna"], excused=True, reason="Consultation au CMP")
    AttendanceFactory(session=session, learner=people["bruno"], absent=True)
    return session


def download(client, coordinator, name, *args):
    client.force_login(coordinator)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return response


def test_attendance_sheet_csv_lists_active_learners_with_status_and_no_reason(client, coordinator, register):
    response = download(client, coordinator, "cohort_sessions:attendance-sheet", register.pk, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="emargement-')
    text = body(response).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows == [
        ["Nom", "Prénom", "E-mail", "Statut"],
        ["Abadie", "Anna", "anna@example.test", "Absence excusée"],
        ["Béranger", "Bruno", "bruno@example.test", "Absent·e"],
        ["Carré", "Chloé", "chloe@example.test", ""],
    ]
    assert "CMP" not in text  # excuse reasons may be health data: never exported


def prepared(client, coordinator, name, *args):
    """A file built in the background (the sheet to sign, the workbook), downloaded when ready."""
    client.force_login(coordinator)
    response = prepared_file(client, reverse(name, args=args))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return response


def test_attendance_sheet_xlsx_has_the_same_rows(client, coordinator, register):
    response = prepared(client, coordinator, "cohort_sessions:attendance-sheet", register.pk, "xlsx")
    sheet = load_workbook(io.BytesIO(body(response))).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ["Nom", "Prénom", "E-mail", "Statut"]
    assert [row[0] for row in values[1:]] == ["Abadie", "Béranger", "Carré"]
    assert values[1][3] == "Absence excusée"


def test_attendance_sheet_pdf_has_names_signature_column_and_session_info(client, coordinator, register):
    from pypdf import PdfReader

    response = prepared(client, coordinator, "cohort_sessions:attendance-sheet", register.pk, "pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="emargement-')
    content = body(response)
    assert content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    for expected in (
        "Feuille d'émargement",
        "Regroupement 1 — Écoute active",
        "Signature",
        "Abadie",
        "Carré",
        "Inès Garnier",
    ):
        assert expected in text
    assert "Dupuis" not in text  # withdrawn
    assert "CMP" not in text


def test_roster_csv_and_xlsx_list_everyone_enrolled_with_their_rate(client, coordinator, register, learner):
    rows = list(
        csv.reader(
            io.StringIO(
                body(download(client, coordinator, "cohort_sessions:roster", register.cohort_id, "csv")).decode(
                    "utf-8-sig"
                )
            ),
            delimiter=";",
        )
    )
    assert rows[0] == [
        "Nom",
        "Prénom",
        "E-mail",
        "Statut de l'inscription",
        "Inscrit·e le",
        "Regroupements suivis",
        "Regroupements comptés",
        "Absences excusées",
        "Taux d'assiduité (%)",
    ]
    by_email = {row[2]: row for row in rows[1:]}
    assert set(by_email) == {
        "anna@example.test",
        "bruno@example.test",
        "chloe@example.test",
        "denis@example.test",
        learner.email,
    }
    assert by_email["anna@example.test"][5:] == ["0", "0", "1", ""]
    assert by_email["bruno@example.test"][5:] == ["0", "1", "0", "0"]
    assert (by_email["denis@example.test"][3], by_email["anna@example.test"][3]) == ("Retirée", "Active")
    assert rows[-1][2] == "denis@example.test"  # inactive enrolments last

    sheet = load_workbook(
        io.BytesIO(body(prepared(client, coordinator, "cohort_sessions:roster", register.cohort_id, "xlsx")))
    ).active
    assert sheet.max_row == 6
    assert sheet["A1"].value == "Nom"


def test_unknown_export_format_is_404(client, coordinator, register):
    client.force_login(coordinator)
    assert client.get(f"/calendrier/regroupements/{register.pk}/emargement.docx").status_code == 404
    assert client.get(f"/calendrier/promotions/{register.cohort_id}/liste.pdf").status_code == 404

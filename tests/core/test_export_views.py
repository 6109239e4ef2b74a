"""Every export of the platform goes through `core.exports`: a learner named like a formula comes out
neutralised in CSV and in XLSX, the file is never cached, and sensitive columns stay out unless chosen."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AccessRecord
from tests.factories import (
    ApplicationFactory,
    CohortSessionFactory,
    EnrolmentFactory,
    PlacementFactory,
    SelectionRoundFactory,
    UserFactory,
)
from tests.utils import body, prepared_file

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://evil.example.test","Cliquez")'


@pytest.fixture
def learner(cohort):
    person = UserFactory(last_name=FORMULA, first_name="@SOMME(A1)", email="lea@example.test")
    return EnrolmentFactory(cohort=cohort, learner=person)


def _exports(cohort, enrolment):
    session = CohortSessionFactory(cohort=cohort)
    PlacementFactory(enrolment=enrolment)
    return {
        "roster": lambda fmt: reverse("cohort_sessions:roster", args=[cohort.pk, fmt]),
        "attendance sheet": lambda fmt: reverse("cohort_sessions:attendance-sheet", args=[session.pk, fmt]),
        "internships": lambda fmt: reverse("internships:overview_export", args=[cohort.pk, fmt]),
        "progress": lambda fmt: reverse(f"lms:progress_{fmt}", kwargs={"cohort_id": cohort.pk}),
        "results": lambda fmt: reverse("final_validation:results", args=[cohort.pk, fmt]),
    }


def _cells_csv(response) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";") for cell in row]


def _cells_xlsx(response) -> list:
    sheet = load_workbook(io.BytesIO(body(response))).active
    return [cell for row in sheet.iter_rows(values_only=True) for cell in row]


def test_every_export_neutralises_formulas_in_csv_and_xlsx_and_is_not_cached(client, cohort, coordinator, learner):
    client.force_login(coordinator)
    for name, url in _exports(cohort, learner).items():
        for fmt, cells in (("csv", _cells_csv), ("xlsx", _cells_xlsx)):
            # A workbook of a long list is built in the background, then downloaded; a CSV comes at once.
            response = prepared_file(client, url(fmt), or_direct=True)
            assert response.status_code == 200, (name, fmt)
            assert response["Cache-Control"] == "private, no-store", (name, fmt)
            values = [str(value) for value in cells(response) if value is not None]
            dangerous = [v for v in values if v.startswith(("=", "+", "-", "@", "\t", "\r"))]
            assert dangerous == [], (name, fmt, dangerous)
            assert any(FORMULA in value for value in values), (name, fmt)  # still there, as text


def test_the_csv_exports_are_streamed(client, cohort, coordinator, learner):
    client.force_login(coordinator)
    for name, url in _exports(cohort, learner).items():
        assert client.get(url("csv")).streaming, name


def test_columns_can_be_chosen_on_every_export(client, cohort, coordinator, learner):
    client.force_login(coordinator)
    response = client.get(reverse("cohort_sessions:roster", args=[cohort.pk, "csv"]), {"columns": ["email"]})
    assert body(response).decode("utf-8-sig").splitlines() == ["E-mail", "lea@example.test"]


def test_applications_export_leaves_the_narrative_out_unless_chosen_and_records_the_read(client, coordinator, cohort):
    selection_round = SelectionRoundFactory(cohort=cohort)
    application = ApplicationFactory(
        selection_round=selection_round, lived_experience="RECIT-SENSIBLE", candidate__last_name=FORMULA
    )
    client.force_login(coordinator)
    url = reverse("selection:manage_export", args=[selection_round.pk])
    page = client.get(url).content.decode()
    assert 'value="lived_experience" id="col-lived_experience">' in page  # offered, not ticked
    plain = prepared_file(client, url, {"columns": ["last_name", "status"], "format": "xlsx"})
    assert plain["Cache-Control"] == "private, no-store"
    cells = _cells_xlsx(plain)
    assert "RECIT-SENSIBLE" not in [str(c) for c in cells]
    assert "'" + FORMULA in cells
    assert not AccessRecord.objects.exists()  # nothing sensitive in it: not a read of the dossier
    chosen = client.get(url, {"columns": ["last_name", "lived_experience"], "format": "csv"})
    assert "RECIT-SENSIBLE" in body(chosen).decode("utf-8-sig")
    [read] = AccessRecord.objects.all()
    assert (read.person_id, read.reader, read.detail) == (
        application.candidate_id,
        coordinator,
        f"{application.selection_round.title} : Savoir expérientiel",
    )

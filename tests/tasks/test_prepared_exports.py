"""Each export now built in the background gives the file the synchronous export gave (same cells, same PDF text),
on a small data set: the file built by the worker is compared with what the old view produced in the request,
computed here the way it did (`core.exports.xlsx_bytes`, `core.pdf.render_pdf` with the same rows)."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from cohort_sessions import exports as calendar_exports
from cohort_sessions.selectors import cohort_roster, session_register
from core.exports import columns_chosen, xlsx_bytes
from core.pdf import render_pdf
from figures.selectors import programme_figures
from final_validation.exports import results_columns, results_rows
from internships.exports import overview_columns
from internships.selectors import cohort_overview
from lms.exports import progress_columns
from lms.progress import DEFAULT_INACTIVE_DAYS, cohort_matrix
from selection import exports as selection_exports
from selection.pdf import LETTERS_BUNDLE_TEMPLATE
from selection.selectors import published_decisions
from tests.factories import (
    ApplicationFactory,
    AttendanceFactory,
    CohortSessionFactory,
    DecisionFactory,
    EnrolmentFactory,
    PlacementFactory,
    SelectionRoundFactory,
    UserFactory,
)
from tests.utils import body, prepared_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(cohort, coordinator):
    people = [
        UserFactory(first_name="Anna", last_name="Abadie", email="anna@example.test"),
        UserFactory(first_name="Bruno", last_name="=Béranger", email="bruno@example.test"),
        UserFactory(first_name="Chloé", last_name="Carré", email="chloe@example.test"),
    ]
    enrolments = [EnrolmentFactory(cohort=cohort, learner=person) for person in people]
    session = CohortSessionFactory(cohort=cohort, past=True, title="Regroupement 1 — Écoute active")
    AttendanceFactory(session=session, learner=people[0], absent=True)
    PlacementFactory(enrolment=enrolments[0])
    PlacementFactory(enrolment=enrolments[1])
    selection_round = SelectionRoundFactory(cohort=cohort)
    for index in range(3):
        application = ApplicationFactory(selection_round=selection_round, lived_experience=f"RECIT-{index}")
        DecisionFactory(application=application, published_at=timezone.now())
    return {"session": session, "round": selection_round}


def _cells(content: bytes) -> list[list]:
    return [list(row) for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


def _text(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def _built(client, coordinator, url, params=None) -> bytes:
    client.force_login(coordinator)
    response = prepared_file(client, url, params)
    assert response.status_code == 200
    return body(response)


def test_attendance_sheet_workbook_and_pdf(client, coordinator, data):
    session = data["session"]
    rows = calendar_exports.attendance_sheet_rows(session=session)
    before = xlsx_bytes(columns_chosen(calendar_exports.attendance_sheet_columns()), rows, title="Présences")
    after = _built(client, coordinator, reverse("cohort_sessions:attendance-sheet", args=[session.pk, "xlsx"]))
    assert _cells(after) == _cells(before)
    assert len(_cells(after)) == 4

    before = render_pdf(
        calendar_exports.ATTENDANCE_SHEET_PDF,
        {"session": session, "rows": session_register(session=session)},
        base_url="http://testserver/",
    )
    after = _built(client, coordinator, reverse("cohort_sessions:attendance-sheet", args=[session.pk, "pdf"]))
    assert _text(after) == _text(before)
    assert "Carré" in _text(after)[0]


def test_roster_workbook(client, coordinator, cohort, data):
    rows = cohort_roster(cohort=cohort)
    before = xlsx_bytes(columns_chosen(calendar_exports.roster_columns()), rows, title="Liste")
    after = _built(client, coordinator, reverse("cohort_sessions:roster", args=[cohort.pk, "xlsx"]))
    assert _cells(after) == _cells(before)
    assert len(_cells(after)) == 4


def test_progress_workbook(client, coordinator, cohort, data):
    matrix = cohort_matrix(cohort=cohort, inactive_days=DEFAULT_INACTIVE_DAYS)
    before = xlsx_bytes(columns_chosen(progress_columns(matrix)), matrix.rows, title="Progression")
    after = _built(client, coordinator, reverse("lms:progress_xlsx", kwargs={"cohort_id": cohort.pk}))
    assert _cells(after) == _cells(before)
    assert len(_cells(after)) == 4


def test_internships_workbook(client, coordinator, cohort, data):
    before = xlsx_bytes(columns_chosen(overview_columns()), cohort_overview(cohort=cohort), title="Stages")
    after = _built(client, coordinator, reverse("internships:overview_export", args=[cohort.pk, "xlsx"]))
    assert _cells(after) == _cells(before)
    assert len(_cells(after)) == 3


def test_final_results_workbook(client, coordinator, cohort, data):
    before = xlsx_bytes(columns_chosen(results_columns()), results_rows(cohort=cohort), title="Résultats finaux")
    after = _built(client, coordinator, reverse("final_validation:results", args=[cohort.pk, "xlsx"]))
    assert _cells(after) == _cells(before)
    assert "'=Béranger" in [cell for row in _cells(after) for cell in row]  # neutralised, as before


def test_applications_workbook_with_a_chosen_sensitive_column(client, coordinator, data):
    selection_round = data["round"]
    chosen = ["reference", "last_name", "lived_experience"]
    columns = columns_chosen(selection_exports.columns_for(selection_round), chosen)
    before = xlsx_bytes(columns, selection_exports.applications_of(selection_round), title="Candidatures")
    url = reverse("selection:manage_export", args=[selection_round.pk])
    after = _built(client, coordinator, url, {"columns": chosen, "format": "xlsx"})
    assert _cells(after) == _cells(before)
    assert {"RECIT-0", "RECIT-1", "RECIT-2"} <= {cell for row in _cells(after) for cell in row}


def test_decision_letters_bundle(client, coordinator, data):
    selection_round = data["round"]
    applications = list(published_decisions(selection_round=selection_round))
    before = render_pdf(LETTERS_BUNDLE_TEMPLATE, {"round": selection_round, "applications": applications})
    after = _built(client, coordinator, reverse("selection:letters_bundle", args=[selection_round.pk]))
    assert _text(after) == _text(before)
    assert len(_text(after)) == 3


def test_programme_figures_pdf(client, coordinator, cohort, data):
    programme = cohort.programme
    context = {"programme": programme, "figures": programme_figures(programme=programme), "today": timezone.localdate()}
    before = render_pdf("figures/programme_pdf.html", context)
    after = _built(client, coordinator, reverse("figures:export", args=[programme.pk, "pdf"]))
    assert _text(after) == _text(before)

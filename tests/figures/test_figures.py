"""The programme's figures page: per cohort and over the years, counted by SQL aggregates, small groups never shown,
for the programme's coordinators only; XLSX and PDF exports."""

import datetime
import html
import io

import pytest
from openpyxl import load_workbook

from competencies.models import Block
from figures.selectors import programme_figures
from final_validation.enums import BlockOutcome
from final_validation.models import BlockDecision
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    UserFactory,
)
from tests.figures.helpers import add_cohort
from tests.utils import body, prepared_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures_coordinator(db):
    return UserFactory(email="coordination@example.test")


def _texts(figures, row_index=0) -> dict[str, str]:
    row = figures.rows[row_index] if row_index is not None else figures.total
    return {key: str(cell) for key, cell in row.cells.items()}


def test_counts_per_cohort(programme):
    add_cohort(
        programme,
        year=2023,
        applications=12,
        admitted=7,
        confirmed=6,
        graduates=6,
        answers=[(True, "hospital")] * 5 + [(False, "")],
    )
    texts = _texts(programme_figures(programme=programme))
    assert {key: texts[key] for key in ("applications", "admissions", "confirmations", "enrolled", "awarded")} == {
        "applications": "12",
        "admissions": "7",
        "confirmations": "6",
        "enrolled": "7",
        "awarded": "6",
    }
    assert texts["completion_rate"] == "86 %"
    assert (texts["invited"], texts["answered"], texts["response_rate"]) == ("6", "6", "100 %")
    # Five work in a hospital; the one who does not work would be the only secret part of "answered": it takes
    # the smallest other part (the five) with it.
    assert (texts["respondents"], texts["working"], texts["not_working"]) == ("6", "s", "s")
    assert texts["kind_hospital"] == "s"


def test_small_cells_are_suppressed_on_the_page_and_in_the_exports(client, programme, figures_coordinator):
    add_cohort(
        programme,
        year=2022,
        graduates=9,
        answers=[(True, "hospital")] * 5 + [(True, "gem")] * 2 + [(False, "")] * 2,
        coordinator=figures_coordinator,
    )
    figures = programme_figures(programme=programme)
    texts = _texts(figures)
    # Not working (2) is secret, so "working" (7) goes with it, or 9 - 7 would tell; gem (2) is secret, and with
    # "not working" that makes two secret parts of the 9: neither can be worked out.
    assert (texts["respondents"], texts["working"], texts["not_working"]) == ("9", "s", "s")
    assert (texts["kind_hospital"], texts["kind_gem"], texts["kind_clinic"]) == ("5", "s", "0")
    client.force_login(figures_coordinator)
    page = html.unescape(client.get(f"/chiffres/programme/{programme.pk}/").content.decode())
    assert '<td data-key="kind_gem" class="secret">s</td>' in page
    assert "s : secret statistique" in page
    workbook = load_workbook(io.BytesIO(client.get(f"/chiffres/programme/{programme.pk}/export.xlsx").content))
    rows = list(workbook.active.values)
    header, first = rows[0], rows[1]
    assert first[header.index("Groupe d'entraide mutuelle (GEM)")] == "s"
    assert first[header.index("Diplômes délivrés")] == "9"
    pdf = prepared_file(client, f"/chiffres/programme/{programme.pk}/export.pdf")  # built in the background
    assert pdf["Content-Type"] == "application/pdf" and body(pdf).startswith(b"%PDF")


def test_a_rate_never_gives_back_a_hidden_count(programme):
    add_cohort(programme, year=2022, graduates=8, answers=[])
    cohort = programme_figures(programme=programme).rows[0].cohort
    for _ in range(12):
        EnrolmentFactory(cohort=cohort)  # still following: 8 completed out of 21
    texts = _texts(programme_figures(programme=programme))
    assert (texts["completed"], texts["enrolled"], texts["completion_rate"]) == ("8", "21", "38 %")
    add_cohort(programme, year=2023, graduates=2, answers=[])
    figures = programme_figures(programme=programme)
    assert str(figures.rows[1].cells["completed"]) == "s"
    assert str(figures.rows[1].cells["completion_rate"]) == "s"


def test_over_the_years_total_row_and_column_protection(programme):
    add_cohort(programme, year=2021, graduates=3, answers=[])
    add_cohort(programme, year=2022, graduates=8, answers=[])
    figures = programme_figures(programme=programme)
    assert [row.label for row in figures.rows] == ["2021-2022", "2022-2023"]
    # 3 diplomas in 2021 are secret; the 8 of 2022 go too, or 11 - 8 would give them away.
    assert [str(row.cells["awarded"]) for row in figures.rows] == ["s", "s"]
    assert str(figures.total.cells["awarded"]) == "11"


def test_coordinators_of_another_programme_and_learners_are_refused(client, programme, figures_coordinator):
    cohort = add_cohort(programme, year=2023, coordinator=figures_coordinator)
    other = UserFactory()
    CohortFactory().coordinators.add(other)
    learner = EnrolmentFactory(cohort=cohort).learner
    for person in (other, learner):
        client.force_login(person)
        assert client.get(f"/chiffres/programme/{programme.pk}/").status_code == 404
        assert client.get(f"/chiffres/programme/{programme.pk}/export.xlsx").status_code == 404
    client.force_login(figures_coordinator)
    assert client.get(f"/chiffres/programme/{programme.pk}/").status_code == 200
    assert client.get(f"/chiffres/programme/{programme.pk}/export.csv").status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client_without_second_factor, programme):
    response = client_without_second_factor.get(f"/chiffres/programme/{programme.pk}/")
    assert response.status_code == 302


def test_my_space_lists_the_figures_of_each_programme_coordinated(client, programme, figures_coordinator):
    add_cohort(programme, year=2023, coordinator=figures_coordinator, applications=0, graduates=0)
    client.force_login(figures_coordinator)
    page = html.unescape(client.get("/compte/mon-espace/").content.decode())
    assert f"Chiffres — {programme.title}" in page


def test_figures_page_query_count_is_the_same_at_one_and_many_cohorts(
    client, programme, figures_coordinator, django_assert_num_queries
):
    add_cohort(programme, year=2015, coordinator=figures_coordinator, answers=[(True, "gem")] * 5)
    client.force_login(figures_coordinator)
    url = f"/chiffres/programme/{programme.pk}/"
    client.get(url)
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200
    for year in range(2016, 2022):
        add_cohort(programme, year=year, answers=[(True, "hospital")] * 3 + [(False, "")] * 3)
    with django_assert_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["figures"].rows) == 7


def test_blocks_validated_count_the_jurys_current_decision_once_per_learner_and_block(programme):
    cohort = add_cohort(programme, year=2023, applications=0, graduates=6)
    later = CohortFactory(programme=programme, label="2024-2025")
    recorder = UserFactory()
    listen, ethics = (
        Block.objects.create(programme=programme, code=f"BC{index}", title=title, order=index)
        for index, title in enumerate(["Écouter", "Éthique"], start=1)
    )
    learners = list(cohort.enrolments.order_by("pk"))
    jury = datetime.date(2024, 6, 20)

    def decide(enrolment, block, outcome, **extra):
        reason = "" if outcome == BlockOutcome.VALIDATED else "Stage à terminer"
        return BlockDecision.objects.create(
            enrolment=enrolment,
            block=block,
            outcome=outcome,
            jury_date=jury,
            reason=reason,
            recorded_by=recorder,
            **extra,
        )

    for enrolment in learners[:5]:
        decide(enrolment, listen, BlockOutcome.VALIDATED)
    decide(learners[0], ethics, BlockOutcome.VALIDATED)
    decide(learners[1], ethics, BlockOutcome.VALIDATED)
    decide(learners[1], ethics, BlockOutcome.DEFERRED)  # replaced: it no longer counts
    first = decide(learners[2], ethics, BlockOutcome.VALIDATED)
    # Carried into a later cohort: counted where it was validated, not again.
    decide(
        EnrolmentFactory(cohort=later, learner=learners[2].learner), ethics, BlockOutcome.VALIDATED, carried_from=first
    )
    figures = programme_figures(programme=programme)
    texts = {row.label: {key: str(cell) for key, cell in row.cells.items()} for row in figures.rows}
    assert (texts["2023-2024"]["blocks_validated"], texts["2023-2024"]["learners_with_blocks"]) == ("7", "5")
    assert texts["2024-2025"]["blocks_validated"] == "0"

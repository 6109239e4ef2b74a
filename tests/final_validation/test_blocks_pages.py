"""Pages and API of the validation by blocks: the jury's block form, the block columns (query counts), the
learner's own view, and the attainment API (the learner and the cohort's coordinators only)."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from competencies.models import Block, Competency
from final_validation.enums import BlockOutcome
from final_validation.models import BlockDecision
from final_validation.services import block_decision_record
from internships.enums import EvaluationKind
from internships.grid import criteria_mapping_set
from internships.models import CriterionCompetency, EvaluationRating
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory
from tests.final_validation.helpers import build_programme, complete, internship
from tests.final_validation.test_views import FINAL_QUERIES, FINAL_QUERIES_CACHED

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(programme):
    return build_programme(programme)


@pytest.fixture
def blocks(programme, lessons):
    made = []
    for index, (title, module_lessons) in enumerate(lessons.items(), start=1):
        block = Block.objects.create(programme=programme, code=f"BC{index}", title=title, order=index)
        competency = Competency.objects.create(block=block, code=f"C{index}", title=title)
        competency.modules.add(module_lessons[0].get_parent().specific)
        CriterionCompetency.objects.create(criterion="active_listening", competency=competency)
        made.append(block)
    return made


@pytest.fixture
def enrolment(cohort):
    return EnrolmentFactory(cohort=cohort, learner__first_name="Léa", learner__last_name="Martin")


@pytest.fixture
def other_coordinator(db):
    person = UserFactory(email="autre-coordination@example.test")
    CohortFactory(coordinators=[person])
    return person


def _validate(enrolment, block, coordinator):
    block_decision_record(
        enrolment=enrolment, block=block, outcome=BlockOutcome.VALIDATED, jury_date=timezone.localdate(), by=coordinator
    )


def _block_url(enrolment, block):
    return reverse("final_validation:block", args=[enrolment.cohort_id, enrolment.pk, block.pk])


def test_the_jury_records_block_decisions_from_the_learner_page(client, coordinator, enrolment, blocks):
    client.force_login(coordinator)
    page = client.get(reverse("final_validation:learner", args=[enrolment.cohort_id, enrolment.pk])).content.decode()
    assert "Blocs de compétences" in page and "BC1 — Écoute active" in page
    prefix = f"bloc-{blocks[0].pk}"
    today = timezone.localdate().isoformat()
    response = client.post(
        _block_url(enrolment, blocks[0]), {f"{prefix}-outcome": "validated", f"{prefix}-jury_date": today}, follow=True
    )
    assert "Bloc BC1 : Bloc validé." in response.content.decode()
    prefix = f"bloc-{blocks[1].pk}"
    response = client.post(
        _block_url(enrolment, blocks[1]), {f"{prefix}-outcome": "deferred", f"{prefix}-jury_date": today}, follow=True
    )
    assert "Bloc BC2 : Dites ce qui reste à faire pour ce bloc" in response.content.decode()
    response = client.post(_block_url(enrolment, blocks[1]), {}, follow=True)
    assert "Bloc BC2 : choisissez une décision et indiquez la date du jury." in response.content.decode()
    assert list(BlockDecision.objects.values_list("block__code", "outcome")) == [("BC1", "validated")]


def test_block_decisions_are_refused_to_others(client, other_coordinator, enrolment, blocks):
    prefix = f"bloc-{blocks[0].pk}"
    data = {f"{prefix}-outcome": "validated", f"{prefix}-jury_date": timezone.localdate().isoformat()}
    for person in (other_coordinator, enrolment.learner):
        client.force_login(person)
        assert client.post(_block_url(enrolment, blocks[0]), data).status_code == 404
    assert not BlockDecision.objects.exists()


def test_a_foreign_block_is_not_found(client, coordinator, enrolment, blocks):
    foreign = Block.objects.create(programme=CohortFactory().programme, code="BX", title="Ailleurs")
    client.force_login(coordinator)
    assert client.post(_block_url(enrolment, foreign), {}).status_code == 404


# The page with a référentiel (tests/final_validation/test_views.py counts the page without one): building the table
# also reads the programme's outline (2: no decision read it here since its pages were made), the lessons mapped by
# module and by lesson (2), the page's completions (1), the grid's criteria linked to blocks (1), the final
# evaluations' ratings (1) and the current block decisions (1).
BLOCK_QUERIES = FINAL_QUERIES + 8


@pytest.mark.parametrize("count", [1, 8])
def test_cohort_page_block_columns_read_a_fixed_number_of_queries(
    client, coordinator, cohort, blocks, lessons, count, django_assert_num_queries
):
    for _ in range(count):
        enrolment = EnrolmentFactory(cohort=cohort)
        complete(enrolment, lessons["Écoute active"])
        internship(enrolment)
        _validate(enrolment, blocks[0], coordinator)
    client.force_login(coordinator)
    target = reverse("final_validation:cohort", args=[cohort.pk])
    with django_assert_num_queries(BLOCK_QUERIES):
        response = client.get(target)
    assert len(response.context["validation"].rows) == count
    html = response.content.decode()
    assert '<abbr title="Gestion de crise">BC2</abbr>' in html and "Bloc validé" in html
    with django_assert_num_queries(FINAL_QUERIES_CACHED):
        cached = client.get(target)
    assert cached.context["learners_table"] == response.context["learners_table"]


def test_the_block_columns_show_a_change_of_the_referentiel_or_a_jury_decision_at_once(
    client, coordinator, cohort, enrolment, blocks, lessons, django_capture_on_commit_callbacks
):
    """The learners' table is kept under the cohort's version (cohorts.changes.cached_table): the référentiel
    (whoever edits it), the grid's links and the block decisions give the cohort a new version."""
    internship(enrolment)
    final = enrolment.placements.get().evaluations.get(kind=EvaluationKind.FINAL)
    EvaluationRating.objects.create(evaluation=final, competency="active_listening", level=3)
    client.force_login(coordinator)
    target = reverse("final_validation:cohort", args=[cohort.pk])

    def table() -> str:
        return str(client.get(target).context["learners_table"])

    html = table()
    assert '<abbr title="Gestion de crise">BC2</abbr>' in html and "stage 3,0/4" in html and "Bloc validé" not in html
    with django_capture_on_commit_callbacks(execute=True):
        blocks[1].title = "Crise et rétablissement"
        blocks[1].save()  # in the admin
    assert '<abbr title="Crise et rétablissement">BC2</abbr>' in table()
    with django_capture_on_commit_callbacks(execute=True):
        Competency.objects.get(block=blocks[1]).lessons.add(lessons["Écoute active"][0])
    assert "0/4 leçons" in table()
    with django_capture_on_commit_callbacks(execute=True):
        criteria_mapping_set(programme=cohort.programme, mapping={}, by=coordinator)
    assert "stage 3,0/4" not in table()
    with django_capture_on_commit_callbacks(execute=True):
        _validate(enrolment, blocks[0], coordinator)
    assert "Bloc validé" in table()


def test_the_learner_sees_their_blocks(client, enrolment, blocks, coordinator):
    block_decision_record(
        enrolment=enrolment,
        block=blocks[1],
        outcome=BlockOutcome.DEFERRED,
        jury_date=timezone.localdate(),
        reason="Terminer le module sur la crise.",
        by=coordinator,
    )
    client.force_login(enrolment.learner)
    html = client.get(reverse("final_validation:my-result")).content.decode()
    assert "BC1 — Écoute active" in html and "Pas encore décidé" in html
    assert "BC2 — Gestion de crise" in html and "Bloc reporté" in html and "Terminer le module sur la crise." in html


# --- API ---------------------------------------------------------------------------------------------------


def _api(person):
    api = APIClient()
    api.force_authenticate(person)
    return api


def test_attainment_api_for_the_learner_and_the_coordinators_only(enrolment, blocks, coordinator, other_coordinator):
    block_decision_record(
        enrolment=enrolment,
        block=blocks[0],
        outcome=BlockOutcome.VALIDATED,
        jury_date=timezone.localdate(),
        by=coordinator,
    )
    path = f"/api/v1/enrolments/{enrolment.pk}/attainment/"
    for person in (enrolment.learner, coordinator):
        response = _api(person).get(path)
        assert response.status_code == 200
        data = response.json()
        assert data["enrolment_id"] == enrolment.pk
        assert [(b["code"], b["status"], b["lessons_total"]) for b in data["blocks"]] == [
            ("BC1", "validated", 2),
            ("BC2", "undecided", 3),
        ]
        assert data["blocks"][0]["decision"]["outcome"] == "validated"
        assert data["blocks"][0]["decision"]["carried_over"] is False
        assert data["blocks"][1]["decision"] is None
    another_learner = EnrolmentFactory(cohort=enrolment.cohort).learner
    for person in (other_coordinator, another_learner):
        response = _api(person).get(path)
        assert response.status_code == 404
        assert "blocks" not in response.json()
    assert APIClient().get(path).status_code in (401, 403)


def test_referentiel_api(programme, blocks, learner):
    response = _api(learner).get(f"/api/v1/programmes/{programme.pk}/referentiel/")
    assert response.status_code == 200
    data = response.json()
    assert data["programme_id"] == programme.pk
    assert [b["code"] for b in data["blocks"]] == ["BC1", "BC2"]
    assert data["blocks"][0]["competencies"][0]["code"] == "C1"
    assert len(data["blocks"][0]["competencies"][0]["module_ids"]) == 1
    assert _api(learner).get("/api/v1/programmes/999999/referentiel/").status_code == 404


def test_schema_documents_the_refusals_of_the_attainment(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/enrolments/{enrolment_id}/attainment/"]["get"]
    assert "another learner" in operation["responses"]["404"]["description"]
    assert {"401", "403"} <= set(operation["responses"])


def test_results_export_lists_the_blocks_validated_and_deferred(client, coordinator, enrolment, blocks):
    for block, outcome, reason in ((blocks[0], "validated", ""), (blocks[1], "deferred", "À reprendre")):
        block_decision_record(
            enrolment=enrolment,
            block=block,
            outcome=outcome,
            jury_date=timezone.localdate(),
            reason=reason,
            by=coordinator,
        )
    client.force_login(coordinator)
    response = client.get(reverse("final_validation:results", args=[enrolment.cohort_id, "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    header, martin = rows[0], next(row for row in rows if row[0] == "Martin")
    assert martin[header.index("Blocs validés")] == "BC1"
    assert martin[header.index("Blocs reportés")] == "BC2"

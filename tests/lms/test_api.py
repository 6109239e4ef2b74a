"""/api/v1/: the learner's own records only, same services as the pages, token and session authentication."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cms.enums import CompletionRule
from lms import services
from lms.models import JournalEntry, LessonCompletion, QuizAttempt
from tests.factories import EnrolmentFactory, JournalEntryFactory
from tests.lms.conftest import Course, quiz_parts, reflection_id
from tests.utils import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(learner):
    client = APIClient()
    client.force_authenticate(learner)
    return client


def test_anonymous_is_refused():
    assert APIClient().get("/api/v1/progress/").status_code in (401, 403)


def test_token_authentication(client, learner, course):
    client.force_login(learner)
    client.post("/apprendre/cle-api/")
    token = Token.objects.get(user=learner)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.get("/api/v1/progress/")
    assert response.status_code == 200 and response.json()[0]["lesson_total"] == 4


def test_progress_endpoint(api, learner, course):
    services.lesson_viewed(learner=learner, lesson=course.viewed)
    (programme,) = api.get("/api/v1/progress/").json()
    assert programme["lessons_done"] == 1 and programme["explanation"] == "2 leçons et 1 quiz restent"
    assert programme["modules"][0]["completed_lesson_ids"] == [course.viewed.pk]
    assert programme["next_lesson_id"] == course.quiz.pk


def test_mark_done_is_idempotent(api, learner, course):
    url = f"/api/v1/lessons/{course.done.pk}/done/"
    assert api.post(url).status_code == 201
    assert api.post(url).status_code == 200
    assert LessonCompletion.objects.filter(learner=learner).count() == 1
    wrong_rule = api.post(f"/api/v1/lessons/{course.quiz.pk}/done/")
    assert wrong_rule.status_code == 400 and "autre façon" in wrong_rule.json()["detail"]


def test_quiz_through_the_api(api, learner, course):
    quiz_id, question_id, right, wrong = quiz_parts(course.quiz)
    url = f"/api/v1/lessons/{course.quiz.pk}/quizzes/{quiz_id}/"
    quiz = api.get(url).json()
    assert "correct" not in str(quiz["questions"]) and "RETOUR-SECRET" not in str(quiz)
    response = api.post(url, {"token": quiz["token"], "answers": {question_id: [right]}}, format="json")
    assert response.status_code == 201 and response.json()["passed"] is True
    replay = api.post(url, {"token": quiz["token"], "answers": {question_id: [wrong]}}, format="json")
    assert replay.status_code == 400 and "déjà été envoyées" in replay.json()["detail"]
    malformed = api.post(url, {"token": "x", "answers": "pas un objet"}, format="json")
    assert malformed.status_code == 400 and "n'ont pas pu être lues" in malformed.json()["detail"]
    assert QuizAttempt.objects.count() == 1
    assert LessonCompletion.objects.get(learner=learner).how == CompletionRule.QUIZ_PASSED


def test_journal_crud_and_share(api, learner, course):
    created = api.post(
        "/api/v1/journal/",
        {"body": "Écouté.", "lesson_id": course.reflection.pk, "prompt_id": reflection_id(course.reflection)},
        format="json",
    )
    assert created.status_code == 201 and created.json()["shared"] is False
    entry_id = created.json()["id"]
    assert LessonCompletion.objects.get(learner=learner).lesson_id == course.reflection.pk
    assert api.patch(f"/api/v1/journal/{entry_id}/", {"body": "Modifié"}, format="json").json()["body"] == "Modifié"
    assert api.post(f"/api/v1/journal/{entry_id}/share/").json()["shared"] is True
    assert api.delete(f"/api/v1/journal/{entry_id}/share/").json()["shared"] is False
    assert [row["id"] for row in api.get("/api/v1/journal/").json()] == [entry_id]
    assert api.delete(f"/api/v1/journal/{entry_id}/").status_code == 204
    assert not JournalEntry.objects.exists()
    empty = api.post("/api/v1/journal/", {"body": ""}, format="json")
    assert empty.status_code == 400


def test_another_learners_data_is_404(api, learner, cohort, course):
    other = EnrolmentFactory(cohort=cohort).learner
    entry = JournalEntryFactory(learner=other, body="SECRET", shared=True)
    assert "SECRET" not in str(api.get("/api/v1/journal/").json())
    for method in ("get", "patch", "delete"):
        assert getattr(api, method)(f"/api/v1/journal/{entry.pk}/").status_code == 404
    assert api.post(f"/api/v1/journal/{entry.pk}/share/").status_code == 404
    assert api.delete(f"/api/v1/journal/{entry.pk}/share/").status_code == 404
    entry.refresh_from_db()
    assert entry.body == "SECRET" and entry.is_shared


def test_lessons_outside_the_learners_programmes_are_404(outsider, course):
    api = APIClient()
    api.force_authenticate(outsider)
    quiz_id = quiz_parts(course.quiz)[0]
    assert api.post(f"/api/v1/lessons/{course.done.pk}/done/").status_code == 404
    assert api.get(f"/api/v1/lessons/{course.quiz.pk}/quizzes/{quiz_id}/").status_code == 404
    assert api.get("/api/v1/progress/").json() == []
    assert not LessonCompletion.objects.exists()


def test_schema_lists_the_endpoints(client, learner):
    client.force_login(learner)
    schema = client.get("/api/v1/schema/").content.decode()
    for path in ("/api/v1/progress/", "/api/v1/journal/", "/api/v1/lessons/{lesson_id}/done/"):
        assert path in schema


def test_progress_endpoint_query_count_is_constant(api, learner, programme, cohort):
    state = {"n": 0}

    def make_rows(n):
        for _ in range(n):
            course = Course(programme, order=state["n"])
            state["n"] += 1
            services.lesson_viewed(learner=learner, lesson=course.viewed)
            EnrolmentFactory(cohort=cohort)

    def fetch():
        assert api.get("/api/v1/progress/").status_code == 200

    assert_constant_queries(make_rows, fetch, few=1, many=4, queries=5)

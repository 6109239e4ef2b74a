"""Who reads lesson content, on every path: page serving, previews, search, documents and media, APIs."""

import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from cms.models import LessonPage
from cms.services import programme_editorial_setup
from cohorts.services import enrolment_withdraw
from tests.factories import (
    EnrolmentFactory,
    LessonPageFactory,
    ModulePageFactory,
    ModuleReleaseFactory,
    ModuleReleaseOverrideFactory,
    UserFactory,
)
from tests.factories.cms import lesson_body
from tests.utils import assert_constant_queries

pytestmark = pytest.mark.django_db

BODY_MARK = "L'écoute active commence par le silence."


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def _reads_lesson(response) -> bool:
    return response.status_code == 200 and BODY_MARK in response.content.decode()


# --- The catalogue is public ----------------------------------------------------------------------


def test_anonymous_reads_the_programme_presentation_and_module_summaries(client, programme, module, lesson):
    response = client.get(programme.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert module.title in html and module.summary in html
    response = client.get(module.url)
    assert response.status_code == 200
    assert lesson.title in response.content.decode()
    assert BODY_MARK not in response.content.decode()


# --- Lesson serving -------------------------------------------------------------------------------


def test_anonymous_is_refused_a_lesson_with_a_friendly_page(client, lesson, programme):
    response = client.get(lesson.url)
    assert response.status_code == 403
    html = response.content.decode()
    assert BODY_MARK not in html
    assert "Ce contenu est réservé aux personnes inscrites" in html
    assert "/compte/connexion/?next=" in html
    assert programme.url in html


def test_learner_of_another_programme_is_refused(client, lesson, other_learner):
    response = _get(client, other_learner, lesson.url)
    assert response.status_code == 403
    assert BODY_MARK not in response.content.decode()
    assert "pas inscrit" in response.content.decode()


def test_outsider_is_refused(client, lesson, outsider):
    assert _get(client, outsider, lesson.url).status_code == 403


def test_enrolled_learner_reads_an_open_lesson(client, lesson, learner):
    assert _reads_lesson(_get(client, learner, lesson.url))


@pytest.mark.parametrize("status", ["withdrawn", "deferred"])
def test_learner_no_longer_active_is_refused(client, lesson, cohort, status):
    enrolment = EnrolmentFactory(cohort=cohort, status=status)
    assert _get(client, enrolment.learner, lesson.url).status_code == 403


def test_learner_of_an_ended_cohort_is_refused(client, lesson, programme):
    from tests.factories import CohortFactory

    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=programme, ended=True))
    assert _get(client, enrolment.learner, lesson.url).status_code == 403


def test_enrolled_learner_before_and_after_the_opening_date(client, lesson, module, cohort, learner):
    opens_on = timezone.localdate() + datetime.timedelta(days=14)
    ModuleReleaseFactory(cohort=cohort, module=module, opens_on=opens_on)
    response = _get(client, learner, lesson.url)
    assert response.status_code == 403
    html = response.content.decode()
    assert BODY_MARK not in html
    assert "pas encore ouvert" in html
    # The module page tells the learner when it opens.
    assert "Ce module s’ouvrira pour vous le" in client.get(module.url).content.decode()

    with time_machine.travel(datetime.datetime.combine(opens_on, datetime.time(9)), tick=False):
        client.force_login(learner)
        assert _reads_lesson(client.get(lesson.url))


def test_learner_with_an_extension_waits_for_their_own_date(client, lesson, module, cohort, learner):
    today = timezone.localdate()
    ModuleReleaseFactory(cohort=cohort, module=module, opens_on=today - datetime.timedelta(days=3))
    enrolment = learner.enrolments.get()
    ModuleReleaseOverrideFactory(enrolment=enrolment, module=module, opens_on=today + datetime.timedelta(days=7))
    assert _get(client, learner, lesson.url).status_code == 403
    # Another learner of the same cohort follows the cohort's date.
    classmate = EnrolmentFactory(cohort=cohort).learner
    assert _reads_lesson(_get(client, classmate, lesson.url))


def test_learner_with_an_earlier_opening_reads_before_the_cohort(client, lesson, module, cohort, learner):
    today = timezone.localdate()
    ModuleReleaseFactory(cohort=cohort, module=module, opens_on=today + datetime.timedelta(days=10))
    ModuleReleaseOverrideFactory(
        enrolment=learner.enrolments.get(), module=module, opens_on=today - datetime.timedelta(days=1)
    )
    assert _reads_lesson(_get(client, learner, lesson.url))


def test_each_lesson_follows_its_own_module_and_a_withdrawal_refuses_at_once(
    client, lesson, programme, cohort, learner, coordinator
):
    """The access query's expressions are built once per process, the module and the lesson read from each
    request: a lesson of a module not open yet stays closed between reads of an open one, and a learner withdrawn
    between two requests is refused at the next one."""
    later = ModulePageFactory(parent=programme)
    closed = LessonPageFactory(parent=later)
    ModuleReleaseFactory(cohort=cohort, module=later, opens_on=timezone.localdate() + datetime.timedelta(days=14))
    assert _reads_lesson(_get(client, learner, lesson.url))
    assert _get(client, learner, closed.url).status_code == 403
    assert _reads_lesson(client.get(lesson.url))
    enrolment_withdraw(enrolment=learner.enrolments.get(), by=coordinator, reason="Départ")
    response = client.get(lesson.url)
    assert response.status_code == 403
    assert BODY_MARK not in response.content.decode()


def test_work_already_done_is_never_relocked(client, lesson, module, cohort, learner):
    ModuleReleaseFactory(cohort=cohort, module=module, opens_on=timezone.localdate() + datetime.timedelta(days=30))

    def probe(*, enrolment, module_ids):
        return {module.pk} if enrolment.learner_id == learner.pk else set()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("lms.access.modules_with_recorded_work", probe)
        assert _reads_lesson(_get(client, learner, lesson.url))
    # Reading the lesson was recorded by the learning records (whose own probe would keep the module open):
    # forget it, to check that without any probe the date applies again.
    from lms.models import LessonCompletion

    LessonCompletion.objects.all().delete()
    assert _get(client, learner, lesson.url).status_code == 403


def test_coordinator_of_the_programme_reads_lessons_even_before_opening(client, lesson, module, cohort, coordinator):
    ModuleReleaseFactory(cohort=cohort, module=module, opens_on=timezone.localdate() + datetime.timedelta(days=30))
    assert _reads_lesson(_get(client, coordinator, lesson.url))


def test_coordinator_of_another_programme_is_refused(client, lesson, other_coordinator):
    assert _get(client, other_coordinator, lesson.url).status_code == 403


def test_author_of_the_programme_reads_lessons(client, lesson, author):
    assert _reads_lesson(_get(client, author, lesson.url))


def test_author_of_another_programme_is_refused(client, lesson, other_author):
    response = _get(client, other_author, lesson.url)
    assert response.status_code == 403
    assert BODY_MARK not in response.content.decode()


def test_superuser_reads_lessons(client, lesson):
    assert _reads_lesson(_get(client, UserFactory(superuser=True), lesson.url))


def test_lessons_of_a_module_taken_offline_are_withdrawn_from_learners(client, lesson, module, learner, author):
    """Wagtail serves a live lesson whatever its module's state: unpublishing (or expiring) the module alone must
    still withdraw its lessons from learners, on the page, in the API and for the module's files."""
    module.unpublish()
    lesson.refresh_from_db()
    assert lesson.live
    response = _get(client, learner, lesson.url)
    assert response.status_code == 403
    assert BODY_MARK not in response.content.decode()
    assert "pas encore ouvert" in response.content.decode()
    quiz_id = next(block.id for block in lesson.body if block.block_type == "quiz")
    assert client.get(f"/api/v1/lessons/{lesson.pk}/quizzes/{quiz_id}/").status_code == 404
    assert _reads_lesson(_get(client, author, lesson.url))  # the staff prepare it


def test_lessons_of_a_programme_taken_offline_are_withdrawn_from_learners(client, lesson, programme, learner):
    programme.unpublish()
    assert _get(client, learner, lesson.url).status_code == 403


def test_files_of_a_module_or_programme_taken_offline_are_withdrawn(client, used_document, module, programme, learner):
    assert _status(client, learner, used_document) == 200
    programme.unpublish()
    assert _status(client, learner, used_document) == 403
    programme.save_revision().publish()
    module.unpublish()
    assert _status(client, learner, used_document) == 403


# --- Previews -------------------------------------------------------------------------------------


def _preview(lesson, user):
    request = RequestFactory().get(lesson.url)
    request.user = user
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = lesson.serve_preview(request, "")
    response.render()
    return response


def test_preview_follows_the_same_rule(lesson, learner, other_author, author):
    draft = lesson.get_latest_revision_as_object()
    assert _preview(draft, other_author).status_code == 403
    assert BODY_MARK not in _preview(draft, other_author).content.decode()
    assert _preview(draft, author).status_code == 200


def test_another_programmes_author_cannot_open_the_admin_preview(client, lesson, other_author):
    client.force_login(other_author)
    response = client.get(f"/admin/pages/{lesson.pk}/edit/preview/")
    assert response.status_code in (302, 403)
    assert BODY_MARK not in response.content.decode()


def test_draft_preview_is_not_served_from_the_cache(client, lesson, author):
    client.force_login(author)
    client.get(lesson.url)  # fills the cache for the live revision
    draft = lesson.get_latest_revision_as_object()
    draft.body = [{"type": "text", "value": "<p>Version de travail</p>"}]
    assert "Version de travail" in _preview(draft, author).content.decode()
    assert "Version de travail" not in client.get(lesson.url).content.decode()


# --- Search ---------------------------------------------------------------------------------------


def _search(client, user, programme, query):
    if user is not None:
        client.force_login(user)
    return client.get(f"{programme.url}recherche/", {"q": query})


@pytest.mark.search_index
def test_enrolled_learner_searches_their_programme(client, programme, lesson, learner, other_programme):
    other_lesson = LessonPageFactory(
        parent=ModulePageFactory(parent=other_programme), title="Le silence ailleurs", slug="silence-ailleurs"
    )
    response = _search(client, learner, programme, "silence")
    assert response.status_code == 200
    html = response.content.decode()
    assert lesson.title in html
    assert other_lesson.url not in html


@pytest.mark.search_index
def test_search_leaves_out_modules_not_open_for_the_learner(client, programme, cohort, module, lesson, learner):
    assert lesson.url in _search(client, learner, programme, "silence").content.decode()  # found while open
    ModuleReleaseFactory(cohort=cohort, module=module, opens_on=timezone.localdate() + datetime.timedelta(days=5))
    response = _search(client, learner, programme, "silence")
    assert response.status_code == 200
    assert lesson.url not in response.content.decode()


@pytest.mark.search_index
def test_search_is_refused_to_anonymous_and_other_learners(client, programme, lesson, other_learner):
    assert _search(client, None, programme, "silence").status_code == 403
    assert _search(client, other_learner, programme, "silence").status_code == 403


@pytest.mark.search_index
def test_search_does_not_index_quiz_answers_feedback(lesson):
    from wagtail.search.backends import get_search_backend

    assert list(get_search_backend().search("silence", type(lesson))) == [lesson]  # the lesson is indexed
    results = get_search_backend().search("RETOUR-SECRET-BON", type(lesson))
    assert list(results) == []


# --- Documents and media --------------------------------------------------------------------------
# A file follows the lessons that use it: a learner gets it only through a live lesson open for them.


def _document(collection, name="fiche.pdf"):
    document = get_document_model()(title="Fiche repère", collection=collection)
    document.file.save(name, ContentFile(b"%PDF-1.4 contenu de cours"), save=False)
    document.save()
    return document


def _lesson_using(document, module, **kwargs):
    download = {"type": "document", "value": {"document": document.pk, "label": "La fiche", "description": ""}}
    return LessonPageFactory(parent=module, body=[*lesson_body(quiz=False), download], **kwargs)


def _status(client, user, document) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(document.url)
    if response.status_code == 200:
        assert b"contenu de cours" in b"".join(response.streaming_content)
    return response.status_code


@pytest.fixture
def course_document(programme):
    programme_editorial_setup(programme=programme)
    document = _document(programme.collection)
    yield document
    document.file.delete(save=False)


@pytest.fixture
def used_document(course_document, module):
    """A programme file used by one lesson of the `module`."""
    _lesson_using(course_document, module)
    return course_document


def test_document_used_by_an_open_lesson_reaches_its_readers(client, used_document, learner, author, coordinator):
    for reader in (learner, author, coordinator):
        assert _status(client, reader, used_document) == 200, reader


def test_document_refused_to_the_wrong_person(client, used_document, other_learner, other_author, other_coordinator):
    response = client.get(used_document.url)
    assert response.status_code == 403
    assert "réservé" in response.content.decode()
    for stranger in (other_learner, other_author, other_coordinator, UserFactory()):
        assert _status(client, stranger, used_document) == 403, stranger


def test_document_of_a_module_not_open_yet_waits_for_the_opening(
    client, used_document, module, cohort, learner, author, coordinator
):
    opens_on = timezone.localdate() + datetime.timedelta(days=14)
    ModuleReleaseFactory(cohort=cohort, module=module, opens_on=opens_on)
    assert _status(client, learner, used_document) == 403  # even with the direct link
    assert _status(client, author, used_document) == 200  # the programme's staff prepare the module
    assert _status(client, coordinator, used_document) == 200
    with time_machine.travel(datetime.datetime.combine(opens_on, datetime.time(9)), tick=False):
        assert _status(client, learner, used_document) == 200


def test_document_used_by_two_modules_follows_the_open_one(client, course_document, programme, module, cohort, learner):
    later = ModulePageFactory(parent=programme, title="Gestion de crise", slug="gestion-de-crise", order=2)
    ModuleReleaseFactory(cohort=cohort, module=later, opens_on=timezone.localdate() + datetime.timedelta(days=30))
    _lesson_using(course_document, later)
    assert _status(client, learner, course_document) == 403  # only used where it is not open yet
    _lesson_using(course_document, module)
    assert _status(client, learner, course_document) == 200  # also used in an open module


def test_document_in_the_collection_but_used_by_no_lesson_reaches_only_staff(
    client, course_document, lesson, learner, author, coordinator
):
    assert _status(client, learner, course_document) == 403
    assert _status(client, author, course_document) == 200
    assert _status(client, coordinator, course_document) == 200


def test_document_follows_the_published_lesson_not_its_draft(client, course_document, lesson, learner, module):
    draft = lesson.get_latest_revision_as_object()
    download = {"type": "document", "value": {"document": course_document.pk, "label": "", "description": ""}}
    draft.body = [*lesson_body(quiz=False), download]
    draft.save_revision()
    assert _status(client, learner, course_document) == 403  # the draft is not what learners read
    lesson.get_latest_revision().publish()
    assert _status(client, learner, course_document) == 200
    lesson.refresh_from_db()
    lesson.unpublish()
    assert _status(client, learner, course_document) == 403


def test_document_moved_to_a_module_not_open_yet_is_refused_at_once(
    client, used_document, programme, cohort, learner, module
):
    assert _status(client, learner, used_document) == 200
    lesson = LessonPage.objects.child_of(module).get()
    later = ModulePageFactory(parent=programme, slug="plus-tard", order=2)
    ModuleReleaseFactory(cohort=cohort, module=later, opens_on=timezone.localdate() + datetime.timedelta(days=30))
    _lesson_using(used_document, later)
    draft = lesson.get_latest_revision_as_object()
    draft.body = lesson_body(quiz=False)
    draft.save_revision().publish()
    assert _status(client, learner, used_document) == 403


def test_document_outside_any_programme_used_by_a_lesson_follows_the_lesson(
    client, module, learner, coordinator, other_coordinator
):
    document = _document(Collection.get_first_root_node(), "commune.pdf")
    try:
        _lesson_using(document, module)
        assert _status(client, learner, document) == 200
        assert _status(client, coordinator, document) == 200
        assert _status(client, other_coordinator, document) == 403
    finally:
        document.file.delete(save=False)


def test_document_outside_any_programme_and_unused_reaches_only_its_editors(client, outsider, coordinator):
    document = _document(Collection.get_first_root_node(), "libre.pdf")
    try:
        assert _status(client, None, document) == 403
        assert _status(client, outsider, document) == 403
        assert _status(client, coordinator, document) == 403  # coordinators have rights on their programme only
        assert _status(client, UserFactory(superuser=True), document) == 200
    finally:
        document.file.delete(save=False)


def test_document_check_runs_a_fixed_number_of_queries(course_document, programme, cohort, learner):
    from cms.access import can_read_document

    modules = []

    def make_rows(n):
        for _ in range(n):
            module = ModulePageFactory(parent=programme)
            modules.append(module)
            _lesson_using(course_document, module)
            ModuleReleaseFactory(
                cohort=cohort, module=module, opens_on=timezone.localdate() + datetime.timedelta(days=9)
            )

    def fetch():
        assert can_read_document(learner, course_document) is False

    assert_constant_queries(make_rows, fetch, few=1, many=8, queries=13)


def test_media_folder_is_not_served(client, course_document):
    assert course_document.url.startswith("/documents/")
    assert client.get(f"/media/{course_document.file.name}").status_code == 404


# --- APIs -----------------------------------------------------------------------------------------


def test_no_public_pages_api(client, lesson):
    for url in ("/api/v2/pages/", f"/api/v2/pages/{lesson.pk}/", "/api/v1/pages/"):
        assert client.get(url).status_code in (401, 403, 404)

"""Reading a lesson: quiz answers stay on the server, content notes come first, outline and pager, cache, queries."""

import pytest
from django.core.cache import cache
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from cms.blocks import QuestionBlock, QuizBlock, quiz_questions_public, quiz_score
from cms.services import programme_editorial_setup
from tests.factories import LessonPageFactory, ModulePageFactory
from tests.factories.cms import lesson_body
from tests.utils import assert_constant_queries, pass_second_factor

pytestmark = pytest.mark.django_db


def test_quiz_answers_are_absent_from_the_page_source(client, learner, lesson):
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert "Que faire face à un silence ?" in html
    assert "Le respecter" in html and "Le combler vite" in html
    for secret in ("RETOUR-SECRET-BON", "RETOUR-SECRET-FAUX", "EXPLICATION-SECRETE", "data-correct", '"correct"'):
        assert secret not in html, secret


def test_quiz_questions_and_choices_carry_stable_ids(client, learner, lesson):
    quiz = next(block for block in lesson.body if block.block_type == "quiz")
    public = quiz_questions_public(quiz.value)
    question = public[0]
    assert question["id"] and all(choice["id"] for choice in question["choices"])
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    # The body shows the questions as a preview; answering happens in the scored quiz (lms), by these ids.
    assert question["text"] in html and question["choices"][0]["text"] in html
    assert 'name="question-' not in html
    # A new revision keeps the ids.
    lesson.title = "Le silence, encore"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    quiz_again = next(block for block in lesson.body if block.block_type == "quiz")
    assert quiz_questions_public(quiz_again.value) == public


def test_quiz_is_scored_on_the_server(lesson):
    quiz = next(block for block in lesson.body if block.block_type == "quiz").value
    question = quiz["questions"].bound_blocks[0]
    right, wrong = (choice.id for choice in question.value["choices"].bound_blocks)
    passed = quiz_score(quiz, {question.id: {right}})
    assert passed["passed"] and passed["percent"] == 100
    assert passed["questions"][0]["feedback"] == ["RETOUR-SECRET-BON"]
    failed = quiz_score(quiz, {question.id: {wrong}})
    assert not failed["passed"] and failed["percent"] == 0
    assert not quiz_score(quiz, {question.id: {right, wrong}})["passed"]


def _question(kind, corrects):
    return {
        "kind": kind,
        "text": "Question",
        "explanation": "",
        "choices": [{"text": f"Choix {i}", "correct": c, "feedback": ""} for i, c in enumerate(corrects)],
    }


@pytest.mark.parametrize(
    ("kind", "corrects", "valid"),
    [
        ("single", [True, False], True),
        ("single", [True, True], False),
        ("single", [False, False], False),
        ("multiple", [True, True, False], True),
        ("multiple", [False, False], False),
        ("true_false", [True, False], True),
        ("true_false", [True, False, False], False),
    ],
)
def test_question_validation(kind, corrects, valid):
    block = QuestionBlock()
    value = block.to_python(_question(kind, corrects))
    if valid:
        block.clean(value)
    else:
        with pytest.raises(StructBlockValidationError, match="Validation error in StructBlock"):
            block.clean(value)


def test_quiz_needs_a_question():
    block = QuizBlock()
    value = block.to_python({"title": "Quiz", "pass_mark": 70, "max_attempts": 3, "questions": []})
    with pytest.raises(
        (StructBlockValidationError, StreamBlockValidationError), match="Validation error in StructBlock"
    ):
        block.clean(value)


# --- Content note -----------------------------------------------------------------------------------


@pytest.fixture
def noted_lesson(module):
    return LessonPageFactory(
        parent=module,
        title="Quand la crise survient",
        slug="crise",
        content_note_topics="idées suicidaires",
        content_note_message="Cette leçon parle de situations de crise.",
    )


def test_content_note_comes_before_the_body_which_is_not_in_the_page(client, learner, noted_lesson):
    client.force_login(learner)
    html = client.get(noted_lesson.url).content.decode()
    assert "idées suicidaires" in html
    assert "Continuer" in html and "Revenir plus tard" in html
    assert "L'écoute active commence par le silence." not in html
    assert "Que faire face à un silence ?" not in html
    assert noted_lesson.get_parent().url in html  # "come back later" goes back to the module

    continued = client.get(noted_lesson.url, {"continuer": "1"}).content.decode()
    assert "L'écoute active commence par le silence." in continued


def test_a_content_note_block_in_the_body_also_comes_first(client, learner, module):
    body = [
        {"type": "content_note", "value": {"topics": "violences", "message": "Un récit de violence suit."}},
        *lesson_body(quiz=False),
    ]
    lesson = LessonPageFactory(parent=module, slug="violences", body=body)
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert "violences" in html and "L'écoute active commence par le silence." not in html


# --- Outline, position and pager ------------------------------------------------------------------


def test_outline_position_and_pager_cross_modules(client, learner, programme, module, lesson, next_lesson):
    second_module = ModulePageFactory(parent=programme, order=2, title="Gestion de crise", slug="crise-module")
    third = LessonPageFactory(parent=second_module, title="Repérer les signes", slug="signes")
    client.force_login(learner)
    html = client.get(next_lesson.url).content.decode()
    assert "Leçon 2 sur 2" in html
    assert 'aria-current="page" class="current">La reformulation' in html
    assert f'rel="prev" href="{lesson.url}"' in html
    assert f'rel="next" href="{third.url}"' in html
    first = client.get(lesson.url).content.decode()
    assert 'rel="prev"' not in first


# --- Cache per revision ---------------------------------------------------------------------------


def test_body_is_cached_per_live_revision(client, learner, lesson, django_assert_num_queries):
    client.force_login(learner)
    client.get(lesson.url)
    key = f"cms:lesson-body:{lesson.pk}:{lesson.live_revision_id}:fr"
    assert "L'écoute active commence par le silence." in cache.get(key)

    lesson.body = [{"type": "text", "value": "<p>Nouvelle version relue.</p>"}]
    revision = lesson.save_revision()
    assert "Nouvelle version" not in client.get(lesson.url).content.decode()  # a draft changes nothing
    revision.publish()
    html = client.get(lesson.url).content.decode()
    assert "Nouvelle version relue." in html
    assert "L'écoute active" not in html


def test_cached_outline_follows_publishing_moving_and_deleting(client, learner, programme, module, lesson):
    """The lesson page's outline is cached (cms.models.lesson_outline) and read again after any change of pages."""
    client.force_login(learner)
    assert "La reformulation" not in client.get(lesson.url).content.decode()  # cached now
    added = LessonPageFactory(parent=module, title="La reformulation", slug="la-reformulation")
    html = client.get(lesson.url).content.decode()
    assert f'rel="next" href="{added.url}"' in html

    added.unpublish()
    assert "La reformulation" not in client.get(lesson.url).content.decode()
    added.save_revision().publish()
    assert "La reformulation" in client.get(lesson.url).content.decode()
    added.delete()
    assert "La reformulation" not in client.get(lesson.url).content.decode()


def test_a_lesson_is_routed_by_its_path_only_when_live(client, learner, lesson):
    client.force_login(learner)
    assert client.get(lesson.url).status_code == 200
    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404
    assert client.get(lesson.url.replace("le-silence", "autre-lecon")).status_code == 404


def test_a_cached_route_follows_a_new_slug_and_a_move(client, learner, programme, module, lesson):
    """The lesson found at a path is kept with the outline (cms.models._cached_lesson), read again after any change."""
    client.force_login(learner)
    old_url = lesson.url
    assert client.get(old_url).status_code == 200  # kept now
    lesson.slug = "le-silence-qui-ecoute"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(lesson.url).status_code == 200
    other = ModulePageFactory(parent=programme, slug="autre-module")
    lesson.move(other, pos="last-child")
    lesson.refresh_from_db()
    assert "/autre-module/" in lesson.url
    assert client.get(lesson.url).status_code == 200
    # The address in the old module no longer serves the lesson: it sends to the new one (Wagtail's redirect).
    moved_from = client.get(old_url.replace("le-silence", "le-silence-qui-ecoute"))
    assert (moved_from.status_code, moved_from["Location"]) == (301, lesson.url)


def test_a_privacy_setting_added_above_a_lesson_applies_at_once(client, learner, programme, module, lesson):
    """The restrictions that apply to a lesson are kept with the outline (LessonPage.get_view_restrictions): a
    restriction set on its module after the lesson was read, then taken away, is followed at the next request."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    client.force_login(learner)
    assert client.get(lesson.url).status_code == 200  # no restriction, and kept now
    restriction = PageViewRestriction.objects.create(page=module, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Relecteurs du module"))
    refused = client.get(lesson.url)
    assert refused.status_code == 302
    assert "L'écoute active" not in refused.content.decode()
    restriction.delete()
    assert client.get(lesson.url).status_code == 200


def test_the_user_bar_appears_once_the_person_may_use_the_admin(client, learner, lesson):
    """Whether someone may use the admin is cached (cms.templatetags.cms_userbar), and asked again on a change."""
    from django.contrib.auth.models import Group, Permission

    client.force_login(learner)
    assert "wagtail-userbar" not in client.get(lesson.url).content.decode()
    editors = Group.objects.create(name="Relecture")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    learner.groups.add(editors)
    pass_second_factor(client, learner)  # a role that reaches the admin asks for the second factor first
    assert "wagtail-userbar" in client.get(lesson.url).content.decode()
    learner.groups.remove(editors)
    assert "wagtail-userbar" not in client.get(lesson.url).content.decode()


def test_the_user_bar_is_only_on_the_pages_wagtail_serves(client, coordinator, cohort, lesson):
    """A coordinator's own pages (here "My space" and the cohort's progress matrix) have the menu's "Administration"
    link, not the bar, which offers to edit a page of the site."""
    from django.urls import reverse

    client.force_login(coordinator)
    pass_second_factor(client, coordinator)
    assert "wagtail-userbar" in client.get(lesson.url).content.decode()
    for path in (reverse("my_space:home"), reverse("lms:progress_matrix", args=[cohort.pk])):
        html = client.get(path).content.decode()
        assert 'href="/admin/"' in html
        assert "wagtail-userbar" not in html


# --- Query counts ---------------------------------------------------------------------------------


def _lesson_queries(client, learner, programme, first_module, lesson, *, queries: int):
    modules = [first_module]

    def make_rows(n):
        for _ in range(n):
            module = ModulePageFactory(parent=programme)
            modules.append(module)
            LessonPageFactory(parent=module)
            LessonPageFactory(parent=first_module)

    def fetch():
        response = client.get(lesson.url)
        assert response.status_code == 200
        assert "L'écoute active commence par le silence." in response.content.decode()

    client.force_login(learner)
    assert_constant_queries(make_rows, fetch, few=1, many=8, queries=queries)


def test_lesson_page_queries_do_not_grow_with_the_programme(client, learner, programme, module, lesson):
    _lesson_queries(client, learner, programme, module, lesson, queries=5)


def test_lesson_page_queries_do_not_grow_with_the_learners_history(client, learner, cohort, module, lesson):
    from datetime import date, timedelta

    from tests.factories import ModuleReleaseFactory, ModuleReleaseOverrideFactory

    enrolment = learner.enrolments.get()

    def make_rows(n):
        for _ in range(n):
            other = ModulePageFactory(parent=module.get_parent())
            ModuleReleaseFactory(cohort=cohort, module=other, opens_on=date.today() - timedelta(days=1))
            ModuleReleaseOverrideFactory(enrolment=enrolment, module=other)

    def fetch():
        response = client.get(lesson.url)
        assert response.status_code == 200
        assert "L'écoute active commence par le silence." in response.content.decode()

    client.force_login(learner)
    assert_constant_queries(make_rows, fetch, few=1, many=6, queries=5)


# --- Media blocks ---------------------------------------------------------------------------------


def test_media_and_download_blocks_point_at_the_permission_checked_view(client, learner, programme, module):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    programme_editorial_setup(programme=programme)
    Document = get_document_model()
    files = []
    for name in ("temoignage.mp4", "entretien.mp3", "fiche.pdf"):
        document = Document(title=name, collection=programme.collection)
        document.file.save(name, ContentFile(b"data"), save=False)
        document.save()
        files.append(document)
    video, audio, pdf = files
    body = [
        {
            "type": "video",
            "value": {"title": "Témoignage", "media": video.pk, "embed": "", "transcript": "<p>Mot à mot</p>"},
        },
        {"type": "audio", "value": {"title": "Entretien", "media": audio.pk, "transcript": "<p>Transcription</p>"}},
        {"type": "document", "value": {"document": pdf.pk, "label": "La fiche repère", "description": ""}},
    ]
    lesson = LessonPageFactory(parent=module, slug="medias", body=body)
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    try:
        assert f'<video controls preload="metadata" src="{video.url}"' in html
        assert f'src="{audio.url}"' in html and "Transcription" in html
        assert f'href="{pdf.url}"' in html and "La fiche repère" in html
        assert "/media/" not in html
    finally:
        for document in files:
            document.file.delete(save=False)


def test_video_needs_exactly_one_source():
    from cms.blocks import VideoBlock

    block = VideoBlock()
    value = block.to_python({"title": "Vidéo", "media": None, "embed": "", "transcript": "<p>Texte</p>"})
    with pytest.raises(StructBlockValidationError, match="Validation error in StructBlock"):
        block.clean(value)

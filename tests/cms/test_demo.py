"""The demo seeder builds pages from a PROGRAMMES list, idempotently, and says clearly when the text is missing."""

import io
import sys
import types

import pytest

from accounts.demo import DemoContext
from cms import demo
from cms.models import LessonPage, ModulePage, ProgrammePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FIXTURE = [
    {
        "slug": "du-pair-aidance-sante-mentale",
        "title": "DU Pair-aidance en santé mentale",
        "summary": "Un an pour devenir pair-aidant.",
        "objectives": ["Écouter", "Accompagner"],
        "audience": "Personnes concernées.",
        "admission": "Sur dossier.",
        "duration": "Un an",
        "hours": 150,
        "places": 24,
        "locations": "Lyon",
        "modules": [
            {
                "slug": "ecoute",
                "title": "Écoute active",
                "order": 1,
                "summary": "Écouter vraiment.",
                "objectives": ["Reformuler"],
                "competencies": ["Écoute"],
                "estimated_hours": 12,
                "lessons": [
                    {
                        "slug": "silence",
                        "title": "Le silence",
                        "estimated_minutes": 20,
                        "completion_rule": "quiz_passed",
                        "content_note": {"topics": "deuil", "message": "Il est question de deuil."},
                        "body": [
                            ("text", "<p>Le silence aide.</p>"),
                            ("key_points", {"title": "À retenir", "points": ["Un", "Deux"]}),
                            (
                                "case_study",
                                {"title": "Cas", "situation": "<p>Une situation.</p>", "questions": ["Q ?"]},
                            ),
                            ("reflection", {"prompt": "Et vous ?", "guidance": "Prenez votre temps."}),
                            ("content_note", {"topics": "deuil", "message": "Encore un mot."}),
                            (
                                "quiz",
                                {
                                    "title": "Quiz",
                                    "pass_mark": 60,
                                    "max_attempts": 3,
                                    "questions": [
                                        {
                                            "kind": "true_false",
                                            "text": "Le silence est utile.",
                                            "explanation": "Oui.",
                                            "choices": [
                                                {"text": "Vrai", "correct": True, "feedback": "Bien."},
                                                {"text": "Faux", "correct": False, "feedback": "Non."},
                                            ],
                                        }
                                    ],
                                },
                            ),
                        ],
                    }
                ],
            }
        ],
    },
    {"slug": "formation-courte", "title": "Formation courte", "summary": "Deux jours.", "modules": []},
]


@pytest.fixture
def content_package(monkeypatch):
    module = types.ModuleType("tests_fixture_content")
    module.PROGRAMMES = FIXTURE
    monkeypatch.setitem(sys.modules, "tests_fixture_content", module)
    monkeypatch.setattr(demo, "CONTENT_MODULE", "tests_fixture_content")


def _ctx():
    ctx = DemoContext(stdout=io.StringIO())
    ctx.users["author"] = UserFactory(email="auteur-demo@example.test", staff=True)
    return ctx


def test_seed_builds_published_pages_and_fills_the_context(content_package):
    ctx = _ctx()
    demo.seed(ctx)
    du = ctx.objects["programme"]
    assert du.slug == "du-pair-aidance-sante-mentale" and du.live and du.hours == 150
    assert [p.slug for p in ctx.objects["programmes"]] == ["du-pair-aidance-sante-mentale", "formation-courte"]
    assert du.objective_list == ["Écouter", "Accompagner"]
    module = ModulePage.objects.child_of(du).get()
    lesson = LessonPage.objects.child_of(module).get()
    assert lesson.live and lesson.live_revision_id
    assert lesson.content_note_topics == "deuil"
    assert [block.block_type for block in lesson.body] == [
        "text",
        "key_points",
        "case_study",
        "reflection",
        "content_note",
        "quiz",
    ]
    assert ctx.users["author"].groups.filter(pk=du.authors_group_id).exists()


def test_seed_is_idempotent_and_keeps_editors_changes(content_package):
    demo.seed(_ctx())
    lesson = LessonPage.objects.get(slug="silence")
    lesson.title = "Le silence (relu)"
    lesson.save_revision().publish()
    counts = (ProgrammePage.objects.count(), ModulePage.objects.count(), LessonPage.objects.count())
    demo.seed(_ctx())
    assert (ProgrammePage.objects.count(), ModulePage.objects.count(), LessonPage.objects.count()) == counts
    assert LessonPage.objects.get(slug="silence").title == "Le silence (relu)"


def test_seed_without_the_content_package_raises_a_clear_error(monkeypatch):
    monkeypatch.setattr(demo, "CONTENT_MODULE", "cms.no_such_content_package")
    with pytest.raises(demo.DemoContentMissing, match="PROGRAMMES"):
        demo.seed(_ctx())

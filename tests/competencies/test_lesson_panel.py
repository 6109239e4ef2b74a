"""Learners see the competencies a lesson works on, under the lesson (mapped to the lesson or to its module)."""

import pytest

from competencies.models import Block, Competency
from tests.factories import EnrolmentFactory, LessonPageFactory, ModulePageFactory

pytestmark = pytest.mark.django_db


def test_the_lesson_page_lists_the_competencies_worked_on(client, programme, cohort):
    module = ModulePageFactory(parent=programme)
    lesson = LessonPageFactory(parent=module)
    other = LessonPageFactory(parent=module)
    block = Block.objects.create(programme=programme, code="BC1", title="Écouter")
    by_module = Competency.objects.create(block=block, code="C1.1", title="Pratiquer l'écoute active")
    by_module.modules.add(module)
    by_lesson = Competency.objects.create(block=block, code="C1.2", title="Accueillir les silences")
    by_lesson.lessons.add(lesson)
    learner = EnrolmentFactory(cohort=cohort).learner
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert "Compétences travaillées" in html
    assert "C1.1 — Pratiquer l&#x27;écoute active" in html and "C1.2 — Accueillir les silences" in html
    html = client.get(other.url).content.decode()
    assert "C1.1 — Pratiquer" in html and "C1.2" not in html

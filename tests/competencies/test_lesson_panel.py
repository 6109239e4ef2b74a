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


def test_the_cached_competencies_follow_every_change_of_the_referentiel(client, programme, cohort):
    """Under each lesson the competencies come from the shared cache (competencies.selectors.lesson_competencies),
    read again after any change: a mapping added or removed, a competency or a block renamed, a competency deleted."""
    module = ModulePageFactory(parent=programme)
    lesson = LessonPageFactory(parent=module)
    block = Block.objects.create(programme=programme, code="BC1", title="Écouter")
    competency = Competency.objects.create(block=block, code="C1.1", title="Pratiquer l'écoute active")
    client.force_login(EnrolmentFactory(cohort=cohort).learner)
    assert "C1.1" not in client.get(lesson.url).content.decode()  # cached now, with nothing mapped

    competency.lessons.add(lesson)
    assert "C1.1 — Pratiquer" in client.get(lesson.url).content.decode()
    competency.title = "Écouter sans juger"
    competency.save()
    assert "C1.1 — Écouter sans juger" in client.get(lesson.url).content.decode()
    competency.lessons.remove(lesson)
    assert "C1.1" not in client.get(lesson.url).content.decode()
    competency.modules.add(module)
    assert "C1.1 — Écouter sans juger" in client.get(lesson.url).content.decode()
    assert '<span class="badge">BC1</span>' in client.get(lesson.url).content.decode()
    block.code = "BC9"
    block.save()
    assert '<span class="badge">BC9</span>' in client.get(lesson.url).content.decode()
    competency.delete()
    assert "C1.1" not in client.get(lesson.url).content.decode()

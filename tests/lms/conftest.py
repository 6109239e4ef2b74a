import pytest
from django.contrib.auth.models import Group

from tests.factories import CohortFactory, ModulePageFactory, UserFactory


@pytest.fixture
def module(programme):
    return ModulePageFactory(parent=programme, title="Gestion de crise", slug="gestion-de-crise", order=2)


@pytest.fixture
def other_cohort_coordinator(programme):
    """Coordinates another cohort (of the same programme), not `cohort`."""
    person = UserFactory(email="autre-promo@example.test", staff=True)
    person.groups.add(Group.objects.get(name="Coordinators"))
    CohortFactory(programme=programme, coordinators=[person])
    return person


class Course:
    """A programme's module with one lesson per completion rule (the quiz lesson has a one-question quiz)."""

    def __init__(self, programme, order=1):
        from cms.enums import CompletionRule
        from tests.factories import LessonPageFactory
        from tests.factories.cms import lesson_body

        self.programme = programme
        self.module = ModulePageFactory(parent=programme, order=order)
        self.viewed = LessonPageFactory(
            parent=self.module, completion_rule=CompletionRule.VIEWED, body=lesson_body(quiz=False)
        )
        self.quiz = LessonPageFactory(parent=self.module, completion_rule=CompletionRule.QUIZ_PASSED)
        self.reflection = LessonPageFactory(
            parent=self.module, completion_rule=CompletionRule.REFLECTION_WRITTEN, body=lesson_body(quiz=False)
        )
        self.done = LessonPageFactory(
            parent=self.module, completion_rule=CompletionRule.MARKED_DONE, body=lesson_body(quiz=False)
        )

    @property
    def lessons(self):
        return [self.viewed, self.quiz, self.reflection, self.done]


def quiz_parts(lesson):
    """(quiz id, question id, correct choice id, wrong choice id) of the lesson's first quiz."""
    block = next(block for block in lesson.body if block.block_type == "quiz")
    question = block.value["questions"].bound_blocks[0]
    choices = question.value["choices"].bound_blocks
    right = next(choice.id for choice in choices if choice.value["correct"])
    wrong = next(choice.id for choice in choices if not choice.value["correct"])
    return block.id, question.id, right, wrong


def reflection_id(lesson):
    return next(block.id for block in lesson.body if block.block_type == "reflection")


@pytest.fixture
def course(programme):
    return Course(programme)

"""Wagtail's own page assertions: where each page type may be created, and that each routes, renders and edits.

A TestCase class here (not plain functions) because Wagtail's assertions live on WagtailPageTestCase.
"""

from unittest import mock

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase, page_tests
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import HomePage, LessonPage, ModulePage, ProgrammePage
from tests.conftest import SecondFactorClient
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    LessonPageFactory,
    ModulePageFactory,
    ProgrammePageFactory,
)


class CoursePageTypesTest(WagtailPageTestCase):
    client_class = SecondFactorClient  # staff pass the second factor when logged in by the test

    @classmethod
    def setUpTestData(cls):
        cls.programme = ProgrammePageFactory()
        cls.module = ModulePageFactory(parent=cls.programme)
        cls.lesson = LessonPageFactory(parent=cls.module)
        cls.learner = EnrolmentFactory(cohort=CohortFactory(programme=cls.programme)).learner

    def setUp(self):
        super().setUp()
        # Wagtail logs in with the first AUTHENTICATION_BACKENDS entry, here Axes', which cannot load a user.
        patcher = mock.patch.object(page_tests, "AUTH_BACKEND", "accounts.backends.ModelBackend")
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_parent_and_child_rules(self):
        self.assertAllowedSubpageTypes(HomePage, {ProgrammePage})
        self.assertAllowedSubpageTypes(ProgrammePage, {ModulePage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertAllowedParentPageTypes(ProgrammePage, {HomePage})
        self.assertAllowedParentPageTypes(ModulePage, {ProgrammePage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})

    def test_creatable_where_allowed_and_not_elsewhere(self):
        self.assertCanCreateAt(HomePage, ProgrammePage)
        self.assertCanCreateAt(ProgrammePage, ModulePage)
        self.assertCanCreateAt(ModulePage, LessonPage)
        self.assertCanNotCreateAt(Page, ProgrammePage)
        self.assertCanNotCreateAt(HomePage, ModulePage)
        self.assertCanNotCreateAt(HomePage, LessonPage)
        self.assertCanNotCreateAt(ProgrammePage, LessonPage)
        self.assertCanNotCreateAt(ModulePage, ModulePage)
        self.assertCanNotCreateAt(LessonPage, LessonPage)

    def test_lesson_can_be_created_through_the_admin(self):
        self.login()
        self.assertCanCreate(
            self.module,
            LessonPage,
            nested_form_data(
                {
                    "title": "Reformuler",
                    "slug": "reformuler",
                    "estimated_minutes": 25,
                    "completion_rule": "viewed",
                    "content_note_topics": "",
                    "content_note_message": "",
                    "body": streamfield([("text", rich_text("<p>Bonjour</p>"))]),
                }
            ),
        )

    def test_pages_are_routable(self):
        for page in (self.programme, self.module, self.lesson):
            self.assertPageIsRoutable(page)

    def test_pages_are_renderable(self):
        self.assertPageIsRenderable(self.programme)
        self.assertPageIsRenderable(self.module)
        self.assertPageIsRenderable(self.lesson, user=self.learner)

    def test_lesson_refused_to_anonymous_is_a_403_page(self):
        response = self.client.get(self.lesson.url)
        self.assertEqual(response.status_code, 403)
        self.assertTemplateUsed(response, "cms/access_refused.html")

    def _lesson_post_data(self):
        return nested_form_data(
            {
                "title": self.lesson.title,
                "slug": self.lesson.slug,
                "estimated_minutes": 20,
                "completion_rule": "viewed",
                "content_note_topics": "",
                "content_note_message": "",
                "body": streamfield([("text", rich_text("<p>Le silence laisse de la place.</p>"))]),
            }
        )

    def test_pages_are_editable(self):
        self.assertPageIsEditable(self.programme)
        self.assertPageIsEditable(self.module)
        self.assertPageIsEditable(self.lesson, post_data=self._lesson_post_data())

    def test_pages_are_previewable(self):
        self.assertPageIsPreviewable(self.programme)
        self.assertPageIsPreviewable(self.module)
        self.assertPageIsPreviewable(self.lesson, post_data=self._lesson_post_data())

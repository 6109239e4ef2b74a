"""Page factories: Wagtail pages must be created under a parent with `add_child`."""

import factory
from django.utils import timezone
from wagtail.signals import page_published

from cms.models import HomePage, LessonPage, ModulePage, ProgrammePage
from cms.services import programme_editorial_setup

PUBLISHED_FIELDS = ("live_revision", "has_unpublished_changes", "first_published_at", "last_published_at")


def home_page() -> HomePage:
    """The home page created by the data migration."""
    return HomePage.objects.get(depth=2)


class _PageFactory(factory.django.DjangoModelFactory):
    """Creates the page with `parent.add_child` (pass `parent=`; defaults per subclass)."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")

    @classmethod
    def _default_parent(cls):
        return home_page()

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or cls._default_parent()
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        return page


class HomePageFactory:
    """The home page exists once (max_count=1); this returns it."""

    def __new__(cls, *args, **kwargs):
        return home_page()


class ProgrammePageFactory(_PageFactory):
    """A bare programme page; `editorial=True` adds what the admin gives a new programme (its authors and
    coordinators groups, collection and review workflow: about forty queries, so only when a test needs them)."""

    class Meta:
        model = ProgrammePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"DU Pair-aidance {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    summary = "Un diplôme universitaire pour former des pairs-aidants."

    @factory.post_generation
    def editorial(self, create, extracted, **kwargs):
        if create and extracted:
            programme_editorial_setup(programme=self)


class ModulePageFactory(_PageFactory):
    """A module; pass `parent=` (a programme), else a new programme is created."""

    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    summary = "Écouter sans juger, reformuler, laisser de la place au silence."
    objectives = "Reconnaître les freins à l'écoute\nPratiquer la reformulation"
    competencies = "Écoute active"
    estimated_hours = 6
    order = factory.Sequence(lambda n: n)

    @classmethod
    def _default_parent(cls):
        return ProgrammePageFactory()


def lesson_body(*, quiz: bool = True) -> list[dict]:
    """A small raw StreamField body: some text, and a quiz whose correct answer must never reach the page."""
    body = [
        {"type": "text", "value": "<p>L'écoute active commence par le silence.</p>"},
        {"type": "key_points", "value": {"title": "À retenir", "points": ["Reformuler", "Ne pas juger"]}},
        {"type": "reflection", "value": {"prompt": "Quand vous êtes-vous senti écouté ?", "guidance": ""}},
    ]
    if quiz:
        body.append(
            {
                "type": "quiz",
                "value": {
                    "title": "Vérifier vos acquis",
                    "pass_mark": 50,
                    "max_attempts": 3,
                    "questions": [
                        {
                            "kind": "single",
                            "text": "Que faire face à un silence ?",
                            "explanation": "EXPLICATION-SECRETE le silence laisse de la place.",
                            "choices": [
                                {"text": "Le respecter", "correct": True, "feedback": "RETOUR-SECRET-BON"},
                                {"text": "Le combler vite", "correct": False, "feedback": "RETOUR-SECRET-FAUX"},
                            ],
                        }
                    ],
                },
            }
        )
    return body


class LessonPageFactory(_PageFactory):
    """A published lesson (with a revision, as the editor would make); pass `parent=` (a module)."""

    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Leçon {n}")
    slug = factory.Sequence(lambda n: f"lecon-{n}")
    estimated_minutes = 20
    body = factory.LazyFunction(lesson_body)

    @classmethod
    def _default_parent(cls):
        return ModulePageFactory()

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = super()._create(model_class, *args, **kwargs)  # `add_child` validates the page (its `full_clean`)
        revision = page.save_revision(clean=False)
        # Published as Wagtail's `publish` leaves a new page (its live revision, its dates, nothing left unpublished)
        # and with the same signal, without validating and saving the whole page once more (26 queries): the
        # editor's publishing itself is walked by the cms tests and the journeys.
        page.live_revision = revision
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = timezone.now()
        page.save(clean=False, update_fields=[*PUBLISHED_FIELDS])
        page_published.send(sender=LessonPage, instance=page, revision=revision)
        return LessonPage.objects.get(pk=page.pk)

"""Page factories: Wagtail pages must be created under a parent with `add_child`."""

import factory

from cms.models import HomePage, ProgrammePage


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
    class Meta:
        model = ProgrammePage

    title = factory.Sequence(lambda n: f"DU Pair-aidance {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    summary = "Un diplôme universitaire pour former des pairs-aidants."

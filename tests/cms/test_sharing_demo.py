"""The demo's new DU (Corsica) starts two modules from the first DU's through the sharing service."""

import pytest

from accounts.demo import demo_email
from cms.models import LessonPage, ModulePage, ProgrammePage

pytestmark = pytest.mark.django_db


def test_the_new_du_reuses_two_modules_of_the_first(demo):
    first = ProgrammePage.objects.get(slug="du-pair-aidance-sante-mentale")
    new = ProgrammePage.objects.get(slug="du-pair-aidance-corse")
    assert new.title == "DU Pair-aidance en santé mentale — Université de Corse (en création)"
    assert first.share_modules and not new.share_modules
    copies = list(ModulePage.objects.child_of(new).order_by("order"))
    assert [(m.source_module.get_parent().pk, m.source_module.slug, m.live) for m in copies] == [
        (first.pk, "ecoute-active", True),
        (first.pk, "gestion-de-crise", False),
    ]
    assert {m.source_programme_title for m in copies} == {"DU Pair-aidance en santé mentale"}
    published, draft = copies
    assert LessonPage.objects.child_of(published).live().count() == 3
    assert LessonPage.objects.child_of(draft).count() == 3 and not LessonPage.objects.child_of(draft).live().exists()
    coordinator = new.coordinators_group.user_set.get()
    assert coordinator.email == demo_email("coordination-corse")
    assert draft.permissions_for_user(coordinator).can_publish()
    assert not draft.source_module.permissions_for_user(coordinator).can_edit()

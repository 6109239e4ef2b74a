"""The demo's new DU (Corsica) starts two modules from the first DU's through the sharing service."""

import io

import pytest

from accounts.demo import DemoContext, demo_email
from accounts.models import User
from cms.demo import seed_shared_modules
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


def test_a_demo_database_seeded_before_sharing_gets_the_shared_modules(demo):
    """`make run` on an older demo database: the first DU did not share yet and the new DU has no module."""
    first = ProgrammePage.objects.get(slug="du-pair-aidance-sante-mentale")
    new = ProgrammePage.objects.get(slug="du-pair-aidance-corse")
    for module in ModulePage.objects.child_of(new):
        module.delete()
    ProgrammePage.objects.filter(pk=first.pk).update(share_modules=False)
    first.refresh_from_db()
    ctx = DemoContext(stdout=io.StringIO())
    ctx.objects.update(programme=first, new_programme=new)
    ctx.users.update(
        coordinator=User.objects.get(email=demo_email("coordinator")),
        new_coordinator=User.objects.get(email=demo_email("coordination-corse")),
    )

    seed_shared_modules(ctx)

    assert ProgrammePage.objects.get(pk=first.pk).share_modules
    assert ModulePage.objects.child_of(new).count() == 2

"""Programmes that share their modules: the copy service, who may copy and edit what, and the admin screens."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Revision

from cms.models import LessonPage, ModulePage
from cms.services import SharingRefused, module_copy, programme_author_add, programme_editorial_setup
from lms.models import LessonCompletion, ModuleRelease, QuizAttempt
from lms.records import lesson_complete
from lms.services import cohort_calendar_save
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    LessonPageFactory,
    ModulePageFactory,
    ProgrammePageFactory,
    UserFactory,
)
from tests.factories.cms import lesson_body

pytestmark = pytest.mark.django_db


def _coordinator_of(programme, email):
    person = UserFactory(staff=True, email=email)
    person.groups.add(Group.objects.get(name="Coordinators"))
    CohortFactory(programme=programme, coordinators=[person])
    return person


def _author_of(programme, email):
    person = UserFactory(staff=True, email=email)
    programme_author_add(programme=programme, user=person)
    return person


@pytest.fixture
def source_programme(db):
    """Programme A, published, sharing its modules."""
    programme = ProgrammePageFactory(title="DU Pair-aidance en santé mentale", slug="du-a", share_modules=True)
    programme_editorial_setup(programme=programme)
    return programme


@pytest.fixture
def document(source_programme):
    doc = get_document_model()(title="Fiche repère", collection=source_programme.collection)
    doc.file.save("fiche.pdf", ContentFile(b"%PDF-1.4 contenu de cours"), save=False)
    doc.save()
    yield doc
    doc.file.delete(save=False)


@pytest.fixture
def source_module(source_programme, document):
    module = ModulePageFactory(parent=source_programme, title="Écoute active", slug="ecoute-active", order=3)
    module.save_revision().publish()
    download = {"type": "document", "value": {"document": document.pk, "label": "La fiche", "description": ""}}
    LessonPageFactory(
        parent=module,
        title="Le silence",
        slug="le-silence",
        content_note_topics="crise",
        content_note_message="Cette leçon évoque une crise.",
        body=[*lesson_body(quiz=True), download],
    )
    LessonPageFactory(parent=module, title="La reformulation", slug="la-reformulation")
    draft = LessonPageFactory.build(title="Brouillon de A", slug="brouillon")
    module.add_child(instance=draft)
    draft.save_revision()
    LessonPage.objects.filter(pk=draft.pk).update(live=False)
    return ModulePage.objects.get(pk=module.pk)


@pytest.fixture
def target_programme(db):
    """Programme B, the new one."""
    programme = ProgrammePageFactory(title="DU Pair-aidance — Université de Corse", slug="du-corse")
    programme_editorial_setup(programme=programme)
    return programme


@pytest.fixture
def target_coordinator(target_programme):
    return _coordinator_of(target_programme, "coordination-b@example.test")


@pytest.fixture
def target_author(target_programme):
    return _author_of(target_programme, "auteur-b@example.test")


@pytest.fixture
def source_coordinator(source_programme):
    return _coordinator_of(source_programme, "coordination-a@example.test")


# --- The service ------------------------------------------------------------------------------------------


def test_copy_lands_as_a_draft_with_its_published_lessons_and_attribution(
    source_module, target_programme, target_coordinator, document
):
    ModulePageFactory(parent=target_programme, title="Déjà là", order=5)
    source_revisions = Revision.objects.filter(object_id__in=[str(source_module.pk)]).count()

    copy = module_copy(source=source_module, programme=target_programme, by=target_coordinator)

    assert copy.get_parent().pk == target_programme.pk
    assert (copy.live, copy.has_unpublished_changes, copy.owner_id) == (False, True, target_coordinator.pk)
    assert (copy.title, copy.slug, copy.order) == ("Écoute active", "ecoute-active", 6)
    assert copy.source_module_id == source_module.pk
    assert (copy.source_module_title, copy.source_programme_title) == (
        "Écoute active",
        "DU Pair-aidance en santé mentale",
    )
    assert copy.copied_at is not None
    assert copy.summary == source_module.summary
    lessons = list(LessonPage.objects.child_of(copy).order_by("path"))
    assert [lesson.title for lesson in lessons] == ["Le silence", "La reformulation"]  # not the source's draft
    assert not any(lesson.live for lesson in lessons)
    noted = lessons[0]
    assert noted.content_notes()[0] == {"topics": "crise", "message": "Cette leçon évoque une crise."}
    assert [block.block_type for block in noted.body] == [
        "text",
        "key_points",
        "reflection",
        "quiz",
        "document",
    ]
    assert noted.body[4].value["document"].pk == document.pk
    # The latest revision (what the editor opens) holds the attribution too.
    assert copy.get_latest_revision_as_object().source_programme_title == "DU Pair-aidance en santé mentale"
    # The source is untouched.
    source_module.refresh_from_db()
    assert (source_module.live, source_module.numchild, source_module.copies.get()) == (True, 3, copy)
    assert Revision.objects.filter(object_id__in=[str(source_module.pk)]).count() == source_revisions


def test_copy_takes_a_free_slug_next_to_an_earlier_copy(source_module, target_programme, target_coordinator):
    first = module_copy(source=source_module, programme=target_programme, by=target_coordinator)
    second = module_copy(source=source_module, programme=target_programme, by=target_coordinator)
    assert (first.slug, second.slug) == ("ecoute-active", "ecoute-active-1")


def test_no_learner_record_travels_with_the_copy(source_module, source_programme, target_programme, target_coordinator):
    cohort = CohortFactory(programme=source_programme)
    learner = EnrolmentFactory(cohort=cohort).learner
    lesson = LessonPage.objects.child_of(source_module).get(slug="la-reformulation")
    lesson_complete(learner=learner, lesson=lesson, how=lesson.completion_rule)
    ModuleRelease.objects.create(cohort=cohort, module=source_module, opens_on="2026-01-05")

    copy = module_copy(source=source_module, programme=target_programme, by=target_coordinator)

    copied_lessons = LessonPage.objects.child_of(copy)
    assert not LessonCompletion.objects.filter(lesson__in=copied_lessons).exists()
    assert not QuizAttempt.objects.filter(lesson__in=copied_lessons).exists()
    assert not ModuleRelease.objects.filter(module=copy).exists()
    assert LessonCompletion.objects.filter(learner=learner).count() == 1


def test_refused_when_the_source_programme_does_not_share(
    source_module, source_programme, target_programme, target_coordinator
):
    source_programme.share_modules = False
    source_programme.save_revision().publish()
    with pytest.raises(SharingRefused, match="ne partage pas ce module"):
        module_copy(source=source_module, programme=target_programme, by=target_coordinator)
    assert not ModulePage.objects.child_of(target_programme).exists()


def test_refused_when_the_source_module_is_not_published(source_module, target_programme, target_coordinator):
    source_module.unpublish()
    with pytest.raises(SharingRefused, match="ne partage pas ce module"):
        module_copy(source=source_module, programme=target_programme, by=target_coordinator)


def test_refused_when_the_source_programme_is_not_published(
    source_module, source_programme, target_programme, target_coordinator
):
    source_programme.unpublish()
    with pytest.raises(SharingRefused, match="ne partage pas ce module"):
        module_copy(source=source_module, programme=target_programme, by=target_coordinator)


def test_refused_when_the_person_may_not_add_to_the_target(source_module, source_programme, target_programme):
    other = ProgrammePageFactory(title="DU C", slug="du-c")
    author_c = _author_of(other, "auteur-c@example.test")
    with pytest.raises(SharingRefused, match="Seuls les coordinateurs et auteurs de « DU Pair-aidance — Université"):
        module_copy(source=source_module, programme=target_programme, by=author_c)
    assert not ModulePage.objects.child_of(target_programme).exists()


def test_a_coordinator_of_b_cannot_copy_into_a(source_module, source_programme, target_programme, target_coordinator):
    b_module = ModulePageFactory(parent=target_programme)
    target_programme.share_modules = True
    target_programme.save_revision().publish()
    with pytest.raises(SharingRefused, match="Seuls les coordinateurs et auteurs de « DU Pair-aidance en santé"):
        module_copy(source=b_module, programme=source_programme, by=target_coordinator)


def test_refused_inside_the_same_programme(source_module, source_programme, source_coordinator):
    with pytest.raises(SharingRefused, match="appartient déjà à cette formation"):
        module_copy(source=source_module, programme=source_programme, by=source_coordinator)


# --- Who edits what ----------------------------------------------------------------------------------------


def test_the_targets_people_edit_the_copy_and_never_the_source(
    source_module, target_programme, target_coordinator, target_author, source_coordinator
):
    copy = module_copy(source=source_module, programme=target_programme, by=target_author)
    copied_lesson = LessonPage.objects.child_of(copy).first()
    source_lesson = LessonPage.objects.child_of(source_module).first()
    for person in (target_coordinator, target_author):
        assert copy.permissions_for_user(person).can_edit()
        assert copied_lesson.permissions_for_user(person).can_edit()
        assert not source_module.permissions_for_user(person).can_edit()
        assert not source_lesson.permissions_for_user(person).can_edit()
    assert copy.permissions_for_user(target_coordinator).can_publish()
    assert not copy.permissions_for_user(target_author).can_publish()
    assert not copy.permissions_for_user(source_coordinator).can_edit()
    assert copy.get_workflow().tasks.get().specific.groups.get() == target_programme.coordinators_group


def test_an_author_of_c_cannot_edit_as_source(source_module):
    author_c = _author_of(ProgrammePageFactory(title="DU C", slug="du-c"), "auteur-c@example.test")
    assert not source_module.permissions_for_user(author_c).can_edit()
    assert not author_c.has_perm("cms.see_module_copies", source_module)
    assert not author_c.has_perm("cms.copy_module_into", source_module.get_parent().specific)


# --- The admin screens -------------------------------------------------------------------------------------


def test_picker_lists_only_what_the_person_may_copy(client, source_module, target_programme, target_coordinator):
    closed = ProgrammePageFactory(title="DU Fermé", slug="du-ferme")
    ModulePageFactory(parent=closed, title="Module non partagé")
    draft_module = ModulePageFactory(parent=source_module.get_parent(), title="Module en brouillon")
    ModulePage.objects.filter(pk=draft_module.pk).update(live=False)
    client.force_login(target_coordinator)

    response = client.get(reverse("cms_sharing:index"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Modules que vous pouvez reprendre dans « DU Pair-aidance — Université de Corse »" in content
    assert "Écoute active" in content
    assert reverse("cms_sharing:copy", args=[target_programme.pk, source_module.pk]) in content
    assert "Module non partagé" not in content
    assert "Module en brouillon" not in content


def test_picker_refused_to_someone_who_edits_no_programme(client, source_module):
    staff = UserFactory(staff=True, email="personne@example.test")
    staff.groups.add(Group.objects.get(name="Authors"))
    client.force_login(staff)
    response = client.get(reverse("cms_sharing:index"))
    assert response.status_code == 403
    assert "Vous n'avez pas accès à cette page" in response.content.decode()


def test_confirmation_page_then_copy_opens_the_editor_of_the_draft(
    client, source_module, target_programme, target_coordinator
):
    client.force_login(target_coordinator)
    url = reverse("cms_sharing:copy", args=[target_programme.pk, source_module.pk])
    page = client.get(url)
    content = page.content.decode()
    assert page.status_code == 200
    assert "Reprendre « Écoute active » de « DU Pair-aidance en santé mentale »" in content
    assert "Le silence" in content and "avertissement" in content
    assert "Brouillon de A" not in content

    response = client.post(url)

    copy = ModulePage.objects.child_of(target_programme).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    editor = client.get(response["Location"]).content.decode()
    assert "D’après le module" in editor and "DU Pair-aidance en santé mentale" in editor
    assert "est maintenant un brouillon de « DU Pair-aidance — Université de Corse »" in editor


def test_copy_refused_over_http_to_a_coordinator_of_another_programme(
    client, source_module, target_programme, source_programme
):
    other_coordinator = _coordinator_of(ProgrammePageFactory(title="DU C", slug="du-c"), "coord-c@example.test")
    client.force_login(other_coordinator)
    url = reverse("cms_sharing:copy", args=[target_programme.pk, source_module.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not ModulePage.objects.child_of(target_programme).exists()


def test_copy_of_a_module_that_is_not_shared_is_not_found(
    client, source_module, source_programme, target_programme, target_coordinator
):
    source_programme.share_modules = False
    source_programme.save_revision().publish()
    client.force_login(target_coordinator)
    url = reverse("cms_sharing:copy", args=[target_programme.pk, source_module.pk])
    assert client.post(url).status_code == 404
    assert not ModulePage.objects.child_of(target_programme).exists()


def test_programme_listing_has_the_reuse_button_for_its_editors_only(
    client, source_module, source_programme, target_programme, target_coordinator
):
    button = f"{reverse('cms_sharing:index')}?programme={target_programme.pk}"
    client.force_login(target_coordinator)
    own = client.get(reverse("wagtailadmin_explore", args=[target_programme.pk])).content.decode()
    assert button in own and "Reprendre un module d’un autre DU" in own
    assert f"?programme={source_programme.pk}" not in own
    client.force_login(UserFactory(email="admin@example.test", is_superuser=True, staff=True))
    home = client.get(reverse("wagtailadmin_explore", args=[target_programme.get_parent().pk])).content.decode()
    assert button in home and f"{reverse('cms_sharing:index')}?programme={source_programme.pk}" in home


def test_the_sources_people_see_who_reused_their_module(
    client, source_module, target_programme, target_coordinator, source_coordinator
):
    copy = module_copy(source=source_module, programme=target_programme, by=target_coordinator)
    client.force_login(source_coordinator)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[source_module.pk])).content.decode()
    assert "Ce module a été repris par une autre formation" in editor
    assert "DU Pair-aidance — Université de Corse" in editor
    listing = client.get(reverse("cms_sharing:index")).content.decode()
    assert "Vos modules repris par d’autres formations" in listing
    assert f"DU Pair-aidance — Université de Corse — « {copy.title} »" in listing


@pytest.mark.parametrize("modules", [1, 8])
def test_picker_query_count(
    client, django_assert_num_queries, source_programme, target_programme, target_coordinator, modules
):
    for n in range(modules):
        module = ModulePageFactory(parent=source_programme, title=f"Module partagé {n}")
        LessonPageFactory(parent=module)
    client.force_login(target_coordinator)
    url = reverse("cms_sharing:index")
    client.get(url)
    with django_assert_num_queries(18):
        response = client.get(url)
    assert response.content.decode().count("Reprendre ce module") == modules


# --- Learners of the target ---------------------------------------------------------------------------------


def test_learner_of_the_target_opens_the_published_copy_and_not_the_draft(
    client, source_module, target_programme, target_coordinator, source_programme
):
    learner = EnrolmentFactory(cohort=CohortFactory(programme=target_programme)).learner
    source_learner = EnrolmentFactory(cohort=CohortFactory(programme=source_programme)).learner
    copy = module_copy(source=source_module, programme=target_programme, by=target_coordinator)
    lesson = LessonPage.objects.child_of(copy).get(slug="la-reformulation")
    client.force_login(learner)
    assert client.get(lesson.url or f"/du-corse/{copy.slug}/{lesson.slug}/").status_code == 404  # a draft

    copy.get_latest_revision().publish(user=target_coordinator)
    lesson.get_latest_revision().publish(user=target_coordinator)
    lesson.refresh_from_db()
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert "D’après le module" in response.content.decode()
    module_page = client.get(ModulePage.objects.get(pk=copy.pk).url).content.decode()
    assert "D’après le module" in module_page and f'href="{source_module.url}"' in module_page

    client.force_login(source_learner)
    assert client.get(lesson.url).status_code == 403


def test_the_targets_calendar_governs_the_copy_and_the_sources_does_not(
    client, source_module, source_programme, target_programme, target_coordinator
):
    source_cohort = CohortFactory(programme=source_programme)
    ModuleRelease.objects.create(cohort=source_cohort, module=source_module, opens_on="2099-01-01")
    target_cohort = CohortFactory(programme=target_programme, coordinators=[target_coordinator])
    learner = EnrolmentFactory(cohort=target_cohort).learner
    copy = module_copy(source=source_module, programme=target_programme, by=target_coordinator)
    lesson = LessonPage.objects.child_of(copy).get(slug="la-reformulation")
    for page in (copy, lesson):
        page.get_latest_revision().publish(user=target_coordinator)
    lesson.refresh_from_db()
    client.force_login(learner)
    assert client.get(lesson.url).status_code == 200  # the source cohort's date does not apply

    cohort_calendar_save(
        cohort=target_cohort, opening_dates={copy.pk: datetime.date(2099, 3, 1)}, by=target_coordinator
    )

    # (The first learner keeps the module open: she has already done some of it.)
    client.force_login(EnrolmentFactory(cohort=target_cohort).learner)
    response = client.get(lesson.url)
    assert response.status_code == 403
    assert "1 mars 2099" in response.content.decode()


def test_the_targets_learners_open_the_sources_document_once_the_copy_is_published(
    client, source_module, target_programme, target_coordinator, document
):
    learner = EnrolmentFactory(cohort=CohortFactory(programme=target_programme)).learner
    copy = module_copy(source=source_module, programme=target_programme, by=target_coordinator)
    client.force_login(learner)
    assert client.get(document.url).status_code == 403
    lesson = LessonPage.objects.child_of(copy).get(slug="le-silence")
    for page in (copy, lesson):
        page.get_latest_revision().publish(user=target_coordinator)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"contenu de cours" in b"".join(response.streaming_content)


def test_the_copy_keeps_its_attribution_when_the_source_is_deleted(
    client, source_module, target_programme, target_coordinator
):
    copy = module_copy(source=source_module, programme=target_programme, by=target_coordinator)
    copy.get_latest_revision().publish(user=target_coordinator)
    source_module.delete()
    copy = ModulePage.objects.get(pk=copy.pk)
    assert (copy.source_module_id, copy.source_url) == (None, None)
    content = client.get(copy.url).content.decode()
    assert "D’après le module « Écoute active » de « DU Pair-aidance en santé mentale »" in content


def test_a_new_module_is_still_created_in_the_editor(client, target_programme, target_coordinator):
    client.force_login(target_coordinator)
    url = reverse("wagtailadmin_pages:add", args=["cms", "modulepage", target_programme.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Partage entre formations" not in response.content.decode()


@pytest.mark.parametrize("copies", [1, 6])
def test_reused_list_query_count(
    client,
    django_assert_num_queries,
    source_programme,
    target_programme,
    target_coordinator,
    source_coordinator,
    copies,
):
    for n in range(copies):
        module = ModulePageFactory(parent=source_programme, title=f"Module partagé {n}")
        module_copy(source=module, programme=target_programme, by=target_coordinator)
    client.force_login(source_coordinator)
    url = reverse("cms_sharing:index")
    client.get(url)
    with django_assert_num_queries(16):
        response = client.get(url)
    assert response.content.decode().count("DU Pair-aidance — Université de Corse — « Module partagé") == copies

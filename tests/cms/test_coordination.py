"""Coordinators' rights in the Wagtail admin are per programme, and follow the coordinators of its cohorts."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import GroupCollectionPermission, GroupPagePermission, TaskState

from cms.models import LessonPage, ProgrammePage
from tests.factories import CohortFactory, LessonPageFactory, ModulePageFactory, ProgrammePageFactory, UserFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

BODY_MARK = "L'écoute active commence par le silence."
# Removing one cohort coordinator: the m2m change, the programme's editorial set-up checked again, the group synced.
QUERIES_TO_SYNC = 20


def _fresh(programme) -> ProgrammePage:
    return ProgrammePage.objects.get(pk=programme.pk)


def _coordinates(user, programme) -> bool:
    return user.groups.filter(pk=_fresh(programme).coordinators_group_id).exists()


@pytest.fixture
def programme(db):
    """Both programmes as the admin creates them: with their groups, collection and review."""
    return ProgrammePageFactory(editorial=True)


@pytest.fixture
def other_programme(db):
    return ProgrammePageFactory(title="DU Médiation en santé", slug="du-mediation", editorial=True)


@pytest.fixture
def other_lesson(other_programme):
    module = ModulePageFactory(parent=other_programme, title="Médiation", slug="mediation")
    return LessonPageFactory(parent=module, title="Premier entretien", slug="premier-entretien")


def _submitted(lesson, author):
    """A draft submitted for review: the workflow state, its current task state."""
    lesson.title = f"{lesson.title} (relu)"
    lesson.save_revision(user=author)
    workflow_state = lesson.get_workflow().start(lesson, author)
    return workflow_state.current_task_state


# --- The groups, permissions and review of each programme ----------------------------------------


def test_each_programme_has_its_coordinators_group_and_review(programme, other_programme, lesson, other_lesson):
    programme, other_programme = _fresh(programme), _fresh(other_programme)
    group = programme.coordinators_group
    assert group is not None and group != other_programme.coordinators_group
    codenames = set(
        GroupPagePermission.objects.filter(group=group, page_id=programme.pk).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
    assert GroupCollectionPermission.objects.filter(group=group, collection=programme.collection).count() == 3
    assert group.permissions.filter(codename="access_admin").exists()

    workflow = lesson.get_workflow()
    assert workflow.name.startswith("Relecture par la coordination")
    assert list(workflow.tasks.get().specific.groups.all()) == [group]
    assert other_lesson.get_workflow() != workflow
    assert list(other_lesson.get_workflow().tasks.get().specific.groups.all()) == [other_programme.coordinators_group]


def test_the_generic_coordinators_group_has_no_rights_on_the_page_tree():
    coordinators = Group.objects.get(name="Coordinators")
    assert not GroupPagePermission.objects.filter(group=coordinators).exists()
    documents = GroupCollectionPermission.objects.filter(
        group=coordinators, permission__content_type__app_label="wagtaildocs"
    )
    assert not documents.exists()
    assert coordinators.permissions.filter(codename="access_admin").exists()


def test_setup_is_idempotent(programme):
    from cms.services import programme_editorial_setup

    programme = _fresh(programme)
    before = (Group.objects.count(), GroupPagePermission.objects.count(), TaskState.objects.count())
    programme_editorial_setup(programme=programme)
    programme_editorial_setup(programme=_fresh(programme))
    assert (Group.objects.count(), GroupPagePermission.objects.count(), TaskState.objects.count()) == before


# --- Membership follows the cohorts ---------------------------------------------------------------


def test_adding_and_removing_a_cohort_coordinator_syncs_the_group(programme, cohort):
    person = UserFactory(staff=True)
    second_cohort = CohortFactory(programme=programme)
    cohort.coordinators.add(person)
    assert _coordinates(person, programme)
    second_cohort.coordinators.add(person)
    cohort.coordinators.remove(person)
    assert _coordinates(person, programme)  # still coordinates another cohort of the programme
    second_cohort.coordinators.remove(person)
    assert not _coordinates(person, programme)


def test_sync_from_the_user_side_and_on_clear(programme, cohort, other_programme):
    person = UserFactory(staff=True)
    other_cohort = CohortFactory(programme=other_programme)
    person.coordinated_cohorts.add(cohort, other_cohort)
    assert _coordinates(person, programme) and _coordinates(person, other_programme)
    person.coordinated_cohorts.remove(other_cohort)
    assert _coordinates(person, programme) and not _coordinates(person, other_programme)
    person.coordinated_cohorts.clear()
    assert not _coordinates(person, programme)
    cohort.coordinators.add(person)
    cohort.coordinators.clear()
    assert not _coordinates(person, programme)


def test_deleting_or_moving_a_cohort_syncs_the_groups(programme, other_programme):
    person = UserFactory(staff=True)
    cohort = CohortFactory(programme=programme, coordinators=[person])
    cohort.programme = _fresh(other_programme)
    cohort.save()
    assert not _coordinates(person, programme) and _coordinates(person, other_programme)
    cohort.delete()
    assert not _coordinates(person, other_programme)


def test_sync_leaves_other_coordinators_and_groups_alone(programme, cohort, coordinator, other_coordinator):
    person = UserFactory(staff=True)
    person.groups.add(Group.objects.get(name="Coordinators"))
    cohort.coordinators.add(person)
    cohort.coordinators.remove(person)
    assert _coordinates(coordinator, programme)
    assert person.groups.filter(name="Coordinators").exists()
    assert not _coordinates(other_coordinator, programme)


def test_sync_runs_a_fixed_number_of_queries(programme, cohort):
    people = [UserFactory() for _ in range(6)]
    cohort.coordinators.add(people[0])
    with count_queries() as one:
        cohort.coordinators.remove(people[0])
    cohort.coordinators.add(*people[1:])
    with count_queries() as many:
        cohort.coordinators.remove(people[1])
    assert (len(one), len(many)) == (QUERIES_TO_SYNC, QUERIES_TO_SYNC)


# --- In the Wagtail admin -------------------------------------------------------------------------


def _admin_pages(lesson):
    revision = lesson.get_latest_revision()
    return {
        "edit": f"/admin/pages/{lesson.pk}/edit/",
        "preview": f"/admin/pages/{lesson.pk}/edit/preview/",
        "view draft": f"/admin/pages/{lesson.pk}/view_draft/",
        "history": f"/admin/pages/{lesson.pk}/history/",
        "revision": f"/admin/pages/{lesson.pk}/revisions/{revision.pk}/view/",
    }


def test_coordinator_of_another_programme_is_refused_everywhere_in_the_admin(client, lesson, other_coordinator):
    client.force_login(other_coordinator)
    for name, url in _admin_pages(lesson).items():
        response = client.get(url)
        assert response.status_code in (302, 403), name
        assert BODY_MARK not in response.content.decode(), name


def test_coordinator_opens_their_programmes_pages_in_the_admin(client, other_lesson, other_coordinator):
    client.force_login(other_coordinator)
    assert client.get("/admin/").status_code == 200
    for name, url in _admin_pages(other_lesson).items():
        response = client.get(url)
        assert response.status_code == 200, name
        if name != "preview":  # a GET of the preview is Wagtail's empty preview frame, filled in by the editor
            assert escape(other_lesson.title) in response.content.decode(), name


def test_coordinator_approves_only_their_programmes_reviews(client, lesson, author, coordinator, other_coordinator):
    task_state = _submitted(lesson, author)
    task = task_state.task.specific
    assert task.get_actions(lesson, other_coordinator) == []
    assert not task.user_can_access_editor(lesson, other_coordinator)
    assert [name for name, *_ in task.get_actions(lesson, coordinator)][:2] == ["reject", "approve"]

    approve = reverse("wagtailadmin_pages:workflow_action", args=[lesson.pk, "approve", task_state.pk])
    preview = reverse("wagtailadmin_pages:workflow_preview", args=[lesson.pk, task.pk])
    client.force_login(other_coordinator)
    assert client.get(preview).status_code in (302, 403)
    assert client.post(approve, {"comment": ""}).status_code in (302, 403)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert LessonPage.objects.get(pk=lesson.pk).title == "Le silence"  # nothing published

    client.force_login(coordinator)
    assert client.get(preview).status_code == 200
    response = client.post(approve, {"comment": ""})
    assert response.status_code in (200, 302)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert LessonPage.objects.get(pk=lesson.pk).title == "Le silence (relu)"


def test_coordinator_removed_from_every_cohort_loses_the_admin_rights(client, lesson, cohort, coordinator):
    assert lesson.permissions_for_user(coordinator).can_publish()
    cohort.coordinators.remove(coordinator)
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)  # Wagtail caches permissions on the user
    assert not lesson.permissions_for_user(coordinator).can_edit()
    client.force_login(coordinator)
    assert client.get(f"/admin/pages/{lesson.pk}/edit/").status_code in (302, 403)


def test_author_of_another_programme_cannot_edit_nor_publish(lesson, other_author, other_lesson, author):
    assert not lesson.permissions_for_user(other_author).can_edit()
    assert not other_lesson.permissions_for_user(author).can_edit()
    assert not other_lesson.permissions_for_user(author).can_publish()


def test_admin_explorer_lists_only_the_coordinators_programme(client, programme, other_programme, other_coordinator):
    client.force_login(other_coordinator)
    response = client.get("/admin/pages/", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert other_programme.title in html
    assert programme.title not in html


def _home_page_id() -> int:
    from cms.models import HomePage

    return HomePage.objects.get(depth=2).pk


def test_programme_created_in_the_admin_gets_its_groups_and_review(client):
    client.force_login(UserFactory(superuser=True))
    add = reverse("wagtailadmin_pages:add", args=["cms", "programmepage", _home_page_id()])
    response = client.post(add, {"title": "DU Nouveau", "slug": "du-nouveau", "summary": "Un nouveau DU."})
    assert response.status_code == 302
    programme = ProgrammePage.objects.get(slug="du-nouveau")
    assert programme.coordinators_group.name.startswith("Coordination · DU Nouveau")
    assert programme.authors_group.name.startswith("Auteurs · DU Nouveau")
    assert programme.collection.name == f"DU Nouveau ({programme.pk})"
    assert programme.get_workflow().tasks.get().specific.groups.get() == programme.coordinators_group


def test_programme_copied_in_the_admin_gets_groups_of_its_own(client, programme):
    client.force_login(UserFactory(superuser=True))
    copy = reverse("wagtailadmin_pages:copy", args=[programme.pk])
    data = {"new_title": "DU Copie", "new_slug": "du-copie", "new_parent_page": _home_page_id()}
    assert client.post(copy, data).status_code == 302
    original, duplicate = _fresh(programme), ProgrammePage.objects.get(slug="du-copie")
    assert duplicate.coordinators_group.name.startswith("Coordination · DU Copie")
    assert duplicate.authors_group.name.startswith("Auteurs · DU Copie")
    assert duplicate.collection != original.collection
    assert duplicate.coordinators_group != original.coordinators_group


def test_bare_factory_programme_has_no_editorial_setup():
    """Only the admin, the demo and the `editorial` trait give a programme its groups: saving a page does not."""
    programme = _fresh(ProgrammePageFactory())
    assert (programme.authors_group, programme.coordinators_group, programme.collection) == (None, None, None)

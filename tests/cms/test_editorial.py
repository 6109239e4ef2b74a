"""Editorial workflow: authors edit their programme's drafts and submit; coordinators approve and publish."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Workflow

from cms.models import LessonPage
from tests.factories import LessonPageFactory, ModulePageFactory, ProgrammePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    """The programme as the admin creates it: with its groups, collection and review."""
    return ProgrammePageFactory(editorial=True)


def test_every_course_page_goes_through_its_programmes_coordinators_review(lesson, programme):
    programme.refresh_from_db()
    workflow = lesson.get_workflow()
    assert workflow is not None and workflow.name.startswith("Relecture par la coordination · ")
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [programme.coordinators_group]
    assert programme.get_workflow() == workflow
    assert lesson.get_parent().get_workflow() == workflow
    # The home page keeps the original review, which no coordinators group holds any more.
    home_workflow = Workflow.objects.get(name="Relecture par la coordination")
    assert not home_workflow.tasks.get().specific.groups.exists()


def test_author_edits_only_their_programmes_pages_and_cannot_publish(lesson, author, other_author, other_programme):
    perms = lesson.permissions_for_user(author)
    assert perms.can_edit() and not perms.can_publish()
    assert lesson.get_parent().permissions_for_user(author).can_add_subpage()
    assert not lesson.permissions_for_user(other_author).can_edit()
    other_lesson = LessonPageFactory(parent=ModulePageFactory(parent=other_programme))
    assert not other_lesson.permissions_for_user(author).can_edit()
    assert not Page.objects.get(depth=2).permissions_for_user(author).can_add_subpage()


def test_author_of_another_programme_is_refused_the_editor(client, lesson, other_author):
    client.force_login(other_author)
    response = client.get(f"/admin/pages/{lesson.pk}/edit/")
    assert response.status_code in (302, 403)
    assert "commence par le silence" not in response.content.decode()


def test_author_submits_and_coordinator_approves_and_publishes(lesson, author, coordinator):
    lesson.title = "Le silence, version relue"
    revision = lesson.save_revision(user=author)
    workflow_state = lesson.get_workflow().start(lesson, author)
    assert workflow_state.status == "in_progress"
    assert LessonPage.objects.get(pk=lesson.pk).title == "Le silence"  # not published by the author

    task_state = workflow_state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(lesson, author) == []  # an author cannot approve their own work
    assert [name for name, *_ in task.get_actions(lesson, coordinator)][:1] == ["reject"]
    task.on_action(task_state, coordinator, "approve")
    lesson.refresh_from_db()
    assert lesson.title == "Le silence, version relue"
    assert lesson.live_revision_id == revision.pk


def test_coordinators_can_publish_and_schedule(lesson, coordinator):
    assert lesson.permissions_for_user(coordinator).can_publish()
    lesson.title = "Le silence (programmé)"
    lesson.go_live_at = timezone.now() + datetime.timedelta(days=2)
    revision = lesson.save_revision(user=coordinator, approved_go_live_at=lesson.go_live_at)
    revision.publish(user=coordinator)
    lesson.refresh_from_db()
    assert lesson.title == "Le silence"  # the live version stays until the date
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        call_command("publish_scheduled")
    lesson.refresh_from_db()
    assert lesson.title == "Le silence (programmé)"

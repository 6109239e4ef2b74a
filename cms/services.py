"""Writes for the editorial side: each programme's authors and coordinators groups, collection and review.

Every right in the Wagtail admin is given per programme: a programme's authors group and coordinators group hold
page permissions on that programme's subtree only, document permissions on its collection only, and the
programme has its own review workflow whose approval task belongs to its coordinators group. Nobody gets
rights on the whole tree but superusers, so a coordinator or author of one programme never opens, previews or
approves another programme's drafts.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.copy_page import CopyPageAction
from wagtail.coreutils import find_available_slug
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.models import LessonPage, ModulePage, ProgrammePage

AUTHOR_PAGE_PERMISSIONS = ("add_page", "change_page")
AUTHOR_DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")
COORDINATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
COORDINATOR_DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")
REVIEW_WORKFLOW_NAME = "Relecture par la coordination"
REVIEW_TASK_NAME = "Validation par la coordination"


_ACCESS_ADMIN = ("wagtailadmin", "admin", "access_admin")


def _permissions() -> dict[tuple[str, str, str], Permission]:
    """The permissions the programme groups hold, by (app label, model, codename): read in one query.

    Django makes them after every migrate; one missing (a database migrated without them) is made here.
    """
    wanted = {
        _ACCESS_ADMIN,
        *(("wagtailcore", "page", codename) for codename in {*AUTHOR_PAGE_PERMISSIONS, *COORDINATOR_PAGE_PERMISSIONS}),
        *(
            ("wagtaildocs", "document", codename)
            for codename in {*AUTHOR_DOCUMENT_PERMISSIONS, *COORDINATOR_DOCUMENT_PERMISSIONS}
        ),
    }
    found = Permission.objects.filter(
        content_type__app_label__in={app_label for app_label, _, _ in wanted},
        codename__in={codename for _, _, codename in wanted},
    ).select_related("content_type")
    permissions = {(p.content_type.app_label, p.content_type.model, p.codename): p for p in found}
    for key in wanted - permissions.keys():
        app_label, model, codename = key
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        permissions[key] = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename}
        )[0]
    return permissions


def _programme_group(
    *, programme, current: Group | None, prefix: str, page_codenames, document_codenames, collection, permissions
):
    """The group with its rights on the programme's subtree and collection; the rights it lacks are added (a few
    statements whatever it already holds: rows already there are left as they are)."""
    group = current
    if group is None:
        group, _ = Group.objects.get_or_create(name=f"{prefix} · {programme.title} ({programme.pk})"[:150])
    group.permissions.add(permissions[_ACCESS_ADMIN])
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page_id=programme.pk, permission=permissions["wagtailcore", "page", code])
            for code in page_codenames
        ],
        ignore_conflicts=True,
    )
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(
                group=group, collection=collection, permission=permissions["wagtaildocs", "document", code]
            )
            for code in document_codenames
        ],
        ignore_conflicts=True,
    )
    return group


def _programme_review_workflow(*, programme, coordinators: Group) -> None:
    """The programme's own review: one approval task held by its coordinators group (kept if already set).

    A workflow set on the programme page wins over the one of the home page for the whole programme subtree.
    When the programme already has a workflow of its own (perhaps chosen in the admin), it is left as it is.
    """
    if WorkflowPage.objects.filter(page_id=programme.pk).exists():
        return
    label = f"{programme.title} ({programme.pk})"
    task = GroupApprovalTask.objects.create(name=f"{REVIEW_TASK_NAME} · {label}"[:255], active=True)
    task.groups.set([coordinators])
    workflow = Workflow.objects.create(name=f"{REVIEW_WORKFLOW_NAME} · {label}"[:255], active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page_id=programme.pk, workflow=workflow)


@transaction.atomic
def programme_editorial_setup(*, programme) -> Group:
    """Give a programme its authors and coordinators groups, its collection and its review workflow (idempotent).

    The authors group may add and edit pages in this programme's subtree only, and add, edit and choose
    documents in the programme's collection. It cannot publish: authors submit for moderation, coordinators
    approve. The coordinators group may also publish, lock and unlock there, and holds the programme's approval
    task. Returns the authors group.
    """
    permissions = _permissions()
    collection = programme.collection
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=f"{programme.title} ({programme.pk})"[:255])
    authors = _programme_group(
        programme=programme,
        current=programme.authors_group,
        prefix="Auteurs",
        page_codenames=AUTHOR_PAGE_PERMISSIONS,
        document_codenames=AUTHOR_DOCUMENT_PERMISSIONS,
        collection=collection,
        permissions=permissions,
    )
    coordinators = _programme_group(
        programme=programme,
        current=programme.coordinators_group,
        prefix="Coordination",
        page_codenames=COORDINATOR_PAGE_PERMISSIONS,
        document_codenames=COORDINATOR_DOCUMENT_PERMISSIONS,
        collection=collection,
        permissions=permissions,
    )
    _programme_review_workflow(programme=programme, coordinators=coordinators)
    if (programme.authors_group_id, programme.coordinators_group_id, programme.collection_id) != (
        authors.pk,
        coordinators.pk,
        collection.pk,
    ):
        # A queryset update: saving the page would create no revision, and must not touch its content.
        type(programme).objects.filter(pk=programme.pk).update(
            authors_group=authors, coordinators_group=coordinators, collection=collection
        )
        programme.authors_group, programme.coordinators_group, programme.collection = authors, coordinators, collection
    return authors


@transaction.atomic
def programme_coordinators_set(*, programme, users) -> None:
    """Make exactly `users` the members of the programme's coordinators group (the cohorts app calls this).

    The group mirrors the coordinators of the programme's cohorts: someone removed from every cohort of the
    programme loses its rights in the admin at once; their other programmes are not touched.
    """
    programme_editorial_setup(programme=programme)
    programme.coordinators_group.user_set.set(list(users))


@transaction.atomic
def programme_author_add(*, programme, user) -> None:
    """Make `user` an author of `programme` (and only of it)."""
    group = programme_editorial_setup(programme=programme)
    user.groups.add(group, Group.objects.get(name="Authors"))
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


class SharingRefused(Exception):
    """A module that cannot be copied into a programme; the message is meant for the person who asked."""


# A copy starts unlocked and unscheduled, whatever the source's state in its own programme.
_FRESH_COPY = {"locked": False, "locked_by": None, "locked_at": None, "go_live_at": None, "expire_at": None}


def _copy_page(page, *, to, by, update_attrs: dict):
    # Wagtail's own check asks for edit rights on the source, which the target's people must not have: the
    # rules of sharing are checked by `module_copy` itself. `keep_live=False` makes a draft; without the
    # source's revisions, the copy holds the source's published content (the page row), never its drafts.
    action = CopyPageAction(
        page, to=to, update_attrs={**_FRESH_COPY, **update_attrs}, copy_revisions=False, keep_live=False, user=by
    )
    return action.execute(skip_permission_checks=True)


@transaction.atomic
def module_copy(*, source: ModulePage, programme: ProgrammePage, by) -> ModulePage:
    """Start a module of `programme` from a copy of another programme's published module.

    The copy lands as a draft at the end of `programme`, with the source's published lessons (their content
    notes, quizzes, reflections and references to documents, which stay in the source's collection), owned
    by `by`, and remembers its source (module, titles, date). It is then the target programme's page like any
    other: its authors and coordinators edit it and it goes through the target's review. Nothing a learner did
    in the source travels: completions, quiz attempts, journals and opening dates are tied to the source's
    pages and cohorts. The source is not changed.

    Refused unless `by` may add pages to `programme` (its coordinators and authors) and the source is a
    published module of another published programme that shares its modules.
    """
    if not by.has_perm("cms.copy_module_into", programme):
        raise SharingRefused(
            _("Only the coordinators and authors of “%(programme)s” can add a module to it.")
            % {"programme": programme.title}
        )
    source = ModulePage.objects.get(pk=source.pk)
    source_programme = ProgrammePage.objects.parent_of(source).first()
    if source_programme is None or source_programme.pk == programme.pk:
        raise SharingRefused(_("This module already belongs to this programme: copy it with the page actions."))
    if not (source.live and source_programme.live and source_programme.share_modules):
        raise SharingRefused(
            _(
                "“%(programme)s” does not share this module: only the published modules of a published programme "
                "that shares its modules can be copied."
            )
            % {"programme": source_programme.title}
        )
    last_order = ModulePage.objects.child_of(programme).aggregate(last=Max("order"))["last"]
    copy = _copy_page(
        source,
        to=programme,
        by=by,
        update_attrs={
            "slug": find_available_slug(programme, source.slug),
            "order": 0 if last_order is None else last_order + 1,
            "source_module": source,
            "source_module_title": source.title,
            "source_programme_title": source_programme.title,
            "copied_at": timezone.now(),
        },
    )
    for lesson in LessonPage.objects.live().child_of(source).order_by("path"):
        _copy_page(lesson, to=copy, by=by, update_attrs={})
    return ModulePage.objects.get(pk=copy.pk)

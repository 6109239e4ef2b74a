"""Writes for the editorial side: each programme's authors group and document collection."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

AUTHOR_PAGE_PERMISSIONS = ("add_page", "change_page")
AUTHOR_DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")


def _permissions(app_label: str, model: str, codenames) -> list[Permission]:
    content_type = ContentType.objects.get_by_natural_key(app_label, model)
    return [
        Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": codename})[0]
        for codename in codenames
    ]


@transaction.atomic
def programme_editorial_setup(*, programme) -> Group:
    """Give a programme its authors group and its document collection (idempotent).

    The group may add and edit pages in this programme's subtree only, and add, edit and choose documents in
    the programme's collection. It cannot publish: authors submit for moderation, coordinators approve.
    """
    collection = programme.collection
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=f"{programme.title} ({programme.pk})"[:255])
    group = programme.authors_group
    if group is None:
        group, _ = Group.objects.get_or_create(name=f"Auteurs · {programme.title} ({programme.pk})"[:150])
    access_admin = _permissions("wagtailadmin", "admin", ["access_admin"])
    group.permissions.add(*access_admin)
    for permission in _permissions("wagtailcore", "page", AUTHOR_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(
            group=group, page=Page.objects.get(pk=programme.pk), permission=permission
        )
    for permission in _permissions("wagtaildocs", "document", AUTHOR_DOCUMENT_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    if programme.authors_group_id != group.pk or programme.collection_id != collection.pk:
        # A queryset update: saving the page would create no revision, and must not touch its content.
        type(programme).objects.filter(pk=programme.pk).update(authors_group=group, collection=collection)
        programme.authors_group, programme.collection = group, collection
    return group


@transaction.atomic
def programme_author_add(*, programme, user) -> None:
    """Make `user` an author of `programme` (and only of it)."""
    group = programme_editorial_setup(programme=programme)
    user.groups.add(group, Group.objects.get(name="Authors"))
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])

"""Rows the platform cannot run without, made after every migrate (and after a test flush): the staff groups.

Idempotent, run from a `post_migrate` handler, as Django's contenttypes and permissions are.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

STAFF_GROUPS = ("Coordinators", "Authors")


def ensure_staff_groups(**kwargs) -> None:
    """The two staff groups that reach the Wagtail admin: coordinators and authors."""
    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    for name in STAFF_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)

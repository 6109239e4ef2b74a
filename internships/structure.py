"""Coordinators keep the directory of host organisations, sites, contacts, tutors and team peers.

Made after every migrate (and after a test flush), idempotently.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

DIRECTORY_MODELS = ["hostorganisation", "hostsite", "hostcontact", "tutor", "hostteampeer"]
ACTIONS = ["add", "change", "delete", "view"]


def ensure_directory_permissions(*, sender, **kwargs) -> None:
    create_permissions(sender, verbosity=0)  # the permissions themselves, before auth's own handler gets here
    group, _ = Group.objects.get_or_create(name="Coordinators")
    codenames = [f"{action}_{model}" for model in DIRECTORY_MODELS for action in ACTIONS]
    group.permissions.add(*Permission.objects.filter(content_type__app_label="internships", codename__in=codenames))

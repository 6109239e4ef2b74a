"""Coordinators see and edit the reminder rules and the outbox. Made after every migrate (and test flush)."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

COORDINATOR_CODENAMES = ["view_reminderrule", "change_reminderrule", "view_outbox", "change_outbox"]


def ensure_coordinator_permissions(*, sender, **kwargs) -> None:
    create_permissions(sender, verbosity=0)
    group, _ = Group.objects.get_or_create(name="Coordinators")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="tasks", codename__in=COORDINATOR_CODENAMES)
    )

"""Coordinators keep the directory of host organisations, sites, contacts, tutors and team peers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["hostorganisation", "hostsite", "hostcontact", "tutor", "hostteampeer"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("internships")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Coordinators")
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    group.permissions.add(*Permission.objects.filter(content_type__app_label="internships", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Coordinators").first()
    if group:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="internships"))


class Migration(migrations.Migration):
    dependencies = [
        ("internships", "0001_initial"),
        ("accounts", "0002_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

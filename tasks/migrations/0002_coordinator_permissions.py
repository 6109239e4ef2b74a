from django.db import migrations

PERMISSIONS = [
    ("reminderrule", "view_reminderrule", "Can view reminder rule"),
    ("reminderrule", "change_reminderrule", "Can change reminder rule"),
    ("outbox", "view_outbox", "Can view reminder"),
    ("outbox", "change_outbox", "Can change reminder"),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name="Coordinators")
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="tasks", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Coordinators").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="tasks", codename__in=[p[1] for p in PERMISSIONS])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0001_initial"),
        ("accounts", "0002_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

"""Put the coordinators of each programme's cohorts in the programme's coordinators group (cms 0005 made them).

From now on cohorts.programme_coordinators keeps the groups in step.
"""

from django.conf import settings
from django.db import migrations


def fill_groups(apps, schema_editor):
    ProgrammePage = apps.get_model("cms", "ProgrammePage")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    for programme in ProgrammePage.objects.exclude(coordinators_group=None).select_related("coordinators_group"):
        users = User.objects.filter(coordinated_cohorts__programme_id=programme.pk).distinct()
        programme.coordinators_group.user_set.add(*users)


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0003_merge_0002_calendar_0002_selection"),
        ("cms", "0005_programme_coordinators_group"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(fill_groups, migrations.RunPython.noop)]

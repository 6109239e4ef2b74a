"""A round keeps the count of places held so that the database refuses a capacity below it."""

from django.db import migrations, models
from django.db.models import Count, Q


def count_places(apps, schema_editor):
    SelectionRound = apps.get_model("selection", "SelectionRound")
    held = Q(offers__status__in=["open", "confirmed"])
    for selection_round in SelectionRound.objects.annotate(n=Count("offers", filter=held)):
        # A round already over capacity keeps its offers; its capacity is raised to what is held.
        selection_round.places_held = selection_round.n
        selection_round.capacity = max(selection_round.capacity, selection_round.n)
        selection_round.save(update_fields=["places_held", "capacity"])


class Migration(migrations.Migration):
    dependencies = [
        ("selection", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="selectionround",
            name="places_held",
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name="places offered or taken"),
        ),
        migrations.RunPython(count_places, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="selectionround",
            constraint=models.CheckConstraint(
                condition=models.Q(("capacity__gte", models.F("places_held"))),
                name="round_capacity_covers_places_held",
            ),
        ),
    ]

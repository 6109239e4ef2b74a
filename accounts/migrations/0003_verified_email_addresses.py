"""Identity moves to allauth: the addresses of existing active accounts were verified by the old signup flow
(an account stayed inactive until its link was followed), so each gets allauth's verified, primary row."""

from django.db import migrations


def mark_verified(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    known = set(EmailAddress.objects.values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        EmailAddress(user_id=pk, email=email, verified=True, primary=True)
        for pk, email in User.objects.filter(is_active=True).values_list("pk", "email")
        if pk not in known
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_groups"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(mark_verified, migrations.RunPython.noop)]

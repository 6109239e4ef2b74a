"""The migrations: complete for the models, and the fingerprint under which the test run keeps the migrated database
(tests/template_db.py) covers every one of them."""

import io

import pytest
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader

from tests.template_db import migration_files, migrations_fingerprint


@pytest.mark.django_db  # makemigrations reads the applied migrations
def test_every_model_change_has_its_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, stdout=out, stderr=out)
    except SystemExit:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"a model change has no migration (python manage.py makemigrations):\n{out.getvalue()}")


def test_the_fingerprint_reads_every_migration_on_disk():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    on_disk = {(label, name) for label, name in loader.disk_migrations}
    hashed = {(label, path.stem) for label, path in migration_files()}
    assert on_disk <= hashed
    assert not {name for _label, name in hashed - on_disk} - {"__init__"}


def test_the_fingerprint_is_the_same_from_one_call_to_the_next():
    first = migrations_fingerprint()
    assert len(first) == 12
    assert migrations_fingerprint() == first

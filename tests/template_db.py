"""Migrate the test database template of a parallel run, then seed the demo once for every worker:
`python -m tests.template_db <name> <template lock fd> <demo lock fd>`.

Started by the controller of `make test` (tests/conftest.py, `pytest_configure`) before the xdist workers collect
the tests, so that the migrations (the longest set-up of the run) overlap the workers' start-up instead of one
worker migrating while the other waits. It builds the database as pytest-django would (Django's `create_test_db`,
in the test environment) under a temporary name, and renames it to `<name>` only once complete: a worker that finds
no `<name>` migrates its own database, as it did before. The migrated database is also kept in the PostgreSQL server
under the fingerprint of the migrations (`migrations_fingerprint`): the next run with the same migrations copies it
(about a second) instead of migrating again (about half a minute of CPU), then sends `post_migrate` as `migrate` does.

Then, with the template released to the workers, it seeds the demo in a copy of the template and writes its rows and
files to `demo_dir(<name>)` (the `demo_snapshot` fixture's rows, as a worker would make them), so that no worker
seeds the demo itself: each seeding costs about 15 s of CPU. A worker that finds no rows there seeds on its own.
"""

import contextlib
import ctypes
import dataclasses
import fcntl
import hashlib
import io
import json
import os
import signal
import sys
import tempfile
from pathlib import Path

import django
from django.db import DatabaseError, connection
from django.test.utils import setup_test_environment


def _die_with_the_run() -> None:
    """Linux: killed with the run's controller (PR_SET_PDEATHSIG), never left migrating on its own."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)


def demo_dir(template: str) -> Path:
    """Where the demo of the run whose template is `template` is kept: `rows.json` and the `media` folder."""
    return Path(tempfile.gettempdir()) / f"pairaidance-{template}-demo"


def seed_demo_rows(media_root: str) -> str:
    """Seed the demo in a transaction rolled back at the end; its rows as `serialize_db_to_string()` gives them.

    Its files (documents, attestations) are written under `media_root`.
    """
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=media_root), transaction.atomic():
        call_command("seed_demo", quiet_accounts=True, stdout=io.StringIO())
        rows = connection.creation.serialize_db_to_string()
        transaction.set_rollback(True)
    return rows


def migrations_fingerprint() -> str:
    """What the migrated database depends on: every migration file of every installed app, the locked package
    versions and Django's own version. The code run by `post_migrate` is not in it: it runs on every copy."""
    digest = hashlib.sha256(django.get_version().encode())
    lock = Path(__file__).resolve().parent.parent / "requirements" / "dev.txt"
    digest.update(lock.read_bytes() if lock.exists() else b"")
    for label, path in migration_files():
        digest.update(f"{label}/{path.name}".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def migration_files() -> list[tuple[str, Path]]:
    """(app label, file) of every migration module on disk, in a fixed order."""
    from django.apps import apps

    return [
        (config.label, path)
        for config in sorted(apps.get_app_configs(), key=lambda config: config.label)
        for path in sorted(Path(config.path).glob("migrations/*.py"))
    ]


def _cache_prefix() -> str:
    return f"{connection.creation._get_test_db_name()}_mig_"


def _cached_migrations(prefix: str, fingerprint: str) -> bool:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [prefix + fingerprint])
        return cursor.fetchone() is not None


def _keep_migrations(building: str, prefix: str, fingerprint: str) -> None:
    """Keep the freshly migrated database as the cache of these migrations (complete or absent: made under a
    temporary name, then renamed), and drop the caches of other migrations (another branch's, or older)."""
    with connection._nodb_cursor() as cursor:
        wip = f"{prefix}{fingerprint}_wip"
        try:
            cursor.execute(f'DROP DATABASE IF EXISTS "{wip}"')
            cursor.execute(f'CREATE DATABASE "{wip}" TEMPLATE "{building}"')
            cursor.execute(f'ALTER DATABASE "{wip}" RENAME TO "{prefix}{fingerprint}"')
        except DatabaseError:  # another run kept the same migrations at the same moment
            cursor.execute(f'DROP DATABASE IF EXISTS "{wip}"')
        cursor.execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname <> %s",
            [prefix, prefix + fingerprint],
        )
        for (stale,) in cursor.fetchall():
            with contextlib.suppress(DatabaseError):  # in use as a template by another run right now
                cursor.execute(f'DROP DATABASE IF EXISTS "{stale}"')


def _build_template(name: str) -> None:
    """The run's template: a copy of the cache of the current migrations when there is one (then `post_migrate`
    again, as `migrate` ends: the fixed rows follow the code), else migrated from scratch and kept as that cache.

    The cache lives in the PostgreSQL server beside the test databases, named by `migrations_fingerprint()`: a
    change to any migration, to a locked package version or to Django makes a new one on the next run.
    `KEEP_MIGRATED_DB=0` migrates from scratch every time (and keeps nothing).
    """
    from django.core.management.sql import emit_post_migrate_signal

    building = f"{name}_wip"
    keep = os.environ.get("KEEP_MIGRATED_DB", "1") != "0"
    prefix, fingerprint = _cache_prefix(), migrations_fingerprint()
    connection.settings_dict["TEST"]["NAME"] = building
    try:
        cached = keep and _cached_migrations(prefix, fingerprint)
        if cached:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{building}"')
                cursor.execute(f'CREATE DATABASE "{building}" TEMPLATE "{prefix}{fingerprint}"')
            connection.close()
            connection.settings_dict["NAME"] = building
            emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
        else:
            connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        connection.close()
        if keep and not cached:
            _keep_migrations(building, prefix, fingerprint)
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
            # The demo is seeded in a copy: no one may be connected to the template while workers copy it.
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}_demo"')
            cursor.execute(f'CREATE DATABASE "{name}_demo" TEMPLATE "{name}"')
    except BaseException:
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{building}"')
        raise


def _seed_demo(name: str) -> None:
    from django.conf import settings
    from django.utils import translation

    from accounts.demo import LAST_SEEDED

    folder = demo_dir(name)
    (folder / "media").mkdir(parents=True, exist_ok=True)
    connection.settings_dict["NAME"] = f"{name}_demo"
    try:
        with translation.override(settings.LANGUAGE_CODE):  # as every test runs (tests/conftest.py)
            rows = seed_demo_rows(str(folder / "media"))
        # The accounts `make run` would print after this seed (accounts.demo.LAST_SEEDED), for the worker's process.
        (folder / "accounts.json").write_text(json.dumps([dataclasses.asdict(account) for account in LAST_SEEDED]))
        partial = folder / "rows.json.partial"
        partial.write_text(rows)
        partial.rename(folder / "rows.json")  # complete or absent
    finally:
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}_demo"')


def main(name: str, template_lock: int, demo_lock: int) -> None:
    _die_with_the_run()
    django.setup()
    setup_test_environment(debug=False)
    try:
        _build_template(name)
    finally:
        fcntl.flock(template_lock, fcntl.LOCK_UN)  # the workers may copy the template (or migrate their own)
        os.close(template_lock)
    try:
        _seed_demo(name)
    finally:
        fcntl.flock(demo_lock, fcntl.LOCK_UN)
        os.close(demo_lock)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))

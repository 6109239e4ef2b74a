"""Migrate the test database template of a parallel run, then seed the demo once for every worker:
`python -m tests.template_db <name> <template lock fd> <demo lock fd>`.

Started by the controller of `make test` (tests/conftest.py, `pytest_configure`) before the xdist workers collect
the tests, so that the migrations (the longest set-up of the run) overlap the workers' start-up instead of one
worker migrating while the other waits. It builds the database as pytest-django would (Django's `create_test_db`,
in the test environment) under a temporary name, and renames it to `<name>` only once complete: a worker that finds
no `<name>` migrates its own database, as it did before.

Then, with the template released to the workers, it seeds the demo in a copy of the template and writes its rows and
files to `demo_dir(<name>)` (the `demo_snapshot` fixture's rows, as a worker would make them), so that no worker
seeds the demo itself: each seeding costs about 15 s of CPU. A worker that finds no rows there seeds on its own.
"""

import ctypes
import dataclasses
import fcntl
import io
import json
import os
import signal
import sys
import tempfile
from pathlib import Path

import django
from django.db import connection
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


def _build_template(name: str) -> None:
    building = f"{name}_wip"
    connection.settings_dict["TEST"]["NAME"] = building
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        connection.close()
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

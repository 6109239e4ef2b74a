"""Migrate the test database template of a parallel run: `python -m tests.template_db <name>`.

Started by the controller of `make test` (tests/conftest.py, `pytest_configure`) before the xdist workers collect
the tests, so that the migrations (the longest set-up of the run) overlap the workers' start-up instead of one
worker migrating while the other waits. It builds the database as pytest-django would (Django's `create_test_db`,
in the test environment) under a temporary name, and renames it to `<name>` only once complete: a worker that finds
no `<name>` migrates its own database, as it did before.
"""

import ctypes
import signal
import sys

import django
from django.db import connection
from django.test.utils import setup_test_environment


def _die_with_the_run() -> None:
    """Linux: killed with the run's controller (PR_SET_PDEATHSIG), never left migrating on its own."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)


def main(name: str) -> None:
    _die_with_the_run()
    django.setup()
    setup_test_environment(debug=False)
    building = f"{name}_wip"
    connection.settings_dict["TEST"]["NAME"] = building
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    except BaseException:
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{building}"')
        raise


if __name__ == "__main__":
    main(sys.argv[1])

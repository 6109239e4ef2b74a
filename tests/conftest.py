"""Shared fixtures. Service fixtures fail, never skip, when REQUIRE_SERVICES=1 (as CI sets it)."""

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client, TransactionTestCase, override_settings
from pytest_django.plugin import blocking_manager_key

from accounts.demo import LAST_SEEDED, DemoAccount
from tests.factories import CohortFactory, EnrolmentFactory, ProgrammePageFactory, SelectionRoundFactory, UserFactory
from tests.template_db import demo_dir, seed_demo_rows
from tests.world import build_world

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def service_unavailable(reason: str):
    """Fail when CI asks for the real services; skip on a newcomer's machine that has none."""
    if REQUIRE_SERVICES:
        pytest.fail(f"Required service unavailable: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def redis_url(settings, worker_id):
    """The REDIS_URL of a reachable Redis server, with Redis lock keys of this test alone.

    Parallel workers (pytest-xdist) share the server: each test gets its own key prefix (a test that starts
    Celery workers also gets its own queue, see `tests/tasks/live.py`), so no two tests meet in Redis.
    """
    settings.REMINDERS_KEY_PREFIX = f"pa-test-{worker_id}-{uuid.uuid4().hex[:10]}"
    url = os.environ.get("REDIS_URL", "")
    if not url:
        service_unavailable("REDIS_URL is not set")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        service_unavailable(f"Redis at REDIS_URL does not answer: {exc}")
    return url


@pytest.fixture
def postgres_required(settings):
    """Tests of behaviour only PostgreSQL has (row locks under concurrency)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        service_unavailable("DATABASE_URL does not point at PostgreSQL")


@pytest.fixture(autouse=True)
def _default_language(settings):
    """Each test starts in the site's default language (French): a request of an earlier test, served in
    English, must not leave English active for the next test's messages."""
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: no rate limit or used TOTP code of allauth, no cached figures. Ids
    come back within a run (the `demo` fixture moves the id sequences back to the demo's rows, and PostgreSQL
    does not roll a sequence back), so a cohort's figures cached by an earlier test would otherwise be read for
    a new cohort with the same id. The test settings' cache is per process (local memory), which the live server
    of browser tests shares; a Redis cache shared with other runs is never emptied."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    from core import fragments, versioned_cache

    for cache in caches.all(initialized_only=True):
        if isinstance(cache, LocMemCache):
            cache.clear()
    # And this process's memory of values read from the cache (a lesson's body under its page and revision ids,
    # which come back within a run as the cohorts' do).
    versioned_cache.forget_all()
    # And each test starts outside any request: a request whose response was never closed (schemathesis's WSGI
    # calls do not close theirs, a server always does) would leave its versions kept for the next test to read.
    fragments.request_finished()


@pytest.fixture(autouse=True)
def _index_jobs(request):
    """The tests marked `search_index` index every object they save, as the site does (tests/index_jobs.py)."""
    if request.node.get_closest_marker("search_index") is None:
        yield
        return
    every_job = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=every_job):
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, never the project's media folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def president(db):
    return UserFactory(email="president@example.test")


@pytest.fixture
def juror(db):
    return UserFactory(email="jury@example.test")


@pytest.fixture
def selection_round(cohort, coordinator, president, juror):
    selection_round = SelectionRoundFactory(cohort=cohort, jury_president=president)
    selection_round.jury_members.add(juror)
    return selection_round


class SecondFactorClient(Client):
    """The test client, whose `force_login` / `login` of a staff member also passes the second factor.

    Staff must pass one before any page (accounts.SecondFactorMiddleware); tests of that rule use
    `client_without_second_factor`. (`_login` is where Django's client opens the session for both.)
    """

    def _login(self, user, backend=None):
        from accounts.security import is_privileged
        from tests.utils import pass_second_factor

        super()._login(user, backend)
        if is_privileged(user):
            pass_second_factor(self, user)


@pytest.fixture
def client():
    return SecondFactorClient()


@pytest.fixture
def client_without_second_factor():
    return Client()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def programme(db):
    return ProgrammePageFactory()


@pytest.fixture
def cohort(programme):
    return CohortFactory(programme=programme)


@pytest.fixture
def coordinator(cohort):
    person = UserFactory(staff=True, email="coordinatrice@example.test")
    from django.contrib.auth.models import Group

    person.groups.add(Group.objects.get(name="Coordinators"))
    cohort.coordinators.add(person)
    return person


@pytest.fixture
def learner(cohort):
    return EnrolmentFactory(cohort=cohort).learner


@pytest.fixture
def outsider(db):
    """Someone with an account and no role anywhere."""
    return UserFactory(email="outsider@example.test")


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The rows `seed_demo` makes, seeded once per run and then rolled back.

    Seeding costs far more than loading its rows back; the tests that read the demo take the `demo` fixture.
    In a parallel run the controller's subprocess seeds it once for every worker (tests/template_db.py); a worker
    seeds it itself when that did not happen. Its files (documents, attestations) are copied to a media folder
    of the worker's session.
    """
    media_root = tmp_path_factory.mktemp("demo-media")
    if _TEMPLATE:
        _lock(_demo_lock_path(_TEMPLATE["template"])).close()  # waits while the subprocess seeds the demo
        shared = demo_dir(_TEMPLATE["template"])
        if (shared / "rows.json").exists():
            shutil.copytree(shared / "media", media_root, dirs_exist_ok=True)
            LAST_SEEDED[:] = [DemoAccount(**fields) for fields in json.loads((shared / "accounts.json").read_text())]
            return {"rows": (shared / "rows.json").read_text(), "media_root": str(media_root)}
    with django_db_blocker.unblock():
        rows = seed_demo_rows(str(media_root))
    return {"rows": rows, "media_root": str(media_root)}


def load_rows(data: str) -> None:
    """Insert the rows of `serialize_db_to_string()` with their ids, a few statements per table.

    What Django's `deserialize_db_from_string` does (raw rows, constraints checked at the end), without its two
    statements per row (an UPDATE tried before each INSERT): loading the demo costs a tenth of its time.
    Each model's own table only (`local_concrete_fields`), so a page's parent row and its subclass row are each
    inserted in their own table, as they were serialized. Rows already there are updated, as Django does.
    """
    from collections import defaultdict

    from django.core import serializers
    from django.db import connection, models, transaction

    rows: dict[type, list] = defaultdict(list)
    links: dict[tuple, set] = defaultdict(set)  # (through model, source column, target column) -> pairs
    with transaction.atomic(), connection.constraint_checks_disabled():
        for deserialized in serializers.deserialize("json", data):
            instance = deserialized.object
            rows[type(instance)].append(instance)
            for name, values in (deserialized.m2m_data or {}).items():
                field = instance._meta.get_field(name)
                key = (
                    field.remote_field.through,
                    f"{field.m2m_field_name()}_id",
                    f"{field.m2m_reverse_field_name()}_id",
                )
                links[key] |= {(instance.pk, value) for value in values}
        for model, instances in rows.items():
            # Rows already there (the structural rows of `post_migrate`: home page, groups...) are updated.
            there = set(model._base_manager.filter(pk__in=[i.pk for i in instances]).values_list("pk", flat=True))
            for instance in instances:
                if instance.pk in there:
                    models.Model.save_base(instance, raw=True)
            fresh = [instance for instance in instances if instance.pk not in there]
            fields = [field for field in model._meta.local_concrete_fields if not field.generated]
            for start in range(0, len(fresh), 500):
                model._base_manager._insert(fresh[start : start + 500], fields=fields, raw=True)
        for (through, source, target), pairs in links.items():
            sources = {pair[0] for pair in pairs}
            there = set(through.objects.filter(**{f"{source}__in": sources}).values_list(source, target))
            fresh = [through(**{source: a, target: b}) for a, b in sorted(pairs - there)]
            through.objects.bulk_create(fresh, batch_size=500)
        tables = [model._meta.db_table for model in rows] + [key[0]._meta.db_table for key in links]
        connection.check_constraints(table_names=tables)


@pytest.fixture
def demo(db, demo_snapshot, settings):
    """The database as `seed_demo` leaves it (loaded from the session's snapshot, inside this test's transaction)."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    settings.MEDIA_ROOT = demo_snapshot["media_root"]
    load_rows(demo_snapshot["rows"])
    with connection.cursor() as cursor:
        # The rows came back with their ids: move the id sequences past them (PostgreSQL; SQLite needs nothing).
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)


def _flush_after_a_transactional_test(self):
    """The flush that ends every transactional test (every browser journey), made cheaper on PostgreSQL.

    Django's flush truncates the ~140 tables in one `TRUNCATE` (each table and index gets a new file: 1 to 5 s of
    wall time per test on this machine's disk), then sends `post_migrate` to every receiver, which looks up ~120
    content types and permissions one by one. Here instead, in one transaction:

    - `DELETE FROM` the tables that hold a row (one query finds them), with the foreign-key triggers off
      (`session_replication_role = replica`, when the test database's user may set it): every table ends empty,
      so there is nothing for them to check, and deleting a user no longer checks every table that points at users;
    - content types and permissions are kept: they are the same rows whatever a test did, with the ids of the
      migrated database;
    - the fixed rows the migrated database holds (home page, site, groups, review workflow, reminder rules: what
      the platform's `post_migrate` receivers and Wagtail's data migrations made) are then put back as they were,
      with their ids (`_FIXED_ROWS`, read from the database before its first test): a test that runs after a
      transactional one finds the database exactly as the first test found it (the demo's rows, loaded with their
      ids, meet the same fixed rows).

    Tests that ask Django for `available_apps` or `serialized_rollback`, and other databases than PostgreSQL, keep
    Django's own flush.
    """
    from django.db import connections

    aliases = self._databases_names(include_mirrors=False)
    if (
        self.available_apps is not None
        or self.serialized_rollback
        or any(connections[alias].vendor != "postgresql" for alias in aliases)
    ):
        return _DJANGO_FIXTURE_TEARDOWN(self)
    for alias in aliases:
        _empty_the_tables(connections[alias])
        _put_back_the_fixed_rows(connections[alias])


def _empty_the_tables(connection) -> None:
    quote = connection.ops.quote_name
    tables, superuser = _flush_plan(connection)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if superuser:
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            " UNION ALL ".join(f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})" for table in tables), tables
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f"DELETE FROM {quote(table)}")


_KEPT_BY_FLUSH = {"django_content_type", "auth_permission"}
_FLUSH_PLANS: dict[str, tuple[list[str], bool]] = {}


def _flush_plan(connection) -> tuple[list[str], bool]:
    """The tables the flush empties (those of the installed models but the kept ones) and whether the database's
    user is a superuser (who may turn the triggers off): looked up once per process, tests add no table."""
    if connection.alias not in _FLUSH_PLANS:
        tables = connection.introspection.django_table_names(only_existing=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            superuser = cursor.fetchone()[0]
        _FLUSH_PLANS[connection.alias] = (sorted(set(tables) - _KEPT_BY_FLUSH), superuser)
    return _FLUSH_PLANS[connection.alias]


_FIXED_ROWS: dict[str, str] = {}


def fixed_rows(connection) -> str:
    """Every row of the database but content types and permissions (kept by the flush), as `load_rows` reads them."""
    from django.apps import apps
    from django.core import serializers

    objects = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in _KEPT_BY_FLUSH:
            continue
        objects.extend(model._base_manager.using(connection.alias).order_by("pk"))
    return serializers.serialize("json", objects)


def _put_back_the_fixed_rows(connection) -> None:
    if connection.alias in _FIXED_ROWS:
        load_rows(_FIXED_ROWS[connection.alias])


_DJANGO_FIXTURE_TEARDOWN = TransactionTestCase._fixture_teardown
TransactionTestCase._fixture_teardown = _flush_after_a_transactional_test


# Parallel workers on PostgreSQL: the controller of the run migrates a template database in a subprocess while the
# workers start and collect (`pytest_configure`, tests/template_db.py); each worker takes a copy of that template
# (CREATE DATABASE ... TEMPLATE, well under a second) instead of running every migration again (about 15 s of CPU
# each). Should the subprocess fail, the first worker migrates its own database and makes it the template, as before.
_TEMPLATE: dict = {}
_TEMPLATE_BUILD: dict = {}


def _template_applies(config) -> bool:
    from django.db import connection

    flags = config.getvalue("reuse_db") or config.getvalue("create_db")
    return hasattr(config, "workerinput") and not flags and connection.vendor == "postgresql"


def _template_name(test_db_name: str, testrunuid: str) -> str:
    return f"{test_db_name}_tpl_{testrunuid[:10]}"


def _lock(path: str):
    """An exclusive lock on a file, taken at once or waited for; released when the file is closed."""
    lock = open(path, "w")  # noqa: SIM115
    fcntl.flock(lock, fcntl.LOCK_EX)
    return lock


def _template_lock_path(template: str) -> str:
    return os.path.join(tempfile.gettempdir(), f"pairaidance-{template}.lock")


def _template_lock(template: str):
    """An exclusive lock per template: held by whoever is building it, taken by a worker before it copies it."""
    return _lock(_template_lock_path(template))


def _demo_lock_path(template: str) -> str:
    """Held by the controller's subprocess while it seeds the run's demo (tests/template_db.py)."""
    return os.path.join(tempfile.gettempdir(), f"pairaidance-{template}-demo.lock")


def pytest_configure(config):
    """On the controller of a parallel PostgreSQL run, start migrating the run's template database at once."""
    from django.conf import settings
    from django.db import connection

    workers = config.getoption("numprocesses", None)
    if (
        hasattr(config, "workerinput")
        or not isinstance(workers, int)
        or workers < 1
        or config.getoption("collectonly")
        or config.getvalue("reuse_db")
        or config.getvalue("create_db")
        or connection.vendor != "postgresql"
    ):
        return
    # The run's id, which xdist hands to every worker (workerinput["testrunuid"]), is chosen here to name the template.
    config.option.testrunuid = config.option.testrunuid or uuid.uuid4().hex
    template = _template_name(connection.creation._get_test_db_name(), config.option.testrunuid)
    lock, demo_lock = _template_lock(template), _lock(_demo_lock_path(template))
    log = tempfile.NamedTemporaryFile(prefix="pairaidance-template-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.template_db", template, str(lock.fileno()), str(demo_lock.fileno())],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE},
        stdout=log,
        stderr=subprocess.STDOUT,
        pass_fds=(lock.fileno(), demo_lock.fileno()),  # the subprocess releases each lock when done, or at its exit
    )
    lock.close()
    demo_lock.close()
    _TEMPLATE_BUILD.update(process=process, template=template, log=log)


def pytest_unconfigure(config):
    """The controller stops a template build still running (no database test ran) and drops what is left of it."""
    if not _TEMPLATE_BUILD:
        return
    process, template, log = _TEMPLATE_BUILD["process"], _TEMPLATE_BUILD["template"], _TEMPLATE_BUILD["log"]
    if process.poll() is None:
        process.kill()
    process.wait()
    log.close()
    os.unlink(log.name)
    shutil.rmtree(demo_dir(template), ignore_errors=True)
    for path in (_demo_lock_path(template), _template_lock_path(template)):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    with config.stash[blocking_manager_key].unblock():
        for name in (template, f"{template}_wip", f"{template}_demo"):
            with contextlib.suppress(Exception):  # as pytest-django does: never fail a finished run on clean-up
                _drop_databases(name)


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings, django_db_blocker):
    """Whether pytest-django keeps (reuses) the test database: True for a worker's copy of the run's template."""
    from django.db import connection

    if not _template_applies(request.config):
        return request.config.getvalue("reuse_db")
    worker_id = request.config.workerinput["workerid"]
    testrun_uid = request.config.workerinput["testrunuid"]
    name = connection.creation._get_test_db_name()
    template = _template_name(name.removesuffix(f"_{worker_id}"), testrun_uid)
    lock = _template_lock(template)  # waits while the controller's subprocess (or another worker) builds it
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        copied = cursor.fetchone() is not None
        if copied:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    _TEMPLATE.update(name=name, template=template, lock=lock, copied=copied)
    if copied:
        lock.close()  # releases the lock
    return copied


def _drop_databases(name: str) -> None:
    from django.db import connection, connections

    connections.close_all()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """The test database: a copy of the run's template (see above), or migrated here and made the template."""
    from django.db import connection, connections

    with django_db_blocker.unblock():
        # The rows the migrated database starts with, put back after each transactional test's flush (PostgreSQL).
        if connection.vendor == "postgresql":
            _FIXED_ROWS[connection.alias] = fixed_rows(connection)
    if _TEMPLATE and not _TEMPLATE["copied"]:
        # This worker migrated: its database becomes the run's template (no one else may be connected to it).
        with django_db_blocker.unblock():
            connections.close_all()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{_TEMPLATE["template"]}" TEMPLATE "{_TEMPLATE["name"]}"')
        _TEMPLATE["lock"].close()
    yield
    if _TEMPLATE:
        # The template goes with the first worker to finish (a worker started later migrates on its own); a copy
        # is kept by pytest-django (keepdb), so it is dropped here.
        names = [_TEMPLATE["template"], *([_TEMPLATE["name"]] if _TEMPLATE["copied"] else [])]
        for name in names:
            with django_db_blocker.unblock():
                try:
                    _drop_databases(name)
                except Exception as exc:  # noqa: BLE001 - as pytest-django does: a warning, not a failure
                    request.node.warn(pytest.PytestWarning(f"Error when dropping test database {name}: {exc!r}"))


def pytest_xdist_make_scheduler(config, log):
    """`make test`'s distribution (`--dist loadgroup`), with every browser journey (`tests/e2e/`) in one group.

    A journey spends most of its time waiting on Chromium and the live server: run side by side at the end, two
    journeys leave the cores half idle. As one group they go to one worker, first (xdist hands out the largest
    group first), while the other worker's database tests fill those waits; the first worker then takes its share
    of what is left. (Grouped here, by path, because xdist's `xdist_group` mark renames a test's node id in a way
    that pytest 9 no longer reads.)
    """
    from xdist.scheduler import LoadGroupScheduling  # only when xdist distributes

    class BrowserJourneysTogether(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "browser-journeys" if nodeid.startswith("tests/e2e/") else super()._split_scope(nodeid)

    if config.getvalue("dist") == "loadgroup":
        return BrowserJourneysTogether(config, log)
    return None


def _fixtures(item) -> set[str]:
    return set(getattr(item, "fixturenames", ()))


def _uses_db(item) -> bool:
    return item.get_closest_marker("django_db") is not None or "db" in _fixtures(item)


def _uses_transactional_db(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("serialized_rollback")):
        return True
    return bool({"transactional_db", "live_server"} & _fixtures(item))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Two moves in pytest-django's order (database tests, then transactional ones, then those without a database):

    - the database tests that read the demo go last among the database tests: in a parallel run the demo is seeded
      once, by the controller's subprocess, while the workers run the other tests (tests/template_db.py);
    - within the transactional tests, the long ones (browser journeys, real Celery workers) first. Under xdist each
      worker takes the next test when it is nearly idle, so a long journey taken last keeps one worker busy while
      the other has nothing left. Taken first (longest processing time first), the short tests fill in at the end.

    The order stays shuffled within each kind (pytest-randomly, its seed printed at the top).
    """
    transactional = [index for index, item in enumerate(items) if _uses_transactional_db(item)]
    long_first = sorted(
        (items[index] for index in transactional),
        key=lambda item: not (item.get_closest_marker("e2e") or item.get_closest_marker("services")),
    )
    for index, item in zip(transactional, long_first, strict=True):
        items[index] = item
    database = [index for index, item in enumerate(items) if _uses_db(item) and not _uses_transactional_db(item)]
    demo_last = sorted((items[index] for index in database), key=lambda item: "demo" in _fixtures(item))
    for index, item in zip(database, demo_last, strict=True):
        items[index] = item


# The world of tests/world.py (every actor and every kind of sensitive object), built once per module that asks for it
# and rolled back after it; its files go to one media folder per module (`world_media_dir`).
@pytest.fixture(scope="module")
def world_media_dir(tmp_path_factory):
    return str(tmp_path_factory.mktemp("media"))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, world_media_dir):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=world_media_dir):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)

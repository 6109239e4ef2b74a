"""Shared fixtures. Service fixtures fail, never skip, when REQUIRE_SERVICES=1 (as CI sets it)."""

import os

import pytest

from tests.factories import CohortFactory, EnrolmentFactory, ProgrammePageFactory, UserFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def service_unavailable(reason: str):
    """Fail when CI asks for the real services; skip on a newcomer's machine that has none."""
    if REQUIRE_SERVICES:
        pytest.fail(f"Required service unavailable: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def redis_url():
    """The REDIS_URL of a reachable Redis server."""
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
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, plus a copy of the rows its data migrations made (groups, home page, workflow).

    A transactional test (every browser test) ends with a flush that erases those rows; `restore_migration_data`
    puts them back. Django's own serialized_rollback cannot be relied on here: it keeps its copy on one
    connection object, which later tests do not always see.
    """
    from django.db import connection

    global _MIGRATION_DATA
    with django_db_blocker.unblock():
        _MIGRATION_DATA = connection.creation.serialize_db_to_string()


_MIGRATION_DATA = ""


def restore_migration_data() -> None:
    """Put back the rows the data migrations made, when a flush has removed them (idempotent)."""
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection

    if _MIGRATION_DATA and not Group.objects.filter(name="Coordinators").exists():
        # Start from empty tables (the flush's post_migrate recreated content types with other ids).
        call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(_MIGRATION_DATA)

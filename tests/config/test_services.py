"""When CI asks for the real services (REQUIRE_SERVICES=1), the suite really runs on them."""

import os

import pytest
from django.db import connection

REQUIRED = os.environ.get("REQUIRE_SERVICES") == "1"


@pytest.mark.django_db
def test_database_is_postgresql_when_services_are_required():
    if not REQUIRED:
        assert connection.vendor in {"sqlite", "postgresql"}
        return
    assert connection.vendor == "postgresql", "CI must run the suite on PostgreSQL (DATABASE_URL)"


def test_celery_uses_redis_when_configured(settings):
    if os.environ.get("REDIS_URL"):
        assert settings.CELERY_BROKER_URL.startswith("redis://")
    else:
        assert settings.CELERY_BROKER_URL == "filesystem://"
    if REQUIRED:
        assert os.environ.get("REDIS_URL"), "CI must provide REDIS_URL"

"""What the settings choose from the environment: embedded parts with nothing set, shared parts with
REDIS_URL, a PostgreSQL pool and an S3 bucket. The settings modules are imported afresh under that environment
alone, as a server starting with it would read them (in this process: a subprocess per case cost a Django start-up
each and tested nothing more, the settings being computed when their module is imported)."""

import json
import os
from pathlib import Path

import pytest

from tests.utils import import_settings_afresh

SERVICE_NAMES = (
    "DATABASE_URL",
    "REDIS_URL",
    "REDIS_CACHE_URL",
    "DATABASE_POOL_MAX",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
)


def settings_with(module: str = "config.settings.base", **environment) -> dict:
    env = {name: value for name, value in os.environ.items() if name not in SERVICE_NAMES}
    env.update({"DJANGO_SETTINGS_MODULE": module, **environment})
    if module.endswith("production"):
        env.setdefault("SECRET_KEY", "x" * 64)
        env.setdefault("ALLOWED_HOSTS", "example.org")
    settings = import_settings_afresh(module, env)
    chosen = {
        "database": settings.DATABASES["default"],
        "cache": settings.CACHES["default"]["BACKEND"],
        "cache_location": settings.CACHES["default"].get("LOCATION", ""),
        "session": settings.SESSION_ENGINE,
        "media": settings.STORAGES["default"],
        "broker": settings.CELERY_BROKER_URL,
        "broker_options": settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        "base_dir": str(settings.BASE_DIR),
    }
    return json.loads(json.dumps(chosen, default=str))


def test_with_nothing_set_every_part_is_embedded():
    chosen = settings_with()
    assert chosen["database"]["ENGINE"] == "django.db.backends.sqlite3"
    assert chosen["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert chosen["session"] == "django.contrib.sessions.backends.db"
    assert chosen["media"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert chosen["broker"] == "filesystem://"
    # kombu's exchange tables live with the rest of the broker's files, not at the repository root.
    assert chosen["broker_options"]["control_folder"] == str(Path(chosen["base_dir"]) / "var" / "broker" / "control")
    assert "pool" not in chosen["database"].get("OPTIONS", {})


@pytest.mark.parametrize("module", ["config.settings.base", "config.settings.production"])
def test_redis_pool_and_bucket_make_every_part_shared(module):
    chosen = settings_with(
        module,
        DATABASE_URL="postgres://app@db.internal:5432/pairaidance",
        DATABASE_POOL_MAX="8",
        REDIS_URL="redis://redis.internal:6379/0",
        AWS_STORAGE_BUCKET_NAME="pairaidance-media",
        AWS_S3_ENDPOINT_URL="https://s3.internal",
    )
    assert chosen["database"]["ENGINE"] == "django.db.backends.postgresql"
    # Django's pool needs persistent connections off.
    assert chosen["database"]["CONN_MAX_AGE"] == 0
    assert chosen["database"]["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 8, "timeout": 10}
    assert chosen["cache"] == "core.cache.RedisCache"
    assert chosen["cache_location"] == "redis://redis.internal:6379/0"
    assert chosen["session"] == "django.contrib.sessions.backends.cached_db"
    assert chosen["broker"] == "redis://redis.internal:6379/0"
    assert chosen["media"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert chosen["media"]["OPTIONS"]["bucket_name"] == "pairaidance-media"
    assert chosen["media"]["OPTIONS"]["endpoint_url"] == "https://s3.internal"
    assert chosen["media"]["OPTIONS"]["default_acl"] is None
    assert chosen["media"]["OPTIONS"]["querystring_auth"] is True


def test_without_a_pool_postgresql_keeps_persistent_connections():
    chosen = settings_with(DATABASE_URL="postgres://app@db.internal:5432/pairaidance")
    assert chosen["database"]["CONN_MAX_AGE"] == 60
    assert chosen["database"]["CONN_HEALTH_CHECKS"] is True
    assert "pool" not in chosen["database"].get("OPTIONS", {})

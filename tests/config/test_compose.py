"""Docker does not run here: check that the compose file's services and commands point at real code."""

import importlib
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def load_compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_the_production_services_with_health_checks():
    services = load_compose()["services"]
    assert {"db", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("db", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")


def test_compose_web_runs_gunicorn_on_the_real_wsgi_module():
    web = load_compose()["services"]["web"]
    assert web["command"][0] == "gunicorn"
    module, attribute = web["command"][1].split(":")
    assert hasattr(importlib.import_module(module), attribute)


def test_compose_worker_and_beat_use_the_real_celery_app():
    services = load_compose()["services"]
    for name, verb in (("worker", "worker"), ("beat", "beat")):
        command = services[name]["command"]
        assert command[:3] == ["celery", "-A", "tasks.celery"] and command[3] == verb
    assert importlib.import_module("tasks.celery").app.main == "pairaidance"


def test_compose_settings_module_and_services_addresses():
    services = load_compose()["services"]
    for name in ("web", "worker", "beat", "migrate"):
        environment = services[name]["environment"]
        assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert environment["REDIS_URL"].startswith("redis://redis:")
        assert "@db:5432/" in environment["DATABASE_URL"]
    assert (ROOT / "config" / "settings" / "production.py").exists()


def test_compose_volumes_and_env_example_exist():
    compose = load_compose()
    assert {"postgres", "redis", "media"} <= set(compose["volumes"])
    example = (ROOT / ".env.example").read_text()
    for variable in ("SECRET_KEY", "ALLOWED_HOSTS", "POSTGRES_PASSWORD", "EMAIL_HOST"):
        assert re.search(rf"^{variable}=", example, re.MULTILINE), variable
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "requirements/base.txt" in dockerfile and "config.wsgi:application" in dockerfile

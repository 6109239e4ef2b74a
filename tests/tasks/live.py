"""A real Celery worker, on a real Redis, sharing the test database: for the reliability tests."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.db import connection

from tasks.celery import app
from tests.conftest import service_unavailable

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def shared_database_env() -> dict[str, str]:
    """Environment that points a subprocess at the database this test uses."""
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings_dict.get("USER") or ""
        password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
        auth = f"{user}{password}@" if user else ""
        host = settings_dict.get("HOST") or "127.0.0.1"
        port = settings_dict.get("PORT") or 5432
        return {"DATABASE_URL": f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"}
    name = str(settings_dict.get("NAME") or "")
    if connection.vendor == "sqlite" and name and ":memory:" not in name and "mode=memory" not in name:
        return {"TEST_SQLITE_PATH": name, "DATABASE_URL": ""}
    service_unavailable("a real worker needs PostgreSQL (DATABASE_URL) or a file database (TEST_SQLITE_PATH)")
    return {}


class LiveCelery:
    """Points this process's Celery app at Redis (not eager) and starts/kills worker subprocesses."""

    def __init__(self, redis_url: str, log_dir: Path):
        self.redis_url = redis_url
        self.queue = f"reminders-test-{uuid.uuid4().hex[:10]}"
        self.prefix = f"pa-test-{uuid.uuid4().hex[:10]}"
        self.log_dir = log_dir
        self.workers: list[subprocess.Popen] = []
        self._saved = {}

    def __enter__(self) -> LiveCelery:
        self.db_env = shared_database_env()
        overrides = {
            "task_always_eager": False,
            "task_eager_propagates": False,
            "broker_url": self.redis_url,
            "task_default_queue": self.queue,
            "broker_transport_options": {"visibility_timeout": 3600},
        }
        self._saved = {key: app.conf.get(key) for key in overrides}
        app.conf.update(overrides)
        self._reset_producers()
        return self

    def __exit__(self, *exc) -> None:
        for worker in list(self.workers):
            self.kill(worker)
        app.conf.update(self._saved)
        self._reset_producers()
        import redis

        client = redis.Redis.from_url(self.redis_url)
        keys = [self.queue, *client.keys(f"{self.prefix}*")]
        client.delete(*keys)
        client.close()

    @staticmethod
    def _reset_producers() -> None:
        # Forget the cached producer pool and routing so the next send uses the new broker and queue.
        # (The pool object itself is shared through kombu's registry: it is left open for its next user.)
        app.__dict__.pop("amqp", None)
        app._pool = None

    def queue_length(self) -> int:
        import redis

        client = redis.Redis.from_url(self.redis_url)
        try:
            return client.llen(self.queue)
        finally:
            client.close()

    def start_worker(
        self,
        *,
        smtp_port: int,
        concurrency: int = 2,
        max_retries: int = 2,
        settings_module: str = "tests.tasks.worker_settings",
        extra_env: dict[str, str] | None = None,
    ) -> subprocess.Popen:
        name = f"w{len(self.workers) + 1}-{uuid.uuid4().hex[:6]}@127.0.0.1"
        env = {
            **os.environ,
            **self.db_env,
            **(extra_env or {}),
            "DJANGO_SETTINGS_MODULE": settings_module,
            "REDIS_URL": self.redis_url,
            "REMINDERS_TEST_QUEUE": self.queue,
            "REMINDERS_KEY_PREFIX": self.prefix,
            "SMTP_SINK_PORT": str(smtp_port),
            "REMINDERS_MAX_RETRIES": str(max_retries),
        }
        if not env.get("DATABASE_URL"):
            env.pop("DATABASE_URL", None)
        log = open(self.log_dir / f"{name.split('@')[0]}.log", "wb")  # noqa: SIM115 - closed with the process
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tasks.celery:app",
            "worker",
            "-Q",
            self.queue,
            "-c",
            str(concurrency),
            "-P",
            "prefork",
            "-n",
            name,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "WARNING",
        ]
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        process.log = log  # type: ignore[attr-defined]
        self.workers.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL the worker and its pool children: no shutdown, no acknowledgement, nothing tidy."""
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        process.log.close()  # type: ignore[attr-defined]
        if process in self.workers:
            self.workers.remove(process)

    def log_of(self, process: subprocess.Popen) -> str:
        return Path(process.log.name).read_text(errors="replace")  # type: ignore[attr-defined]


def wait_until(predicate, *, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())

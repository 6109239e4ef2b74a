"""Scale-out on standard parts: two web processes (gunicorn) and two Celery workers on one PostgreSQL,
one Redis and one S3-compatible bucket (moto's local server), all on loopback.

Shows that a session opened on one web process works on the other, that a file uploaded through one
is served by the other, and that reminders queued once are sent once whichever worker takes them.
Bounded in time; every process it starts is stopped at the end.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from django.urls import reverse

from bench.smtp_sink import SinkBehaviour, SmtpSink
from tasks.enums import OutboxState
from tasks.jobs import dispatch_reminders
from tasks.models import Outbox
from tasks.services import plan_all
from tests.factories import ApplicationFactory, SelectionRoundFactory, UserFactory
from tests.factories.cohorts import PDF_BYTES
from tests.scale.s3 import LocalS3, free_port
from tests.tasks.conftest import make_inactive_learners
from tests.tasks.live import BASE_DIR, wait_until

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SETTINGS = "tests.scale.node_settings"
REMINDERS = 30


class WebNode:
    """One gunicorn process (one sync worker) serving the project on a loopback port."""

    def __init__(self, name: str, env: dict[str, str], log_dir):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log_dir / f"{name}.log", "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "60",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"web process exited: {Path(self.log.name).read_text()[-2000:]}")
        with contextlib.suppress(requests.RequestException):
            return requests.get(f"{self.url}/healthz", timeout=2).status_code == 200
        return False

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture
def cluster(live_celery, postgres_required, settings, tmp_path):
    """Two web processes, two workers, one SMTP sink and one bucket, sharing PostgreSQL and Redis."""
    settings.REMINDERS_QUIET_HOURS = None
    with LocalS3() as s3, SmtpSink(SinkBehaviour(delay_before_data=0.02)) as sink:
        shared = {
            **live_celery.db_env,
            **s3.environment(),
            "REDIS_URL": live_celery.redis_url,
            "CACHE_KEY_PREFIX": live_celery.prefix,
            "DATABASE_POOL_MAX": "4",
            "SCALE_QUEUE": live_celery.queue,
            "REMINDERS_KEY_PREFIX": live_celery.prefix,
            "SMTP_SINK_PORT": str(sink.port),
        }
        env = {**os.environ, **shared, "DJANGO_SETTINGS_MODULE": SETTINGS}
        nodes = [WebNode(f"web{n}", env, tmp_path) for n in (1, 2)]
        try:
            for _ in range(2):
                live_celery.start_worker(smtp_port=sink.port, concurrency=1, settings_module=SETTINGS, extra_env=shared)
            assert wait_until(lambda: all(node.ready() for node in nodes), timeout=60), "web processes not ready"
            yield {"web": nodes, "s3": s3, "sink": sink, "workers": live_celery}
        finally:
            for node in nodes:
                node.stop()


def test_two_web_processes_and_two_workers_share_sessions_files_and_reminders(cluster, live_celery, rules):
    first, second = cluster["web"]
    s3, sink = cluster["s3"], cluster["sink"]
    application = ApplicationFactory(selection_round=SelectionRoundFactory(), motivation="")
    candidate = application.candidate
    candidate.set_password("mot-de-passe-de-test")
    candidate.save()
    required = application.selection_round.required_documents.first()

    # 1. Log in on the first web process; the session cookie works on the second.
    browser = requests.Session()
    browser.get(f"{first.url}{reverse('account_login')}", timeout=10)
    response = browser.post(
        f"{first.url}{reverse('account_login')}",
        data={
            "login": candidate.email,
            "password": "mot-de-passe-de-test",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[-500:]
    edit_url = reverse("selection:dossier_edit", args=[application.pk])
    page = browser.get(f"{second.url}{edit_url}", allow_redirects=False, timeout=10)
    assert page.status_code == 200
    stranger = requests.get(f"{second.url}{edit_url}", allow_redirects=False, timeout=10)
    assert stranger.status_code == 302  # the same page without the session: to the login page

    # 2. Upload through the second web process; the first serves the file (from the shared bucket).
    upload = browser.post(
        f"{second.url}{reverse('selection:document_upload', args=[application.pk, required.pk])}",
        data={"csrfmiddlewaretoken": browser.cookies["csrftoken"]},
        files={"file": ("cv.pdf", PDF_BYTES, "application/pdf")},
        allow_redirects=False,
        timeout=20,
    )
    assert upload.status_code == 302
    document = application.documents.get()
    assert s3.object_names() == [document.file.name]
    served = browser.get(f"{first.url}{reverse('selection:document_file', args=[document.pk])}", timeout=20)
    assert served.status_code == 200
    assert served.content == PDF_BYTES
    anonymous = requests.get(
        f"{first.url}{reverse('selection:document_file', args=[document.pk])}", allow_redirects=False, timeout=10
    )
    assert anonymous.status_code == 302  # the file is not public: without the session, to the login page

    # 3. N due reminders; the dispatcher is asked twice (one per worker, one Redis lock); batches of 5
    # spread over both workers. Counted at the SMTP sink: N received, none twice.
    UserFactory()  # someone with nothing due, so that not every user is a recipient
    make_inactive_learners(REMINDERS)
    plan_all()
    assert Outbox.objects.filter(state=OutboxState.PENDING).count() == REMINDERS
    dispatch_reminders.delay()
    dispatch_reminders.delay()
    assert wait_until(
        lambda: Outbox.objects.filter(state=OutboxState.SENT).count() == REMINDERS, timeout=90, interval=0.5
    ), {state: Outbox.objects.filter(state=state).count() for state in OutboxState.values}
    wait_until(lambda: False, timeout=2)  # leave time for a duplicate to show up, if there were one
    assert sink.count() == REMINDERS
    assert sink.duplicates() == {}
    assert sorted(message.recipients[0].strip("<>") for message in sink.messages) == sorted(
        Outbox.objects.values_list("recipient_email", flat=True)
    )

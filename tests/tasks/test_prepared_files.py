"""Files prepared in the background (tasks.prepared): a row per file asked for, built by a Celery task that reports
its progress, downloaded by the person who asked alone while they may still read what it holds, deleted after its
retention."""

import datetime
import json

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from tasks.celery import app, collect_beat_schedule
from tasks.enums import PreparedFileStatus as Status
from tasks.models import PreparedFile
from tasks.prepared import (
    BUILD_TASK,
    FileBuilder,
    Output,
    PreparedFileError,
    builders,
    prepared_file_build,
    prepared_file_request,
    prepared_files_purge,
)
from tests.factories import CohortFactory, UserFactory
from tests.utils import body

pytestmark = pytest.mark.django_db

KIND = "tests.sample"


class Sample:
    """A builder of a few lines about a cohort, for its coordinators; it can be told to fail."""

    def __init__(self):
        self.seen: list[tuple[str, int, int]] = []
        self.error: Exception | None = None

    def may_read(self, user, params) -> bool:
        return user.is_authenticated and (
            user.is_superuser or user.coordinated_cohorts.filter(pk=params["cohort"]).exists()
        )

    def build(self, job) -> Output:
        for done in range(4):
            job.progress(done, 4)
            row = PreparedFile.objects.get(pk=job.row.pk)
            self.seen.append((row.status, row.done, row.total))
            if self.error is not None and done == 2:
                raise self.error
        job.out.write(b"line 1\nline 2\n")
        return Output("sample.txt", "text/plain")


@pytest.fixture
def sample(monkeypatch, cohort):
    builder = Sample()
    spec = FileBuilder(
        kind=KIND,
        title=lambda params: f"Lignes de la promotion {params['cohort']}",
        may_read=builder.may_read,
        build=builder.build,
        back=lambda params: "/retour/",
    )
    monkeypatch.setitem(builders(), KIND, spec)
    monkeypatch.setattr("tasks.prepared.PROGRESS_EVERY", 0)  # every progress report is written
    return builder


@pytest.fixture
def queued(sample, coordinator, cohort, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row = prepared_file_request(user=coordinator, kind=KIND, params={"cohort": cohort.pk})
    assert len(callbacks) == 1  # the build is queued once the asking transaction commits
    return row


def test_a_file_asked_for_is_queued_then_built_with_its_progress_then_ready(queued, sample, coordinator):
    assert (queued.status, queued.requested_by, queued.title) == (
        Status.QUEUED,
        coordinator,
        "Lignes de la promotion " + str(queued.params["cohort"]),
    )
    assert queued.expires_at > timezone.now()

    assert prepared_file_build(str(queued.pk)) == Status.READY

    assert sample.seen == [
        (Status.RUNNING, 0, 4),
        (Status.RUNNING, 1, 4),
        (Status.RUNNING, 2, 4),
        (Status.RUNNING, 3, 4),
    ]
    row = PreparedFile.objects.get(pk=queued.pk)
    assert (row.status, row.percent, row.filename, row.content_type, row.error) == (
        Status.READY,
        100,
        "sample.txt",
        "text/plain",
        "",
    )
    assert row.file.read() == b"line 1\nline 2\n"
    assert row.expires_at == row.finished_at + datetime.timedelta(hours=24)


def test_the_same_file_asked_twice_while_it_is_built_is_one_file(queued, coordinator, cohort):
    again = prepared_file_request(user=coordinator, kind=KIND, params={"cohort": cohort.pk})
    assert again.pk == queued.pk
    prepared_file_build(str(queued.pk))
    fresh = prepared_file_request(user=coordinator, kind=KIND, params={"cohort": cohort.pk})
    assert fresh.pk != queued.pk  # a ready file is not reused: the data may have changed since


def test_the_build_is_safe_to_run_twice(queued):
    assert prepared_file_build(str(queued.pk)) == Status.READY
    assert prepared_file_build(str(queued.pk)) == "skipped"
    assert PreparedFile.objects.get(pk=queued.pk).status == Status.READY


def test_a_build_whose_worker_died_is_taken_again_but_not_a_running_one(queued):
    PreparedFile.objects.filter(pk=queued.pk).update(status=Status.RUNNING, started_at=timezone.now())
    assert prepared_file_build(str(queued.pk)) == "skipped"
    PreparedFile.objects.filter(pk=queued.pk).update(started_at=timezone.now() - datetime.timedelta(hours=2))
    assert prepared_file_build(str(queued.pk)) == Status.READY


def test_a_failed_build_says_so_in_french_and_keeps_no_file(queued, sample):
    sample.error = RuntimeError("boom")
    assert prepared_file_build(str(queued.pk)) == Status.FAILED
    row = PreparedFile.objects.get(pk=queued.pk)
    assert row.status == Status.FAILED
    assert row.error == (
        "Le fichier n'a pas pu être préparé. Réessayez ; si cela échoue encore, prévenez l'équipe de la plateforme."
    )
    assert not row.file
    assert sample.seen[-1] == (Status.RUNNING, 2, 4)  # it had got that far


def test_a_builder_refusal_is_shown_as_it_says(queued, sample):
    sample.error = PreparedFileError("Cette promotion n'a aucun regroupement.")
    prepared_file_build(str(queued.pk))
    assert PreparedFile.objects.get(pk=queued.pk).error == "Cette promotion n'a aucun regroupement."


def test_a_person_who_lost_access_before_the_build_gets_no_file(queued, coordinator, cohort):
    cohort.coordinators.remove(coordinator)
    assert prepared_file_build(str(queued.pk)) == Status.FAILED
    row = PreparedFile.objects.get(pk=queued.pk)
    assert row.error == "Vous ne pouvez plus consulter ce que contiendrait ce fichier."
    assert not row.file


def test_nobody_may_ask_for_what_they_cannot_read(sample, cohort, outsider):
    with pytest.raises(PreparedFileError, match=r"Vous ne pouvez pas demander ce fichier\."):
        prepared_file_request(user=outsider, kind=KIND, params={"cohort": cohort.pk})
    with pytest.raises(PreparedFileError, match=r"Vous ne pouvez pas demander ce fichier\."):
        prepared_file_request(user=outsider, kind="tests.unknown", params={})
    assert not PreparedFile.objects.exists()


# --- The pages ----------------------------------------------------------------------------------------------------


def _urls(row) -> dict[str, str]:
    return {name: reverse(f"prepared_files:{name}", args=[row.pk]) for name in ("page", "status", "download")}


def test_the_page_shows_the_progress_and_refreshes_itself_without_script(client, queued, coordinator):
    client.force_login(coordinator)
    PreparedFile.objects.filter(pk=queued.pk).update(status=Status.RUNNING, done=1, total=4)
    page = client.get(_urls(queued)["page"]).content.decode()
    assert "<h1>Préparation du fichier</h1>" in page
    assert '<progress id="prepared-file-progress" max="100" value="25">25 %</progress>' in page
    assert 'role="status" aria-live="polite" data-message>Préparation du fichier : 25 %.</p>' in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert "tasks/prepared_file" in page and "<script>" not in page  # a static script: the CSP forbids inline ones
    assert "data-download hidden" in page
    state = client.get(_urls(queued)["status"]).json()
    assert state == {
        "status": "running",
        "finished": False,
        "percent": 25,
        "message": "Préparation du fichier : 25 %.",
        "download_url": "",
    }


def test_when_ready_the_page_offers_the_download_and_the_file_comes_with_its_name(client, queued, coordinator):
    prepared_file_build(str(queued.pk))
    client.force_login(coordinator)
    urls = _urls(queued)
    page = client.get(urls["page"]).content.decode()
    assert "noscript" not in page
    assert f'<a class="button" href="{urls["download"]}" data-download-link>Télécharger</a>' in page
    assert 'href="/retour/"' in page
    assert json.loads(client.get(urls["status"]).content)["download_url"] == urls["download"]
    response = client.get(urls["download"])
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="sample.txt"'
    assert response["Cache-Control"] == "private, no-store"
    assert body(response) == b"line 1\nline 2\n"


def test_a_failed_file_shows_its_error_and_no_download(client, queued, sample, coordinator):
    sample.error = RuntimeError("boom")
    prepared_file_build(str(queued.pk))
    client.force_login(coordinator)
    page = client.get(_urls(queued)["page"]).content.decode()
    assert "Le fichier n&#x27;a pas pu être préparé." in page
    assert "data-download hidden" in page
    assert client.get(_urls(queued)["download"]).status_code == 404


def test_a_file_not_ready_cannot_be_downloaded(client, queued, coordinator):
    client.force_login(coordinator)
    assert client.get(_urls(queued)["download"]).status_code == 404


@pytest.mark.parametrize("who", ["another coordinator", "learner", "outsider"])
def test_nobody_but_the_person_who_asked_sees_the_file(client, queued, cohort, learner, outsider, who):
    prepared_file_build(str(queued.pk))
    other = UserFactory(email="autre@example.test")
    cohort.coordinators.add(other)  # coordinates the same cohort, yet did not ask for this file
    person = {"another coordinator": other, "learner": learner, "outsider": outsider}[who]
    client.force_login(person)
    for name, url in _urls(queued).items():
        assert client.get(url).status_code == 404, name


def test_anonymous_visitors_are_sent_to_log_in(client, queued):
    prepared_file_build(str(queued.pk))
    for name, url in _urls(queued).items():
        response = client.get(url)
        assert response.status_code == 302 and "/compte/" in response["Location"], name


def test_a_coordinator_removed_from_the_cohort_can_no_longer_download(client, queued, coordinator, cohort):
    prepared_file_build(str(queued.pk))
    cohort.coordinators.remove(coordinator)
    client.force_login(coordinator)
    for name, url in _urls(queued).items():
        assert client.get(url).status_code == 404, name


# --- Retention ----------------------------------------------------------------------------------------------------


def test_files_are_deleted_after_their_retention(client, queued, coordinator, settings):
    settings.PREPARED_FILE_RETENTION_HOURS = 2
    prepared_file_build(str(queued.pk))
    row = PreparedFile.objects.get(pk=queued.pk)
    assert row.expires_at == row.finished_at + datetime.timedelta(hours=2)
    kept = PreparedFile.objects.create(
        requested_by=coordinator, kind=KIND, key="k", params={}, title="Plus récent", expires_at=row.expires_at
    )
    name = row.file.name
    assert default_storage.exists(name)

    assert prepared_files_purge(now=row.expires_at - datetime.timedelta(seconds=1)) == 0
    assert default_storage.exists(name)
    assert prepared_files_purge(now=row.expires_at) == 2
    assert not default_storage.exists(name)
    assert not PreparedFile.objects.filter(pk__in=[row.pk, kept.pk]).exists()


def test_a_file_past_its_retention_is_not_served_even_before_the_purge(client, queued, coordinator):
    prepared_file_build(str(queued.pk))
    PreparedFile.objects.filter(pk=queued.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(coordinator)
    assert client.get(_urls(queued)["download"]).status_code == 404


def test_the_purge_runs_every_hour_in_the_one_beat():
    entry = collect_beat_schedule()["prepared-files-purge"]
    assert entry["task"] == "tasks.purge_prepared_files"


def test_the_build_and_the_purge_are_celery_tasks():
    app.loader.import_default_modules()
    assert {BUILD_TASK, "tasks.purge_prepared_files"} <= set(app.tasks)


def test_every_app_builder_has_a_distinct_kind_named_after_its_app():
    kinds = set(builders())
    assert {
        "cohort_sessions.attendance_sheet",
        "cohort_sessions.roster_xlsx",
        "lms.progress_xlsx",
        "internships.overview_xlsx",
        "final_validation.results_xlsx",
        "selection.applications_xlsx",
        "selection.letters_bundle",
        "figures.programme_pdf",
    } <= kinds


def test_another_cohort_s_coordinator_cannot_ask_for_it(sample, cohort):
    other_cohort = CohortFactory()
    other = UserFactory(email="ailleurs@example.test")
    other_cohort.coordinators.add(other)
    with pytest.raises(PreparedFileError, match=r"Vous ne pouvez pas demander ce fichier\."):
        prepared_file_request(user=other, kind=KIND, params={"cohort": cohort.pk})


def test_an_account_deleted_takes_its_prepared_files_with_it(queued, coordinator):
    prepared_file_build(str(queued.pk))
    name = PreparedFile.objects.get(pk=queued.pk).file.name
    assert default_storage.exists(name)
    coordinator.delete()
    assert not PreparedFile.objects.filter(pk=queued.pk).exists()
    assert not default_storage.exists(name)


def test_the_status_the_page_polls_costs_a_fixed_number_of_queries(
    client, queued, coordinator, django_assert_num_queries
):
    client.force_login(coordinator)
    url = _urls(queued)["status"]
    client.get(url)
    # The session, the user, the row, and who may read it (the builder's check).
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200

"""Files prepared in the background: long exports and large PDFs are built by a Celery worker, never in a web request.

A web worker only records what was asked (a `PreparedFile` row) and shows the page "Préparation du fichier"; the
worker builds the file into the default storage, reporting its progress; the person downloads it when it is ready,
and the file is deleted `PREPARED_FILE_RETENTION_HOURS` after it is ready (beat: `tasks.purge_prepared_files`).

What can be prepared is declared by the apps that own the data, in a module of a fixed name, as `reminders.py`
declares reminders: an app's `prepared_files.py` lists `BUILDERS` (`FileBuilder`), found by `builders()`. `tasks`
imports none of them. A builder says

- `kind`: its name, `"<app>.<what>"`;
- `title(params)`: what the file is, in words, for the page;
- `may_read(user, params)`: whether this person may read what the file holds. It is asked when the file is asked
  for, again when the worker builds it, and again on every download: a coordinator removed from a cohort in the
  meantime gets a 404, as on the page the file comes from;
- `build(job)`: writes the file into `job.out` (a binary file), calls `job.progress(done, total)` as it goes, and
  returns the `Output` (file name and content type). It records a sensitive export as the synchronous export did
  (`core.exports.sensitive_export_record`, with `job.reader`);
- `back(params)`: the address of the page the file was asked from (the link "Retour").

Only the person who asked may download the file: anyone else gets a 404.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module
from typing import IO, Any

from celery.exceptions import SoftTimeLimitExceeded
from django.apps import apps as django_apps
from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _

from cohorts.access import is_coordinated
from cohorts.models import Cohort
from core import exports
from core.pdf import PDF_STEPS, render_pdf
from tasks.celery import enqueue_on_commit
from tasks.enums import PreparedFileStatus as Status
from tasks.models import PreparedFile

logger = logging.getLogger(__name__)

BUILD_TASK = "tasks.build_prepared_file"
# A build whose worker died (no answer for this long) may be taken again by the task's redelivery.
STALE_AFTER = timedelta(hours=1)
PROGRESS_EVERY = 0.5  # seconds between two writes of the progress


class PreparedFileError(Exception):
    """A file that cannot be asked for or built; the message is for the person, in their language."""


@dataclass(frozen=True)
class Output:
    filename: str
    content_type: str


@dataclass(frozen=True)
class FileBuilder:
    kind: str
    title: Callable[[dict], str]
    may_read: Callable[[Any, dict], bool]
    build: Callable[[Job], Output]
    back: Callable[[dict], str] | None = None


class Job:
    """What a builder is given: the parameters, the person who asked, the file to write, a progress callback."""

    def __init__(self, row: PreparedFile, out: IO[bytes]):
        self.row = row
        self.params: dict = row.params
        self.reader = row.requested_by
        self.out = out
        self._written_at = 0.0

    def progress(self, done: int, total: int) -> None:
        """Say how far the build is (`done` steps of `total`); written at most twice a second, and at the end."""
        now = time.monotonic()
        if done < total and now - self._written_at < PROGRESS_EVERY:
            return
        self._written_at = now
        PreparedFile.objects.filter(pk=self.row.pk, status=Status.RUNNING).update(done=done, total=total)


@functools.cache
def builders() -> dict[str, FileBuilder]:
    """Every builder declared by an installed app's `prepared_files` module, by kind (read once)."""
    found: dict[str, FileBuilder] = {}
    for app_config in django_apps.get_app_configs():
        if not module_has_submodule(app_config.module, "prepared_files"):
            continue
        for builder in import_module(f"{app_config.name}.prepared_files").BUILDERS:
            if builder.kind in found:
                raise RuntimeError(f"Prepared file {builder.kind!r} is declared twice.")
            found[builder.kind] = builder
    return found


def params_cohort(params: dict) -> Cohort:
    """The cohort a cohort-wide file is about (`params["cohort"]`), with its programme for titles and file names."""
    return Cohort.objects.select_related("programme").get(pk=params["cohort"])


def coordinates_params_cohort(user, params: dict) -> bool:
    """`may_read` of a cohort-wide file: the person still coordinates the cohort of `params["cohort"]`."""
    return is_coordinated(Cohort, user=user, pk=params["cohort"], cohort_field="pk")


def builder_for(kind: str) -> FileBuilder | None:
    return builders().get(kind)


def retention() -> timedelta:
    return timedelta(hours=settings.PREPARED_FILE_RETENTION_HOURS)


def params_key(kind: str, params: dict) -> str:
    return hashlib.sha256(json.dumps([kind, params], sort_keys=True).encode()).hexdigest()


def xlsx_output(
    job: Job, *, columns, items, filename: str, title: str, total: int = 0, record: Callable | None = None
) -> Output:
    """A builder's workbook, as `core.exports.export_response` makes it (the same cells), recorded in the access log
    when it carries sensitive columns. `filename` has no extension."""
    name = f"{filename}.{exports.XLSX}"
    exports.sensitive_export_record(reader=job.reader, what=name, columns=columns, record=record)
    exports.xlsx_write(columns, items, job.out, title=title, progress=job.progress, total=total)
    return Output(name, exports.CONTENT_TYPES[exports.XLSX])


def pdf_output(job: Job, template: str, context: dict, *, filename: str, **options) -> Output:
    """A builder's PDF (`core.pdf.render_pdf` with `options`), written into the job's file. `filename` has no
    extension."""
    render_pdf(template, context, target=job.out, progress=job.progress, **options)
    job.progress(PDF_STEPS, PDF_STEPS)
    return Output(f"{filename}.pdf", exports.CONTENT_TYPES["pdf"])


# --- Services ---------------------------------------------------------------------------------------------------


@transaction.atomic
def prepared_file_request(*, user, kind: str, params: dict) -> PreparedFile:
    """Ask for a file: the person's same file still waiting or being built is reused, otherwise a new row is queued
    and the build task starts once the transaction commits. Raises PreparedFileError if the person may not read it."""
    builder = builder_for(kind)
    if builder is None or not builder.may_read(user, params):
        raise PreparedFileError(_("You cannot ask for this file."))
    key = params_key(kind, params)
    now = timezone.now()
    pending = (
        PreparedFile.objects.select_for_update()
        .filter(requested_by=user, key=key, status__in=[Status.QUEUED, Status.RUNNING], expires_at__gt=now)
        .first()
    )
    if pending is not None:
        return pending
    row = PreparedFile.objects.create(
        requested_by=user,
        kind=kind,
        key=key,
        params=params,
        title=str(builder.title(params))[:255],
        language=translation.get_language() or settings.LANGUAGE_CODE,
        created_at=now,
        expires_at=now + retention(),
    )
    enqueue_on_commit(BUILD_TASK, str(row.pk))
    return row


def _fail(row: PreparedFile, message: str) -> None:
    PreparedFile.objects.filter(pk=row.pk).update(status=Status.FAILED, error=message, finished_at=timezone.now())


def prepared_file_build(file_id: str) -> str:
    """Build the file (the Celery task's body). Safe to run twice: only a queued row, or one whose worker died, is
    taken; a finished row is left as it is. Returns the status reached."""
    now = timezone.now()
    taken = (
        PreparedFile.objects.filter(pk=file_id)
        .filter(Q(status=Status.QUEUED) | Q(status=Status.RUNNING, started_at__lt=now - STALE_AFTER))
        .update(status=Status.RUNNING, started_at=now, done=0, total=0)
    )
    if not taken:
        return "skipped"
    row = PreparedFile.objects.select_related("requested_by").get(pk=file_id)
    with translation.override(row.language or settings.LANGUAGE_CODE):
        builder = builder_for(row.kind)
        if builder is None or not builder.may_read(row.requested_by, row.params):
            _fail(row, _("You can no longer read what this file would hold."))
            return Status.FAILED
        with tempfile.TemporaryFile() as out:
            try:
                output = builder.build(Job(row, out))
                out.seek(0)
                row.file.save(output.filename, File(out), save=False)
            except SoftTimeLimitExceeded:
                _fail(row, _("Preparing the file took too long. Try again later, or ask for a smaller file."))
                return Status.FAILED
            except PreparedFileError as error:
                _fail(row, str(error))
                return Status.FAILED
            except Exception:
                logger.exception("prepared file %s (%s) failed", row.pk, row.kind)
                _fail(row, _("The file could not be prepared. Try again; if it fails again, tell the platform's team."))
                return Status.FAILED
    finished = timezone.now()
    updated = PreparedFile.objects.filter(pk=row.pk, status=Status.RUNNING, started_at=now).update(
        status=Status.READY,
        file=row.file.name,
        filename=output.filename,
        content_type=output.content_type,
        finished_at=finished,
        expires_at=finished + retention(),
    )
    if not updated:  # another run took the row meanwhile: this run's file is not the row's
        row.file.storage.delete(row.file.name)
        return "skipped"
    return Status.READY


def prepared_files_purge(*, now=None) -> int:
    """Delete the files (and rows) past their retention. Returns how many rows were deleted."""
    deleted, _by_model = PreparedFile.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def delete_stored_file(sender, instance: PreparedFile, **kwargs) -> None:
    """`post_delete` of a PreparedFile (connected in TasksConfig.ready): its file leaves the storage with the row,
    whoever deletes it (the purge, an account's deletion, the admin)."""
    if instance.file:
        instance.file.storage.delete(instance.file.name)


# --- For the views --------------------------------------------------------------------------------------------


def prepare(request, *, kind: str, params: dict):
    """The answer of an export view whose file is built in the background: the file is asked for, and the person
    is sent to the page that shows its progress. A person who may not read it gets a 404, as on the page."""
    try:
        row = prepared_file_request(user=request.user, kind=kind, params=params)
    except PreparedFileError as error:
        raise Http404 from error
    return redirect("prepared_files:page", file_id=row.pk)


def readable_or_404(user, file_id) -> tuple[PreparedFile, FileBuilder]:
    """The person's own file, still kept, whose content they may still read; a 404 for anything else."""
    row = (
        PreparedFile.objects.filter(pk=file_id, requested_by_id=user.pk, expires_at__gt=timezone.now()).first()
        if user.is_authenticated
        else None
    )
    builder = builder_for(row.kind) if row is not None else None
    if builder is None or not builder.may_read(user, row.params):
        raise Http404
    return row, builder

"""The pages of a prepared file: its progress ("Préparation du fichier"), its status as JSON for the page's script,
and its download. Only the person who asked sees them, and only while they may still read what the file holds."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.exports import attachment, no_store
from tasks.enums import PreparedFileStatus as Status
from tasks.prepared import readable_or_404, retention

REFRESH_SECONDS = 3  # the page without script reloads itself this often while the file is being built


def _state(row) -> dict:
    """What the page and its script show: the status in words, the progress, the error, the download address."""
    if row.status == Status.READY:
        message = _("The file is ready.")
    elif row.status == Status.FAILED:
        message = row.error or _("The file could not be prepared.")
    elif row.status == Status.RUNNING and row.total:
        message = _("Preparing the file: %(percent)s %%.") % {"percent": row.percent}
    elif row.status == Status.RUNNING:
        message = _("Preparing the file…")
    else:
        message = _("The file will be prepared in a moment…")
    return {
        "status": row.status,
        "finished": row.status in (Status.READY, Status.FAILED),
        "percent": row.percent,
        "message": message,
        "download_url": reverse("prepared_files:download", args=[row.pk]) if row.status == Status.READY else "",
    }


@login_required
@never_cache
@require_safe
def page(request, file_id):
    row, builder = readable_or_404(request.user, file_id)
    state = _state(row)
    return render(
        request,
        "tasks/prepared_file.html",
        {
            "page_title": _("Preparing the file"),
            "file": row,
            "state": state,
            "status_url": reverse("prepared_files:status", args=[row.pk]),
            "back_url": builder.back(row.params) if builder.back else "",
            "refresh_seconds": REFRESH_SECONDS,
            "retention_hours": int(retention().total_seconds() // 3600),
        },
    )


@login_required
@never_cache
@require_safe
def status(request, file_id):
    row, _builder = readable_or_404(request.user, file_id)
    return JsonResponse(_state(row))


@login_required
@require_safe
def download(request, file_id):
    row, _builder = readable_or_404(request.user, file_id)
    if row.status != Status.READY or not row.file:
        raise Http404
    response = FileResponse(row.file.open("rb"), content_type=row.content_type)
    response["Content-Disposition"] = attachment(row.filename)
    return no_store(response)

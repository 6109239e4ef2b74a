"""The person's own view of the access log."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from audit.selectors import access_records_about


@login_required
@require_GET
def mine(request):
    page = Paginator(access_records_about(person=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "audit/mine.html", {"page_title": _("Who read my data"), "page": page})

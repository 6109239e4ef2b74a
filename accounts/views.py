import logging
from urllib.parse import urlencode

from allauth.account.views import ConfirmEmailView as AllauthConfirmEmailView
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from accounts import personal_data as personal_data_export

logger = logging.getLogger(__name__)


class ConfirmEmailView(AllauthConfirmEmailView):
    """allauth's e-mail confirmation, which logs in only the browser that signed up.

    Someone who confirms from another browser (the phone that received the mail) is sent to the login page,
    keeping the page they signed up from (`next`, a call usually) for after they log in.
    """

    def get_redirect_url(self) -> str:
        next_url = self.get_next_url()
        if next_url and not self.request.user.is_authenticated:
            return f"{reverse('account_login')}?{urlencode({'next': next_url})}"
        return super().get_redirect_url()


confirm_email = ConfirmEmailView.as_view()


@require_POST
def set_language(request):
    """Switch the interface language; remember it on the account too when someone is logged in."""
    response = django_set_language(request)
    language = request.POST.get("language")
    supported = {code for code, _name in settings.LANGUAGES}
    if language in supported and request.user.is_authenticated and request.user.preferred_language != language:
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    return response


@login_required
def personal_data(request):
    """Explain what the archive holds (GET); build and download it for the person logged in (POST).

    There is no identifier in the URL: a person can only ever download their own data.
    """
    if request.method == "POST":
        archive = personal_data_export.build_archive(request.user)
        logger.info("Personal data archive downloaded by user %s", request.user.pk)
        response = HttpResponse(archive, content_type="application/zip")
        filename = f"mes-donnees-{timezone.localdate():%Y-%m-%d}.zip"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response
    sections = personal_data_export.collect(request.user)
    return render(
        request,
        "accounts/personal_data.html",
        {"page_title": _("Your personal data"), "sections": sections},
    )

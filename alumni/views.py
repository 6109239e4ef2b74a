from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from alumni import selectors, services
from alumni.forms import ConsentForm, SurveyForm
from alumni.services import FollowUpError
from cms.models import ProgrammePage


@login_required
def my_follow_up(request):
    """The graduate's page: the consent question, asked once and calmly, changeable at any time."""
    if not selectors.is_graduate(request.user):
        raise Http404
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        agreed = form.cleaned_data["agreed"]
        services.consent_set(user=request.user, agreed=agreed)
        if agreed:
            messages.success(request, _("Thank you. We will write to you 6, 12 and 24 months after your diploma."))
        else:
            messages.success(request, _("Understood: you will receive no survey. You can change your mind here."))
        return redirect("alumni:my-follow-up")
    context = {
        "page_title": _("After the diploma"),
        "follow_up": selectors.graduate_follow_up(user=request.user),
        "form": form,
        "retention_years": max(1, services.retention_months() // 12),
    }
    return render(request, "alumni/my_follow_up.html", context)


@never_cache
def survey_page(request, token: str):
    """The survey, without an account: the token is the credential; it works once, until it expires."""
    try:
        link = services.survey_link_resolve(token=token, user=request.user)
    except FollowUpError as error:
        return render(
            request, "alumni/survey_invalid.html", {"page_title": _("Survey"), "error": str(error)}, status=410
        )
    if request.method == "POST" and request.POST.get("action") == "stop":
        try:
            services.survey_stop(token=token, user=request.user)
        except FollowUpError as error:
            return render(request, "alumni/survey_invalid.html", {"page_title": _("Survey"), "error": str(error)})
        message = _("Understood: you will receive no further survey. Thank you for your time on this path.")
        return render(request, "alumni/survey_done.html", {"page_title": _("Thank you"), "message": message})
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(token=token, user=request.user, **form.cleaned_data)
        except FollowUpError as error:
            form.add_error(None, str(error))
        else:
            message = _("Thank you, your answers have been recorded. They help the next cohorts.")
            return render(request, "alumni/survey_done.html", {"page_title": _("Thank you"), "message": message})
    invitation = link.invitation
    context = {
        "page_title": _("How are you, %(months)s months after the diploma?") % {"months": invitation.wave},
        "invitation": invitation,
        "programme": invitation.enrolment.cohort.programme,
        "form": form,
    }
    return render(request, "alumni/survey.html", context)


ANSWERS_PER_PAGE = 50


@login_required
def programme_answers(request, programme_id: int):
    """Each graduate's answers, for the programme's coordinators only (anyone else: not found)."""
    programme = ProgrammePage.objects.filter(pk=programme_id).first()
    if programme is None or not request.user.has_perm("alumni.read_programme_answers", programme):
        raise Http404
    page = Paginator(selectors.programme_responses(programme_id=programme.pk), ANSWERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"page_title": _("Graduates' answers"), "programme": programme, "page": page}
    return render(request, "alumni/programme_answers.html", context)

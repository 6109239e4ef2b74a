"""The coordinator's release calendar: one page per cohort, only for that cohort's coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts.access import coordinated_cohort
from lms import selectors, services
from lms.forms import CohortCalendarForm, OverrideForm
from lms.models import ModuleReleaseOverride


@login_required
def calendars(request):
    """The cohorts this person coordinates, each leading to its calendar (straight there when only one)."""
    cohorts = list(selectors.cohorts_for_coordinator(user=request.user))
    if len(cohorts) == 1:
        return redirect("lms:cohort_calendar", cohort_id=cohorts[0].pk)
    if not cohorts:
        raise Http404
    return render(request, "lms/calendars.html", {"cohorts": cohorts, "page_title": _("Module calendar")})


def _cohort_or_404(request, cohort_id: int):
    return coordinated_cohort(request, cohort_id)


def _render(request, cohort, *, calendar_form=None, override_form=None, status=200):
    calendar = selectors.cohort_calendar(cohort=cohort)
    enrolments = selectors.cohort_active_enrolments(cohort=cohort)
    return render(
        request,
        "lms/cohort_calendar.html",
        {
            "cohort": cohort,
            "calendar": calendar,
            "calendar_form": calendar_form or CohortCalendarForm(calendar=calendar),
            "override_form": override_form or OverrideForm(cohort=cohort, enrolments=enrolments),
            "overrides": selectors.cohort_overrides(cohort=cohort),
            "page_title": _("Module calendar"),
        },
        status=status,
    )


@login_required
def cohort_calendar(request, cohort_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    if request.method != "POST":
        return _render(request, cohort)
    form = CohortCalendarForm(request.POST, calendar=selectors.cohort_calendar(cohort=cohort))
    if form.is_valid():
        try:
            services.cohort_calendar_save(cohort=cohort, opening_dates=form.opening_dates(), by=request.user)
        except services.CalendarError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The calendar has been saved."))
            return redirect("lms:cohort_calendar", cohort_id=cohort.pk)
    return _render(request, cohort, calendar_form=form, status=400)


@login_required
@require_POST
def override_add(request, cohort_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    form = OverrideForm(request.POST, cohort=cohort, enrolments=selectors.cohort_active_enrolments(cohort=cohort))
    if form.is_valid():
        try:
            services.module_release_override_set(
                enrolment=form.cleaned_data["enrolment"],
                module=form.cleaned_data["module"],
                opens_on=form.cleaned_data["opens_on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except services.CalendarError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The learner's own date has been saved."))
            return redirect("lms:cohort_calendar", cohort_id=cohort.pk)
    return _render(request, cohort, override_form=form, status=400)


@login_required
@require_POST
def override_delete(request, cohort_id: int, override_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    override = get_object_or_404(ModuleReleaseOverride, pk=override_id, enrolment__cohort=cohort)
    services.module_release_override_delete(override=override, by=request.user)
    messages.success(request, _("The learner's own date has been removed: the cohort's date applies again."))
    return redirect("lms:cohort_calendar", cohort_id=cohort.pk)

"""The coordinator's cohort dashboard and "write to the learners who...". Only the cohort's coordinators
(and superusers) reach these pages; anyone else gets a 404, an anonymous visitor the login page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from cockpit import selectors as cockpit_selectors
from cockpit import services as cockpit_services
from cockpit.forms import AudienceForm, ConcernFilterForm, EnrolmentChangeForm, EnrolmentFilterForm, MessageForm
from cohorts import selectors as cohort_selectors
from cohorts import services as cohort_services
from cohorts.access import coordinated_cohort
from cohorts.changes import cached_table
from core.pagination import paginate
from lms.progress import programme_outline
from tasks.selectors import message_batches


def _cohort_or_404(request, cohort_id: int):
    return coordinated_cohort(request, cohort_id)


@login_required
@require_GET
def cockpit(request, cohort_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    search = request.GET.get("q", "").strip()[:100]
    inactive_only = request.GET.get("sans_nouvelles") == "1"

    def roster() -> str:
        page = cockpit_selectors.cohort_roster(
            cohort=cohort, page_number=request.GET.get("page"), search=search, inactive_only=inactive_only
        )
        context = {"roster": page, "search": search, "inactive_only": inactive_only}
        return render_to_string("cockpit/_roster.html", context, request=request)

    return render(
        request,
        "cockpit/cockpit.html",
        {
            "page_title": _("Dashboard — %(cohort)s") % {"cohort": cohort},
            "cohort": cohort,
            # The same for every coordinator of the cohort, kept until one of its sources changes.
            "roster_table": cached_table("cockpit", cohort_id=cohort.pk, request=request, build=roster),
            "figures": cockpit_selectors.cohort_figures(cohort=cohort),
            "cohort_messages": message_batches(rule_code=cockpit_selectors.COORDINATOR_MESSAGE, cohort_id=cohort.pk),
            "search": search,
            "inactive_only": inactive_only,
            "audience_form": AudienceForm(modules=programme_outline(cohort.programme)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def write(request, cohort_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    data = request.POST if request.method == "POST" else request.GET
    audience_form = AudienceForm(data, modules=programme_outline(cohort.programme))
    context = {
        "page_title": _("Write to learners — %(cohort)s") % {"cohort": cohort},
        "cohort": cohort,
        "audience_form": audience_form,
    }
    if not audience_form.is_valid():
        return render(request, "cockpit/write.html", context)
    audience = audience_form.cleaned_data
    rows = cockpit_selectors.message_recipients(
        cohort=cohort, audience=audience["audience"], module_id=audience["module"], threshold=audience["threshold"]
    )
    description = cockpit_selectors.audience_description(
        audience=audience["audience"], module=audience_form.module_page, threshold=audience["threshold"]
    )
    if request.method == "POST":
        form = MessageForm(request.POST, rows=rows)
        if form.is_valid():
            try:
                queued = cockpit_services.coordinator_message_send(
                    cohort=cohort,
                    by=request.user,
                    learner_ids=form.cleaned_data["recipients"],
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    token=form.cleaned_data["token"],
                    audience=description,
                )
            except cockpit_services.CockpitError as error:
                if not error.errors:
                    form.add_error(None, error.message)
                for name, message in error.errors.items():
                    form.add_error(name if name in form.fields else None, message)
            else:
                if queued:
                    messages.success(
                        request,
                        ngettext(
                            "Your message is on its way to %(count)d learner.",
                            "Your message is on its way to %(count)d learners.",
                            queued,
                        )
                        % {"count": queued},
                    )
                else:
                    messages.info(request, _("This message had already been sent: it was not sent a second time."))
                return redirect(reverse("cockpit:dashboard", args=[cohort.pk]) + "#messages")
    else:
        form = MessageForm(
            rows=rows,
            initial={"recipients": [row.learner.pk for row in rows], "token": cockpit_services.new_sending_token()},
        )
    context.update({"rows": rows, "description": description, "form": form})
    return render(request, "cockpit/write.html", context)


@login_required
@require_GET
def access_log(request, cohort_id: int, person_id: int):
    """Who read what about one candidate or learner, for the coordinators of the programme."""
    cohort = _cohort_or_404(request, cohort_id)
    person = cockpit_selectors.person_in_cohort(cohort=cohort, person_id=person_id)
    if person is None:
        raise Http404
    records = cockpit_selectors.access_records_for_coordinator(user=request.user, cohort=cohort, person=person)
    page = paginate(request, records)
    return render(
        request,
        "cockpit/access_log.html",
        {
            "page_title": _("Who read what about %(person)s") % {"person": person.full_name or person.email},
            "cohort": cohort,
            "person": person,
            "page": page,
        },
    )


@login_required
@require_GET
def concerns(request, cohort_id: int):
    """The cohort's open concerns, a page at a time (the dashboard shows the first few)."""
    cohort = _cohort_or_404(request, cohort_id)
    form = ConcernFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(
        request,
        cockpit_selectors.cohort_concerns(
            cohort=cohort,
            status=filters.get("status", ""),
            severity=filters.get("severity", ""),
            search=filters.get("q", ""),
        ),
    )
    return render(
        request,
        "cockpit/concerns.html",
        {
            "page_title": _("Open concerns — %(cohort)s") % {"cohort": cohort},
            "cohort": cohort,
            "form": form,
            "page": page,
            "concerns": cockpit_selectors.concern_rows(page.object_list),
        },
    )


# --- Enrolments: defer, withdraw, bring back -------------------------------------------------------------


ACTION_SERVICES = {
    "defer": (cohort_services.enrolment_defer, _("%(name)s's training is paused (deferred).")),
    "withdraw": (cohort_services.enrolment_withdraw, _("%(name)s has withdrawn from the cohort.")),
    "resume": (cohort_services.enrolment_resume, _("%(name)s is back in the cohort.")),
}


@login_required
@require_GET
def enrolments(request, cohort_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    form = EnrolmentFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(
        request,
        cockpit_selectors.cohort_enrolments(
            cohort=cohort, status=filters.get("status", ""), search=filters.get("q", "")
        ),
    )
    return render(
        request,
        "cockpit/enrolments.html",
        {
            "page_title": _("Enrolments — %(cohort)s") % {"cohort": cohort},
            "cohort": cohort,
            "form": form,
            "page": page,
            "enrolments": page.object_list,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrolment(request, cohort_id: int, enrolment_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    enrolment = get_object_or_404(cohort.enrolments.select_related("learner", "cohort__programme"), pk=enrolment_id)
    actions = cohort_selectors.enrolment_available_actions(enrolment=enrolment)
    form = EnrolmentChangeForm(request.POST or None, actions=actions, initial={"action": request.GET.get("action")})
    if request.method == "POST" and form.is_valid():
        service, done = ACTION_SERVICES[form.cleaned_data["action"]]
        reason = form.cleaned_data["reason"]
        try:
            if form.cleaned_data["action"] == "withdraw":
                service(enrolment=enrolment, by=request.user, reason=reason)
            else:
                service(enrolment=enrolment, by=request.user, note=reason)
        except cohort_services.EnrolmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done % {"name": enrolment.learner.full_name or enrolment.learner.email})
            return redirect("cockpit:enrolments", cohort_id=cohort.pk)
    return render(
        request,
        "cockpit/enrolment.html",
        {
            "page_title": enrolment.learner.full_name or enrolment.learner.email,
            "cohort": cohort,
            "enrolment": enrolment,
            "actions": actions,
            "chosen": form["action"].value() if form.is_bound else request.GET.get("action", ""),
            "form": form,
            "history": enrolment.transitions.select_related("by"),
        },
        status=400 if form.is_bound and form.errors else 200,
    )

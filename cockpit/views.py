"""The coordinator's cohort dashboard and "write to the learners who...". Only the cohort's coordinators
(and superusers) reach these pages; anyone else gets a 404, an anonymous visitor the login page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from cockpit import selectors as cockpit_selectors
from cockpit import services as cockpit_services
from cockpit.forms import AudienceForm, MessageForm
from cohorts.access import coordinated_cohort


def _cohort_or_404(request, cohort_id: int):
    return coordinated_cohort(request, cohort_id)


@login_required
@require_GET
def cockpit(request, cohort_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    board = cockpit_selectors.cohort_cockpit(cohort=cohort)
    return render(
        request,
        "cockpit/cockpit.html",
        {
            "page_title": _("Dashboard — %(cohort)s") % {"cohort": cohort},
            "cohort": cohort,
            "board": board,
            "audience_form": AudienceForm(modules=board.modules),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def write(request, cohort_id: int):
    cohort = _cohort_or_404(request, cohort_id)
    board = cockpit_selectors.cohort_cockpit(cohort=cohort)
    data = request.POST if request.method == "POST" else request.GET
    audience_form = AudienceForm(data, modules=board.modules)
    context = {
        "page_title": _("Write to learners — %(cohort)s") % {"cohort": cohort},
        "cohort": cohort,
        "board": board,
        "audience_form": audience_form,
    }
    if not audience_form.is_valid():
        return render(request, "cockpit/write.html", context)
    audience = audience_form.cleaned_data
    rows = cockpit_selectors.message_recipients(
        cockpit=board, audience=audience["audience"], module_id=audience["module"], threshold=audience["threshold"]
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

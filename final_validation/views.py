"""Pages of the final validation. Thin: find what the person may see (404 otherwise), call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attestations import services as attestation_services
from attestations.selectors import verify_url
from cohorts.access import coordinated_cohort as _coordinated_cohort
from cohorts.access import coordinated_or_404
from cohorts.changes import cached_table
from competencies.models import Block
from core import exports as core_exports
from final_validation import exports as validation_exports
from final_validation import selectors as validation_selectors
from final_validation import services as validation_services
from final_validation.attainment import block_decision_history, enrolment_attainment
from final_validation.forms import BlockDecisionForm, DeferralForm, FinalDecisionForm, ThresholdForm
from final_validation.prepared_files import RESULTS_XLSX
from tasks.prepared import prepare

FILTERS = (validation_selectors.ELIGIBLE, validation_selectors.NEARLY, validation_selectors.NOT_YET)


# --- Coordinator ----------------------------------------------------------------------------------------------


@login_required
@require_GET
def cohort_validation(request, cohort_id: int):
    cohort = _coordinated_cohort(request, cohort_id)
    standing = request.GET.get("statut")
    standing = standing if standing in FILTERS else None
    search = request.GET.get("q", "").strip()[:100]

    def learners() -> str:
        validation = validation_selectors.cohort_validation_page(
            cohort=cohort, standing=standing, search=search, page_number=request.GET.get("page")
        )
        filters = [(key, validation_selectors.STANDING_LABELS[key], validation.counts.get(key, 0)) for key in FILTERS]
        context = {
            "cohort": cohort,
            "validation": validation,
            "page": validation.page,
            "standing": standing,
            "search": search,
            "filters": filters,
            "total": validation.total,
        }
        return render_to_string("final_validation/_learners.html", context, request=request)

    return render(
        request,
        "final_validation/cohort_validation.html",
        {
            "page_title": _("Final validation — %(cohort)s") % {"cohort": cohort},
            "cohort": cohort,
            # The same for every coordinator of the cohort, kept until one of its sources changes.
            "learners_table": cached_table("final_validation", cohort_id=cohort.pk, request=request, build=learners),
            "threshold_form": ThresholdForm(initial={"attendance_threshold": cohort.attendance_threshold}),
        },
    )


@login_required
@require_POST
def threshold_update(request, cohort_id: int):
    cohort = _coordinated_cohort(request, cohort_id)
    form = ThresholdForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The attendance threshold is a percentage between 0 and 100."))
    else:
        try:
            validation_services.cohort_attendance_threshold_set(
                cohort=cohort, threshold=form.cleaned_data["attendance_threshold"], by=request.user
            )
        except validation_services.JuryError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The attendance threshold is now %(n)d %%.") % {"n": form.cleaned_data["attendance_threshold"]},
            )
    return redirect("final_validation:cohort", cohort_id=cohort.pk)


@login_required
@require_http_methods(["GET", "POST"])
def learner_decision(request, cohort_id: int, enrolment_id: int):
    enrolment = coordinated_or_404(
        validation_selectors.judged_enrolments().filter(cohort_id=cohort_id), user=request.user, pk=enrolment_id
    )
    history = validation_selectors.decision_history(enrolment=enrolment)
    current = history[0] if history else None
    form = FinalDecisionForm(request.POST or None, has_decision=current is not None)
    if request.method == "POST" and form.is_valid():
        try:
            decision = validation_services.final_decision_record(
                enrolment=enrolment,
                outcome=form.cleaned_data["outcome"],
                jury_date=form.cleaned_data["jury_date"],
                note=form.cleaned_data["note"],
                change_reason=form.cleaned_data.get("change_reason", ""),
                by=request.user,
            )
        except validation_services.JuryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Decision recorded for %(name)s: %(decision)s.")
                % {
                    "name": enrolment.learner.full_name or enrolment.learner.email,
                    "decision": decision.get_outcome_display(),
                },
            )
            return redirect("final_validation:learner", cohort_id=cohort_id, enrolment_id=enrolment.pk)
    eligibility = validation_selectors.enrolment_eligibility(enrolment=enrolment)
    later = validation_selectors.later_cohorts_for_deferral(enrolment=enrolment)
    blocks = [
        (item, BlockDecisionForm(prefix=f"bloc-{item.block.pk}")) for item in enrolment_attainment(enrolment=enrolment)
    ]
    can_defer = current is not None and current.outcome == "deferred" and enrolment.status == "active"
    return render(
        request,
        "final_validation/learner_decision.html",
        {
            "page_title": _("Final validation — %(name)s") % {"name": enrolment.learner.full_name},
            "cohort": enrolment.cohort,
            "enrolment": enrolment,
            "eligibility": eligibility,
            "history": history,
            "current": current,
            "attestation": validation_selectors.live_attestation(enrolment=enrolment),
            "form": form,
            "deferral_form": DeferralForm(cohorts=later) if can_defer and later.exists() else None,
            "can_defer": can_defer,
            "blocks": blocks,
            "block_history": block_decision_history(enrolment=enrolment),
        },
    )


@login_required
@require_POST
def learner_block_decision(request, cohort_id: int, enrolment_id: int, block_id: int):
    enrolment = coordinated_or_404(
        validation_selectors.judged_enrolments().filter(cohort_id=cohort_id), user=request.user, pk=enrolment_id
    )
    block = get_object_or_404(Block, pk=block_id, programme_id=enrolment.cohort.programme_id)
    form = BlockDecisionForm(request.POST, prefix=f"bloc-{block.pk}")
    if not form.is_valid():
        messages.error(
            request, _("Block %(block)s: choose a decision and give the date of the jury.") % {"block": block.code}
        )
    else:
        try:
            decision = validation_services.block_decision_record(
                enrolment=enrolment, block=block, by=request.user, **form.cleaned_data
            )
        except validation_services.JuryError as error:
            messages.error(request, _("Block %(block)s: %(error)s") % {"block": block.code, "error": error})
        else:
            messages.success(
                request,
                _("Block %(block)s: %(decision)s.") % {"block": block.code, "decision": decision.get_outcome_display()},
            )
    return redirect("final_validation:learner", cohort_id=cohort_id, enrolment_id=enrolment.pk)


@login_required
@require_POST
def learner_defer(request, cohort_id: int, enrolment_id: int):
    enrolment = coordinated_or_404(
        validation_selectors.judged_enrolments().filter(cohort_id=cohort_id), user=request.user, pk=enrolment_id
    )
    form = DeferralForm(request.POST, cohorts=validation_selectors.later_cohorts_for_deferral(enrolment=enrolment))
    if not form.is_valid():
        messages.error(request, _("Choose a later cohort of the same programme."))
    else:
        try:
            new = validation_services.enrolment_defer_to_cohort(
                enrolment=enrolment, to_cohort=form.cleaned_data["cohort"], by=request.user
            )
        except validation_services.JuryError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is enrolled in the %(label)s cohort; completed lessons and internship are kept.")
                % {"name": enrolment.learner.full_name or enrolment.learner.email, "label": new.cohort.label},
            )
    return redirect("final_validation:learner", cohort_id=cohort_id, enrolment_id=enrolment.pk)


@login_required
@require_GET
def results_export(request, cohort_id: int, fmt: str):
    """The CSV is streamed; the workbook is built in the background (`final_validation/prepared_files.py`)."""
    cohort = _coordinated_cohort(request, cohort_id)
    columns = request.GET.getlist("columns")
    if fmt == core_exports.XLSX:
        return prepare(request, kind=RESULTS_XLSX, params={"cohort": cohort.pk, "columns": columns})
    return core_exports.export_response(
        fmt=fmt,
        columns=core_exports.columns_chosen(validation_exports.results_columns(), columns),
        items=validation_exports.results_rows(cohort=cohort),
        filename=validation_exports.results_filename(cohort),
        title=_("Final results"),
        reader=request.user,
    )


# --- Attestation ----------------------------------------------------------------------------------------------


@login_required
@require_GET
def attestation_download(request, attestation_id: int):
    """The learner's own attestation, or one of a cohort the person coordinates; anyone else gets a 404."""
    attestation = validation_selectors.attestation_for(user=request.user, attestation_id=attestation_id)
    if attestation is None:
        raise Http404
    pdf = attestation_services.attestation_pdf(
        attestation=attestation,
        verify_url=request.build_absolute_uri(verify_url(attestation.code)),
        base_url=request.build_absolute_uri("/"),
    )
    return core_exports.download(
        pdf, content_type="application/pdf", filename=f"attestation-de-reussite-{attestation.code}.pdf"
    )


# --- Learner --------------------------------------------------------------------------------------------------


@login_required
@require_GET
def my_result(request):
    return render(
        request,
        "final_validation/my_result.html",
        {"page_title": _("My final validation"), "results": validation_selectors.learner_results(user=request.user)},
    )

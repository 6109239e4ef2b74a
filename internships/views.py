"""Thin views: parse, call a service or a selector, render. Anyone without a role on an object gets a 404."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from attestations.selectors import verify_url
from audit.enums import AccessKind
from audit.services import access_record
from cohorts.access import coordinated_cohort
from cohorts.changes import cached_table
from cohorts.models import Cohort
from cohorts.selectors import enrolments_current_for
from core import exports as core_exports
from core.pagination import paginate
from internships import documents, forms, selectors, services
from internships.enums import (
    RUNNING,
    Competency,
    EvaluationKind,
    EvaluationStatus,
    LinkPurpose,
    PlacementStatus,
    SignatureParty,
)
from internships.errors import InternshipError
from internships.exports import overview_columns, overview_filename
from internships.models import Evaluation, TimeEntry, TutorAccessLink
from internships.prepared_files import OVERVIEW_XLSX
from tasks.prepared import prepare


def _placement_for(request, pk):
    placement = get_object_or_404(selectors.placements_visible_to(user=request.user), pk=pk)
    role = selectors.placement_role(user=request.user, placement=placement)
    if role is None:
        raise Http404
    return placement, role


def _fail(request, exc: InternshipError):
    messages.error(request, str(exc))


# --- Learner ---------------------------------------------------------------------------------------


@login_required
def learner_home(request):
    placements = list(selectors.with_hours(selectors.placements_for_learner(user=request.user)))
    can_propose = enrolments_current_for(user=request.user).exists()
    if not placements and not can_propose:
        raise Http404
    return render(
        request,
        "internships/learner_home.html",
        {"page_title": _("My internship"), "placements": placements, "can_propose": can_propose},
    )


@login_required
def propose(request):
    enrolments = enrolments_current_for(user=request.user).select_related("cohort__programme")
    if not enrolments.exists():
        raise Http404
    form = forms.ProposeForm(request.POST or None, enrolments=enrolments)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        tutor = data.pop("tutor")
        try:
            placement = services.placement_propose(by=request.user, host=tutor.host, tutor=tutor, **data)
        except InternshipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your proposal has been sent to your coordinator."))
            for warning in selectors.overlap_warnings(placement=placement):
                messages.warning(request, warning)
            return redirect("internships:detail", pk=placement.pk)
    return render(
        request,
        "internships/form_page.html",
        {
            "page_title": _("Propose a placement"),
            "form": form,
            "intro": _("Describe the placement you have found. Your coordinator will review it, then your tutor."),
            "submit_label": _("Send my proposal"),
            "back": reverse("internships:learner_home"),
        },
    )


# --- Placement page (learner, tutor with an account, coordinator) ----------------------------------


@login_required
def detail(request, pk):
    placement, role = _placement_for(request, pk)
    return render(request, "internships/placement_detail.html", _detail_context(request, placement, role))


def _detail_context(request, placement, role, *, time_form=None) -> dict:
    totals = selectors.placement_hours(placement=placement)
    evaluations = {e.kind: e for e in placement.evaluations.prefetch_related("ratings", "changes")}
    signatures = {s.party: s for s in placement.signatures.filter(amendment__isnull=True)}
    signed_parties = set(signatures)
    next_party = next((p for p in SignatureParty if p not in signed_parties), None)
    concerns = selectors.concerns_visible_to(user=request.user).filter(placement=placement)
    amendment = placement.amendments.filter(status="pending").select_related("new_tutor").first()
    amendment_signed = {s.party for s in amendment.signatures.all()} if amendment else set()
    context = {
        "page_title": _("Placement at %(host)s") % {"host": placement.host.name},
        "placement": placement,
        "role": role,
        "totals": totals,
        "at_risk": selectors.is_at_risk(placement=placement, approved=totals.approved),
        "weeks": selectors.placement_weeks(placement=placement),
        "transitions": placement.transitions.select_related("by_user", "by_tutor"),
        "signatures": [(party, signatures.get(party)) for party in SignatureParty],
        "next_party": next_party,
        "fully_signed": bool(placement.agreements.exists() or next_party is None),
        "evaluations": selectors.evaluation_steps(placement=placement, evaluations=evaluations),
        "concerns": concerns,
        "agreements": placement.agreements.all(),
        "attestation": placement.attestation,
        "warnings": selectors.placement_warnings(placement=placement) if role == "coordinator" else [],
        "links": placement.access_links.all()[:10] if role == "coordinator" else [],
        "is_running": placement.status in RUNNING,
        "time_form": time_form or forms.TimeEntryForm(initial={"date": datetime.date.today()}),
        "signoff_form": forms.WeekSignoffForm(),
        "reason_form": forms.ReasonForm(),
        "outside_form": forms.SignedOutsideForm(),
        "countersign_form": forms.CountersignForm(),
        "S": PlacementStatus,
        "amendment": amendment,
        "amendment_signed": amendment_signed,
        "can_sign_amendment": amendment is not None
        and role not in amendment_signed
        and (role != "tutor" or placement.tutor_id == amendment.original_tutor_id),
        "amendment_form": forms.AmendmentForm(placement=placement)
        if role in ("learner", "coordinator")
        and amendment is None
        and (placement.status in RUNNING or placement.status == PlacementStatus.AGREEMENT_SIGNED)
        else None,
    }
    return context


ACTIONS = {
    # action: (service, needs a reason, success message)
    "approve": None,
    "tutor_approve": (services.placement_approve_by_tutor, False, _("You approved the placement.")),
    "refuse": (services.placement_refuse, True, _("The placement has been refused.")),
    "cancel": (services.placement_cancel, True, _("The placement has been cancelled.")),
    "interrupt": (services.placement_interrupt, True, _("The placement has been interrupted.")),
    "start": (services.placement_start, False, _("The placement has started.")),
    "midpoint": (services.placement_open_midpoint, False, _("The mid-point review is open.")),
    "final": (services.placement_open_final, False, _("The final review is open.")),
    "validate": (services.placement_validate, False, _("The placement is validated; the attestation is ready.")),
    "resend_link": (services.link_resend, False, _("A new link has been sent to the tutor.")),
}


@login_required
@require_POST
def action(request, pk, name):
    placement, _role = _placement_for(request, pk)
    if name not in ACTIONS:
        raise Http404
    try:
        if name == "approve":
            warnings = services.placement_approve_by_coordinator(placement=placement, by=request.user)
            messages.success(
                request, _("You approved the placement. The tutor will receive a link by e-mail within a few minutes.")
            )
            for warning in warnings:
                messages.warning(request, warning)
        else:
            service, needs_reason, success = ACTIONS[name]
            kwargs = {"placement": placement, "by": request.user}
            if needs_reason:
                kwargs["reason"] = request.POST.get("reason", "")
            service(**kwargs)
            messages.success(request, success)
    except InternshipError as exc:
        _fail(request, exc)
    return redirect("internships:detail", pk=placement.pk)


@login_required
@require_POST
def sign(request, pk):
    placement, _role = _placement_for(request, pk)
    try:
        services.placement_sign(placement=placement, by=request.user)
        messages.success(request, _("Thank you, your signature has been recorded."))
    except InternshipError as exc:
        _fail(request, exc)
    return redirect("internships:detail", pk=placement.pk)


@login_required
@require_POST
def amendment_request(request, pk):
    placement, _role = _placement_for(request, pk)
    form = forms.AmendmentForm(request.POST, placement=placement)
    try:
        if not form.is_valid():
            raise InternshipError(" ".join(e for errors in form.errors.values() for e in errors))
        services.amendment_request(placement=placement, by=request.user, **form.cleaned_data)
        messages.success(request, _("The amendment has been requested. Each party will now approve it."))
    except InternshipError as exc:
        _fail(request, exc)
    return redirect("internships:detail", pk=placement.pk)


@login_required
@require_POST
def amendment_sign(request, pk):
    placement, _role = _placement_for(request, pk)
    amendment = get_object_or_404(placement.amendments, status="pending")
    try:
        services.amendment_sign(amendment=amendment, by=request.user)
        messages.success(request, _("Thank you, your approval of the amendment has been recorded."))
    except InternshipError as exc:
        _fail(request, exc)
    return redirect("internships:detail", pk=placement.pk)


@login_required
@require_POST
def signed_outside(request, pk):
    placement, _role = _placement_for(request, pk)
    form = forms.SignedOutsideForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise InternshipError(_("Please attach the signed agreement."))
        services.placement_mark_signed_outside(
            placement=placement, by=request.user, signed_file=form.cleaned_data["signed_file"]
        )
        messages.success(request, _("The signed agreement has been saved."))
    except InternshipError as exc:
        _fail(request, exc)
    return redirect("internships:detail", pk=placement.pk)


@login_required
@require_POST
def log_hours(request, pk):
    """Record a day. A refused entry comes back as typed; a day already recorded is replaced only when asked."""
    placement, role = _placement_for(request, pk)
    form = forms.TimeEntryForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        replace = data.pop("replace")
        existing = TimeEntry.objects.filter(placement=placement, date=data["date"]).first()
        if existing is not None and not replace:
            form.add_error(
                "replace",
                _(
                    "You already recorded %(hours)s h on this day (%(activity)s). Tick the box to replace it, or "
                    "choose another day."
                )
                % {"hours": existing.hours.normalize(), "activity": existing.activity},
            )
        else:
            try:
                entry = services.time_entry_record(placement=placement, by=request.user, **data)
            except InternshipError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Your day has been recorded. Send the week to your tutor when it is complete."),
                )
                week_total = selectors.week_hours(placement=placement, week_start=entry.week_start)
                if week_total > placement.max_weekly_hours:
                    messages.warning(
                        request,
                        _(
                            "This week now counts %(total)s h, more than the %(max)s h per week the agreement "
                            "allows. If it is right, tell your tutor and your coordinator; otherwise correct a day."
                        )
                        % {"total": week_total.normalize(), "max": placement.max_weekly_hours},
                    )
                return redirect(f"{reverse('internships:detail', args=[placement.pk])}#record-day")
    context = _detail_context(request, placement, role, time_form=form)
    return render(request, "internships/placement_detail.html", context, status=400)


@login_required
@require_POST
def submit_week(request, pk, week):
    placement, _role = _placement_for(request, pk)
    try:
        services.week_submit_to_tutor(
            placement=placement, by=request.user, week_start=datetime.date.fromisoformat(week)
        )
        messages.success(
            request, _("Your tutor will receive a link by e-mail within a few minutes to sign off this week.")
        )
    except (InternshipError, ValueError) as exc:
        _fail(request, exc if isinstance(exc, InternshipError) else InternshipError(_("This week is not valid.")))
    return redirect("internships:detail", pk=placement.pk)


@login_required
@require_POST
def sign_off_week(request, pk, week):
    placement, _role = _placement_for(request, pk)
    form = forms.WeekSignoffForm(request.POST)
    try:
        if not form.is_valid():
            raise InternshipError(_("Please choose a decision."))
        services.week_sign_off(
            placement=placement,
            week_start=datetime.date.fromisoformat(week),
            by=request.user,
            **form.cleaned_data,
        )
        messages.success(request, _("Thank you, your decision has been recorded."))
    except InternshipError as exc:
        _fail(request, exc)
    return redirect("internships:detail", pk=placement.pk)


def _evaluation_page(request, *, placement, kind, evaluation, save, action_url, cancel_url, tutor_name=""):
    form = forms.EvaluationForm(request.POST or None, evaluation=evaluation)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            save(
                ratings=form.ratings(),
                general_comment=form.cleaned_data["general_comment"],
                submit=submit,
                reason=form.cleaned_data.get("reason", ""),
            )
        except InternshipError as exc:
            form.add_error(None, str(exc))
        else:
            if cancel_url or not submit:  # from a link, the thank-you page says it instead
                messages.success(request, _("The evaluation has been sent.") if submit else _("Your draft is saved."))
            return None
    return render(
        request,
        "internships/evaluation_form.html",
        {
            "page_title": EvaluationKind(kind).label,
            "placement": placement,
            "kind": kind,
            "form": form,
            "evaluation": evaluation,
            "action_url": action_url,
            "cancel_url": cancel_url,
            "levels": forms.Level.choices,
        },
    )


@login_required
def evaluation_fill(request, pk, kind):
    placement, role = _placement_for(request, pk)
    if kind not in EvaluationKind.values:
        raise Http404
    if (kind == EvaluationKind.SELF) != (role == "learner") or role == "coordinator":
        raise Http404
    evaluation = placement.evaluations.filter(kind=kind).first()

    def save(**kwargs):
        services.evaluation_save(placement=placement, kind=kind, by=request.user, **kwargs)

    response = _evaluation_page(
        request,
        placement=placement,
        kind=kind,
        evaluation=evaluation,
        save=save,
        action_url=request.path,
        cancel_url=reverse("internships:detail", args=[placement.pk]),
    )
    return response or redirect("internships:detail", pk=placement.pk)


@login_required
def evaluation_view(request, pk):
    evaluation = get_object_or_404(Evaluation.objects.select_related("placement"), pk=pk)
    placement, role = _placement_for(request, evaluation.placement_id)
    form = forms.CountersignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_countersign(evaluation=evaluation, by=request.user, **form.cleaned_data)
        except InternshipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you, you have counter-signed the evaluation."))
            return redirect("internships:detail", pk=placement.pk)
    ratings = {r.competency: r for r in evaluation.ratings.all()}
    return render(
        request,
        "internships/evaluation_view.html",
        {
            "page_title": evaluation.get_kind_display(),
            "placement": placement,
            "evaluation": evaluation,
            "rows": [(label, ratings.get(value)) for value, label in Competency.choices],
            "changes": evaluation.changes.select_related("by_user", "by_tutor"),
            "form": form,
            "can_countersign": role == "learner"
            and evaluation.kind != EvaluationKind.SELF
            and evaluation.status == EvaluationStatus.SUBMITTED,
        },
    )


@login_required
def concern_raise(request, pk):
    placement, role = _placement_for(request, pk)
    if role == "coordinator":
        raise Http404
    form = forms.ConcernForm(request.POST or None, for_learner=role == "learner")
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_raise(placement=placement, by=request.user, **form.cleaned_data)
        except InternshipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you for telling us. A coordinator will get back to you soon."))
            return redirect("internships:detail", pk=placement.pk)
    return render(
        request,
        "internships/form_page.html",
        {
            "page_title": _("Share a concern"),
            "form": form,
            "intro": _(
                "Only the coordinators of your cohort will read this. You can talk about the placement, the "
                "team, or how you feel yourself. If you are in danger, call 3114 (free, 24 hours a day)."
            ),
            "submit_label": _("Send to the coordinators"),
            "back": reverse("internships:detail", args=[placement.pk]),
        },
    )


@login_required
def concern_detail(request, pk):
    concern = get_object_or_404(selectors.concerns_visible_to(user=request.user), pk=pk)
    is_coordinator = selectors.user_coordinates_placement(user=request.user, placement=concern.placement)
    form = forms.FollowUpForm(request.POST or None) if is_coordinator else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.concern_follow_up(concern=concern, by=request.user, **form.cleaned_data)
        except InternshipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your note has been recorded."))
            return redirect("internships:concern", pk=concern.pk)
    enrolment = concern.placement.enrolment
    access_record(
        reader=request.user,
        person=enrolment.learner_id,
        kind=AccessKind.CONCERN,
        target=concern,
        cohort_id=enrolment.cohort_id,
        detail=str(concern.get_severity_display()),
    )
    return render(
        request,
        "internships/concern_detail.html",
        {
            "page_title": _("Concern"),
            "concern": concern,
            "follow_ups": concern.follow_ups.select_related("author"),
            "form": form,
        },
    )


def _file_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = core_exports.attachment(filename)
    return response


@login_required
def agreement_pdf(request, pk):
    placement, _role = _placement_for(request, pk)
    stored = placement.agreements.first()
    if stored is not None:
        with stored.file.open("rb") as handle:
            return _file_response(handle.read(), f"convention-stage-{placement.pk}.pdf")
    return _file_response(documents.agreement_pdf(placement=placement), f"convention-stage-{placement.pk}.pdf")


@login_required
def attestation_pdf(request, pk):
    placement, _role = _placement_for(request, pk)
    if placement.attestation_id is None:
        raise Http404
    pdf = documents.attestation_pdf(
        placement=placement, verify_url=request.build_absolute_uri(verify_url(placement.attestation.code))
    )
    return _file_response(pdf, f"attestation-stage-{placement.pk}.pdf")


# --- Tutor -----------------------------------------------------------------------------------------


@login_required
def tutor_home(request):
    tutor = selectors.tutor_for_user(user=request.user)
    if tutor is None:
        raise Http404
    placements = selectors.tutor_page_placements(tutor=tutor)
    return render(
        request,
        "internships/tutor_home.html",
        {
            "page_title": _("My interns"),
            "tutor": tutor,
            "placements": placements,
            "pending": selectors.pending_for_tutor(tutor=tutor, placements=placements),
        },
    )


def link_page(request, token):
    """One page, one action, no account. The link works once, until it expires or is withdrawn."""
    try:
        link = services.link_resolve(token=token)
    except InternshipError as exc:
        return render(
            request, "internships/link_invalid.html", {"page_title": _("Link"), "error": str(exc)}, status=410
        )
    placement = link.placement
    context = {"page_title": link.get_purpose_display(), "link": link, "placement": placement}
    error = None
    try:
        if link.purpose == LinkPurpose.APPROVE_PLACEMENT:
            form = forms.ReasonForm(request.POST or None)
            context["reason_form"] = form
            if request.method == "POST":
                approve = request.POST.get("decision") == "approve"
                services.link_decide_placement(token=token, approve=approve, reason=request.POST.get("reason", ""))
                return _link_done(request, _("Thank you, your answer has been recorded."))
        elif link.purpose == LinkPurpose.SIGN_AGREEMENT:
            context["signatures"] = placement.signatures.filter(amendment__isnull=True)
            if request.method == "POST":
                services.link_sign_agreement(token=token)
                return _link_done(request, _("Thank you, your signature has been recorded."))
        elif link.purpose == LinkPurpose.SIGN_AMENDMENT:
            context["amendment"] = placement.amendments.filter(status="pending").select_related("new_tutor").first()
            if request.method == "POST":
                services.link_sign_amendment(token=token)
                return _link_done(request, _("Thank you, your approval of the amendment has been recorded."))
        elif link.purpose == LinkPurpose.SIGN_OFF_WEEK:
            form = forms.WeekSignoffForm(request.POST or None)
            context["form"] = form
            context["entries"] = placement.time_entries.filter(week_start=link.week_start)
            if request.method == "POST":
                if not form.is_valid():
                    raise InternshipError(_("Please choose a decision."))
                services.link_sign_off_week(token=token, **form.cleaned_data)
                return _link_done(request, _("Thank you, your decision has been recorded."))
        elif link.purpose == LinkPurpose.FILL_EVALUATION:
            evaluation = link.evaluation

            def save(**kwargs):
                services.link_fill_evaluation(token=token, **kwargs)

            response = _evaluation_page(
                request,
                placement=placement,
                kind=evaluation.kind,
                evaluation=evaluation,
                save=save,
                action_url=request.path,
                cancel_url=None,
            )
            if response is None:
                if "submit" in request.POST:
                    return _link_done(request, _("Thank you, the evaluation has been sent to the learner."))
                return redirect("internships:link", token=token)
            return response
    except InternshipError as exc:
        error = str(exc)
    context["error"] = error
    return render(request, "internships/link_page.html", context)


def _link_done(request, message):
    return render(request, "internships/link_done.html", {"page_title": _("Thank you"), "message": message})


@login_required
@require_POST
def link_revoke(request, pk):
    link = get_object_or_404(TutorAccessLink.objects.select_related("placement__enrolment__cohort"), pk=pk)
    if not selectors.user_coordinates_placement(user=request.user, placement=link.placement):
        raise Http404
    services.link_revoke(link=link, by=request.user)
    messages.success(request, _("The link has been withdrawn."))
    return redirect("internships:detail", pk=link.placement_id)


# --- Coordinator -----------------------------------------------------------------------------------


def _coordinated_cohort(request, cohort_pk) -> Cohort:
    return coordinated_cohort(request, cohort_pk)


@login_required
def overview(request, cohort_pk):
    cohort = _coordinated_cohort(request, cohort_pk)
    form = forms.OverviewFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}

    def placements_table() -> str:
        page = paginate(
            request,
            selectors.cohort_placements(
                cohort=cohort,
                status=filters.get("status", ""),
                search=filters.get("q", ""),
                at_risk=filters.get("at_risk", False),
            ),
        )
        context = {"page": page, "rows": selectors.overview_table(page.object_list), "filtered": form.is_bound}
        return render_to_string("internships/_overview_table.html", context, request=request)

    return render(
        request,
        "internships/overview.html",
        {
            "page_title": _("Internships — %(cohort)s") % {"cohort": cohort},
            "cohort": cohort,
            "form": form,
            # The same for every coordinator of the cohort, kept until one of its sources changes.
            "placements_table": cached_table(
                "internships_overview", cohort_id=cohort.pk, request=request, build=placements_table
            ),
            # The person coordinates the cohort (or administers the site): they may read every one of its concerns.
            "concerns": selectors.cohort_open_concerns(cohort=cohort).order_by("-created_at", "-pk"),
            "sessions": cohort.supervision_sessions.select_related("facilitator"),
        },
    )


@login_required
def overview_export(request, cohort_pk, fmt):
    """The CSV is streamed; the workbook is built in the background (`internships/prepared_files.py`)."""
    cohort = _coordinated_cohort(request, cohort_pk)
    if fmt not in (core_exports.CSV, core_exports.XLSX):
        raise Http404
    columns = request.GET.getlist("columns")
    if fmt == core_exports.XLSX:
        return prepare(request, kind=OVERVIEW_XLSX, params={"cohort": cohort.pk, "columns": columns})
    return core_exports.export_response(
        fmt=fmt,
        columns=core_exports.columns_chosen(overview_columns(), columns),
        items=selectors.cohort_overview(cohort=cohort),
        filename=overview_filename(cohort),
        title=_("Internships"),
        reader=request.user,
    )


@login_required
def supervision_new(request, cohort_pk):
    cohort = _coordinated_cohort(request, cohort_pk)

    learners = User.objects.filter(enrolments__cohort=cohort).distinct()
    form = forms.SupervisionForm(request.POST or None, learners=learners)
    if request.method == "POST" and form.is_valid():
        try:
            services.supervision_record(cohort=cohort, by=request.user, **form.cleaned_data)
        except InternshipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The session has been recorded."))
            return redirect("internships:overview", cohort_pk=cohort.pk)
    return render(
        request,
        "internships/form_page.html",
        {
            "page_title": _("Record a supervision or intervision session"),
            "form": form,
            "submit_label": _("Record the session"),
            "back": reverse("internships:overview", args=[cohort.pk]),
        },
    )


@login_required
def concerns_mine(request):
    """Every concern the person may read (a coordinator's cohorts, or the ones they raised), newest first, a page at
    a time: over the years a coordinator's list grows with every cohort."""
    page = paginate(request, selectors.concerns_visible_to(user=request.user).order_by("-created_at", "-pk"))
    return render(
        request,
        "internships/concern_list.html",
        {"page_title": _("Concerns"), "concerns": page.object_list, "page": page},
    )

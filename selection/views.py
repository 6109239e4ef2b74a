"""Pages of the selection: candidates, coordinators (/selection/gestion/) and jury (/selection/jury/).

Views are thin: find what the person may see (404 otherwise), call a service or a selector, render.
"""

import datetime
import mimetypes
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from audit.enums import AccessKind
from audit.selectors import access_records_of
from cohorts.access import coordinated_or_404
from core import exports as core_exports
from core.pagination import paginate
from core.prepared import PreparedQuery
from selection import exports, forms, selectors, services
from selection import messages as selection_messages
from selection.changes import cached_list
from selection.enums import EDITABLE_APPLICATION_STATUSES, ApplicationStatus, OfferStatus
from selection.models import (
    Application,
    ApplicationDocument,
    ApplicationTransition,
    InterviewBooking,
    InterviewSlot,
    JuryAssignment,
    Offer,
    RequiredDocument,
    Review,
    RoundQuestion,
    SelectionRound,
)
from selection.pdf import decision_letter_pdf, dossier_bundle_pdf
from selection.prepared_files import APPLICATIONS_XLSX, LETTERS_BUNDLE
from selection.services import SelectionError
from tasks.prepared import prepare

S = ApplicationStatus


def _fail(request, error: SelectionError) -> None:
    messages.error(request, str(error))


# --- Public call and account --------------------------------------------------------------------------


def round_detail(request, round_id: int):
    selection_round = get_object_or_404(
        SelectionRound.objects.select_related("cohort__programme").prefetch_related(
            Prefetch("required_documents", queryset=RequiredDocument.objects.filter(archived_at__isnull=True))
        ),
        pk=round_id,
        opens_at__lte=timezone.now(),
    )
    return render(
        request,
        "selection/round_detail.html",
        {
            "page_title": selection_round.title,
            "round": selection_round,
            "is_open": selection_round.closes_at > timezone.now(),
        },
    )


def apply(request, round_id: int):
    selection_round = get_object_or_404(SelectionRound, pk=round_id)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_signup')}?next={quote(request.path)}")
    if request.method != "POST":
        return redirect("selection:round", round_id)
    try:
        application = services.application_start(selection_round=selection_round, candidate=request.user)
    except SelectionError as error:
        _fail(request, error)
        return redirect("selection:round", round_id)
    return redirect("selection:dossier_edit", application.pk)


def _safe_next(request, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}):
        return value
    return ""


# --- Candidate ----------------------------------------------------------------------------------------


def _own_application(request, pk: int, *, related: tuple[str, ...] = ()) -> Application:
    return get_object_or_404(
        Application.objects.select_related("selection_round__cohort__programme", *related),
        pk=pk,
        candidate=request.user,
    )


@login_required
def my_applications(request):
    return render(
        request,
        "selection/my_applications.html",
        {
            "page_title": _("My applications"),
            "applications": selectors.applications_of_candidate(user=request.user),
        },
    )


# The candidate's status page asks these on every view (core.prepared): only the ids change. The decision and the
# interview booking come with the dossier (one query instead of three).
_DOSSIER = PreparedQuery(
    lambda pk, candidate: Application.objects.filter(pk=pk, candidate_id=candidate).select_related(
        "selection_round__cohort__programme", "decision", "booking__slot"
    )[:1],
    "pk",
    "candidate",
)
_OFFER = PreparedQuery(
    lambda application: Offer.objects.filter(
        application_id=application, status__in=[OfferStatus.OPEN, OfferStatus.CONFIRMED]
    )[:1],
    "application",
)
_QUESTIONS = PreparedQuery(
    lambda selection_round: RoundQuestion.objects.filter(selection_round_id=selection_round, hidden_at__isnull=True),
    "selection_round",
)
_DOCUMENTS = PreparedQuery(
    lambda application: ApplicationDocument.objects.filter(application_id=application).select_related(
        "required_document"
    ),
    "application",
)
_HISTORY = PreparedQuery(
    lambda application: ApplicationTransition.objects.filter(application_id=application).exclude(
        from_status=S.DRAFT, to_status=S.DRAFT
    ),
    "application",
)


@login_required
def dossier(request, pk: int):
    """The candidate's status page: where the dossier is, and what happens next."""
    found = _DOSSIER(pk=pk, candidate=request.user.pk)
    if not found:
        raise Http404
    application = found[0]
    decision = getattr(application, "decision", None)
    if decision is not None and decision.published_at is None:
        decision = None  # recorded but not published: invisible to the candidate
    offer = next(iter(_OFFER(application=application.pk)), None)
    booking = getattr(application, "booking", None)
    return render(
        request,
        "selection/dossier.html",
        {
            "page_title": _("My dossier"),
            "application": application,
            "next_step": selectors.next_step_for_candidate(application=application),
            "documents": _DOCUMENTS(application=application.pk),
            "answers": forms.DossierForm(
                instance=application, questions=_QUESTIONS(selection_round=application.selection_round_id)
            ).answered(),
            "decision": decision,
            "offer": offer,
            "booking": booking,
            "booking_can_change": booking is not None and selectors.booking_can_change(booking=booking),
            "contact": selection_messages.coordination_contact(application.selection_round),
            "editable": application.status in EDITABLE_APPLICATION_STATUSES,
            "can_withdraw": application.status in services.OPEN_APPLICATION_STATUSES,
            "history": _HISTORY(application=application.pk),
            "reads": access_records_of(target=application)[:20],
        },
    )


def _upload_chosen_files(request, application: Application, *, only_pk: int | None = None) -> None:
    """Upload every file chosen in this POST (one input per required document), with a message for each."""
    for required in application.selection_round.required_documents.filter(archived_at__isnull=True):
        name = f"file-{required.pk}"
        if name not in request.FILES and required.pk != only_pk:
            continue
        form = forms.DocumentForm(files={"file": request.FILES[name]} if name in request.FILES else {})
        if not form.is_valid():
            messages.error(request, f"{required.label} : {form.error_message()}")
            continue
        try:
            services.document_upload(
                application=application,
                required_document=required,
                uploaded_file=form.cleaned_data["file"],
                by=request.user,
            )
            messages.success(request, _("The document “%(label)s” is saved.") % {"label": required.label})
        except SelectionError as error:
            _fail(request, error)


def _dossier_edit_page(request, application: Application, form) -> HttpResponse:
    documents = {d.required_document_id: d for d in application.documents.all()}
    required = [
        (r, documents.get(r.pk))
        for r in application.selection_round.required_documents.filter(archived_at__isnull=True)
    ]
    return render(
        request,
        "selection/dossier_edit.html",
        {
            "page_title": _("My dossier"),
            "application": application,
            "form": form,
            "required": required,
            "round": application.selection_round,
        },
    )


@login_required
def dossier_edit(request, pk: int):
    """The dossier: answers and documents in one form, so that an upload never loses what was typed."""
    application = _own_application(request, pk)
    if application.status not in EDITABLE_APPLICATION_STATUSES:
        messages.info(request, _("This dossier has been sent and can no longer be changed."))
        return redirect("selection:dossier", pk)
    questions = list(application.selection_round.questions.filter(hidden_at__isnull=True))
    form = forms.DossierForm(request.POST or None, instance=application, questions=questions)
    if request.method != "POST":
        return _dossier_edit_page(request, application, form)
    upload_pk = request.POST.get("upload", "")
    if not form.is_valid():
        # The answers stay on the page as typed; the files chosen are still uploaded.
        _upload_chosen_files(request, application, only_pk=int(upload_pk) if upload_pk.isdigit() else None)
        return _dossier_edit_page(request, application, form)
    try:
        services.application_save_draft(application=application, by=request.user, data=form.service_data())
        _upload_chosen_files(request, application, only_pk=int(upload_pk) if upload_pk.isdigit() else None)
        if upload_pk:
            messages.info(request, _("Your answers are saved with the document."))
            return redirect(f"{reverse('selection:dossier_edit', args=[pk])}#document-{upload_pk}")
        if "submit" in request.POST:
            services.application_submit(application=application, by=request.user)
            messages.success(request, _("Your dossier has been sent. Thank you!"))
            return redirect("selection:dossier", pk)
        messages.success(request, _("Your draft is saved. You can come back to it at any time."))
        return redirect("selection:dossier_edit", pk)
    except SelectionError as error:
        _fail(request, error)
    return _dossier_edit_page(request, application, form)


@login_required
@require_POST
def document_upload(request, pk: int, required_pk: int):
    """One document on its own (a form without the answers, e.g. from an older page)."""
    application = _own_application(request, pk)
    required = get_object_or_404(application.selection_round.required_documents, pk=required_pk, archived_at=None)
    form = forms.DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form.error_message())
    else:
        try:
            services.document_upload(
                application=application,
                required_document=required,
                uploaded_file=form.cleaned_data["file"],
                by=request.user,
            )
            messages.success(request, _("The document “%(label)s” is saved.") % {"label": required.label})
        except SelectionError as error:
            _fail(request, error)
    return redirect(f"{reverse('selection:dossier_edit', args=[pk])}#documents")


@login_required
def withdraw(request, pk: int):
    application = _own_application(request, pk)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_withdraw(application=application, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Your application has been withdrawn."))
            return redirect("selection:dossier", pk)
        except SelectionError as error:
            _fail(request, error)
    return render(
        request,
        "selection/withdraw.html",
        {"page_title": _("Withdraw my application"), "application": application, "form": form},
    )


@login_required
def book_interview(request, pk: int):
    application = _own_application(request, pk)
    if request.method == "POST" and not request.POST.get("slot", "").isdigit():
        messages.error(request, _("Please choose a slot."))
    elif request.method == "POST":
        slot = get_object_or_404(InterviewSlot, pk=request.POST["slot"], selection_round=application.selection_round)
        try:
            services.interview_book(application=application, slot=slot, by=request.user)
            messages.success(
                request, _("Your interview is booked. A confirmation e-mail with a calendar file is on its way.")
            )
            return redirect("selection:dossier", pk)
        except SelectionError as error:
            _fail(request, error)
    booking = InterviewBooking.objects.filter(application=application).select_related("slot").first()
    slots = (
        InterviewSlot.objects.filter(selection_round=application.selection_round, starts_at__gt=timezone.now())
        .filter(booking__isnull=True)
        .order_by("starts_at")
    )
    return render(
        request,
        "selection/book_interview.html",
        {
            "page_title": _("Choose an interview slot"),
            "application": application,
            "slots": slots,
            "booking": booking,
            "can_change": booking is not None and selectors.booking_can_change(booking=booking),
            "contact": selection_messages.coordination_contact(application.selection_round),
        },
    )


@login_required
def interview_calendar_file(request, pk: int):
    """The booked interview as an .ics file (the same one as the confirmation e-mail's attachment)."""
    application = _own_application(request, pk)
    bookings = InterviewBooking.objects.select_related("slot__selection_round")
    booking = get_object_or_404(bookings, application=application)
    content = selection_messages.booking_ics(slot=booking.slot, application_id=application.pk)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="entretien.ics"'
    return response


@login_required
def cancel_interview(request, pk: int):
    """Confirm, then cancel the interview booking (until 48 hours before, like moving it)."""
    application = _own_application(request, pk)
    booking = InterviewBooking.objects.filter(application=application).select_related("slot").first()
    if booking is None or application.status != S.INTERVIEW_INVITED:
        messages.info(request, _("There is no interview to cancel for this dossier."))
        return redirect("selection:dossier", pk)
    if request.method == "POST":
        try:
            services.interview_cancel(application=application, by=request.user)
            messages.success(
                request,
                _(
                    "Your interview is cancelled and the slot is free again. An e-mail confirms it. "
                    "You can choose another slot whenever you are ready."
                ),
            )
            return redirect("selection:dossier", pk)
        except SelectionError as error:
            _fail(request, error)
    return render(
        request,
        "selection/cancel_interview.html",
        {
            "page_title": _("Cancel my interview"),
            "application": application,
            "booking": booking,
            "can_change": selectors.booking_can_change(booking=booking),
            "contact": selection_messages.coordination_contact(application.selection_round),
        },
    )


@login_required
@require_POST
def answer_offer(request, pk: int):
    application = _own_application(request, pk)
    offer = Offer.objects.filter(application=application).order_by("-pk").first()
    if offer is None:
        raise Http404
    if offer.status != OfferStatus.OPEN:
        # A second press, an old tab, a back button: say where things stand, calmly.
        answered = {
            OfferStatus.CONFIRMED: _("Your place is already confirmed: there is nothing more to do. Welcome!"),
            OfferStatus.DECLINED: _("You have already answered this offer: you declined the place."),
        }
        messages.info(
            request, answered.get(offer.status, _("This offer can no longer be answered. Your dossier says why."))
        )
        return redirect("selection:dossier", pk)
    try:
        if request.POST.get("answer") == "confirm":
            services.offer_confirm(offer=offer, by=request.user)
            messages.success(request, _("Your place is confirmed. Welcome to the cohort!"))
        elif request.POST.get("answer") == "decline":
            services.offer_decline(offer=offer, by=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Your answer is recorded. Thank you for letting us know."))
        else:
            messages.error(request, _("Please choose an answer."))
    except SelectionError as error:
        _fail(request, error)
    return redirect("selection:dossier", pk)


@login_required
def decision_letter(request, pk: int):

    application = _own_application(request, pk)
    if not hasattr(application, "decision") or application.decision.published_at is None:
        raise Http404
    response = HttpResponse(decision_letter_pdf(application=application), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="decision.pdf"'
    return response


@login_required
def document_file(request, document_pk: int):
    """Serve an uploaded document to those allowed to read the dossier, and log the read."""
    document = get_object_or_404(
        ApplicationDocument.objects.select_related("application__selection_round__cohort", "required_document"),
        pk=document_pk,
    )
    application = document.application
    if not request.user.has_perm("selection.read_dossier_files", application):
        raise Http404
    services.dossier_read_log(
        application=application,
        reader=request.user,
        kind=AccessKind.DOSSIER_FILE,
        detail=f"{document.required_document.label} ({document.original_name})",
    )
    # The stored name carries the extension of the type detected at upload, not the one the sender typed.
    content_type = mimetypes.guess_type(document.file.name)[0] or "application/octet-stream"
    response = FileResponse(
        document.file.open("rb"), content_type=content_type, as_attachment=True, filename=document.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Coordinator ------------------------------------------------------------------------------------------


def _coordinated_round(request, round_id: int) -> SelectionRound:
    return coordinated_or_404(
        SelectionRound.objects.select_related("cohort__programme"), user=request.user, pk=round_id
    )


def _managed_application(request, round_id: int, pk: int) -> tuple[SelectionRound, Application]:
    selection_round = _coordinated_round(request, round_id)
    application = get_object_or_404(
        Application.objects.select_related("candidate", "selection_round__cohort"),
        pk=pk,
        selection_round=selection_round,
    )
    return selection_round, application


@login_required
def manage_rounds(request):
    return render(
        request,
        "selection/manage/rounds.html",
        {"page_title": _("Selection rounds"), "rounds": selectors.rounds_coordinated_by(user=request.user)},
    )


@login_required
def manage_dashboard(request, round_id: int):
    selection_round = _coordinated_round(request, round_id)
    return render(
        request,
        "selection/manage/dashboard.html",
        {
            "page_title": selection_round.title,
            "round": selection_round,
            "dash": selectors.round_dashboard(selection_round=selection_round),
        },
    )


@login_required
def manage_applications(request, round_id: int):
    selection_round = _coordinated_round(request, round_id)
    form = forms.ApplicationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    applications = selectors.round_applications(
        selection_round=selection_round,
        status=filters.get("status", ""),
        departement=filters.get("departement", ""),
        search=filters.get("q", ""),
    )

    def table():
        page = paginate(request, selectors.applications_for_round(applications), counted=applications)
        rows = selectors.application_rows(page.object_list, selection_round=selection_round)
        return render_to_string(
            "selection/manage/_applications_table.html", {"applications": rows, "page": page}, request=request
        )

    return render(
        request,
        "selection/manage/applications.html",
        {
            "page_title": _("Applications"),
            "round": selection_round,
            # What every coordinator of the round sees alike, kept under the round's version (selection.changes).
            "table": cached_list(round_id=selection_round.pk, request=request, build=table),
            "form": form,
        },
    )


@login_required
def manage_application(request, round_id: int, pk: int):
    selection_round, application = _managed_application(request, round_id, pk)
    services.dossier_read_log(application=application, reader=request.user, kind=AccessKind.DOSSIER)
    jury_ids = services._jury_ids(selection_round)
    assigned = JuryAssignment.objects.filter(application=application).select_related("reviewer")
    conflicts = {c.reviewer_id for c in application.conflicts.all()}
    decision = getattr(application, "decision", None)
    return render(
        request,
        "selection/manage/application.html",
        {
            "page_title": application.candidate.full_name if application.candidate else application.reference,
            "round": selection_round,
            "application": application,
            "view": selectors.dossier_view(application=application, viewer=request.user),
            "documents": application.documents.select_related("required_document", "checked_by"),
            "check_form": forms.DocumentCheckForm(),
            "history": selectors.transitions_for(application=application),
            "assigned": [(a, a.reviewer_id in conflicts) for a in assigned],
            "jury": User.objects.filter(pk__in=jury_ids).exclude(pk__in=[a.reviewer_id for a in assigned]),
            "reviews": Review.objects.filter(application=application, submitted_at__isnull=False)
            .select_related("reviewer")
            .prefetch_related("scores"),
            "decision": decision,
            "decision_form": forms.DecisionForm(
                initial={"outcome": decision.outcome, "rank": decision.rank, "reason": decision.reason}
                if decision
                else None
            ),
            "booking": InterviewBooking.objects.filter(application=application).select_related("slot").first(),
            "reads": access_records_of(target=application)[:20],
            "offers": selectors.offers_with_history(application=application),
            "can_assign": application.status in (S.COMPLETE, S.UNDER_REVIEW, S.INTERVIEW_INVITED, S.INTERVIEWED),
            "can_decide": application.status in (S.UNDER_REVIEW, S.INTERVIEWED, S.DELIBERATED)
            and not (decision and decision.published_at),
            "can_withdraw": application.status in services.OPEN_APPLICATION_STATUSES,
        },
    )


@login_required
@require_POST
def manage_action(request, round_id: int, pk: int, action: str):
    """The coordinator's actions on one dossier; each one a service call."""
    _round, application = _managed_application(request, round_id, pk)
    back = redirect("selection:manage_application", round_id, pk)
    for key in ("document", "reviewer"):
        if key in request.POST and not request.POST[key].isdigit():
            raise Http404
    try:
        if action == "check":
            document = get_object_or_404(application.documents, pk=request.POST.get("document"))
            form = forms.DocumentCheckForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Please choose validate or ask for another document."))
                return back
            services.document_check(
                document=document,
                by=request.user,
                validated=form.cleaned_data["validated"],
                comment=form.cleaned_data["comment"],
            )
            messages.success(request, _("Document checked."))
        elif action == "check-done":
            services.application_check_done(application=application, by=request.user)
            messages.success(
                request, _("Document check finished: %(status)s.") % {"status": application.get_status_display()}
            )
        elif action == "assign":
            reviewer = get_object_or_404(User, pk=request.POST.get("reviewer"))
            services.jury_assign(application=application, reviewer=reviewer, by=request.user)
            messages.success(request, _("Jury member assigned."))
        elif action == "invite":
            services.interview_invite(application=application, by=request.user)
            messages.success(request, _("The candidate is invited to book an interview."))
        elif action == "interviewed":
            services.interview_record(application=application, by=request.user, note=request.POST.get("note", ""))
            messages.success(request, _("Interview recorded."))
        elif action == "decide":
            form = forms.DecisionForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Please choose a decision."))
                return back
            services.decision_record(
                application=application,
                by=request.user,
                outcome=form.cleaned_data["outcome"],
                rank=form.cleaned_data["rank"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Decision recorded. It stays invisible until the jury president publishes."))
        elif action == "withdraw":
            services.application_withdraw(
                application=application, by=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("The application is withdrawn."))
        else:
            raise Http404
    except SelectionError as error:
        _fail(request, error)
    return back


@login_required
def manage_dossier_pdf(request, round_id: int, pk: int):

    _round, application = _managed_application(request, round_id, pk)
    services.dossier_read_log(application=application, reader=request.user, kind=AccessKind.DOSSIER_PDF)
    view = selectors.dossier_view(application=application, viewer=request.user)
    response = HttpResponse(dossier_bundle_pdf(application=application, view=view), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="dossier-{application.reference}.pdf"'
    return response


@login_required
def manage_jury(request, round_id: int):
    selection_round = _coordinated_round(request, round_id)
    if request.method == "POST":
        try:
            created = services.jury_assign_balanced(selection_round=selection_round, by=request.user)
            messages.success(request, _("%(n)s assignment(s) made.") % {"n": created})
        except SelectionError as error:
            _fail(request, error)
        return redirect("selection:manage_jury", round_id)
    jury = User.objects.filter(pk__in=services._jury_ids(selection_round)).order_by("last_name")
    form = forms.JuryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(
        request,
        selectors.jury_board(
            selection_round=selection_round,
            status=filters.get("status", ""),
            missing=filters.get("missing", False),
            search=filters.get("q", ""),
        ),
    )
    return render(
        request,
        "selection/manage/jury.html",
        {
            "page_title": _("Jury"),
            "round": selection_round,
            "jury": jury,
            "applications": page.object_list,
            "page": page,
            "form": form,
        },
    )


@login_required
def manage_slots(request, round_id: int):
    selection_round = _coordinated_round(request, round_id)
    jury = User.objects.filter(pk__in=services._jury_ids(selection_round))
    form = forms.SlotForm(request.POST or None, jury=jury)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.slot_create(
                selection_round=selection_round,
                by=request.user,
                starts_at=data["starts_at"],
                ends_at=data["starts_at"] + datetime.timedelta(minutes=data["duration"]),
                place=data["place"],
                jury=list(data["jury"]),
            )
            messages.success(request, _("Slot added."))
            return redirect("selection:manage_slots", round_id)
        except SelectionError as error:
            _fail(request, error)
    slots = (
        InterviewSlot.objects.filter(selection_round=selection_round)
        .select_related("booking__application__candidate")
        .prefetch_related("jury")
    )
    invited = Application.objects.filter(selection_round=selection_round, status=S.INTERVIEW_INVITED).select_related(
        "candidate"
    )
    return render(
        request,
        "selection/manage/slots.html",
        {"page_title": _("Interviews"), "round": selection_round, "form": form, "slots": slots, "invited": invited},
    )


# The ranking page names this many of the decisions waiting for publication; the rest are counted.
PENDING_SHOWN = 20


def _ranking_round(request, round_id: int) -> SelectionRound:
    """The ranking board is for the round's coordinators and its jury president."""
    selection_round = get_object_or_404(SelectionRound.objects.select_related("cohort"), pk=round_id)
    if request.user.has_perm("selection.view_ranking", selection_round):
        return selection_round
    raise Http404


@login_required
def ranking(request, round_id: int):
    selection_round = _ranking_round(request, round_id)
    if request.method == "POST":
        try:
            count = services.decisions_publish(selection_round=selection_round, by=request.user)
            messages.success(
                request, _("%(n)s decision(s) published. Each candidate receives a letter.") % {"n": count}
            )
        except SelectionError as error:
            _fail(request, error)
        return redirect("selection:ranking", round_id)
    pending = (
        Application.objects.filter(selection_round=selection_round, status=S.DELIBERATED)
        .select_related("candidate", "decision")
        .order_by("decision__outcome", "decision__rank", "pk")
    )
    # The first lines and the count: a large round may hold a thousand decisions before publication, which the
    # ranking above lists page by page (its "Decision" filter).
    pending_shown = list(pending[:PENDING_SHOWN])
    pending_count = len(pending_shown) if len(pending_shown) < PENDING_SHOWN else pending.count()
    form = forms.RankingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page, reviewed = selectors.ranking_page(
        selection_round=selection_round,
        outcome=filters.get("outcome", ""),
        search=filters.get("q", ""),
        page_number=request.GET.get("page"),
    )
    return render(
        request,
        "selection/manage/ranking.html",
        {
            "page_title": _("Ranking and decisions"),
            "round": selection_round,
            "rows": page.object_list,
            "page": page,
            "reviewed": reviewed,
            "form": form,
            "pending": pending_shown,
            "pending_more": pending_count - len(pending_shown),
            "warnings": selectors.publication_warnings(selection_round=selection_round),
            "published_count": selectors.published_decisions(selection_round=selection_round).count(),
            "is_president": request.user.has_perm("selection.publish_decisions", selection_round),
            "is_coordinator": request.user.has_perm("selection.manage_round", selection_round),
        },
    )


@login_required
def decision_letters_bundle(request, round_id: int):
    """Every published decision letter of the round in one PDF, to print or to archive."""

    selection_round = _ranking_round(request, round_id)
    if not selectors.published_decisions(selection_round=selection_round).exists():
        messages.info(request, _("No decision is published yet: the letters will be here once they are."))
        return redirect("selection:ranking", round_id)
    return prepare(request, kind=LETTERS_BUNDLE, params={"round": selection_round.pk})


@login_required
def manage_export(request, round_id: int):
    selection_round = _coordinated_round(request, round_id)
    columns = exports.columns_for(selection_round)
    chosen = request.GET.getlist("columns")
    fmt = request.GET.get("format")
    if chosen and fmt == core_exports.XLSX:  # built in the background (selection/prepared_files.py)
        return prepare(request, kind=APPLICATIONS_XLSX, params={"round": selection_round.pk, "columns": chosen})
    if chosen and fmt == core_exports.CSV:
        applications = exports.applications_of(selection_round)
        return core_exports.export_response(
            fmt=fmt,
            columns=core_exports.columns_chosen(columns, chosen),
            items=applications,
            filename=exports.applications_filename(selection_round),
            title="Candidatures",
            reader=request.user,
            record=exports.reads_recorder(selection_round, applications, columns),
        )
    return render(
        request,
        "selection/manage/export.html",
        {
            "page_title": _("Export the applications"),
            "round": selection_round,
            "plain": [c for c in columns if not c.sensitive],
            "sensitive": [c for c in columns if c.sensitive],
        },
    )


# --- Jury -------------------------------------------------------------------------------------------------


@login_required
def jury_home(request):
    rounds = list(selectors.rounds_judged_by(user=request.user).order_by("pk"))
    form = forms.JuryHomeFilterForm(request.GET or None, rounds=rounds)
    filters = form.cleaned_data if form.is_valid() else {}
    chosen = [r for r in rounds if str(r.pk) == filters.get("round")] or rounds
    page = paginate(
        request, selectors.dossiers_assigned_to(reviewer=request.user, rounds=chosen, state=filters.get("state", ""))
    )
    return render(
        request,
        "selection/jury/home.html",
        {
            "page_title": _("My dossiers to review"),
            "rounds": selectors.jury_rounds_summary(reviewer=request.user, rounds=rounds),
            "form": form,
            "page": page,
            "applications": page.object_list,
        },
    )


def _jury_application(request, pk: int) -> Application:
    application = get_object_or_404(Application.objects.select_related("selection_round__cohort", "candidate"), pk=pk)
    if not request.user.has_perm("selection.review_dossier", application):
        raise Http404
    return application


@login_required
def jury_review(request, pk: int):
    application = _jury_application(request, pk)
    criteria = list(application.selection_round.criteria.all())
    review = Review.objects.filter(application=application, reviewer=request.user).prefetch_related("scores").first()
    if request.method == "POST":
        scores = {}
        for criterion in criteria:
            raw = request.POST.get(f"criterion_{criterion.pk}", "").strip()
            if raw:
                try:
                    scores[criterion.pk] = int(raw)
                except ValueError:
                    scores[criterion.pk] = -1
        try:
            services.review_save(
                application=application,
                reviewer=request.user,
                scores=scores,
                comment=request.POST.get("comment", ""),
                submit="submit" in request.POST,
            )
            messages.success(request, _("Your review is saved."))
            return redirect("selection:jury_review", pk)
        except SelectionError as error:
            _fail(request, error)
    services.dossier_read_log(application=application, reader=request.user, kind=AccessKind.DOSSIER)
    current = {s.criterion_id: s.score for s in review.scores.all()} if review else {}
    others_visible = selectors.others_reviews_visible(application=application, viewer=request.user)
    others = (
        Review.objects.filter(application=application, submitted_at__isnull=False)
        .exclude(reviewer=request.user)
        .select_related("reviewer")
        .prefetch_related("scores")
        if others_visible
        else Review.objects.none()
    )
    booking = InterviewBooking.objects.filter(application=application).select_related("slot").first()
    return render(
        request,
        "selection/jury/review.html",
        {
            "page_title": _("Review a dossier"),
            "application": application,
            "view": selectors.dossier_view(application=application, viewer=request.user),
            "documents": application.documents.select_related("required_document"),
            "criteria": [(c, current.get(c.pk, "")) for c in criteria],
            "review": review,
            "others": [(r, selectors.weighted_total(r, criteria)) for r in others],
            "others_visible": others_visible,
            "booking": booking,
            "can_review": application.status in selectors.REVIEWABLE,
            "in_interview_jury": booking is not None and booking.slot.jury.filter(pk=request.user.pk).exists(),
        },
    )


@login_required
@require_POST
def jury_conflict(request, pk: int):
    application = _jury_application(request, pk)
    services.conflict_declare(application=application, reviewer=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, _("Thank you. You are no longer a reviewer of this dossier."))
    return redirect("selection:jury_home")


@login_required
@require_POST
def jury_interviewed(request, pk: int):
    application = get_object_or_404(Application.objects.distinct(), pk=pk, booking__slot__jury=request.user)
    try:
        services.interview_record(application=application, by=request.user, note=request.POST.get("note", ""))
        messages.success(request, _("Interview recorded."))
    except SelectionError as error:
        _fail(request, error)
    return redirect("selection:jury_review", pk)


# --- Round settings -----------------------------------------------------------------------------------------


@login_required
def round_create(request):
    cohorts = selectors.cohorts_coordinated_by(user=request.user)
    if not cohorts.exists():
        raise Http404
    form = forms.RoundForm(request.POST or None, cohorts=cohorts)
    if request.method == "POST" and form.is_valid():
        try:
            selection_round = services.round_save(
                selection_round=form.save(commit=False),
                by=request.user,
                president=form.cleaned_data["president_email"],
                jury=form.cleaned_data["jury_emails"],
            )
            messages.success(request, _("The round is created. Now add the documents, questions and criteria."))
            return redirect("selection:round_settings", selection_round.pk)
        except SelectionError as error:
            _fail(request, error)
    return render(request, "selection/manage/round_form.html", {"page_title": _("New selection round"), "form": form})


SETTING_FORMS = {
    "document": forms.RequiredDocumentForm,
    "criterion": forms.CriterionForm,
    "question": forms.QuestionForm,
}


def _setting_items(selection_round: SelectionRound) -> dict[str, list]:
    return {
        "document": list(selection_round.required_documents.all()),
        "criterion": list(selection_round.criteria.all()),
        "question": list(selection_round.questions.all()),
    }


def _round_setting_post(request, selection_round: SelectionRound, kind: str, items: dict[str, list], bound: dict):
    """One add / edit / remove / restore of a document, criterion or question. True when done."""
    action = request.POST.get("action", "add")
    form_class = SETTING_FORMS[kind]
    if action == "add":
        form = form_class(request.POST, prefix=kind)
        bound[kind] = form
        if form.is_valid():
            services.round_setting_add(selection_round=selection_round, by=request.user, item=form.save(commit=False))
            messages.success(request, _("Added."))
            return True
        return False
    item_pk = request.POST.get("item", "")
    item = next((i for i in items[kind] if str(i.pk) == item_pk), None)
    if item is None:
        raise Http404
    if action == "edit":
        form = form_class(request.POST, instance=item, prefix=f"{kind}-{item.pk}")
        bound[f"{kind}-{item.pk}"] = form
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form_class.Meta.fields}
            services.round_setting_update(selection_round=selection_round, by=request.user, item=item, data=data)
            messages.success(request, _("Changes saved."))
            return True
        return False
    if action == "remove":
        done = services.round_setting_remove(selection_round=selection_round, by=request.user, item=item)
        if done == "archived" and kind == "document":
            messages.success(
                request,
                _(
                    "Candidates have already sent this document, so it is kept with their dossiers; "
                    "it is simply no longer asked for."
                ),
            )
        elif done == "archived":
            messages.success(
                request, _("Candidates have already answered this question: it is hidden and their answers are kept.")
            )
        else:
            messages.success(request, _("Removed."))
        return True
    if action == "restore":
        services.round_setting_restore(selection_round=selection_round, by=request.user, item=item)
        messages.success(request, _("It is asked again."))
        return True
    raise Http404


@login_required
def round_settings(request, round_id: int):
    selection_round = _coordinated_round(request, round_id)
    cohorts = selectors.cohorts_coordinated_by(user=request.user)
    kind = request.POST.get("kind", "round")
    form = forms.RoundForm(
        request.POST if kind == "round" and request.method == "POST" else None,
        instance=selection_round,
        cohorts=cohorts,
    )
    items = _setting_items(selection_round)
    bound: dict = {}
    if request.method == "POST":
        try:
            if kind == "round" and form.is_valid():
                services.round_save(
                    selection_round=form.save(commit=False),
                    by=request.user,
                    president=form.cleaned_data["president_email"],
                    jury=form.cleaned_data["jury_emails"],
                )
                messages.success(request, _("The round's settings are saved."))
                return redirect("selection:round_settings", round_id)
            if kind in SETTING_FORMS and _round_setting_post(request, selection_round, kind, items, bound):
                return redirect(f"{reverse('selection:round_settings', args=[round_id])}#{kind}s")
        except (SelectionError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        items = _setting_items(selection_round)  # a bound edit form wrote its values into the item in memory
    setting_forms = {key: bound.get(key) or cls(prefix=key) for key, cls in SETTING_FORMS.items()}
    usage = selectors.round_setting_usage(selection_round=selection_round)
    rows = {
        key: [
            (
                item,
                bound.get(f"{key}-{item.pk}") or SETTING_FORMS[key](instance=item, prefix=f"{key}-{item.pk}"),
                usage[key].get(item.pk, 0),
            )
            for item in items[key]
        ]
        for key in SETTING_FORMS
    }
    return render(
        request,
        "selection/manage/round_settings.html",
        {
            "page_title": _("Round settings"),
            "round": selection_round,
            "form": form,
            "setting_forms": setting_forms,
            "documents": rows["document"],
            "criteria": rows["criterion"],
            "questions": rows["question"],
            "open_form": next(iter(bound), ""),
            "changes": selection_round.setting_changes.select_related("by")[:30],
        },
    )


@login_required
def jury_dossier_pdf(request, pk: int):
    """The dossier as a PDF for an assigned reviewer (anonymous while the first reading is)."""

    application = _jury_application(request, pk)
    services.dossier_read_log(application=application, reader=request.user, kind=AccessKind.DOSSIER_PDF)
    view = selectors.dossier_view(application=application, viewer=request.user)
    response = HttpResponse(dossier_bundle_pdf(application=application, view=view), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="dossier-{application.reference}.pdf"'
    return response

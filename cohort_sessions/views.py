"""Pages of the cohort calendar. Thin: find what the person may see (404 otherwise), call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from cohort_sessions import exports as calendar_exports
from cohort_sessions import selectors as calendar_selectors
from cohort_sessions import services as calendar_services
from cohort_sessions.forms import AttendanceForm, SessionForm
from cohort_sessions.ical import calendar_for
from cohort_sessions.models import CohortSession
from cohort_sessions.prepared_files import ATTENDANCE_SHEET, ROSTER_XLSX
from cohorts.access import coordinated_cohort as _coordinated_cohort
from cohorts.access import coordinated_or_404
from cohorts.selectors import cohorts_coordinated_by
from core import exports as core_exports
from core.pagination import paginate
from tasks.prepared import prepare

SESSION_INITIAL_FIELDS = ("title", "date", "starts_at", "ends_at", "mode", "place", "video_url", "speakers", "notes")


def _coordinated_session(request, session_id: int) -> CohortSession:
    return coordinated_or_404(
        CohortSession.objects.select_related("cohort", "cohort__programme"), user=request.user, pk=session_id
    )


def _apply_errors(form, error: calendar_services.CalendarError) -> None:
    if not error.errors:
        form.add_error(None, error.message)
    for name, message in error.errors.items():
        form.add_error(name if name in form.fields else None, message)


# --- Coordinator ----------------------------------------------------------------------------------------


@login_required
@require_GET
def cohort_list(request):
    """The cohorts this person coordinates, whatever their programme."""
    cohorts = list(cohorts_coordinated_by(user=request.user).select_related("programme").order_by("-starts_on"))
    if not cohorts:
        raise Http404
    return render(
        request, "cohort_sessions/cohort_list.html", {"page_title": _("Cohort calendars"), "cohorts": cohorts}
    )


@login_required
@require_GET
def cohort_calendar(request, cohort_id: int):
    cohort = _coordinated_cohort(request, cohort_id)
    upcoming, past = calendar_selectors.split_past_upcoming(calendar_selectors.sessions_for_cohort(cohort=cohort))
    roster = calendar_selectors.cohort_roster(cohort=cohort, include_inactive=False)
    return render(
        request,
        "cohort_sessions/cohort_calendar.html",
        {
            "page_title": _("Calendar of %(cohort)s") % {"cohort": cohort},
            "cohort": cohort,
            "upcoming": upcoming,
            "past": past,
            "roster": roster,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request, cohort_id: int):
    cohort = _coordinated_cohort(request, cohort_id)
    form = SessionForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            session = calendar_services.session_create(cohort=cohort, **form.cleaned_data)
        except calendar_services.CalendarError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request, _("The session “%(title)s” was added to the calendar.") % {"title": session.title}
            )
            return redirect("cohort_sessions:cohort", cohort_id=cohort.pk)
    return render(
        request,
        "cohort_sessions/session_form.html",
        {"page_title": _("New session"), "cohort": cohort, "form": form, "session": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, session_id: int):
    session = _coordinated_session(request, session_id)
    cohort = session.cohort
    initial = {name: getattr(session, name) for name in SESSION_INITIAL_FIELDS}
    initial["modules"] = list(session.modules.all())
    form = SessionForm(request.POST or None, cohort=cohort, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        modules = data.pop("modules")
        try:
            changes = calendar_services.session_update(session=session, modules=modules, **data)
        except calendar_services.CalendarError as error:
            _apply_errors(form, error)
        else:
            if changes:
                messages.success(
                    request, _("The session was updated. Its learners will receive an e-mail about the change.")
                )
            else:
                messages.success(request, _("The session was saved."))
            return redirect("cohort_sessions:cohort", cohort_id=cohort.pk)
    return render(
        request,
        "cohort_sessions/session_form.html",
        {"page_title": _("Edit the session"), "cohort": cohort, "form": form, "session": session},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_attendance(request, session_id: int):
    session = _coordinated_session(request, session_id)
    search = request.GET.get("q", "").strip()[:100]
    # One page of the register at a time: saving records the learners of the page shown, and only them.
    page = paginate(request, calendar_selectors.session_learners(session=session, search=search))
    rows = calendar_selectors.session_register(session=session, enrolments=page.object_list)
    form = AttendanceForm(request.POST or None, rows=rows)
    can_record = session.date <= timezone.localdate()
    if request.method == "POST" and form.is_valid():
        try:
            calendar_services.attendance_record_session(session=session, by=request.user, entries=form.entries())
        except calendar_services.CalendarError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Attendance saved for “%(title)s”.") % {"title": session.title})
            if page.has_next():
                query = request.GET.copy()
                query["page"] = page.next_page_number()
                return redirect(f"{request.path}?{query.urlencode()}")
            return redirect("cohort_sessions:cohort", cohort_id=session.cohort_id)
    return render(
        request,
        "cohort_sessions/attendance_form.html",
        {
            "page_title": _("Attendance — %(title)s") % {"title": session.title},
            "session": session,
            "cohort": session.cohort,
            "form": form,
            "page": page,
            "search": search,
            "can_record": can_record,
            "recorded": calendar_selectors.session_has_attendance(session=session),
        },
    )


@login_required
@require_GET
def attendance_sheet(request, session_id: int, fmt: str):
    """The sheet to sign (PDF) and the workbook are built in the background (a cohort may hold thousands of people);
    the CSV is streamed."""
    session = _coordinated_session(request, session_id)
    columns = request.GET.getlist("columns")
    if fmt in ("pdf", core_exports.XLSX):
        params = {"session": session.pk, "fmt": fmt, "columns": columns}
        return prepare(request, kind=ATTENDANCE_SHEET, params=params)
    return core_exports.export_response(
        fmt=fmt,
        columns=core_exports.columns_chosen(calendar_exports.attendance_sheet_columns(), columns),
        items=calendar_exports.attendance_sheet_rows(session=session),
        filename=calendar_exports.attendance_sheet_name(session),
        title=_("Attendance"),
        reader=request.user,
    )


@login_required
@require_GET
def cohort_roster(request, cohort_id: int, fmt: str):
    """The CSV is streamed; the workbook is built in the background (`cohort_sessions/prepared_files.py`)."""
    cohort = _coordinated_cohort(request, cohort_id)
    columns = request.GET.getlist("columns")
    if fmt == core_exports.XLSX:
        return prepare(request, kind=ROSTER_XLSX, params={"cohort": cohort.pk, "columns": columns})
    return core_exports.export_response(
        fmt=fmt,
        columns=core_exports.columns_chosen(calendar_exports.roster_columns(), columns),
        items=calendar_selectors.cohort_roster(cohort=cohort),
        filename=calendar_exports.roster_name(cohort),
        title=_("Roster"),
        reader=request.user,
    )


# --- Learner --------------------------------------------------------------------------------------------


@login_required
@require_GET
def my_sessions(request):
    upcoming, past = calendar_selectors.split_past_upcoming(calendar_selectors.sessions_for_learner(user=request.user))
    return render(
        request,
        "cohort_sessions/my_sessions.html",
        {"page_title": _("My sessions"), "upcoming": upcoming, "past": past},
    )


@login_required
@require_GET
def my_attendance(request):
    return render(
        request,
        "cohort_sessions/my_attendance.html",
        {
            "page_title": _("My attendance"),
            "histories": calendar_selectors.learner_attendance_history(user=request.user),
        },
    )


@login_required
@require_GET
def session_ics(request, session_id: int):
    """One session as an .ics file, to add it to a calendar by hand."""
    session = calendar_selectors.session_visible_to(user=request.user, session_id=session_id)
    if session is None:
        raise Http404
    response = HttpResponse(calendar_for([session], name=session.title), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="regroupement-{session.date:%Y-%m-%d}.ics"'
    return response


# --- Private calendar address ---------------------------------------------------------------------------

FEED_SESSION_KEY = "calendar_feed_new_token"


@login_required
@require_GET
@never_cache
def feed_settings(request):
    """Where a person gets, copies, regenerates or turns off their private calendar address.

    Only the token's hash is kept, so the full address can be shown only right after it is created.
    """
    raw = request.session.pop(FEED_SESSION_KEY, None)
    feed_url = request.build_absolute_uri(reverse("cohort_sessions:feed", args=[raw])) if raw else None
    return render(
        request,
        "cohort_sessions/feed_settings.html",
        {
            "page_title": _("Subscribe to my calendar"),
            "live_token": calendar_selectors.feed_token_live_for(user=request.user),
            "feed_url": feed_url,
        },
    )


@login_required
@require_POST
def feed_regenerate(request):
    request.session[FEED_SESSION_KEY] = calendar_services.feed_token_regenerate(user=request.user)
    messages.success(request, _("Your new calendar address is ready. Any previous address no longer works."))
    return redirect("cohort_sessions:feed-settings")


@login_required
@require_POST
def feed_revoke(request):
    calendar_services.feed_token_revoke(user=request.user)
    messages.success(request, _("Your calendar address was turned off. Calendars using it will stop updating."))
    return redirect("cohort_sessions:feed-settings")


@require_safe  # calendar applications may check the address with HEAD first
def feed(request, token: str):
    """The private feed, fetched by calendar applications without a login. Unknown or revoked: 404."""
    owner = calendar_selectors.feed_owner_for_token(raw_token=token)
    if owner is None:
        raise Http404
    body = calendar_for(calendar_selectors.sessions_for_feed(user=owner), name=_("Peer-support training sessions"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response

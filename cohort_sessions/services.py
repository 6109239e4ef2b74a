"""Writes for the cohort calendar: sessions, attendance registers, calendar-feed addresses."""

import datetime
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohort_sessions.enums import AttendanceStatus
from cohort_sessions.models import Attendance, CalendarFeedToken, CohortSession
from cohort_sessions.tasks import notify_session_changed
from cohorts.changes import cohort_changed
from cohorts.enums import EnrolmentStatus
from cohorts.models import Cohort, Enrolment


class CalendarError(Exception):
    """A calendar or attendance action that cannot be done; the message is shown to the person as is.

    `errors` optionally maps a field (or "status_<learner id>" / "reason_<learner id>") to its message.
    """

    def __init__(self, message: str, *, errors: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


# Fields whose change the learners must hear about (and that calendar applications must refresh).
NOTIFIED_FIELDS = ("date", "starts_at", "ends_at", "mode", "place", "video_url")
SESSION_FIELDS = ("title", "date", "starts_at", "ends_at", "mode", "place", "video_url", "speakers", "notes")


def _check_modules(*, cohort: Cohort, modules) -> list:
    modules = list(modules or [])
    programme = cohort.programme
    for page in modules:
        if not page.is_descendant_of(programme):
            raise CalendarError(
                _("“%(page)s” is not a module of this programme.") % {"page": page.title},
                errors={"modules": _("Choose modules of this programme only.")},
            )
    return modules


def _validate(session: CohortSession) -> None:
    try:
        session.full_clean(exclude=["modules"])
    except ValidationError as exc:
        errors = {name: " ".join(str(m) for m in messages) for name, messages in exc.message_dict.items()}
        raise CalendarError(_("Please correct the session details."), errors=errors) from exc


def _check_session_rules(session: CohortSession) -> None:
    """The database constraints, checked first so that the person gets a clear sentence."""
    errors = {}
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        errors["ends_at"] = _("The session must end after it starts.")
    if session.mode != "remote" and not session.place.strip():
        errors["place"] = _("Give the place of an in-person or hybrid session.")
    if session.mode != "in_person" and not session.video_url.strip():
        errors["video_url"] = _("Give the video link of a remote or hybrid session.")
    if errors:
        raise CalendarError(_("Please correct the session details."), errors=errors)


@transaction.atomic
def session_create(
    *,
    cohort: Cohort,
    title: str,
    date: datetime.date,
    starts_at: datetime.time,
    ends_at: datetime.time,
    mode: str,
    place: str = "",
    video_url: str = "",
    speakers: str = "",
    notes: str = "",
    modules=(),
) -> CohortSession:
    """Add a session to a cohort's calendar. Learners see it at once (pages and calendar feeds)."""
    session = CohortSession(
        cohort=cohort,
        title=title.strip(),
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        mode=mode,
        place=place.strip(),
        video_url=video_url.strip(),
        speakers=speakers.strip(),
        notes=notes.strip(),
    )
    _check_session_rules(session)
    _validate(session)
    modules = _check_modules(cohort=cohort, modules=modules)
    session.save()
    session.modules.set(modules)
    cohort_changed(cohort_ids=[session.cohort_id])
    return session


def _display(field_name: str, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return str(value)


@transaction.atomic
def session_update(*, session: CohortSession, modules=None, **values) -> dict[str, list[str]]:
    """Change a session. Returns the notified changes {field: [old, new]} (empty when none).

    Any change bumps the iCalendar SEQUENCE. When the date, times, format, place or link of a session
    that has not yet taken place change, its cohort's active learners are told by e-mail after commit.
    """
    unknown = set(values) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown session fields: {sorted(unknown)}")
    session = CohortSession.objects.select_for_update().get(pk=session.pk)
    before = {name: getattr(session, name) for name in SESSION_FIELDS}
    for name, value in values.items():
        setattr(session, name, value.strip() if isinstance(value, str) else value)
    _check_session_rules(session)
    _validate(session)
    changed = [name for name in SESSION_FIELDS if getattr(session, name) != before[name]]
    module_ids_before = set(session.modules.values_list("pk", flat=True))
    new_modules = None
    if modules is not None:
        new_modules = _check_modules(cohort=session.cohort, modules=modules)
        if {m.pk for m in new_modules} != module_ids_before:
            changed.append("modules")
    if not changed:
        return {}
    session.sequence += 1
    session.save()
    cohort_changed(cohort_ids=[session.cohort_id])
    if new_modules is not None:
        session.modules.set(new_modules)
    notified = {
        name: [_display(name, before[name]), _display(name, getattr(session, name))]
        for name in NOTIFIED_FIELDS
        if name in changed
    }
    is_ahead = max(before["date"], session.date) >= timezone.localdate()
    if notified and is_ahead:
        notify_session_changed.delay_on_commit(session.pk, notified)
    return notified


@dataclass(frozen=True)
class AttendanceEntry:
    learner_id: int
    status: str
    reason: str = ""


@transaction.atomic
def attendance_record_session(*, session: CohortSession, by, entries: list[AttendanceEntry]) -> int:
    """Record (or correct) the register of a whole session at once. All or nothing.

    Every entry must be an active learner of the session's cohort; an excused absence needs a reason.
    The session must have started (attendance of a future session cannot be known). Returns how many
    rows were written.
    """
    if session.date > timezone.localdate():
        raise CalendarError(_("Attendance can be recorded from the day of the session."))
    active = set(
        Enrolment.objects.filter(cohort_id=session.cohort_id, status=EnrolmentStatus.ACTIVE).values_list(
            "learner_id", flat=True
        )
    )
    errors: dict[str, str] = {}
    seen = set()
    for entry in entries:
        if entry.learner_id not in active or entry.learner_id in seen:
            raise CalendarError(_("The register lists someone who is not an active learner of this cohort."))
        seen.add(entry.learner_id)
        if entry.status not in AttendanceStatus.values:
            errors[f"status_{entry.learner_id}"] = _("Choose a status.")
        elif entry.status == AttendanceStatus.EXCUSED and not entry.reason.strip():
            errors[f"reason_{entry.learner_id}"] = _("Give the reason for this excused absence.")
    if errors:
        raise CalendarError(_("Some lines of the register need attention."), errors=errors)
    # Lock the session so that two coordinators saving at once do not interleave their registers.
    CohortSession.objects.select_for_update().filter(pk=session.pk).first()
    existing = {a.learner_id: a for a in Attendance.objects.filter(session=session, learner_id__in=seen)}
    to_create, to_update = [], []
    now = timezone.now()
    for entry in entries:
        reason = entry.reason.strip() if entry.status == AttendanceStatus.EXCUSED else ""
        row = existing.get(entry.learner_id)
        if row is None:
            to_create.append(
                Attendance(
                    session=session, learner_id=entry.learner_id, status=entry.status, reason=reason, recorded_by=by
                )
            )
        elif row.status != entry.status or row.reason != reason:
            row.status, row.reason, row.recorded_by, row.recorded_at = entry.status, reason, by, now
            to_update.append(row)
    Attendance.objects.bulk_create(to_create)
    Attendance.objects.bulk_update(to_update, ["status", "reason", "recorded_by", "recorded_at"])
    cohort_changed(cohort_ids=[session.cohort_id])
    return len(to_create) + len(to_update)


@transaction.atomic
def feed_token_regenerate(*, user) -> str:
    """Revoke the person's calendar address (if any) and create a new one. Returns the raw token, once."""
    feed_token_revoke(user=user)
    raw = secrets.token_urlsafe(32)
    CalendarFeedToken.objects.create(user=user, token_hash=CalendarFeedToken.hash_token(raw))
    return raw


@transaction.atomic
def feed_token_revoke(*, user) -> int:
    """The person's calendar address stops working at once. Returns how many tokens were revoked."""
    return CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
